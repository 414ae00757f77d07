// Gould–Fernandez brokerage roles (hand-worked examples in tests/fixtures/brokerage/hand_worked.md,
// and a brute-force census on Lazega and karate) and Burt's effective size against networkx 2.8.8
// (tests/fixtures/brokerage/make_reference.py → reference.json).

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "clusterscope/io/load.hpp"
#include "clusterscope/metrics/brokerage.hpp"
#include "support.hpp"

using namespace clusterscope;

namespace {

const nlohmann::json& reference() {
  static const nlohmann::json json = [] {
    std::ifstream in(test::fixture("brokerage/reference.json"));
    return nlohmann::json::parse(in);
  }();
  return json;
}

struct Arc {
  std::string source;
  std::string target;
  std::string kind = "tie";
  double weight = 1.0;
};

/// A network of the given (id, type) stakeholders and ties.
Network make_network(bool directed, const std::vector<std::pair<std::string, std::string>>& stakeholders,
                     const std::vector<Arc>& arcs) {
  Network n;
  n.directed = directed;
  for (const auto& [id, type] : stakeholders) {
    Stakeholder s;
    s.id = id;
    s.type = type;
    n.stakeholders.push_back(s);
  }
  n.reindex();
  for (const Arc& a : arcs) {
    Tie t;
    t.source = *n.find(a.source);
    t.target = *n.find(a.target);
    t.kind = n.intern_kind(a.kind);
    t.weight = a.weight;
    n.ties.push_back(t);
  }
  return n;
}

/// coordinator, gatekeeper, representative, consultant, liaison of stakeholder `id`.
std::vector<double> roles_of(const Network& n, const metrics::BrokerageRoles& r, const std::string& id) {
  const auto v = static_cast<std::size_t>(*n.find(id));
  return {r.coordinator[v], r.gatekeeper[v], r.representative[v], r.consultant[v], r.liaison[v]};
}

std::vector<double> roles_of(const nlohmann::json& j) {
  return {j["coordinator"].get<double>(), j["gatekeeper"].get<double>(), j["representative"].get<double>(),
          j["consultant"].get<double>(), j["liaison"].get<double>()};
}

using Roles = std::vector<double>;

Network directed_example() {
  // hand_worked.md, "Directed example". f1 → f2 carries two ties of different kinds (one edge).
  return make_network(true,
                      {{"f1", "enterprise"},
                       {"f2", "enterprise"},
                       {"f3", "enterprise"},
                       {"u1", "university"},
                       {"u2", "university"},
                       {"g1", "government"},
                       {"g2", "government"}},
                      {{"u1", "f1"},
                       {"f1", "f2"},
                       {"f1", "f2", "project", 3.0},
                       {"f2", "f1"},
                       {"u1", "f2"},
                       {"f2", "f3"},
                       {"f3", "g1"},
                       {"g1", "u2"},
                       {"u2", "g2"},
                       {"g2", "g1"}});
}

Network undirected_example() {
  // hand_worked.md, "Undirected example"; x has an empty type.
  return make_network(false,
                      {{"h", "enterprise"},
                       {"e1", "enterprise"},
                       {"e2", "enterprise"},
                       {"e3", "enterprise"},
                       {"r1", "research"},
                       {"r2", "research"},
                       {"x", ""},
                       {"s1", "support"}},
                      {{"h", "e1"},
                       {"e1", "h", "meeting", 2.0},
                       {"h", "e2"},
                       {"h", "r1"},
                       {"h", "r2"},
                       {"h", "x"},
                       {"e1", "e2"},
                       {"e1", "e3"},
                       {"r1", "s1"}});
}

Network load_shared(const std::string& relative, const io::LoadOptions& options = {}) {
  Diagnostics d;
  return io::load_network(test::shared_dataset(relative), options, d);
}

Network load_lazega(bool advice_only) {
  test::shared_dataset("lazega_lawfirm");
  io::LoadOptions options;
  if (advice_only) options.filters.kinds = {"advice"};
  Diagnostics d;
  return io::load_network(
      test::shared_manifest(test::project_dir() / "docs/manifests/lazega-lawfirm/dataset.json"), options, d);
}

}  // namespace

