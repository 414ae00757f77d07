#pragma once
// How many workers a requested thread count makes (--threads), shared by every parallel stage.

#include <algorithm>
#include <thread>

namespace clusterscope {

/// Workers for a requested thread count: 0 means one per core; more workers than cores only add
/// memory (each holds its own buffers), never speed, so the count is clamped to
/// [1, hardware_concurrency]. No result depends on it.
inline unsigned worker_count(unsigned requested) {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  return requested == 0 ? cores : std::clamp(requested, 1U, cores);
}

}  // namespace clusterscope
