#include "clusterscope/graph/community.hpp"

#include <igraph.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "clusterscope/core/diagnostics.hpp"
#include "graph_impl.hpp"

namespace clusterscope::graph {

namespace {

using detail::check;
using detail::IntVector;
using detail::Vector;

/// RAII for an igraph integer matrix.
struct IntMatrix {
  igraph_matrix_int_t m{};
  IntMatrix() { check(igraph_matrix_int_init(&m, 0, 0), "matrix_int_init"); }
  ~IntMatrix() { igraph_matrix_int_destroy(&m); }
  IntMatrix(const IntMatrix&) = delete;
  IntMatrix& operator=(const IntMatrix&) = delete;
};

/// RAII for a copy of an igraph graph.
struct GraphCopy {
  igraph_t graph{};
  explicit GraphCopy(const igraph_t* from) { check(igraph_copy(&graph, from), "copy"); }
  ~GraphCopy() { igraph_destroy(&graph); }
  GraphCopy(const GraphCopy&) = delete;
  GraphCopy& operator=(const GraphCopy&) = delete;
};

std::vector<std::int64_t> values_of(const IntVector& v) {
  std::vector<std::int64_t> out(static_cast<std::size_t>(igraph_vector_int_size(&v.v)));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = VECTOR(v.v)[i];
  return out;
}

void fill(IntVector& out, const std::vector<std::int32_t>& labels) {
  check(igraph_vector_int_resize(&out.v, static_cast<igraph_integer_t>(labels.size())), "vector_int_resize");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) throw std::invalid_argument("community labels must not be negative");
    VECTOR(out.v)[i] = labels[i];
  }
}

/// Labels renumbered by first appearance (equal partitions give equal vectors).
std::vector<std::int64_t> canonical_labels(const IntVector& membership) {
  const igraph_integer_t n = igraph_vector_int_size(&membership.v);
  std::vector<std::int64_t> out(static_cast<std::size_t>(n));
  std::vector<std::int64_t> relabel(static_cast<std::size_t>(n), -1);
  std::int64_t next = 0;
  for (igraph_integer_t v = 0; v < n; ++v) {
    auto& label = relabel[static_cast<std::size_t>(VECTOR(membership.v)[v])];
    if (label < 0) label = next++;
    out[static_cast<std::size_t>(v)] = label;
  }
  return out;
}

void require_undirected(const Graph& g) {
  if (g.directed()) throw std::invalid_argument("community detection needs an undirected graph");
}

}  // namespace

std::vector<std::int64_t> detect_communities(const Graph& g, const CommunityCall& call, bool weighted,
                                             std::uint64_t seed) {
  require_undirected(g);
  const igraph_t* graph = &g.impl().graph;
  const igraph_vector_t* weights = weighted ? &g.impl().weights.v : nullptr;
  const igraph_integer_t n = igraph_vcount(graph);
  if (igraph_ecount(graph) == 0) {
    // Nothing to detect: every stakeholder alone (igraph's algorithms agree, Leiden's modularity
    // normalisation would divide by zero).
    std::vector<std::int64_t> alone(static_cast<std::size_t>(n));
    std::iota(alone.begin(), alone.end(), std::int64_t{0});
    return alone;
  }
  IntVector membership(n);
  seed_rng(seed);
  switch (call.method) {
    case CommunityMethod::leiden_modularity:
    case CommunityMethod::leiden_cpm: {
      const bool modularity = call.method == CommunityMethod::leiden_modularity;
      Vector node_weights;
      double resolution = call.resolution;
      if (modularity) {
        // As python-igraph does for objective_function="modularity": node weights are the
        // strengths (degrees when unweighted) and the resolution is divided by their sum, 2m.
        check(igraph_strength(graph, &node_weights.v, igraph_vss_all(), IGRAPH_ALL, true, weights),
              "strength");
        resolution /= igraph_vector_sum(&node_weights.v);
      }
      // igraph's "until stable" (n_iterations < 0) need not end: on a single tie at resolution 2
      // it iterates forever. One iteration per call, each continuing from the previous membership
      // (the same RNG stream, so the same partitions as igraph's loop with that many iterations),
      // while an iteration still changes the partition, at most leiden_iterations.
      if (call.leiden_iterations < 1)
        throw std::invalid_argument("community_leiden: leiden_iterations must be at least 1");
      igraph_integer_t clusters = 0;
      igraph_real_t quality = 0;
      std::vector<std::int64_t> before;
      for (std::int32_t iteration = 0; iteration < call.leiden_iterations; ++iteration) {
        check(igraph_community_leiden(graph, weights, modularity ? &node_weights.v : nullptr, resolution,
                                      call.leiden_beta, iteration > 0, 1, &membership.v, &clusters, &quality),
              "community_leiden");
        std::vector<std::int64_t> after = canonical_labels(membership);
        if (iteration > 0 && after == before) break;
        before = std::move(after);
      }
      break;
    }
    case CommunityMethod::louvain: {
      IntMatrix levels;
      Vector modularity;
      check(igraph_community_multilevel(graph, weights, call.resolution, &membership.v, &levels.m,
                                        &modularity.v),
            "community_multilevel");
      break;
    }
    case CommunityMethod::infomap: {
      igraph_real_t codelength = 0;
      check(
          igraph_community_infomap(graph, weights, nullptr, call.infomap_trials, &membership.v, &codelength),
          "community_infomap");
      break;
    }
    case CommunityMethod::walktrap: {
      IntMatrix merges;
      Vector modularity;
      check(igraph_community_walktrap(graph, weights, call.walktrap_steps, &merges.m, &modularity.v,
                                      &membership.v),
            "community_walktrap");
      break;
    }
    case CommunityMethod::label_propagation:
      check(igraph_community_label_propagation(graph, &membership.v, IGRAPH_ALL, weights, nullptr, nullptr),
            "community_label_propagation");
      break;
  }
  return values_of(membership);
}