TEST_CASE("Brokerage: the hand-worked directed example", "[brokerage]") {
  const Network n = directed_example();
  const auto r = metrics::brokerage(n, aggregate_ties(n));
  //                                              coord gate  repr  cons  liais
  CHECK(roles_of(n, r, "f1") == Roles{0, 0, 0, 0, 0});
  CHECK(roles_of(n, r, "f2") == Roles{1, 1, 0, 0, 0});
  CHECK(roles_of(n, r, "f3") == Roles{0, 0, 1, 0, 0});
  CHECK(roles_of(n, r, "u1") == Roles{0, 0, 0, 0, 0});
  CHECK(roles_of(n, r, "u2") == Roles{0, 0, 0, 1, 0});
  CHECK(roles_of(n, r, "g1") == Roles{0, 0, 1, 0, 1});
  CHECK(roles_of(n, r, "g2") == Roles{0, 1, 0, 0, 0});
  // The brute force of make_reference.py agrees with the hand derivation.
  for (const auto& [id, roles] : reference()["hand"]["directed"].items()) {
    INFO(id);
    CHECK(roles_of(n, r, id) == roles_of(roles));
  }
}

TEST_CASE("Brokerage: the hand-worked undirected example (both orientations counted)", "[brokerage]") {
  const Network n = undirected_example();
  const auto r = metrics::brokerage(n, aggregate_ties(n));
  //                                              coord gate  repr  cons  liais
  CHECK(roles_of(n, r, "h") == Roles{0, 6, 6, 2, 4});
  CHECK(roles_of(n, r, "e1") == Roles{4, 0, 0, 0, 0});
  CHECK(roles_of(n, r, "r1") == Roles{0, 0, 0, 0, 2});
  for (const char* id : {"e2", "e3", "r2", "x", "s1"})
    CHECK(roles_of(n, r, id) == Roles{0, 0, 0, 0, 0});
  for (const auto& [id, roles] : reference()["hand"]["undirected"].items()) {
    INFO(id);
    CHECK(roles_of(n, r, id) == roles_of(roles));
  }
}

TEST_CASE("Brokerage: an undirected network equals the directed one with both arcs", "[brokerage]") {
  const Network undirected = undirected_example();
  Network directed = undirected;
  directed.directed = true;
  const std::size_t ties = directed.ties.size();
  for (std::size_t i = 0; i < ties; ++i) {
    Tie back = directed.ties[i];
    std::swap(back.source, back.target);
    directed.ties.push_back(back);
  }
  const auto a = metrics::brokerage(undirected, aggregate_ties(undirected));
  const auto b = metrics::brokerage(directed, aggregate_ties(directed));
  CHECK(a.coordinator == b.coordinator);
  CHECK(a.gatekeeper == b.gatekeeper);
  CHECK(a.representative == b.representative);
  CHECK(a.consultant == b.consultant);
  CHECK(a.liaison == b.liaison);
  // Undirected: gatekeeper and representative always pair up.
  CHECK(a.gatekeeper == a.representative);
}

TEST_CASE("Brokerage: Lazega advice by office and karate by club match a brute-force census",
          "[brokerage][shared]") {
  SECTION("Lazega advice (directed), groups = office") {
    Network n = load_lazega(true);
    REQUIRE(n.directed);
    for (Stakeholder& s : n.stakeholders)
      s.type = s.attributes.at("office");
    const auto r = metrics::brokerage(n, aggregate_ties(n));
    const auto& expected = reference()["brokerage"]["lazega_advice_office"];
    REQUIRE(expected.size() == n.size());
    double total = 0.0;
    for (const auto& [id, roles] : expected.items()) {
      INFO(id);
      CHECK(roles_of(n, r, id) == roles_of(roles));
      for (double x : roles_of(n, r, id))
        total += x;
    }
    CHECK(total > 1000.0);  // a substantial census, not a trivially empty one
  }
  SECTION("karate (undirected), groups = club") {
    io::LoadOptions options;
    options.nodes_file = test::shared_dataset("sna_benchmarks_networkx/karate_club_nodes.csv");
    Network n = load_shared("sna_benchmarks_networkx/karate_club_edges.csv", options);
    REQUIRE_FALSE(n.directed);
    for (Stakeholder& s : n.stakeholders)
      s.type = s.attributes.at("club");
    const auto r = metrics::brokerage(n, aggregate_ties(n));
    const auto& expected = reference()["brokerage"]["karate_club"];
    REQUIRE(expected.size() == n.size());
    for (const auto& [id, roles] : expected.items()) {
      INFO(id);
      CHECK(roles_of(n, r, id) == roles_of(roles));
    }
  }
}

