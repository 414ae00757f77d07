#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/core/run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "clusterscope/core/csv_write.hpp"
#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/text.hpp"
#include "clusterscope/graph/graph.hpp"
#include "clusterscope/metrics/brokerage.hpp"

namespace clusterscope::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> scaled(const std::vector<double>& values, double factor) {
  std::vector<double> out(values.size());
  std::transform(values.begin(), values.end(), out.begin(), [&](double v) { return v * factor; });
  return out;
}

}  // namespace

const std::vector<double>& MetricsResult::column(const std::string& name) const {
  for (const MetricColumn& c : nodes) {
    if (c.name == name) return c.values;
  }
  throw InternalError("no metric column '" + name + "'");
}

double MetricsResult::measure(const std::string& name) const {
  for (const auto& [key, value] : network) {
    if (key == name) return value;
  }
  throw InternalError("no network measure '" + name + "'");
}

MetricsResult compute_metrics(const Network& network, const MetricOptions& options) {
  return compute_metrics(network, make_tie_view(network), options);
}

MetricsResult compute_metrics(const Network& network, const TieView& view, const MetricOptions& options) {
  const auto n = static_cast<std::int32_t>(network.stakeholders.size());
  const std::vector<AggregatedEdge>& edges = view.pairs;
  const bool weighted = options.weights != WeightMeaning::none;
  const graph::Graph g(n, edges, network.directed);
  const PathCentralities paths =
      path_centralities(make_csr(n, edges, network.directed, options.weights), options.paths);
  const BrokerageRoles roles = brokerage(network, edges);

  const double nd = static_cast<double>(n);
  const double pairs = (nd - 1.0) * (nd - 2.0);
  // Freeman's normalisation as igraph/networkx apply it: undirected pairs counted once.
  const double betweenness_scale = pairs > 0 ? (network.directed ? 1.0 : 2.0) / pairs : kNaN;
  const double others = n > 1 ? 1.0 / (nd - 1.0) : kNaN;

  MetricsResult r;
  const std::vector<double> degree = graph::degree(g);
  r.nodes.push_back({"degree", degree});
  r.nodes.push_back({"degree_norm", scaled(degree, others)});
  r.nodes.push_back({"strength", graph::strength(g)});
  r.nodes.push_back({"betweenness", paths.betweenness});
  r.nodes.push_back({"betweenness_norm", scaled(paths.betweenness, betweenness_scale)});
  r.nodes.push_back({"closeness", paths.closeness});
  std::vector<double> closeness_norm(paths.closeness.size());
  for (std::size_t i = 0; i < closeness_norm.size(); ++i) {
    closeness_norm[i] = paths.closeness[i] * static_cast<double>(paths.reachable[i]);
  }
  r.nodes.push_back({"closeness_norm", closeness_norm});
  r.nodes.push_back({"harmonic", paths.harmonic});
  r.nodes.push_back({"harmonic_norm", scaled(paths.harmonic, others)});
  // ARPACK starts from a random vector drawn from igraph's RNG: seed it, so that the same input
  // gives the same bits in every run and in every call within one run.
  const std::uint64_t arpack_seed = core::stream_seed(options.seed, core::SeedStream::eigenvector);
  graph::seed_rng(arpack_seed);
  graph::Eigenvector eigenvector = graph::eigenvector_centrality(g, weighted);
  if (!eigenvector.warning.empty()) r.warnings.push_back(std::move(eigenvector.warning));
  r.eigenvector_method = eigenvector.method;
  r.nodes.push_back({"eigenvector", std::move(eigenvector.values)});
  graph::seed_rng(arpack_seed);
  r.nodes.push_back({"pagerank", graph::pagerank(g, options.damping, weighted)});
  r.nodes.push_back({"coreness", graph::coreness(g)});
  r.nodes.push_back({"clustering", graph::local_clustering(g)});
  r.nodes.push_back({"constraint", graph::constraint(g, weighted)});
  r.nodes.push_back({"effective_size", effective_size(n, edges, network.directed, weighted)});
  r.nodes.push_back({"broker_coordinator", roles.coordinator});
  r.nodes.push_back({"broker_gatekeeper", roles.gatekeeper});
  r.nodes.push_back({"broker_representative", roles.representative});
  r.nodes.push_back({"broker_consultant", roles.consultant});
  r.nodes.push_back({"broker_liaison", roles.liaison});
  r.sampled_paths = paths.sampled;
  r.path_sources = paths.sources;
  r.path_error_bound = paths.error_bound;

  const graph::Components components = graph::components(g);
  const graph::GlobalMeasures global = graph::global_measures(g, false);
  const HopSummary hops =
      hop_summary(make_csr(n, edges, network.directed, WeightMeaning::none), options.paths.threads);
  const auto giant =
      components.sizes.empty() ? 0 : *std::max_element(components.sizes.begin(), components.sizes.end());
  const auto isolates = static_cast<double>(std::count(degree.begin(), degree.end(), 0.0));
  // Type categories in vocabulary order (then others by name), for nominal assortativity.
  r.mixing = type_mixing(network, view.pairs, view.types, options.permutations, options.seed);
  const std::vector<std::int32_t>& categories = view.types.of;
  r.network = {
      {"stakeholders", nd},
      {"ties", static_cast<double>(network.ties.size())},
      {"pairs", static_cast<double>(edges.size())},
      {"density", global.density},
      {"components", static_cast<double>(components.sizes.size())},
      {"giant_share", n > 0 ? static_cast<double>(giant) / nd : kNaN},
      {"isolates", isolates},
      {"diameter", hops.diameter},
      {"average_path_length", hops.average_path_length},
      {"transitivity", global.transitivity},
      {"average_clustering", global.average_clustering},
      {"degree_assortativity", global.degree_assortativity},
      {"type_assortativity", n > 0 ? graph::nominal_assortativity(g, categories) : kNaN},
      {"ei_index", r.mixing.ei_index},
      {"ei_p_value", r.mixing.ei_p_value},
      {"reciprocity", global.reciprocity},
  };
  return r;
}