double modularity(const Graph& g, const std::vector<std::int32_t>& membership, double resolution,
                  bool weighted) {
  require_undirected(g);
  if (static_cast<igraph_integer_t>(membership.size()) != igraph_vcount(&g.impl().graph))
    throw std::invalid_argument("modularity: membership size differs from the graph's");
  IntVector labels;
  fill(labels, membership);
  igraph_real_t q = 0;
  check(igraph_modularity(&g.impl().graph, &labels.v, weighted ? &g.impl().weights.v : nullptr, resolution,
                          false, &q),
        "modularity");
  return q;
}

std::vector<AggregatedEdge> rewired_edges(const Graph& g, std::int64_t trials, std::uint64_t seed) {
  require_undirected(g);
  GraphCopy copy(&g.impl().graph);
  seed_rng(seed);
  check(igraph_rewire(&copy.graph, trials, IGRAPH_REWIRING_SIMPLE), "rewire");
  const igraph_integer_t m = igraph_ecount(&copy.graph);
  if (m != igraph_ecount(&g.impl().graph)) throw InternalError("igraph rewire changed the number of edges");
  IntVector list(2 * m);
  check(igraph_get_edgelist(&copy.graph, &list.v, false), "get_edgelist");
  // igraph 0.10.2 rebuilds the rewired graph from adjacency lists, so edge ids do not survive the
  // rewiring and a weight cannot follow its edge: the original weights are dealt to the new pairs
  // in random order (same RNG stream, right after the rewiring).
  Vector weights(m);
  check(igraph_vector_update(&weights.v, &g.impl().weights.v), "vector_update");
  check(igraph_vector_shuffle(&weights.v), "vector_shuffle");
  std::vector<AggregatedEdge> out(static_cast<std::size_t>(m));
  for (igraph_integer_t e = 0; e < m; ++e) {
    auto a = static_cast<VertexId>(VECTOR(list.v)[2 * e]);
    auto b = static_cast<VertexId>(VECTOR(list.v)[2 * e + 1]);
    if (a > b) std::swap(a, b);
    out[static_cast<std::size_t>(e)] = {a, b, VECTOR(weights.v)[e], 1};
  }
  return out;
}

Agreement compare_memberships(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b) {
  if (a.size() != b.size())
    throw std::invalid_argument("compare_partitions: the partitions cover " + std::to_string(a.size()) +
                                " and " + std::to_string(b.size()) + " stakeholders");
  initialise();
  IntVector x;
  IntVector y;
  fill(x, a);
  fill(y, b);
  Agreement out;
  check(igraph_compare_communities(&x.v, &y.v, &out.nmi, IGRAPH_COMMCMP_NMI), "compare_communities");
  if (a.size() < 2) {
    out.ari = std::numeric_limits<double>::quiet_NaN();  // igraph: not defined below two
  } else {
    check(igraph_compare_communities(&x.v, &y.v, &out.ari, IGRAPH_COMMCMP_ADJUSTED_RAND),
          "compare_communities");
  }
  return out;
}

}  // namespace clusterscope::graph
