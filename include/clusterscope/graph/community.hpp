#pragma once
// igraph's community detection, modularity, degree-preserving rewiring and partition comparison
// (docs/communities.md). Part of the igraph boundary: no igraph type appears here. Graphs passed
// to these functions are undirected; the communities module builds them.

#include <cstdint>
#include <vector>

#include "clusterscope/graph/graph.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::graph {

enum class CommunityMethod {
  leiden_modularity,  ///< igraph_community_leiden, node weights = strength, resolution / (2m)
  leiden_cpm,         ///< igraph_community_leiden, unit node weights, resolution as given
  louvain,            ///< igraph_community_multilevel
  infomap,            ///< igraph_community_infomap
  walktrap,           ///< igraph_community_walktrap, cut at maximal modularity
  label_propagation,  ///< igraph_community_label_propagation, mode ALL
};

/// Leiden iterations per run by default. igraph 0.10.2's "until stable" (n_iterations < 0)
/// returned the first iteration's partition in every one of 1,000 measured runs where it ended,
/// and never ends on a single tie at resolution 2; one iteration gives the same partitions and
/// always ends (docs/communities.md, "Iteration caps").
inline constexpr std::int32_t kLeidenIterations = 1;

struct CommunityCall {
  CommunityMethod method = CommunityMethod::leiden_modularity;
  double resolution = 1.0;  ///< Leiden and Louvain
  /// Leiden iterations at most (≥ 1): after the first, it goes on while an iteration still
  /// changes the partition, and stops there or at this cap.
  std::int32_t leiden_iterations = kLeidenIterations;
  double leiden_beta = 0.01;  ///< randomness of Leiden's refinement (igraph's default)
  std::int32_t infomap_trials = 10;
  std::int32_t walktrap_steps = 4;
};

/// One run on an undirected graph; igraph's RNG is seeded with `seed` right before the call.
/// Returns igraph's membership (labels ≥ 0, not canonical).
std::vector<std::int64_t> detect_communities(const Graph& g, const CommunityCall& call, bool weighted,
                                             std::uint64_t seed);

/// Newman's modularity of `membership` (igraph_modularity, undirected) at `resolution`.
/// NaN for a graph without edges (igraph's convention).
double modularity(const Graph& g, const std::vector<std::int32_t>& membership, double resolution,
                  bool weighted);

/// A degree-preserving rewiring of the undirected simple graph `g`: igraph_rewire with `trials`
/// Maslov–Sneppen switch trials (no loops or multi-edges), seeded with `seed`. igraph 0.10.2 does
/// not keep edge ids through the rewiring, so the original weights are dealt to the rewired pairs
/// in random order (igraph_vector_shuffle, same RNG stream): degrees and the multiset of weights
/// are kept exactly, strengths only on average.
std::vector<AggregatedEdge> rewired_edges(const Graph& g, std::int64_t trials, std::uint64_t seed);

struct Agreement {
  double nmi = 0;
  double ari = 0;
};
/// igraph_compare_communities with IGRAPH_COMMCMP_NMI and IGRAPH_COMMCMP_ADJUSTED_RAND. Labels
/// must lie in 0 … size − 1 (igraph checks) and the vectors be of equal length (at least 2 for the
/// ARI, else it is NaN, where igraph raises an error).
Agreement compare_memberships(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b);

}  // namespace clusterscope::graph
