#pragma once
// Path-based centralities — betweenness, closeness, harmonic — exact or from sampled sources,
// multi-threaded, in pure C++ (igraph 0.10 is not thread-safe, so it is not used at run time).
// Results equal igraph 0.10.2's igraph_betweenness / igraph_closeness / igraph_harmonic_centrality
// (tests/unit/test_paths.cpp checks every vertex against python-igraph to 1e-9).

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "clusterscope/core/names.hpp"
#include "clusterscope/core/run.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::metrics {

/// Compact adjacency (CSR) built from aggregated edges; undirected edges are stored both ways.
/// Arcs of vertex v are targets[offsets[v] .. offsets[v+1]).
struct CsrGraph {
  std::int32_t n = 0;
  bool directed = false;
  std::vector<std::int64_t> offsets;  ///< n + 1 entries
  std::vector<std::int32_t> targets;
  std::vector<double> lengths;  ///< path length of each arc; empty = unweighted (every arc 1)
  /// Directed graphs only: the reverse adjacency (arcs into v), used by sampled closeness.
  std::vector<std::int64_t> in_offsets;
  std::vector<std::int32_t> in_targets;
  std::vector<double> in_lengths;

  [[nodiscard]] bool weighted() const noexcept { return !lengths.empty(); }
  /// Edges as igraph counts them: arcs for directed graphs, arcs / 2 for undirected ones.
  [[nodiscard]] std::int64_t edges() const noexcept {
    const auto arcs = static_cast<std::int64_t>(targets.size());
    return directed ? arcs : arcs / 2;
  }
};

/// How a tie weight becomes a path length.
enum class WeightMeaning {
  none,      ///< every edge has length 1 (hop count)
  strength,  ///< length = 1 / weight: strong ties are short (clusterscope's default)
  distance,  ///< length = weight
};

/// --weights; described() is the "weights" of metrics.json.
inline constexpr std::array<core::Name<WeightMeaning>, 3> kWeightMeaningNames = {{
    {WeightMeaning::strength, "strength", "path length = 1/weight"},
    {WeightMeaning::distance, "distance", "path length = weight"},
    {WeightMeaning::none, "none"},
}};

/// Builds the CSR from aggregate_ties()-style edges (endpoints in [0, n)). Self-loops are
/// dropped (they never lie on a shortest path; igraph ignores them too). Repeated pairs are kept
/// as parallel edges, which igraph also counts as separate shortest paths. Weights must be
/// finite and > 0 unless `meaning` is none (std::invalid_argument otherwise); an endpoint out of
/// range throws std::out_of_range. O(n + m).
CsrGraph make_csr(std::int32_t n, const std::vector<AggregatedEdge>& edges, bool directed,
                  WeightMeaning meaning);

struct PathOptions {
  unsigned threads = 0;  ///< 0 = std::thread::hardware_concurrency()
  enum class Mode { automatic, exact, sampled } mode = Mode::automatic;
  /// Sources for sampled mode; 0 = choose: as many as the exact_limit budget pays for
  /// (exact_limit / m), at least min(n, 1000).
  std::size_t samples = 0;
  std::uint64_t seed =
      core::default_seed;  ///< the run's seed; sampled sources draw its sampled_sources stream
  /// automatic: exact while n·m ≤ exact_limit (m = edges). An exact run is one search per vertex,
  /// cost ∝ n·m: on the reference machine (2 cores, bench/README.md "Path centralities") the
  /// 20,000/200,000 planted-partition graph (n·m = 4·10⁹) takes ≈ 12 s for all three measures, so
  /// 5·10⁹ keeps automatic exact runs to ~15 s there; larger graphs are sampled with
  /// exact_limit / m sources, the same cost (100,000/1,000,000: 5,000 sources).
  double exact_limit = 5e9;
  /// Sampled mode: error_bound holds for all vertices at once with this probability of failure.
  double failure_probability = 0.05;
  bool betweenness = true;  ///< compute betweenness (else the vector stays empty)
  bool closeness = true;    ///< compute closeness, harmonic and reachable (else empty)
  /// Use the exact integer kernels (BFS, bucket-queue Dijkstra) when the lengths allow it (see
  /// path_centralities); false forces the general floating-point Dijkstra (for testing).
  bool integer_lengths = true;
  /// Called from the worker threads with the share of single-source searches done (0–1), at most
  /// once per block of 32 sources; must be thread-safe. Results do not depend on it.
  std::function<void(double)> progress;
};

