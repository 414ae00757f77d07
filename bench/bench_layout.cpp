// Layout benchmark: loads a planted-partition CSV edge list, times one layout in this process and
// reports the intra/inter edge-length ratio against the planted truth (<file>.truth.csv; lower =
// communities better apart, ~1 for a random layout).
//
// Usage:
//   bench_layout <file.csv> --algorithm fa2|fr|kk|drl|grouped [--threads T] [--iterations N]
//                [--linlog] [--seed S]
// grouped uses the planted truth as its communities. Only the layout is timed (loading the file
// and aggregating is not, as for the peers). One algorithm per process, so that the peak memory
// (getrusage ru_maxrss) is that run's. Prints one table row: stage, stakeholders, ties, seconds,
// peak MiB, note. Run through bench/run_layout.sh, which also times python-igraph's DrL and
// graph-tool's sfdp on the same file.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "clusterscope/io/load.hpp"
#include "clusterscope/layout/layout.hpp"
#include "planted_partition.hpp"

namespace {

using namespace clusterscope;

double peak_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) {
      std::cerr << "usage: bench_layout <file.csv> --algorithm fa2|fr|kk|drl|grouped [--threads T] "
                   "[--iterations N] [--linlog] [--seed S]\n";
      return 2;
    }
    const std::filesystem::path file = argv[1];
    layout::LayoutOptions options;
    for (int i = 2; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--linlog") {
        options.linlog = true;
        continue;
      }
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      const std::string value = argv[++i];
      if (arg == "--algorithm") {
        options.algorithm = layout::parse_algorithm(value);
      } else if (arg == "--threads") {
        options.threads = static_cast<unsigned>(std::stoul(value));
      } else if (arg == "--iterations") {
        options.iterations = std::stoi(value);
      } else if (arg == "--seed") {
        options.seed = std::stoull(value);
      } else {
        throw std::invalid_argument("unknown option " + arg);
      }
    }
    Diagnostics diagnostics;
    const Network network = io::load_network(file, io::LoadOptions{}, diagnostics);
    const std::vector<std::int32_t> truth =
        bench::read_planted_truth(network, file.string() + ".truth.csv", 0);
    const Partition communities = Partition::canonical(std::vector<std::int64_t>(truth.begin(), truth.end()));
    options.communities = &communities;
    const auto start = std::chrono::steady_clock::now();
    const Layout l = layout::compute_layout(network, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double ratio = layout::intra_inter_ratio(network, l, truth);
    std::ostringstream note;
    note.setf(std::ios::fixed);
    note.precision(4);
    note << "intra/inter " << ratio << ", threads "
         << (options.threads == 0 ? std::string("all") : std::to_string(options.threads));
    if (options.linlog) note << ", linlog";
    const std::string stage = layout::algorithm_name(options.algorithm) + " (ours)";
    std::printf("%-32s %8zu %9zu %9.3f %9.1f  %s\n", stage.c_str(), network.stakeholders.size(),
                network.ties.size(), seconds, peak_mib(), note.str().c_str());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_layout: " << e.what() << '\n';
    return 1;
  }
}
