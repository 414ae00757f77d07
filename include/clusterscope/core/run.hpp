#pragma once
// The run context (docs/ARCHITECTURE.md, "Run context"): the seed and the thread count of one
// run, resolved once from --seed and --threads and handed to every stage, and the seed streams —
// every consumer of randomness draws its own stream from the one seed, so no two of them see the
// same random numbers and adding draws to one never shifts another.

#include <cstdint>

#include "clusterscope/core/threads.hpp"

namespace clusterscope::core {

/// The seed of every command when --seed is not given (recorded in every output that depends on it).
inline constexpr std::uint64_t default_seed = 42;

/// The seed streams, one per consumer of randomness. Numbers are part of the output contract:
/// changing one changes that consumer's results for every seed.
enum class SeedStream : std::uint64_t {
  community_runs = 1,       ///< run r of the community ensemble (index r)
  community_consensus = 2,  ///< run i of the consensus iterations
  null_rewire = 3,          ///< rewiring of null network i
  null_run = 4,             ///< detection on null network i
  permutation_test = 5,     ///< the E-I permutation test's shuffles
  sampled_sources = 6,      ///< the sources of sampled betweenness
  eigenvector = 7,          ///< ARPACK's start vector (eigenvector centrality)
  evaluation_sample = 8,    ///< the queries a recommendation evaluation samples
  uptake_baseline = 9,      ///< the referrals an uptake baseline samples
};
// Layouts draw from their own family, splitmix(seed + γ·(salt + 1)) per salt (src/layout/layout.cpp).

/// Output `index` + 1 of SplitMix64 (Steele, Lea & Flood 2014) started from
/// mix(seed + stream·γ), γ = 0x9E3779B97F4A7C15.
std::uint64_t stream_seed(std::uint64_t seed, SeedStream stream, std::uint64_t index = 0) noexcept;

/// SplitMix64's output function.
std::uint64_t splitmix(std::uint64_t z) noexcept;

/// Seed and threads of one run. threads 0: one worker per core.
struct RunContext {
  std::uint64_t seed = default_seed;
  unsigned threads = 0;

  /// The workers a parallel stage uses: worker_count(threads).
  [[nodiscard]] unsigned workers() const { return worker_count(threads); }
  [[nodiscard]] std::uint64_t stream(SeedStream s, std::uint64_t index = 0) const noexcept {
    return stream_seed(seed, s, index);
  }
};

}  // namespace clusterscope::core
