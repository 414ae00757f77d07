#pragma once
// Every stakeholder and network measure (docs/METRICS.md): one call computes them all, in the
// conventions of igraph, with the brokerage and mixing measures igraph does not have.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/metrics/mixing.hpp"
#include "clusterscope/metrics/paths.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::metrics {

struct MetricOptions {
  /// How tie weights enter path measures: as strengths (length = 1/weight, the default), as
  /// distances (length = weight), or not at all.
  WeightMeaning weights = WeightMeaning::strength;
  PathOptions paths;               ///< exact or sampled betweenness, threads
  double damping = 0.85;           ///< PageRank
  std::size_t permutations = 999;  ///< E-I permutation test
  std::uint64_t seed =
      core::default_seed;  ///< the run's: permutation test, eigenvector start, sampling (core/run.hpp)
};

/// One named column of per-stakeholder values (NaN where a measure is undefined).
struct MetricColumn {
  std::string name;
  std::vector<double> values;
};

struct MetricsResult {
  std::vector<MetricColumn> nodes;                      ///< in output order
  std::vector<std::pair<std::string, double>> network;  ///< network measures, in output order
  TypeMixing mixing;
  bool sampled_paths = false;  ///< betweenness from sampled sources
  std::size_t path_sources = 0;
  double path_error_bound = 0;
  /// How eigenvector centrality was computed: "arpack" (igraph), "arpack-64" or "power"
  /// (fallbacks when igraph's ARPACK does not converge; docs/METRICS.md).
  std::string eigenvector_method = "arpack";
  /// What a user should know about these values (a fallback taken, a cap reached); also written
  /// to metrics.json as "warnings".
  std::vector<std::string> warnings;
  [[nodiscard]] const std::vector<double>& column(const std::string& name) const;
  [[nodiscard]] double measure(const std::string& name) const;
};

MetricsResult compute_metrics(const Network& network, const TieView& view, const MetricOptions& options);
/// The same, building the tie view first.
MetricsResult compute_metrics(const Network& network, const MetricOptions& options);

/// A value as written in tables: shortest exact form, NaN (undefined) as "".
std::string metric_text(double value);

/// `id` then one column per measure; numbers in shortest exact form, NaN as an empty cell.
std::string metrics_csv(const Network& network, const MetricsResult& result);
/// The same per stakeholder plus the network measures, mixing matrix, E-I and the settings.
std::string metrics_json(const Network& network, const MetricsResult& result, const MetricOptions& options);

}  // namespace clusterscope::metrics
