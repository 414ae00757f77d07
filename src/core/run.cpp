// Seed streams (clusterscope/core/run.hpp).
#include "clusterscope/core/run.hpp"

namespace clusterscope::core {

namespace {
constexpr std::uint64_t golden = 0x9E3779B97F4A7C15ULL;
}

std::uint64_t splitmix(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t stream_seed(std::uint64_t seed, SeedStream stream, std::uint64_t index) noexcept {
  const std::uint64_t start = splitmix(seed + static_cast<std::uint64_t>(stream) * golden);
  return splitmix(start + (index + 1) * golden);
}

}  // namespace clusterscope::core
