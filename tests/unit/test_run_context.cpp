// The run context (clusterscope/core/run.hpp): one default seed, the seed streams, and the tasks
// helper the report encoding runs on (core/parallel.hpp).
#include <atomic>
#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <stdexcept>
#include <vector>

#include "clusterscope/communities/communities.hpp"
#include "clusterscope/core/parallel.hpp"
#include "clusterscope/core/run.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"

using namespace clusterscope;

TEST_CASE("Run context: every option struct defaults to the one default seed", "[run]") {
  CHECK(core::default_seed == 42);
  CHECK(core::RunContext{}.seed == core::default_seed);
  CHECK(metrics::MetricOptions{}.seed == core::default_seed);
  CHECK(metrics::PathOptions{}.seed == core::default_seed);
  CHECK(layout::LayoutOptions{}.seed == core::default_seed);
  CHECK(communities::CommunityOptions{}.seed == core::default_seed);
}

TEST_CASE("Seed streams: SplitMix64 values as the Python reference computes them", "[run]") {
  // tests/fixtures/brokerage/make_reference.py's stream_seed(seed, stream, index), the same
  // arithmetic written independently in Python:
  //   stream_seed(42, 1, 0) = 6332618229526065668, stream_seed(42, 5, 0) = 10476127714420245461,
  //   stream_seed(2024, 6, 0) = 3632831053692537737, stream_seed(0, 7, 3) = 15536253563734373442.
  CHECK(core::stream_seed(42, core::SeedStream::community_runs) == 6332618229526065668ULL);
  CHECK(core::stream_seed(42, core::SeedStream::permutation_test) == 10476127714420245461ULL);
  CHECK(core::stream_seed(2024, core::SeedStream::sampled_sources) == 3632831053692537737ULL);
  CHECK(core::stream_seed(0, core::SeedStream::eigenvector, 3) == 15536253563734373442ULL);
  // The communities' run seeds are stream 1 of the same family.
  for (const std::int32_t run : {0, 1, 49})
    CHECK(communities::run_seed(7, run) ==
          core::stream_seed(7, core::SeedStream::community_runs, static_cast<std::uint64_t>(run)));
  const core::RunContext run{2024, 1};
  CHECK(run.stream(core::SeedStream::sampled_sources) == 3632831053692537737ULL);
}

TEST_CASE("Seed streams: no two consumers of one seed share a seed", "[run]") {
  const std::vector<core::SeedStream> streams = {
      core::SeedStream::community_runs,   core::SeedStream::community_consensus,
      core::SeedStream::null_rewire,      core::SeedStream::null_run,
      core::SeedStream::permutation_test, core::SeedStream::sampled_sources,
      core::SeedStream::eigenvector};
  std::set<std::uint64_t> seen;
  std::size_t drawn = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed)
    for (const core::SeedStream s : streams)
      for (std::uint64_t index = 0; index < 3; ++index) {
        seen.insert(core::stream_seed(seed, s, index));
        ++drawn;
      }
  CHECK(seen.size() == drawn);
  // And none equals the raw seed, which is what each consumer used before the streams.
  for (std::uint64_t seed = 0; seed < 200; ++seed)
    CHECK(seen.count(seed) == 0);
}

TEST_CASE("run_tasks runs every task once and in order on one worker", "[run][parallel]") {
  std::vector<int> order;
  std::vector<std::function<void()>> tasks;
  for (int i = 0; i < 5; ++i)
    tasks.emplace_back([&order, i] { order.push_back(i); });
  core::run_tasks(1, tasks);
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
  order.clear();
  core::run_tasks(0, tasks);  // 0 workers: the calling thread, as 1
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
  core::run_tasks(2, {});  // no tasks: nothing to do
}

TEST_CASE("run_tasks on two workers: each task once, the first failure rethrown after all ran",
          "[run][parallel]") {
  std::vector<std::atomic<int>> runs(40);
  std::vector<std::function<void()>> tasks;
  for (std::size_t i = 0; i < runs.size(); ++i)
    tasks.emplace_back([&runs, i] {
      ++runs[i];
      if (i == 7 || i == 30) throw std::runtime_error("task " + std::to_string(i));
    });
  CHECK_THROWS_WITH(core::run_tasks(2, tasks), "task 7");
  for (const std::atomic<int>& r : runs)
    CHECK(r.load() == 1);
}
