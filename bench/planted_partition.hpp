#pragma once
// The benchmark networks: seeded planted-partition graphs written as CSV edge lists, the same
// bytes for the same parameters on every machine (std::mt19937_64 and integer arithmetic only).

#include <cstdint>
#include <filesystem>
#include <string>

namespace clusterscope::bench {

struct PlantedPartition {
  std::int64_t stakeholders = 20'000;
  std::int64_t ties = 200'000;
  std::int64_t communities = 100;
  double mixing = 0.2;  ///< share of ties that leave their community (μ)
  std::uint64_t seed = 1;
};

/// Writes `source,target,weight` with ids "n<k>", weights 1–5, no self-loops or repeated pairs.
/// Returns the path written (also the community of each stakeholder, as `<name>.truth.csv`).
void write_planted_partition(const PlantedPartition& p, const std::filesystem::path& edges_csv);

}  // namespace clusterscope::bench
