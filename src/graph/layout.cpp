#include "clusterscope/graph/layout.hpp"

#include <igraph.h>

#include <cmath>
#include <stdexcept>

#include "graph_impl.hpp"

namespace clusterscope::graph {

namespace {

using detail::check;
using detail::Vector;

/// RAII for an igraph real matrix.
struct Matrix {
  igraph_matrix_t m{};
  Matrix(igraph_integer_t rows, igraph_integer_t cols) {
    check(igraph_matrix_init(&m, rows, cols), "matrix_init");
  }
  ~Matrix() { igraph_matrix_destroy(&m); }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
};

bool all_positive(const igraph_vector_t* weights) {
  const igraph_integer_t m = igraph_vector_size(weights);
  for (igraph_integer_t i = 0; i < m; ++i)
    if (!(VECTOR(*weights)[i] > 0) || !std::isfinite(VECTOR(*weights)[i])) return false;
  return m > 0;
}

}  // namespace

Layout layout(const Graph& g, const LayoutCall& call, std::uint64_t seed, const Layout* initial) {
  initialise();
  const igraph_t* graph = &g.impl().graph;
  const igraph_integer_t n = igraph_vcount(graph);
  Layout out;
  if (n == 0) return out;
  if (call.iterations < 0) throw std::invalid_argument("layout: iterations must not be negative");
  Matrix res(n, 2);
  const bool use_seed = initial != nullptr;
  if (use_seed) {
    if (static_cast<igraph_integer_t>(initial->x.size()) != n ||
        static_cast<igraph_integer_t>(initial->y.size()) != n)
      throw std::invalid_argument("layout: initial positions differ in size from the graph");
    for (igraph_integer_t v = 0; v < n; ++v) {
      MATRIX(res.m, v, 0) = initial->x[static_cast<std::size_t>(v)];
      MATRIX(res.m, v, 1) = initial->y[static_cast<std::size_t>(v)];
    }
  }
  const igraph_vector_t* weights =
      call.weighted && all_positive(&g.impl().weights.v) ? &g.impl().weights.v : nullptr;
  const double count = static_cast<double>(n);
  seed_rng(seed);
  switch (call.method) {
    case LayoutMethod::fruchterman_reingold: {
      const igraph_integer_t iterations = call.iterations > 0 ? call.iterations : 500;
      const double temperature =
          call.start_temperature > 0 ? call.start_temperature : std::sqrt(count) / 10.0;
      check(igraph_layout_fruchterman_reingold(graph, &res.m, use_seed, iterations, temperature,
                                               IGRAPH_LAYOUT_AUTOGRID, weights, nullptr, nullptr, nullptr,
                                               nullptr),
            "layout_fruchterman_reingold");
      break;
    }
    case LayoutMethod::kamada_kawai: {
      const igraph_integer_t iterations = call.iterations > 0 ? call.iterations : 50 * n;
      // igraph reads KK weights as edge lengths; ours are tie strengths, so a strong tie gets a
      // short ideal length: mean / weight (mean length 1 for equal weights).
      const igraph_integer_t m = igraph_ecount(graph);
      Vector lengths(m);
      if (weights != nullptr) {
        double sum = 0;
        for (igraph_integer_t e = 0; e < m; ++e)
          sum += VECTOR(*weights)[e];
        const double mean = sum / static_cast<double>(m);
        for (igraph_integer_t e = 0; e < m; ++e)
          VECTOR(lengths.v)[e] = mean / VECTOR(*weights)[e];
      }
      check(igraph_layout_kamada_kawai(graph, &res.m, use_seed, iterations, 0.0, count,
                                       weights != nullptr ? &lengths.v : nullptr, nullptr, nullptr, nullptr,
                                       nullptr),
            "layout_kamada_kawai");
      break;
    }
    case LayoutMethod::drl: {
      igraph_layout_drl_options_t options;
      // From initial positions: igraph's "refine" schedule (no liquid or expansion phases), which
      // adjusts a layout instead of rebuilding it.
      check(igraph_layout_drl_options_init(&options,
                                           use_seed ? IGRAPH_LAYOUT_DRL_REFINE : IGRAPH_LAYOUT_DRL_DEFAULT),
            "layout_drl_options_init");
      check(igraph_layout_drl(graph, &res.m, use_seed, &options, weights), "layout_drl");
      break;
    }
  }
  out.x.assign(static_cast<std::size_t>(n), 0.0);
  out.y.assign(static_cast<std::size_t>(n), 0.0);
  for (igraph_integer_t v = 0; v < n; ++v) {
    out.x[static_cast<std::size_t>(v)] = MATRIX(res.m, v, 0);
    out.y[static_cast<std::size_t>(v)] = MATRIX(res.m, v, 1);
  }
  return out;
}

}  // namespace clusterscope::graph
