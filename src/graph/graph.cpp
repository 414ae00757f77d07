#include "clusterscope/graph/graph.hpp"

#include <igraph.h>

#include <cmath>
#include <limits>
#include <mutex>
#include <utility>

#include "clusterscope/core/diagnostics.hpp"
#include "graph_impl.hpp"

namespace clusterscope::graph {

namespace {

thread_local std::string last_error;
std::mutex warnings_mutex;
std::vector<std::string> warnings;

void error_handler(const char* reason, const char* file, int line, igraph_error_t code) {
  // Free what igraph registered for clean-up, then let the call return its error code.
  IGRAPH_FINALLY_FREE();
  last_error =
      std::string(reason) + " (" + igraph_strerror(code) + ", " + file + ":" + std::to_string(line) + ")";
}

void warning_handler(const char* reason, const char* /*file*/, int /*line*/) {
  const std::lock_guard<std::mutex> lock(warnings_mutex);
  warnings.emplace_back(reason);
}

}  // namespace

void detail::check(igraph_error_t code, const char* what) {
  if (code != IGRAPH_SUCCESS) throw InternalError(std::string("igraph ") + what + " failed: " + last_error);
}

namespace {
using detail::check;
using detail::IntVector;
using detail::Vector;
}  // namespace

void initialise() {
  static std::once_flag once;
  std::call_once(once, [] {
    igraph_set_error_handler(error_handler);
    igraph_set_warning_handler(warning_handler);
  });
}

void seed_rng(std::uint64_t seed) {
  initialise();
  check(igraph_rng_seed(igraph_rng_default(), seed), "rng_seed");
}

std::vector<std::string> take_warnings() {
  const std::lock_guard<std::mutex> lock(warnings_mutex);
  return std::exchange(warnings, {});
}

Graph::Graph(std::int32_t vertices, const std::vector<AggregatedEdge>& edges, bool directed)
    : impl_(std::make_unique<Impl>()) {
  initialise();
  IntVector list(static_cast<igraph_integer_t>(edges.size() * 2));
  check(igraph_vector_resize(&impl_->weights.v, static_cast<igraph_integer_t>(edges.size())),
        "vector_resize");
  for (std::size_t i = 0; i < edges.size(); ++i) {
    VECTOR(list.v)[2 * i] = edges[i].source;
    VECTOR(list.v)[2 * i + 1] = edges[i].target;
    VECTOR(impl_->weights.v)[i] = edges[i].weight;
  }
  check(igraph_create(&impl_->graph, &list.v, vertices, directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED),
        "create");
  impl_->directed = directed;
}

Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

std::int32_t Graph::size() const noexcept {
  return static_cast<std::int32_t>(igraph_vcount(&impl_->graph));
}
bool Graph::directed() const noexcept {
  return impl_->directed;
}

namespace {
const igraph_t* raw(const Graph& g) {
  return &g.impl().graph;
}
const igraph_vector_t* weights_of(const Graph& g, bool weighted) {
  return weighted ? &g.impl().weights.v : nullptr;
}
}  // namespace

std::vector<double> degree(const Graph& g) {
  IntVector res;
  check(igraph_degree(raw(g), &res.v, igraph_vss_all(), IGRAPH_ALL, true), "degree");
  std::vector<double> out(static_cast<std::size_t>(igraph_vector_int_size(&res.v)));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<double>(VECTOR(res.v)[i]);
  return out;
}

std::vector<double> strength(const Graph& g) {
  Vector res;
  check(igraph_strength(raw(g), &res.v, igraph_vss_all(), IGRAPH_ALL, true, &g.impl().weights.v), "strength");
  return res.values();
}

std::vector<double> eigenvector(const Graph& g, bool weighted) {
  Vector res;
  igraph_real_t value = 0;
  check(igraph_eigenvector_centrality(raw(g), &res.v, &value, g.directed(), true, weights_of(g, weighted),
                                      nullptr),
        "eigenvector_centrality");
  return res.values();
}

std::vector<double> pagerank(const Graph& g, double damping, bool weighted) {
  Vector res;
  igraph_real_t value = 0;
  check(igraph_pagerank(raw(g), IGRAPH_PAGERANK_ALGO_PRPACK, &res.v, &value, igraph_vss_all(), g.directed(),
                        damping, weights_of(g, weighted), nullptr),
        "pagerank");
  return res.values();
}

std::vector<double> coreness(const Graph& g) {
  IntVector res;
  check(igraph_coreness(raw(g), &res.v, IGRAPH_ALL), "coreness");
  std::vector<double> out(static_cast<std::size_t>(igraph_vector_int_size(&res.v)));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<double>(VECTOR(res.v)[i]);
  return out;
}

std::vector<double> local_clustering(const Graph& g) {
  Vector res;
  check(igraph_transitivity_local_undirected(raw(g), &res.v, igraph_vss_all(), IGRAPH_TRANSITIVITY_ZERO),
        "transitivity_local_undirected");
  return res.values();
}

std::vector<double> constraint(const Graph& g, bool weighted) {
  Vector res;
  check(igraph_constraint(raw(g), &res.v, igraph_vss_all(), weights_of(g, weighted)), "constraint");
  return res.values();
}

Components components(const Graph& g) {
  IntVector membership;
  IntVector sizes;
  igraph_integer_t count = 0;
  check(igraph_connected_components(raw(g), &membership.v, &sizes.v, &count, IGRAPH_WEAK),
        "connected_components");
  Components out;
  for (igraph_integer_t i = 0; i < igraph_vector_int_size(&membership.v); ++i) {
    out.membership.push_back(static_cast<std::int32_t>(VECTOR(membership.v)[i]));
  }
  for (igraph_integer_t i = 0; i < count; ++i)
    out.sizes.push_back(static_cast<std::int32_t>(VECTOR(sizes.v)[i]));
  return out;
}

GlobalMeasures global_measures(const Graph& g, bool path_lengths) {
  GlobalMeasures m;
  const igraph_t* graph = raw(g);
  check(igraph_density(graph, &m.density, false), "density");
  check(igraph_transitivity_undirected(graph, &m.transitivity, IGRAPH_TRANSITIVITY_ZERO),
        "transitivity_undirected");
  check(igraph_transitivity_avglocal_undirected(graph, &m.average_clustering, IGRAPH_TRANSITIVITY_ZERO),
        "transitivity_avglocal_undirected");
  check(igraph_assortativity_degree(graph, &m.degree_assortativity, g.directed()), "assortativity_degree");
  if (g.directed()) {
    check(igraph_reciprocity(graph, &m.reciprocity, true, IGRAPH_RECIPROCITY_DEFAULT), "reciprocity");
  } else {
    m.reciprocity = 1.0;
  }
  if (!path_lengths) return m;
  if (igraph_ecount(graph) > 0) {
    check(igraph_diameter(graph, &m.diameter, nullptr, nullptr, nullptr, nullptr, g.directed(), true),
          "diameter");
    igraph_real_t unconnected = 0;
    check(igraph_average_path_length(graph, &m.average_path_length, &unconnected, g.directed(), true),
          "average_path_length");
  } else {
    m.diameter = std::numeric_limits<double>::quiet_NaN();
    m.average_path_length = std::numeric_limits<double>::quiet_NaN();
  }
  return m;
}

double nominal_assortativity(const Graph& g, const std::vector<std::int32_t>& categories) {
  IntVector types(static_cast<igraph_integer_t>(categories.size()));
  for (std::size_t i = 0; i < categories.size(); ++i)
    VECTOR(types.v)[i] = categories[i];
  igraph_real_t result = 0;
  check(igraph_assortativity_nominal(raw(g), &types.v, &result, g.directed(), true), "assortativity_nominal");
  return result;
}

std::string igraph_version() {
  const char* text = nullptr;
  ::igraph_version(&text, nullptr, nullptr, nullptr);
  return text == nullptr ? std::string() : std::string(text);
}

}  // namespace clusterscope::graph
