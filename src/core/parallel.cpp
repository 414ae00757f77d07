#include "clusterscope/core/parallel.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <vector>

namespace clusterscope::core {

void run_workers(unsigned workers, const std::function<void(unsigned)>& work) {
  if (workers <= 1) {
    work(0);
    return;
  }
  std::vector<std::exception_ptr> errors(workers);
  const int team = static_cast<int>(workers);
#pragma omp parallel num_threads(team)
  {
    const int size = omp_get_num_threads();
    for (int t = omp_get_thread_num(); t < team; t += size) {
      try {
        work(static_cast<unsigned>(t));
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = std::current_exception();
      }
    }
  }
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

void run_tasks(unsigned workers, const std::vector<std::function<void()>>& tasks) {
  std::vector<std::exception_ptr> errors(tasks.size());
  std::atomic<std::size_t> next{0};
  const auto team = static_cast<unsigned>(std::min<std::size_t>(std::max(workers, 1U), tasks.size()));
  run_workers(team, [&](unsigned) {
    for (std::size_t k = next++; k < tasks.size(); k = next++) {
      try {
        tasks[k]();
      } catch (...) {
        errors[k] = std::current_exception();
      }
    }
  });
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace clusterscope::core
