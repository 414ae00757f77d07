#pragma once
// Private to the graph module: the igraph handle inside graph::Graph and the RAII helpers the
// module's sources share. Never included from a public header.

#include <igraph.h>

#include <vector>

#include "clusterscope/graph/graph.hpp"

namespace clusterscope::graph {

namespace detail {

/// Throws InternalError with igraph's reason when `code` is not IGRAPH_SUCCESS.
void check(igraph_error_t code, const char* what);

/// RAII for igraph vectors.
struct Vector {
  igraph_vector_t v{};
  explicit Vector(igraph_integer_t n = 0) { check(igraph_vector_init(&v, n), "vector_init"); }
  ~Vector() { igraph_vector_destroy(&v); }
  Vector(const Vector&) = delete;
  Vector& operator=(const Vector&) = delete;
  [[nodiscard]] std::vector<double> values() const {
    std::vector<double> out(static_cast<std::size_t>(igraph_vector_size(&v)));
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i] = VECTOR(v)[i];
    return out;
  }
};

struct IntVector {
  igraph_vector_int_t v{};
  explicit IntVector(igraph_integer_t n = 0) { check(igraph_vector_int_init(&v, n), "vector_int_init"); }
  ~IntVector() { igraph_vector_int_destroy(&v); }
  IntVector(const IntVector&) = delete;
  IntVector& operator=(const IntVector&) = delete;
};

}  // namespace detail

struct Graph::Impl {
  igraph_t graph{};
  detail::Vector weights;
  bool directed = false;
  /// igraph_create succeeded: only then does `graph` own memory (a Graph whose construction threw
  /// destroys its Impl with `graph` never initialised, which igraph_destroy must not see).
  bool created = false;
  Impl() = default;
  ~Impl() {
    if (created) igraph_destroy(&graph);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
};

}  // namespace clusterscope::graph
