#include "clusterscope/graph/graph.hpp"

#include <igraph.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <sstream>
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

/// igraph's OpenMP-parallel code (PRPACK's PageRank, the only OpenMP region igraph 0.10.2 has)
/// sums in an order that depends on the runtime's thread schedule, so the last digits differed
/// from run to run. One OpenMP thread makes every measure the same bits on every run. The setting
/// belongs to the calling thread (OpenMP's nthreads-var), hence once per thread, not per process.
void serial_openmp() {
  thread_local bool done = false;
  if (!done) {
    omp_set_num_threads(1);
    omp_set_dynamic(0);
    done = true;
  }
}

void initialise() {
  static std::once_flag once;
  std::call_once(once, [] {
    igraph_set_error_handler(error_handler);
    igraph_set_warning_handler(warning_handler);
  });
  serial_openmp();
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
  impl_->created = true;
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

namespace {

/// The weighted edge list of `g` for our own matrix–vector products.
struct EdgeList {
  std::vector<std::size_t> from, to;
  std::vector<double> weight;
};

EdgeList edge_list(const Graph& g, bool weighted) {
  const igraph_t* graph = raw(g);
  const igraph_integer_t m = igraph_ecount(graph);
  IntVector list(2 * m);
  check(igraph_get_edgelist(graph, &list.v, false), "get_edgelist");
  EdgeList out;
  out.from.resize(static_cast<std::size_t>(m));
  out.to.resize(static_cast<std::size_t>(m));
  out.weight.assign(static_cast<std::size_t>(m), 1.0);
  for (igraph_integer_t e = 0; e < m; ++e) {
    const auto i = static_cast<std::size_t>(e);
    out.from[i] = static_cast<std::size_t>(VECTOR(list.v)[2 * e]);
    out.to[i] = static_cast<std::size_t>(VECTOR(list.v)[2 * e + 1]);
    if (weighted) out.weight[i] = VECTOR(g.impl().weights.v)[e];
  }
  return out;
}

/// to = A·from, A the weighted adjacency as eigenvector centrality reads it: undirected ties both
/// ways, directed ties from source to target's score (in-ties, as igraph). Edge order, so the
/// same bits on every run.
void multiply(const EdgeList& edges, bool directed, const double* from, double* to, std::size_t n) {
  std::fill(to, to + n, 0.0);
  for (std::size_t e = 0; e < edges.from.size(); ++e) {
    to[edges.to[e]] += edges.weight[e] * from[edges.from[e]];
    if (!directed) to[edges.from[e]] += edges.weight[e] * from[edges.to[e]];
  }
}

/// Scaled to maximum 1; rounding residue below 0 (the Perron vector has none) becomes 0.
void scale_to_max(std::vector<double>& x) {
  double largest = 0;
  std::size_t at = 0;
  for (std::size_t v = 0; v < x.size(); ++v) {
    if (std::fabs(x[v]) > largest) {
      largest = std::fabs(x[v]);
      at = v;
    }
  }
  if (!(largest > 0)) return;
  const double factor = (x[at] < 0 ? -1.0 : 1.0) / largest;
  for (double& value : x)
    value = std::max(0.0, value * factor);
}

std::vector<double> start_vector(const Graph& g, bool weighted) {
  std::vector<double> start = weighted ? strength(g) : degree(g);
  for (double& value : start)
    value += 1.0;  // isolates too, so that no component starts at exactly 0
  return start;
}

struct ArpackExtra {
  const EdgeList* edges;
  std::size_t n;
};

igraph_error_t arpack_multiply(igraph_real_t* to, const igraph_real_t* from, int /*n*/, void* extra) {
  const auto* data = static_cast<const ArpackExtra*>(extra);
  multiply(*data->edges, false, from, to, data->n);
  return IGRAPH_SUCCESS;
}

/// The second attempt for undirected graphs: ARPACK's Lanczos on the same matrix with a larger
/// Krylov space than igraph's (kArpackVectors instead of 20), which copes with the clustered top
/// of the spectrum of long chains. False when it fails too.
bool arpack_retry(const Graph& g, bool weighted, std::vector<double>& out) {
  const auto n = static_cast<std::size_t>(g.size());
  const EdgeList edges = edge_list(g, weighted);
  ArpackExtra extra{&edges, n};
  igraph_arpack_options_t options;
  igraph_arpack_options_init(&options);
  options.n = static_cast<int>(n);
  options.nev = 1;
  options.ncv = static_cast<int>(std::min<std::size_t>(n, kArpackVectors));
  options.which[0] = 'L';
  options.which[1] = 'A';
  options.start = 1;
  options.mxiter = kArpackRestarts;
  options.tol = 0;  // machine precision
  Vector values;
  igraph_matrix_t vectors;
  check(igraph_matrix_init(&vectors, static_cast<igraph_integer_t>(n), 1), "matrix_init");
  const std::vector<double> start = start_vector(g, weighted);
  for (std::size_t v = 0; v < n; ++v)
    MATRIX(vectors, static_cast<igraph_integer_t>(v), 0) = start[v];
  const igraph_error_t code =
      igraph_arpack_rssolve(arpack_multiply, &extra, &options, nullptr, &values.v, &vectors);
  const bool ok = code == IGRAPH_SUCCESS && igraph_matrix_ncol(&vectors) >= 1;
  if (ok) {
    out.assign(n, 0.0);
    for (std::size_t v = 0; v < n; ++v)
      out[v] = MATRIX(vectors, static_cast<igraph_integer_t>(v), 0);
    scale_to_max(out);
  }
  igraph_matrix_destroy(&vectors);
  return ok;
}

std::string short_number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace

PowerIteration eigenvector_power_iteration(const Graph& g, bool weighted, std::int32_t max_iterations,
                                           double tolerance) {
  initialise();
  const auto n = static_cast<std::size_t>(g.size());
  const EdgeList edges = edge_list(g, weighted);
  PowerIteration out;
  std::vector<double> x = start_vector(g, weighted);
  scale_to_max(x);
  std::vector<double> next(n);
  for (out.iterations = 0; out.iterations < max_iterations;) {
    // (A + I)·x: the shift keeps bipartite graphs (eigenvalues ±λ) from oscillating.
    multiply(edges, g.directed(), x.data(), next.data(), n);
    for (std::size_t v = 0; v < n; ++v)
      next[v] += x[v];
    scale_to_max(next);
    double change = 0;
    for (std::size_t v = 0; v < n; ++v)
      change = std::max(change, std::fabs(next[v] - x[v]));
    std::swap(x, next);
    ++out.iterations;
    out.change = change;
    if (change <= tolerance) {
      out.converged = true;
      break;
    }
  }
  out.values = std::move(x);
  return out;
}

Eigenvector eigenvector_centrality(const Graph& g, bool weighted) {
  initialise();
  Eigenvector out;
  {
    Vector res;
    igraph_real_t value = 0;
    const igraph_error_t code = igraph_eigenvector_centrality(raw(g), &res.v, &value, g.directed(), true,
                                                              weights_of(g, weighted), nullptr);
    if (code == IGRAPH_SUCCESS) {
      out.values = res.values();
      return out;
    }
  }
  // last_error reads " (Maximum number of iterations reached, src/…:192)": keep igraph's words.
  std::string reason = last_error;
  const auto open = reason.find('(');
  const auto comma = reason.find(", ", open == std::string::npos ? 0 : open);
  if (open != std::string::npos)
    reason = reason.substr(open + 1, comma == std::string::npos ? std::string::npos : comma - open - 1);
  out.warning = "eigenvector centrality: igraph's ARPACK did not converge (" + reason + "); ";
  if (!g.directed() && arpack_retry(g, weighted, out.values)) {
    out.method = "arpack-" + std::to_string(kArpackVectors);
    out.warning +=
        "computed with ARPACK and a Krylov space of " + std::to_string(kArpackVectors) + " vectors instead";
    return out;
  }
  const PowerIteration power = eigenvector_power_iteration(g, weighted);
  out.values = power.values;
  out.method = "power";
  if (power.converged) {
    out.warning += "computed by power iteration instead (" + std::to_string(power.iterations) +
                   " iterations, converged to " + short_number(kPowerTolerance) + ")";
  } else {
    out.warning += "power iteration stopped at its cap of " + std::to_string(kPowerIterations) +
                   " iterations (last change " + short_number(power.change) + "): the values are approximate";
  }
  return out;
}

std::vector<double> eigenvector(const Graph& g, bool weighted) {
  return eigenvector_centrality(g, weighted).values;
}

std::vector<double> pagerank(const Graph& g, double damping, bool weighted) {
  initialise();  // one OpenMP thread on this thread: PRPACK's sums in a fixed order
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
