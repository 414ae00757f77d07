// Type mixing and the E-I index: the hand-worked example of tests/fixtures/brokerage/hand_worked.md,
// networkx.attribute_mixing_matrix on Lazega (directed) and karate (undirected), and the seeded
// permutation test (exact p of the hand example, a Python re-implementation of the same draws,
// homophily, calibration under random typing).

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "clusterscope/io/load.hpp"
#include "clusterscope/metrics/mixing.hpp"
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

Network with_stakeholders(bool directed, const std::vector<std::string>& types) {
  Network n;
  n.directed = directed;
  for (std::size_t i = 0; i < types.size(); ++i) {
    Stakeholder s;
    s.id = "v" + std::to_string(i);
    s.type = types[i];
    n.stakeholders.push_back(s);
  }
  n.reindex();
  n.intern_kind("tie");
  return n;
}

void add_tie(Network& n, const std::string& a, const std::string& b, double weight = 1.0,
             const std::string& kind = "tie") {
  Tie t;
  t.source = *n.find(a);
  t.target = *n.find(b);
  t.kind = n.intern_kind(kind);
  t.weight = weight;
  n.ties.push_back(t);
}

/// hand_worked.md, "Undirected example" (the same network as in test_brokerage.cpp).
Network undirected_example() {
  Network n = with_stakeholders(false, {});
  const std::vector<std::pair<std::string, std::string>> people = {{"h", "enterprise"},
                                                                   {"e1", "enterprise"},
                                                                   {"e2", "enterprise"},
                                                                   {"e3", "enterprise"},
                                                                   {"r1", "research"},
                                                                   {"r2", "research"},
                                                                   {"x", ""},
                                                                   {"s1", "support"}};
  for (const auto& [id, type] : people) {
    Stakeholder s;
    s.id = id;
    s.type = type;
    n.stakeholders.push_back(s);
  }
  n.reindex();
  add_tie(n, "h", "e1");
  add_tie(n, "e1", "h", 2.0, "meeting");
  add_tie(n, "h", "e2");
  add_tie(n, "h", "r1");
  add_tie(n, "h", "r2");
  add_tie(n, "h", "x");
  add_tie(n, "e1", "e2");
  add_tie(n, "e1", "e3");
  add_tie(n, "r1", "s1");
  return n;
}

std::size_t index_of(const metrics::TypeMixing& m, const std::string& type) {
  const auto it = std::find(m.types.begin(), m.types.end(), type);
  REQUIRE(it != m.types.end());
  return static_cast<std::size_t>(it - m.types.begin());
}

/// Two cliques of `size` (types enterprise / university) joined by one tie.
Network two_cliques(std::size_t size) {
  std::vector<std::string> types(2 * size, "enterprise");
  for (std::size_t i = size; i < 2 * size; ++i)
    types[i] = "university";
  Network n = with_stakeholders(false, types);
  for (std::size_t half = 0; half < 2; ++half) {
    for (std::size_t i = 0; i < size; ++i) {
      for (std::size_t j = i + 1; j < size; ++j) {
        add_tie(n, "v" + std::to_string(half * size + i), "v" + std::to_string(half * size + j));
      }
    }
  }
  add_tie(n, "v0", "v" + std::to_string(size));
  return n;
}

Network load_lazega_advice() {
  test::shared_dataset("lazega_lawfirm");
  io::LoadOptions options;
  options.filters.kinds = {"advice"};
  Diagnostics d;
  Network n = io::load_network(
      test::shared_manifest(test::project_dir() / "docs/manifests/lazega-lawfirm/dataset.json"), options, d);
  for (Stakeholder& s : n.stakeholders)
    s.type = s.attributes.at("office");
  return n;
}

}  // namespace