/// --betweenness.
inline constexpr std::array<core::Name<PathOptions::Mode>, 3> kPathModeNames = {{
    {PathOptions::Mode::automatic, "auto", "exact up to a documented size, then sampled"},
    {PathOptions::Mode::exact, "exact"},
    {PathOptions::Mode::sampled, "sampled"},
}};

struct PathCentralities {
  /// igraph_betweenness(directed = TRUE): unnormalised; an undirected pair counts once.
  std::vector<double> betweenness;
  /// igraph_closeness(mode = OUT, normalized = FALSE) = 1 / Σ d(v, u) over the vertices u
  /// reachable from v; NaN when v reaches no other vertex (isolates, sinks), as igraph returns.
  std::vector<double> closeness;
  /// igraph_harmonic_centrality(mode = OUT, normalized = FALSE) = Σ_{u≠v} 1 / d(v, u).
  std::vector<double> harmonic;
  /// igraph's reachable_count: vertices reachable from v, v itself not counted.
  std::vector<std::int32_t> reachable;
  bool sampled = false;
  std::size_t sources = 0;  ///< single-source searches the betweenness rests on (n when exact)
  /// Sampled mode: with probability ≥ 1 − failure_probability every vertex's betweenness is within
  /// ± error_bound of the exact value (Serfling's inequality, see paths.cpp); 0 when exact.
  double error_bound = 0;
  std::string kernel;  ///< "bfs", "bucket" (Dial's bucket queue) or "heap" (binary heap), for reports
};

/// Betweenness (Brandes 2001, doi:10.1080/0022250X.2001.9990249), closeness and harmonic
/// centrality of every vertex, in one pass of single-source shortest-path searches.
///
/// Exact mode: one search per vertex, O(n·m) for unweighted graphs (BFS) and for lengths that are
/// small multiples of a common unit (Dial's bucket queue, O(n·(m + D)) with D the largest distance
/// in units), O(n·m·log m) otherwise (binary heap); memory O(n + m) shared plus O(n) per thread.
/// Before searching, vertices are renumbered for cache locality and (integer lengths, ≥ 512
/// sources) arcs that lie on no shortest path are dropped; neither changes a result.
/// Sampled mode: k uniformly drawn sources (without replacement, seeded); betweenness is
/// estimated as n/k·Σ_s δ_s(v) with the bound in error_bound; closeness, harmonic and reachable
/// are exact for the sampled vertices and estimated for the others from their distances to the
/// sampled ones (Eppstein & Wang 2004, doi:10.7155/jgaa.00081), with no stated bound.
///
/// Weighted shortest paths tie as in igraph 0.10: lengths are compared as igraph_cmp_epsilon(
/// 1 + a, 1 + b, 1e-10) does. When every length is a multiple of a common unit u (for example
/// 1/w with integer weights w, u = 1/lcm) and such multiples can never be within igraph's
/// tolerance of each other, distances are exact integers in units of u, which decides every tie
/// exactly as igraph does, only faster; otherwise the floating-point kernel replicates igraph's
/// comparison itself.
///
/// The results do not depend on the number of threads or their scheduling: sources are processed
/// in fixed blocks whose sums are added in 128-bit fixed point (exact, so in any order).
PathCentralities path_centralities(const CsrGraph& g, const PathOptions& options);

/// Shortest paths in hops (arc lengths ignored) over the ordered pairs (u, v), u ≠ v, where v is
/// reachable from u — igraph_diameter / igraph_average_path_length with unconn = TRUE.
struct HopSummary {
  double diameter = 0;             ///< the longest; NaN when no pair is connected
  double average_path_length = 0;  ///< the mean; NaN when no pair is connected
  std::int64_t pairs = 0;          ///< connected ordered pairs
};
/// By the 64-source bit-parallel breadth-first search that exact unweighted closeness uses, on
/// `threads` threads (0: all cores): O(n·m / 64) word operations on small-world graphs. Exact
/// integers, so the result does not depend on the thread count.
HopSummary hop_summary(const CsrGraph& g, unsigned threads = 0);

}  // namespace clusterscope::metrics
