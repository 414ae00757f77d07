#pragma once
// Work in parallel on a team of OpenMP threads (GCC's libgomp, which igraph links as well), used by
// ForceAtlas2, the figure drawing and the report encoding. The path kernels keep their own
// std::thread workers: on an OpenMP team they run about 20 % slower — `metrics --betweenness exact`
// of the 20,000 / 200,000 benchmark network, 2 cores: 15.1–16.0 s wall, 28–30 s user on std::thread
// against 18.8–19.0 s wall, 36 s user on the team. The extra is CPU time, not waiting; libgomp's
// spinning is part of it (OMP_WAIT_POLICY=passive: 17.8 s), the rest is not yet explained. Results
// never depend on the team's size: every caller partitions its work into fixed blocks or pulls
// items whose results land in fixed places, and sums in a fixed order afterwards.

#include <functional>
#include <vector>

namespace clusterscope::core {

/// Runs work(0) … work(workers − 1), each on a thread of one OpenMP team (the calling thread is
/// one of them), and returns when all are done. workers ≤ 1 runs work(0) on the calling thread.
/// Should OpenMP grant fewer threads than asked, the remaining indices run on the team's threads
/// in turn, so every index runs exactly once. An exception thrown by any work(t) is rethrown here
/// (the one of the lowest t), after all have finished.
void run_workers(unsigned workers, const std::function<void(unsigned)>& work);

/// Runs every task once on up to `workers` threads of one team (run_workers), each worker taking
/// the next task in list order; workers ≤ 1 runs them in order on the calling thread. An
/// exception thrown by a task is rethrown here (the one of the first such task), after all tasks
/// have run.
void run_tasks(unsigned workers, const std::vector<std::function<void()>>& tasks);

}  // namespace clusterscope::core
