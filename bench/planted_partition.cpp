#include "planted_partition.hpp"

#include <sys/resource.h>

#include <fstream>
#include <random>
#include <stdexcept>
#include <unordered_set>

namespace clusterscope::bench {

void write_planted_partition(const PlantedPartition& p, const std::filesystem::path& edges_csv) {
  if (p.communities < 1 || p.stakeholders < 2 * p.communities)
    throw std::invalid_argument("too few stakeholders");
  std::mt19937_64 rng(p.seed);
  const std::int64_t per = p.stakeholders / p.communities;
  const auto community = [&](std::int64_t v) { return std::min(v / per, p.communities - 1); };
  const auto uniform = [&](std::int64_t n) {
    return static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(n));
  };
  const auto mixing_threshold = static_cast<std::uint64_t>(p.mixing * 1'000'000.0);
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(static_cast<std::size_t>(p.ties) * 2);
  std::ofstream out(edges_csv, std::ios::binary);
  out << "source,target,weight\n";
  std::int64_t written = 0;
  while (written < p.ties) {
    const std::int64_t a = uniform(p.stakeholders);
    std::int64_t b = 0;
    if (rng() % 1'000'000 < mixing_threshold) {
      b = uniform(p.stakeholders);
    } else {
      const std::int64_t c = community(a);
      const std::int64_t first = c * per;
      const std::int64_t size = c == p.communities - 1 ? p.stakeholders - first : per;
      b = first + uniform(size);
    }
    if (a == b) continue;
    const auto lo = static_cast<std::uint64_t>(std::min(a, b));
    const auto hi = static_cast<std::uint64_t>(std::max(a, b));
    if (!seen.insert(lo << 32 | hi).second) continue;
    out << 'n' << a << ",n" << b << ',' << 1 + uniform(5) << '\n';
    ++written;
  }
  std::ofstream truth(edges_csv.string() + ".truth.csv", std::ios::binary);
  truth << "id,community\n";
  for (std::int64_t v = 0; v < p.stakeholders; ++v)
    truth << 'n' << v << ',' << community(v) << '\n';
}

std::vector<std::int32_t> read_planted_truth(const Network& network, const std::filesystem::path& truth_csv,
                                             std::int32_t missing) {
  std::ifstream in(truth_csv);
  if (!in) throw std::runtime_error("cannot read " + truth_csv.string());
  std::vector<std::int32_t> truth(network.size(), missing);
  std::string line;
  std::getline(in, line);  // header: id,community
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    const auto v = network.find(line.substr(0, comma));
    if (v) truth[static_cast<std::size_t>(*v)] = std::stoi(line.substr(comma + 1));
  }
  return truth;
}

double peak_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace clusterscope::bench
