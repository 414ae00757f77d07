#pragma once
// igraph's force-directed layouts (the only place calling igraph_layout_*). Part of the igraph
// boundary: no igraph type appears here. The layout module splits networks into components and
// packs them; these functions lay out one graph as igraph does.

#include <cstdint>

#include "clusterscope/graph/graph.hpp"
#include "clusterscope/model/layout.hpp"

namespace clusterscope::graph {

enum class LayoutMethod {
  fruchterman_reingold,  ///< igraph_layout_fruchterman_reingold, autogrid, weights multiply attraction
  kamada_kawai,          ///< igraph_layout_kamada_kawai, kkconst = n, epsilon 0; weights → lengths mean/w
  drl,                   ///< igraph_layout_drl, default template, weights as similarities
};

struct LayoutCall {
  LayoutMethod method = LayoutMethod::fruchterman_reingold;
  std::int32_t iterations = 0;   ///< 0: fr 500, kk 50·n; ignored by drl (its own schedule)
  bool weighted = true;          ///< weights are passed only when all are positive
  double start_temperature = 0;  ///< fr: 0 = √n / 10 (igraph's suggestion)
};

/// One layout of `g`, igraph's RNG seeded with `seed` right before the call. `initial` (size n or
/// nullptr) is passed as igraph's start (use_seed).
Layout layout(const Graph& g, const LayoutCall& call, std::uint64_t seed, const Layout* initial);

}  // namespace clusterscope::graph
