// Every node and network measure equals python-igraph 0.10.2 on real networks
// (tests/fixtures/metrics/make_reference.py wrote reference.json), within relative 1e-9.

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "clusterscope/io/load.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "support.hpp"

using namespace clusterscope;

namespace {

const nlohmann::json& reference() {
  static const nlohmann::json j = [] {
    std::ifstream in(test::fixture("metrics/reference.json"));
    return nlohmann::json::parse(in);
  }();
  return j;
}

Network load_csv(const std::filesystem::path& edges, const std::filesystem::path& nodes) {
  Diagnostics d;
  io::LoadOptions options;
  options.nodes_file = nodes;
  return io::load_network(edges, options, d);
}

Network load_named(const std::string& name) {
  const std::string nx = "sna_benchmarks_networkx/";
  Diagnostics d;
  if (name == "karate")
    return load_csv(test::shared_dataset(nx + "karate_club_edges.csv"),
                    test::shared_dataset(nx + "karate_club_nodes.csv"));
  if (name == "les-miserables")
    return load_csv(test::shared_dataset(nx + "les_miserables_edges.csv"),
                    test::shared_dataset(nx + "les_miserables_nodes.csv"));
  if (name == "florentine")
    return load_csv(test::shared_dataset(nx + "florentine_families_edges.csv"),
                    test::shared_dataset(nx + "florentine_families_nodes.csv"));
  if (name == "disconnected")
    return load_csv(test::fixture("metrics/disconnected.csv"),
                    test::fixture("metrics/disconnected.nodes.csv"));
  if (name == "davis-women" || name == "lazega-advice") {
    return test::load(test::shared_manifest(test::fixture("manifests/" + name + "/dataset.json")), d);
  }
  return test::load(test::shared_manifest(test::project_dir() / "docs" / "manifests" / name / "dataset.json"),
                    d);
}

bool close(double ours, const nlohmann::json& theirs) {
  if (theirs.is_null()) return std::isnan(ours);
  const double t = theirs.get<double>();
  return std::fabs(ours - t) <= 1e-9 * std::max(1.0, std::fabs(t));
}

}  // namespace

TEST_CASE("Node and network measures equal python-igraph", "[metrics][shared]") {
  for (const char* name : {"karate", "les-miserables", "florentine", "davis-women", "lazega-advice",
                           "cordis-calls2021-es51", "disconnected"}) {
    INFO("dataset " << name);
    const Network network = load_named(name);
    const auto& expected = reference()[name];
    for (const unsigned threads : {1U, 2U}) {
      metrics::MetricOptions options;
      options.paths.threads = threads;
      const metrics::MetricsResult result = metrics::compute_metrics(network, options);
      CHECK_FALSE(result.sampled_paths);
      REQUIRE(expected["nodes"].size() == network.stakeholders.size());
      for (const auto& column : {"degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
                                 "pagerank", "coreness", "clustering", "constraint"}) {
        const std::vector<double>& values = result.column(column);
        for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
          const std::string& id = network.stakeholders[i].id;
          const auto& theirs = expected["nodes"][id][column];
          INFO(column << " of '" << id << "': ours " << values[i] << ", igraph " << theirs.dump());
          CHECK(close(values[i], theirs));
        }
      }
      for (const auto& [key, value] : expected["network"].items()) {
        INFO("network " << key << ": ours " << result.measure(key) << ", igraph " << value.dump());
        CHECK(close(result.measure(key), value));
      }
    }
  }
}

TEST_CASE("Normalised variants follow the customary definitions", "[metrics][shared]") {
  const Network network = load_named("florentine");
  const metrics::MetricsResult r = metrics::compute_metrics(network, {});
  const double n = static_cast<double>(network.stakeholders.size());
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    CHECK(r.column("degree_norm")[i] == Approx(r.column("degree")[i] / (n - 1)));
    CHECK(r.column("betweenness_norm")[i] == Approx(r.column("betweenness")[i] * 2 / ((n - 1) * (n - 2))));
    CHECK(r.column("harmonic_norm")[i] == Approx(r.column("harmonic")[i] / (n - 1)));
  }
  // Medici: the classic betweenness peak of the Florentine marriage network.
  const auto medici = network.find("1");
  REQUIRE(medici);
  const auto& b = r.column("betweenness");
  CHECK(*std::max_element(b.begin(), b.end()) == b[static_cast<std::size_t>(*medici)]);
}

TEST_CASE("Metrics CSV: id first, NaN as empty cell, same bytes on every run", "[metrics]") {
  const Network network = load_named("disconnected");
  const auto a = metrics::metrics_csv(network, metrics::compute_metrics(network, {}));
  const auto b = metrics::metrics_csv(network, metrics::compute_metrics(network, {}));
  CHECK(a == b);
  CHECK(a.rfind("id,degree,degree_norm,strength,betweenness", 0) == 0);
  // g and h are isolates: closeness is undefined (empty), degree 0.
  CHECK(a.find("\ng,0,0,0,0,0,,") != std::string::npos);
}