TEST_CASE("Brokerage: edge cases", "[brokerage]") {
  SECTION("no ties, one stakeholder, empty network") {
    const Network n = make_network(false, {{"a", "enterprise"}}, {});
    const auto r = metrics::brokerage(n, {});
    CHECK(r.coordinator == std::vector<double>{0.0});
    const auto empty = metrics::brokerage(Network{}, {});
    CHECK(empty.liaison.empty());
  }
  SECTION("self-loops and repeated edges are ignored") {
    const Network n = make_network(true, {{"a", "x"}, {"b", "x"}, {"c", "x"}}, {});
    const std::vector<AggregatedEdge> edges = {
        {0, 1, 1.0, 1}, {1, 1, 1.0, 1}, {1, 2, 1.0, 1}, {1, 2, 2.0, 1}};
    const auto r = metrics::brokerage(n, edges);
    CHECK(r.coordinator == std::vector<double>{0.0, 1.0, 0.0});
  }
  SECTION("endpoints outside the network") {
    const Network n = make_network(true, {{"a", "x"}}, {});
    CHECK_THROWS_AS(metrics::brokerage(n, {{0, 1, 1.0, 1}}), std::out_of_range);
    CHECK_THROWS_AS(metrics::effective_size(1, {{0, -1, 1.0, 1}}, false, false), std::out_of_range);
  }
}

TEST_CASE("Effective size matches networkx 2.8.8 on the benchmark networks", "[brokerage][shared]") {
  struct Case {
    const char* name;
    Network network;
  };
  std::vector<Case> cases;
  cases.push_back({"karate", load_shared("sna_benchmarks_networkx/karate_club_edges.csv")});
  cases.push_back({"les_miserables", load_shared("sna_benchmarks_networkx/les_miserables_edges.csv")});
  cases.push_back({"florentine", load_shared("sna_benchmarks_networkx/florentine_families_edges.csv")});
  cases.push_back({"lazega_advice", load_lazega(true)});
  cases.push_back({"lazega_multiplex", load_lazega(false)});
  // The multiplex aggregate has weights 1–3 (number of relations on the ordered pair).
  const auto multiplex = aggregate_ties(cases.back().network);
  CHECK(std::any_of(multiplex.begin(), multiplex.end(),
                    [](const AggregatedEdge& e) { return e.weight == 3.0; }));

  for (const Case& c : cases) {
    const auto edges = aggregate_ties(c.network);
    const auto& expected = reference()["effective_size"][c.name];
    for (const bool weighted : {false, true}) {
      INFO(c.name << (weighted ? " weighted" : " unweighted"));
      const auto values = metrics::effective_size(static_cast<std::int32_t>(c.network.size()), edges,
                                                  c.network.directed, weighted);
      const auto& table = expected[weighted ? "weighted" : "unweighted"];
      REQUIRE(table.size() == c.network.size());
      for (const auto& [id, value] : table.items()) {
        INFO(id);
        const auto v = c.network.find(id);
        REQUIRE(v);
        REQUIRE_FALSE(value.is_null());
        CHECK(values[static_cast<std::size_t>(*v)] == Approx(value.get<double>()).epsilon(1e-9).margin(0.0));
      }
    }
  }
  // Lazega advice: vertex "5" has in-ties only; networkx 2.8.8 says NaN, the reference (and we)
  // give Burt's value (networkx's formula on the reversed graph).
  CHECK(reference()["effective_size"]["lazega_advice"]["networkx_nan_without_successors"] ==
        nlohmann::json::array({"5"}));
}

TEST_CASE("Effective size: isolates are NaN, as in networkx", "[brokerage]") {
  const Network n = make_network(false, {{"a", ""}, {"b", ""}, {"c", ""}, {"d", ""}},
                                 {{"a", "b", "tie", 2.0}, {"b", "c", "tie", 1.0}});
  const auto& expected = reference()["effective_size"]["isolate_example"];
  for (const bool weighted : {false, true}) {
    const auto values = metrics::effective_size(4, aggregate_ties(n), false, weighted);
    const auto& table = expected[weighted ? "weighted" : "unweighted"];
    CHECK(table["d"].is_null());
    CHECK(std::isnan(values[3]));
    for (const char* id : {"a", "b", "c"}) {
      INFO(id << (weighted ? " weighted" : " unweighted"));
      CHECK(values[static_cast<std::size_t>(*n.find(id))] == Approx(table[id].get<double>()).epsilon(1e-12));
    }
  }
  CHECK(metrics::effective_size(0, {}, true, true).empty());
  // A directed vertex with in-ties only is not an isolate: a → b, a → c, c → b gives b the
  // neighbours a and c, tied to each other.
  const std::vector<AggregatedEdge> arcs = {{0, 1, 1.0, 1}, {0, 2, 1.0, 1}, {2, 1, 1.0, 1}};
  const auto directed = metrics::effective_size(3, arcs, true, false);
  CHECK(directed[1] == Approx(1.0));  // 2 − (1/2 + 1/2): each contact fully redundant by half
}
