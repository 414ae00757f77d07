// Path-centrality benchmark: generates (once) a planted-partition CSV edge list, loads it, and
// times metrics::path_centralities on it in this process (weighted, length = 1/weight).
//
// Usage:
//   bench_paths <ties> [folder] [--stage all|betweenness|closeness] [--mode auto|exact|sampled]
//               [--threads T] [--samples K] [--unweighted] [--generate-only]
//   --unweighted: ignore the weights (every tie length 1: breadth-first kernels).
//   bench_paths --planted <stakeholders> <ties> <communities> <seed> <out.csv>
// One stage per process, so that the peak memory (getrusage ru_maxrss) is that stage's. Prints
// one table row: stage, stakeholders, ties, mode, kernel, threads, seconds, peak MiB.
// Stages: all = betweenness + closeness + harmonic in one pass (one search per source serves all
// three); betweenness = betweenness only; closeness = closeness + harmonic (+ reachable) only.
// Run through bench/run_paths.sh, which also times python-igraph and graph-tool on the same file.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include "clusterscope/io/load.hpp"
#include "clusterscope/metrics/paths.hpp"
#include "planted_partition.hpp"

namespace {

using clusterscope::bench::peak_mib;

}  // namespace

int main(int argc, char** argv) {
  using namespace clusterscope;
  try {
    if (argc == 7 && std::string(argv[1]) == "--planted") {
      bench::PlantedPartition p;
      p.stakeholders = std::stoll(argv[2]);
      p.ties = std::stoll(argv[3]);
      p.communities = std::stoll(argv[4]);
      p.seed = std::stoull(argv[5]);
      bench::write_planted_partition(p, argv[6]);
      return 0;
    }
    if (argc < 2) {
      std::cerr
          << "usage: bench_paths <ties> [folder] [--stage all|betweenness|closeness] "
             "[--mode auto|exact|sampled] [--threads T] [--samples K] [--unweighted] [--generate-only]\n";
      return 2;
    }
    const std::int64_t ties = std::stoll(argv[1]);
    std::filesystem::path folder = "bench/results";
    std::string stage = "all";
    std::string mode = "auto";
    metrics::PathOptions options;
    bool generate_only = false;
    bool unweighted = false;
    for (int i = 2; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--stage") {
        stage = value();
      } else if (arg == "--mode") {
        mode = value();
      } else if (arg == "--threads") {
        options.threads = static_cast<unsigned>(std::stoul(value()));
      } else if (arg == "--samples") {
        options.samples = std::stoull(value());
      } else if (arg == "--unweighted") {
        unweighted = true;
      } else if (arg == "--generate-only") {
        generate_only = true;
      } else {
        folder = arg;
      }
    }
    std::filesystem::create_directories(folder);
    // Same file and parameters as bench_load: ties/10 stakeholders, communities of 200.
    const std::filesystem::path file = folder / ("planted-" + std::to_string(ties) + ".csv");
    if (!std::filesystem::exists(file)) {
      bench::PlantedPartition p;
      p.ties = ties;
      p.stakeholders = ties / 10;
      p.communities = std::max<std::int64_t>(1, p.stakeholders / 200);
      bench::write_planted_partition(p, file);
    }
    if (generate_only) return 0;

    if (mode == "exact") {
      options.mode = metrics::PathOptions::Mode::exact;
    } else if (mode == "sampled") {
      options.mode = metrics::PathOptions::Mode::sampled;
    } else if (mode != "auto") {
      throw std::invalid_argument("unknown --mode " + mode);
    }
    if (stage == "betweenness") {
      options.closeness = false;
    } else if (stage == "closeness") {
      options.betweenness = false;
    } else if (stage != "all") {
      throw std::invalid_argument("unknown --stage " + stage);
    }

    Diagnostics diagnostics;
    const Network network = io::load_network(file, io::LoadOptions{}, diagnostics);
    const metrics::CsrGraph g = metrics::make_csr(
        static_cast<std::int32_t>(network.size()), aggregate_ties(network), network.directed,
        unweighted ? metrics::WeightMeaning::none : metrics::WeightMeaning::strength);

    const auto start = std::chrono::steady_clock::now();
    const metrics::PathCentralities result = metrics::path_centralities(g, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const std::string label = std::string(stage == "all"           ? "betw+clos+harm"
                                          : stage == "betweenness" ? "betweenness"
                                                                   : "closeness+harm") +
                              (unweighted ? " unw" : "") + " (ours)";
    const std::string how = result.sampled ? "sampled k=" + std::to_string(result.sources) : "exact";
    const unsigned threads =
        options.threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : options.threads;
    std::printf("%-26s %8zu %9zu %-16s %-8s %3u %9.3f %9.1f\n", label.c_str(), network.stakeholders.size(),
                network.ties.size(), how.c_str(), result.kernel.c_str(), threads, seconds, peak_mib());
    if (result.sampled && options.betweenness) {
      std::printf("  sampled betweenness: ±%.4g for every vertex with probability ≥ %.2f\n",
                  result.error_bound, 1.0 - options.failure_probability);
    }
    return diagnostics.has_errors() ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_paths: " << e.what() << '\n';
    return 1;
  }
}
