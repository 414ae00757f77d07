#pragma once
// The benchmark networks: seeded planted-partition graphs written as CSV edge lists, the same
// bytes for the same parameters on every machine (std::mt19937_64 and integer arithmetic only).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "clusterscope/model/network.hpp"

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

/// The planted community of every stakeholder of `network` from a `<name>.truth.csv` written by
/// write_planted_partition (`missing` for a stakeholder the file does not list). Throws
/// std::runtime_error when the file cannot be read.
std::vector<std::int32_t> read_planted_truth(const Network& network, const std::filesystem::path& truth_csv,
                                             std::int32_t missing = -1);

/// This process's peak resident memory so far, MiB (getrusage ru_maxrss): each bench runs one
/// stage per process, so this is that stage's peak.
double peak_mib();

}  // namespace clusterscope::bench