TEST_CASE("Mixing: the hand-worked undirected example", "[mixing]") {
  const Network n = undirected_example();
  const auto m = metrics::type_mixing(n, aggregate_ties(n), 0, 1);
  // Vocabulary order, then the other type met (""), whether or not a term has members.
  CHECK(m.types == std::vector<std::string>{"enterprise", "university", "research", "support", "government",
                                            "cluster", "ngo", "other", ""});
  const std::size_t e = 0, r = 2, s = 3, x = 8;
  double total = 0.0;
  for (const auto& row : m.ties) {
    for (const double v : row)
      total += v;
  }
  CHECK(total == 4 + 2 * 2 + 2 * 1 + 2 * 1);  // each off-diagonal edge sits in both cells
  CHECK(m.ties[e][e] == 4);
  CHECK(m.ties[e][r] == 2);
  CHECK(m.ties[r][e] == 2);
  CHECK(m.ties[e][x] == 1);
  CHECK(m.ties[x][e] == 1);
  CHECK(m.ties[r][s] == 1);
  CHECK(m.ties[s][r] == 1);
  CHECK(m.weight[e][e] == 6);  // h–e1 carries 1 + 2
  CHECK(m.weight[e][r] == 2);
  CHECK(m.ei_index == 0.0);     // E = 4, I = 4
  CHECK(m.ei_expected == 0.5);  // 1 − 2·14/56
  CHECK(m.ei_by_type[e] == Approx(-1.0 / 7.0));
  CHECK(m.ei_by_type[r] == 1.0);
  CHECK(m.ei_by_type[s] == 1.0);
  CHECK(m.ei_by_type[x] == 1.0);
  for (const std::size_t absent : std::vector<std::size_t>{1, 4, 5, 6, 7})
    CHECK(std::isnan(m.ei_by_type[absent]));
  CHECK(std::isnan(m.ei_p_value));  // no permutations asked for
  CHECK(m.permutations == 0);
}

TEST_CASE("Mixing: the permutation p-value of the hand example approaches the exact one", "[mixing]") {
  const Network n = undirected_example();
  const auto& exact = reference()["hand"]["undirected_ei"];
  REQUIRE(exact["assignments"] == 840);
  REQUIRE(exact["as_extreme"] == 152);
  const auto m = metrics::type_mixing(n, aggregate_ties(n), 20000, 99);
  CHECK(m.ei_p_value == Approx(152.0 / 840.0).margin(0.015));  // ±5.5 standard errors
  CHECK(m.permutations == 20000);
  CHECK(m.seed == 99);
}

TEST_CASE("Mixing: the seeded p-value is reproducible, also outside C++", "[mixing][shared]") {
  const Network n = undirected_example();
  const auto edges = aggregate_ties(n);
  const auto a = metrics::type_mixing(n, edges, 999, 2024);
  const auto b = metrics::type_mixing(n, edges, 999, 2024);
  CHECK(a.ei_p_value == b.ei_p_value);
  // make_reference.py runs the same draws with its own mt19937_64.
  const auto& expected = reference()["permutation_test"];
  CHECK(a.ei_p_value == expected["hand_undirected"]["p"].get<double>());
  const Network lazega = load_lazega_advice();
  const auto l = metrics::type_mixing(lazega, aggregate_ties(lazega), 999, 7);
  CHECK(l.ei_p_value == expected["lazega_advice_office"]["p"].get<double>());
}

TEST_CASE("Mixing: Lazega advice by office equals networkx.attribute_mixing_matrix (directed)",
          "[mixing][shared]") {
  const Network n = load_lazega_advice();
  REQUIRE(n.directed);
  const auto edges = aggregate_ties(n);
  const auto m = metrics::type_mixing(n, edges, 0, 1);
  const auto& expected = reference()["mixing"]["lazega_advice_office"];
  const auto names = expected["types"].get<std::vector<std::string>>();
  CHECK(names == std::vector<std::string>{"Boston", "Hartford", "Providence"});
  REQUIRE(m.types.size() == 8 + 3);
  double internal = 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = 0; j < names.size(); ++j) {
      const double nx = expected["networkx_matrix"][i][j].get<double>();
      CHECK(m.ties[index_of(m, names[i])][index_of(m, names[j])] == nx);
      CHECK(m.weight[index_of(m, names[i])][index_of(m, names[j])] == nx);  // single relation: weight 1
      total += nx;
      if (i == j) internal += nx;
    }
  }
  CHECK(total == 892);
  CHECK(m.ei_index == Approx((total - 2 * internal) / total).epsilon(1e-15));
  // Offices are strongly homophilous in advice: p is the smallest possible with 999 permutations.
  const auto tested = metrics::type_mixing(n, edges, 999, 7);
  CHECK(tested.ei_index < tested.ei_expected);
  CHECK(tested.ei_p_value == 1.0 / 1000.0);
}

