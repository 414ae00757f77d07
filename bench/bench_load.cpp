// Load benchmark: generates (once) a planted-partition CSV edge list and times load_network on
// it in this process. Usage: bench_load <ties> [<folder>]; prints one table row.
// Run through bench/run_load.sh, which also times python-igraph on the same file.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "clusterscope/io/load.hpp"
#include "planted_partition.hpp"

int main(int argc, char** argv) {
  using namespace clusterscope;
  if (argc < 2) {
    std::cerr << "usage: bench_load <ties> [folder]\n";
    return 2;
  }
  const std::int64_t ties = std::stoll(argv[1]);
  const std::filesystem::path folder = argc > 2 ? argv[2] : "bench/results";
  std::filesystem::create_directories(folder);
  const std::filesystem::path file = folder / ("planted-" + std::to_string(ties) + ".csv");
  if (!std::filesystem::exists(file)) {
    bench::PlantedPartition p;
    p.ties = ties;
    p.stakeholders = ties / 10;
    p.communities = std::max<std::int64_t>(1, p.stakeholders / 200);
    bench::write_planted_partition(p, file);
  }
  if (argc > 3 && std::string(argv[3]) == "--generate-only") return 0;
  Diagnostics diagnostics;
  const auto start = std::chrono::steady_clock::now();
  const Network network = io::load_network(file, io::LoadOptions{}, diagnostics);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%-28s %10zu %10zu %9.3f %10.1f\n", "load CSV (clusterscope)", network.stakeholders.size(),
              network.ties.size(), seconds, static_cast<double>(usage.ru_maxrss) / 1024.0);
  return diagnostics.has_errors() ? 1 : 0;
}