std::string metric_text(double value) {
  return std::isnan(value) ? std::string() : core::format_number(value);
}

std::string metrics_csv(const Network& network, const MetricsResult& result) {
  std::string out;
  std::vector<std::string> row = {"id"};
  for (const MetricColumn& c : result.nodes)
    row.push_back(c.name);
  core::append_csv_row(out, row);
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    row.assign(1, network.stakeholders[i].id);
    for (const MetricColumn& c : result.nodes) {
      row.push_back(metric_text(c.values[i]));
    }
    core::append_csv_row(out, row);
  }
  return out;
}

namespace {
/// Counts as JSON integers, other values as doubles, undefined (NaN) as null.
nlohmann::ordered_json number(double v) {
  if (!std::isfinite(v)) return nullptr;
  if (v == std::floor(v) && std::fabs(v) < 1e15) return static_cast<long long>(v);
  return v;
}
}  // namespace

std::string metrics_json(const Network& network, const MetricsResult& result, const MetricOptions& options) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["dataset"] = network.name;
  j["directed"] = network.directed;
  j["settings"] = Json{
      {"weights", core::described(kWeightMeaningNames, options.weights)},
      {"damping", options.damping},
      {"permutations", options.permutations},
      {"seed", options.seed},
      {"betweenness", core::name_of(kPathModeNames, result.sampled_paths ? PathOptions::Mode::sampled
                                                                         : PathOptions::Mode::exact)},
      {"betweenness_sources", result.path_sources},
      {"betweenness_error_bound", number(result.path_error_bound)},
      {"eigenvector", result.eigenvector_method},
  };
  if (!result.warnings.empty()) j["warnings"] = result.warnings;
  Json measures = Json::object();
  for (const auto& [name, value] : result.network)
    measures[name] = number(value);
  j["network"] = measures;
  Json mixing;
  mixing["types"] = result.mixing.types;
  mixing["ties"] = result.mixing.ties;
  mixing["weight"] = result.mixing.weight;
  Json by_type = Json::object();
  for (std::size_t t = 0; t < result.mixing.types.size(); ++t) {
    by_type[result.mixing.types[t]] = number(result.mixing.ei_by_type[t]);
  }
  mixing["ei_by_type"] = by_type;
  j["mixing"] = mixing;
  Json stakeholders = Json::array();
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    Json s;
    s["id"] = network.stakeholders[i].id;
    for (const MetricColumn& c : result.nodes)
      s[c.name] = number(c.values[i]);
    stakeholders.push_back(std::move(s));
  }
  j["stakeholders"] = stakeholders;
  return j.dump(2) + "\n";
}

}  // namespace clusterscope::metrics