TEST_CASE("Mixing: karate by club equals networkx (undirected: diagonal halved)", "[mixing][shared]") {
  io::LoadOptions options;
  options.nodes_file = test::shared_dataset("sna_benchmarks_networkx/karate_club_nodes.csv");
  Diagnostics d;
  Network n =
      io::load_network(test::shared_dataset("sna_benchmarks_networkx/karate_club_edges.csv"), options, d);
  for (Stakeholder& s : n.stakeholders)
    s.type = s.attributes.at("club");
  const auto m = metrics::type_mixing(n, aggregate_ties(n), 0, 1);
  const auto& expected = reference()["mixing"]["karate_club"];
  const auto names = expected["types"].get<std::vector<std::string>>();
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = 0; j < names.size(); ++j) {
      const double nx = expected["networkx_matrix"][i][j].get<double>();
      // networkx lists every undirected edge in both directions.
      CHECK(m.ties[index_of(m, names[i])][index_of(m, names[j])] == (i == j ? nx / 2 : nx));
    }
  }
  CHECK(m.ei_index == Approx((11.0 - 67.0) / 78.0));  // E = 11, I = 35 + 32
}

TEST_CASE("Mixing: perfect homophily is significant, random typing is not", "[mixing]") {
  const Network cliques = two_cliques(10);
  const auto h = metrics::type_mixing(cliques, aggregate_ties(cliques), 999, 5);
  CHECK(h.ei_index == Approx((1.0 - 90.0) / 91.0));
  CHECK(h.ei_p_value < 0.05);

  // Calibration: a fixed random graph (60 vertices, p = 0.1) with 40 independent random typings
  // over 3 types. Under this null the p-value is (nearly) uniform: about 2 of 40 fall ≤ 0.05.
  std::mt19937_64 engine(12345);
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < 60; ++i) {
    for (int j = i + 1; j < 60; ++j) {
      if (engine() % 10 == 0) pairs.emplace_back(i, j);
    }
  }
  int small = 0;
  double sum = 0.0;
  for (int typing = 0; typing < 40; ++typing) {
    std::vector<std::string> types(60);
    for (auto& t : types)
      t = std::vector<std::string>{"enterprise", "university", "research"}[engine() % 3];
    Network n = with_stakeholders(false, types);
    for (const auto& [i, j] : pairs)
      add_tie(n, "v" + std::to_string(i), "v" + std::to_string(j));
    const auto m = metrics::type_mixing(n, aggregate_ties(n), 199, static_cast<std::uint64_t>(typing));
    if (m.ei_p_value <= 0.05) ++small;
    sum += m.ei_p_value;
  }
  CHECK(small <= 8);
  CHECK(sum / 40 == Approx(0.5).margin(0.2));
}

TEST_CASE("Mixing: directed pairs, loops, empty networks, bad edges", "[mixing]") {
  SECTION("a mutual directed pair is two ties, the matrix is not symmetrised") {
    Network n = with_stakeholders(true, {"enterprise", "university", "university"});
    add_tie(n, "v0", "v1");
    add_tie(n, "v1", "v0");
    add_tie(n, "v1", "v2");
    const auto m = metrics::type_mixing(n, aggregate_ties(n), 0, 1);
    CHECK(m.ties[0][1] == 1);
    CHECK(m.ties[1][0] == 1);
    CHECK(m.ties[1][1] == 1);
    CHECK(m.ei_index == Approx(1.0 / 3.0));
    CHECK(m.ei_by_type[1] == Approx(1.0 / 3.0));
  }
  SECTION("self-loops are ignored") {
    const Network n = with_stakeholders(false, {"enterprise", "enterprise"});
    const auto m = metrics::type_mixing(n, {{0, 0, 1.0, 1}, {0, 1, 1.0, 1}}, 0, 1);
    CHECK(m.ties[0][0] == 1);
    CHECK(m.ei_index == -1.0);
  }
  SECTION("no ties: NaN index and p-value") {
    const Network n = with_stakeholders(false, {"enterprise", "university"});
    const auto m = metrics::type_mixing(n, {}, 99, 1);
    CHECK(std::isnan(m.ei_index));
    CHECK(std::isnan(m.ei_p_value));
    CHECK(m.ei_expected == 1.0);
    const auto empty = metrics::type_mixing(Network{}, {}, 99, 1);
    CHECK(std::isnan(empty.ei_expected));
  }
  SECTION("a single type: every permutation is as extreme, p = 1") {
    Network n = with_stakeholders(false, {"ngo", "ngo", "ngo"});
    add_tie(n, "v0", "v1");
    const auto m = metrics::type_mixing(n, aggregate_ties(n), 49, 1);
    CHECK(m.ei_index == -1.0);
    CHECK(m.ei_expected == -1.0);
    CHECK(m.ei_p_value == 1.0);
  }
  SECTION("endpoints outside the network") {
    const Network n = with_stakeholders(false, {"ngo"});
    CHECK_THROWS_AS(metrics::type_mixing(n, {{0, 3, 1.0, 1}}, 0, 1), std::out_of_range);
  }
}
