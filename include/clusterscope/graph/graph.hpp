#pragma once
// The igraph boundary. This module is the only one that includes <igraph.h>; its public types
// hold no igraph type. igraph runs with a non-aborting error handler that turns every failure
// into an InternalError carrying igraph's reason, and its RNG is seeded explicitly.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "clusterscope/model/network.hpp"

namespace clusterscope::graph {

/// Installs the error and warning handlers (idempotent; every function below calls it).
void initialise();
/// Seeds igraph's default RNG; call right before every randomised igraph call.
void seed_rng(std::uint64_t seed);
/// The igraph library's version, e.g. "0.10.2" (for manifest.json).
std::string igraph_version();
/// igraph warnings collected since the last call (they are not printed on their own).
std::vector<std::string> take_warnings();

/// An igraph graph built from aggregated edges, with the edge weights beside it. Move-only.
class Graph {
 public:
  Graph(std::int32_t vertices, const std::vector<AggregatedEdge>& edges, bool directed);
  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  [[nodiscard]] std::int32_t size() const noexcept;
  [[nodiscard]] bool directed() const noexcept;

  struct Impl;
  [[nodiscard]] const Impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// Degree (all directions, aggregated edges) and strength (summed weights).
std::vector<double> degree(const Graph& g);
std::vector<double> strength(const Graph& g);
/// Caps of the eigenvector fallbacks (docs/METRICS.md, "Eigenvector centrality").
inline constexpr std::int32_t kArpackVectors = 64;     ///< Krylov space of the ARPACK retry
inline constexpr std::int32_t kArpackRestarts = 3000;  ///< its restarts at most (igraph's default)
inline constexpr std::int32_t kPowerIterations = 10000;
inline constexpr double kPowerTolerance = 1e-12;  ///< largest change of a max-scaled score

struct Eigenvector {
  std::vector<double> values;
  std::string method = "arpack";  ///< "arpack" (igraph), "arpack-64" (retry) or "power"
  std::string warning;            ///< empty when igraph's ARPACK converged
};
/// Eigenvector centrality scaled to max 1 (igraph_eigenvector_centrality, scale = true;
/// directed graphs use in-ties, as igraph does). When igraph's ARPACK fails (a path of 3,001
/// stakeholders: the top of its spectrum is too clustered for 20 Lanczos vectors), undirected
/// graphs get a second ARPACK run with kArpackVectors vectors, and if that fails too (or the graph
/// is directed) the power iteration below; `warning` says which and how well it converged.
/// Never throws for a failure to converge.
Eigenvector eigenvector_centrality(const Graph& g, bool weighted);
/// eigenvector_centrality(g, weighted).values.
std::vector<double> eigenvector(const Graph& g, bool weighted);

struct PowerIteration {
  std::vector<double> values;  ///< scaled to max 1
  std::int32_t iterations = 0;
  double change = 0;  ///< largest change of a score in the last iteration
  bool converged = false;
};
/// Power iteration x ← (A + I)x / max, from (strength or degree) + 1, until no score changes by
/// more than `tolerance` or `max_iterations` iterations (sequential sums in edge order).
PowerIteration eigenvector_power_iteration(const Graph& g, bool weighted,
                                           std::int32_t max_iterations = kPowerIterations,
                                           double tolerance = kPowerTolerance);
/// PageRank (PRPACK) with the given damping, on one OpenMP thread (the same bits on every run).
std::vector<double> pagerank(const Graph& g, double damping, bool weighted);
/// k-core index (all directions).
std::vector<double> coreness(const Graph& g);
/// Local clustering coefficient, ties read as undirected, 0 below degree 2.
std::vector<double> local_clustering(const Graph& g);
/// Burt's constraint (igraph_constraint); NaN for isolates, as igraph gives.
std::vector<double> constraint(const Graph& g, bool weighted);

struct Components {
  std::vector<std::int32_t> membership;
  std::vector<std::int32_t> sizes;
};
/// Weakly connected components.
Components components(const Graph& g);

struct GlobalMeasures {
  double density = 0;
  double transitivity = 0;          ///< global clustering (ratio of triangles to triples)
  double average_clustering = 0;    ///< mean local clustering, isolates counted as 0
  double degree_assortativity = 0;  ///< NaN when undefined
  double reciprocity = 0;           ///< directed networks; 1 for undirected
  double diameter = 0;              ///< longest shortest path in hops, over reachable pairs
  double average_path_length = 0;   ///< mean shortest path in hops, over reachable pairs
};
/// `path_lengths` = false leaves diameter and average_path_length at 0 (igraph computes them with
/// one single-threaded search per vertex; metrics::hop_summary is the fast way).
GlobalMeasures global_measures(const Graph& g, bool path_lengths = true);
/// Nominal assortativity over integer categories (e.g. stakeholder types).
double nominal_assortativity(const Graph& g, const std::vector<std::int32_t>& categories);

}  // namespace clusterscope::graph
