// Path centralities against python-igraph 0.10.2 (tests/fixtures/paths/paths_reference.json, made
// by make_paths_reference.py there), plus the sampled mode, determinism and input checks.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "clusterscope/metrics/paths.hpp"
#include "support.hpp"

using namespace clusterscope;
using metrics::CsrGraph;
using metrics::PathCentralities;
using metrics::PathOptions;
using metrics::WeightMeaning;

namespace {

std::string strip(std::string text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '"'))
    text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '"'))
    ++start;
  return text.substr(start);
}

/// Vertex of an id: "17" → 17, "n17" → 17 (the planted-partition ids), as the script reads them.
VertexId vertex_of(const std::string& id) {
  return static_cast<VertexId>(std::stol(!id.empty() && id[0] == 'n' ? id.substr(1) : id));
}

struct Row {
  VertexId source, target;
  double weight;
};

/// A small reader for the `source,target[,weight]` files (ids as vertex numbers); an unweighted
/// file gets `weight_rule` (the script's rule for that case) or 1.
std::vector<Row> read_rows(const std::filesystem::path& path, bool lazega_rule) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);
  const bool has_weight = line.find("weight") != std::string::npos;
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (strip(line).empty()) continue;
    std::stringstream fields(line);
    std::string a, b, w;
    std::getline(fields, a, ',');
    std::getline(fields, b, ',');
    std::getline(fields, w, ',');
    Row row{vertex_of(strip(a)), vertex_of(strip(b)), 1.0};
    if (has_weight) {
      row.weight = std::stod(strip(w));
    } else if (lazega_rule) {
      row.weight = 1.0 + static_cast<double>((row.source + 2 * row.target) % 3);
    }
    rows.push_back(row);
  }
  return rows;
}

/// The network the way clusterscope holds it: stakeholders "0".."n-1", one tie per row.
Network make_network(int n, bool directed, const std::vector<Row>& rows) {
  Network network;
  network.directed = directed;
  for (int i = 0; i < n; ++i) {
    Stakeholder s;
    s.id = std::to_string(i);
    network.stakeholders.push_back(s);
  }
  network.reindex();
  const KindId kind = network.intern_kind("tie");
  for (const Row& r : rows) {
    Tie tie;
    tie.source = r.source;
    tie.target = r.target;
    tie.kind = kind;
    tie.weight = r.weight;
    network.ties.push_back(tie);
  }
  return network;
}

WeightMeaning meaning_of(const std::string& text) {
  if (text == "strength") return WeightMeaning::strength;
  if (text == "distance") return WeightMeaning::distance;
  return WeightMeaning::none;
}

const nlohmann::json& reference() {
  static const nlohmann::json data =
      nlohmann::json::parse(test::read_file(test::fixture("paths/paths_reference.json")));
  return data;
}

struct Case {
  std::string name;
  Network network;
  const nlohmann::json* json;
};

Case load_case(const nlohmann::json& c) {
  std::vector<Row> rows;
  if (c.contains("edges")) {
    for (const auto& e : c["edges"])
      rows.push_back({e[0].get<VertexId>(), e[1].get<VertexId>(), e[2].get<double>()});
  } else {
    const std::string source = c["source"];
    const std::filesystem::path path = source.find('/') == std::string::npos
                                           ? test::fixture("paths/" + source)
                                           : test::shared_dataset(source);
    rows = read_rows(path, c.contains("weight_rule"));
  }
  return {c["name"], make_network(c["n"].get<int>(), c["directed"].get<bool>(), rows), &c};
}

const nlohmann::json& find_case(const std::string& name) {
  for (const auto& c : reference()["cases"]) {
    if (c["name"] == name) return c;
  }
  FAIL("no reference case " << name);
  return reference();
}

CsrGraph csr_of(const Network& network, WeightMeaning meaning) {
  return metrics::make_csr(static_cast<std::int32_t>(network.size()), aggregate_ties(network),
                           network.directed, meaning);
}

/// Relative error ≤ 1e-9 (absolute 1e-12 around zero); NaN (JSON null) must be NaN.
bool close(double ours, const nlohmann::json& theirs) {
  if (theirs.is_null()) return std::isnan(ours);
  const double t = theirs.get<double>();
  if (std::isnan(ours)) return false;
  return std::fabs(ours - t) <= 1e-9 * std::max(std::fabs(ours), std::fabs(t)) ||
         std::fabs(ours - t) <= 1e-12;
}

void require_equal_igraph(const PathCentralities& r, const nlohmann::json& expected,
                          const std::string& what) {
  const auto n = expected["betweenness"].size();
  REQUIRE(r.betweenness.size() == n);
  REQUIRE(r.closeness.size() == n);
  REQUIRE(r.harmonic.size() == n);
  REQUIRE(r.reachable.size() == n);
  for (std::size_t v = 0; v < n; ++v) {
    INFO(what << " vertex " << v);
    CHECK(close(r.betweenness[v], expected["betweenness"][v]));
    CHECK(close(r.closeness[v], expected["closeness"][v]));
    CHECK(close(r.harmonic[v], expected["harmonic"][v]));
    CHECK(r.reachable[v] == expected["reachable"][v].get<std::int32_t>());
  }
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  }
  return true;
}

PathOptions exact(unsigned threads, bool integer = true) {
  PathOptions o;
  o.mode = PathOptions::Mode::exact;
  o.threads = threads;
  o.integer_lengths = integer;
  return o;
}

}  // namespace

TEST_CASE("path centralities equal igraph 0.10.2 on every reference graph", "[paths][shared]") {
  REQUIRE(reference()["igraph"] == "0.10.2");
  for (const auto& c : reference()["cases"]) {
    const Case data = load_case(c);
    for (const auto& expected : c["results"]) {
      const std::string meaning = expected["meaning"];
      const CsrGraph g = csr_of(data.network, meaning_of(meaning));
      for (const unsigned threads : {1U, 2U}) {
        for (const bool integer : {true, false}) {
          const PathCentralities r = metrics::path_centralities(g, exact(threads, integer));
          REQUIRE_FALSE(r.sampled);
          REQUIRE(r.sources == data.network.size());
          require_equal_igraph(
              r, expected,
              data.name + " " + meaning + " threads " + std::to_string(threads) + " kernel " + r.kernel);
        }
      }
    }
  }
}

TEST_CASE("closeness alone on one length runs the multi-source search, with the same bits",
          "[paths][shared]") {
  // The multi-source kernel forms each source's sums as the single-source searches do, so its
  // closeness, harmonic and reachable values are bit-identical to the combined run's (which the
  // test above checks against igraph) — directed, undirected and disconnected graphs alike.
  std::size_t checked = 0;
  for (const auto& c : reference()["cases"]) {
    const Case data = load_case(c);
    for (const auto& expected : c["results"]) {
      if (expected["meaning"] != "none") continue;
      const CsrGraph g = csr_of(data.network, WeightMeaning::none);
      const PathCentralities both = metrics::path_centralities(g, exact(1));
      for (const unsigned threads : {1U, 2U}) {
        PathOptions options = exact(threads);
        options.betweenness = false;
        const PathCentralities alone = metrics::path_centralities(g, options);
        INFO(data.name << " threads " << threads);
        CHECK(alone.kernel == "bfs-multi");
        CHECK(alone.betweenness.empty());
        CHECK(same_bits(alone.closeness, both.closeness));
        CHECK(same_bits(alone.harmonic, both.harmonic));
        CHECK(alone.reachable == both.reachable);
        ++checked;
      }
    }
  }
  CHECK(checked == 2 * 7);
  // Isolates and a second component: unreachable pairs add nothing, an isolate's closeness is NaN.
  Network split = make_network(70, true, {});
  for (int i = 0; i < 60; ++i)
    split.ties.push_back(Tie{i, (i * 7 + 3) % 60, 0, 1.0, {}, {}, {}});
  split.ties.push_back(Tie{61, 62, 0, 1.0, {}, {}, {}});
  const CsrGraph g = csr_of(split, WeightMeaning::none);
  PathOptions options = exact(2);
  options.betweenness = false;
  const PathCentralities alone = metrics::path_centralities(g, options);
  const PathCentralities both = metrics::path_centralities(g, exact(1));
  CHECK(same_bits(alone.closeness, both.closeness));
  CHECK(same_bits(alone.harmonic, both.harmonic));
  CHECK(alone.reachable == both.reachable);
  CHECK(std::isnan(alone.closeness[65]));
  CHECK(alone.reachable[61] == 1);
}

TEST_CASE("the kernel follows the lengths", "[paths]") {
  const Case planted = load_case(find_case("planted_2000"));
  CHECK(metrics::path_centralities(csr_of(planted.network, WeightMeaning::none), exact(1)).kernel == "bfs");
  CHECK(metrics::path_centralities(csr_of(planted.network, WeightMeaning::strength), exact(1)).kernel ==
        "bucket");
  CHECK(
      metrics::path_centralities(csr_of(planted.network, WeightMeaning::strength), exact(1, false)).kernel ==
      "heap");
  // 0.1, 0.2, 0.3, … are multiples of 1/10 (to 1e-13); multiples of π fit no small unit.
  CHECK(metrics::path_centralities(
            csr_of(load_case(find_case("decimal_lengths")).network, WeightMeaning::distance), exact(1))
            .kernel == "bucket");
  CHECK(metrics::path_centralities(
            csr_of(load_case(find_case("pi_lengths")).network, WeightMeaning::distance), exact(1))
            .kernel == "heap");
  // One length for all edges: BFS, distances scaled by the length.
  Network equal = planted.network;
  for (Tie& tie : equal.ties)
    tie.weight = 4.0;
  const PathCentralities hops =
      metrics::path_centralities(csr_of(planted.network, WeightMeaning::none), exact(2));
  const PathCentralities quarter =
      metrics::path_centralities(csr_of(equal, WeightMeaning::strength), exact(2));
  CHECK(quarter.kernel == "bfs");
  for (std::size_t v = 0; v < 2000; ++v) {
    CHECK(quarter.betweenness[v] == hops.betweenness[v]);
    CHECK(quarter.closeness[v] == Approx(hops.closeness[v] * 4).epsilon(1e-14));
    CHECK(quarter.harmonic[v] == Approx(hops.harmonic[v] * 4).epsilon(1e-14));
  }
  // Many distinct lengths: still the bucket queue (its ring holds up to 4096 units).
  Network many = make_network(40, false, {});
  for (int i = 0; i < 39; ++i)
    many.ties.push_back(Tie{i, i + 1, 0, static_cast<double>(1 + i % 20), {}, {}, {}});
  for (int i = 0; i < 30; ++i)
    many.ties.push_back(Tie{i, i + 7, 0, static_cast<double>(3 + i % 11), {}, {}, {}});
  const CsrGraph g = csr_of(many, WeightMeaning::distance);
  const PathCentralities bucket = metrics::path_centralities(g, exact(2));
  const PathCentralities heap = metrics::path_centralities(g, exact(2, false));
  CHECK(bucket.kernel == "bucket");
  for (std::size_t v = 0; v < 40; ++v) {
    CHECK(bucket.betweenness[v] == Approx(heap.betweenness[v]).epsilon(1e-12).margin(1e-12));
    CHECK(bucket.closeness[v] == Approx(heap.closeness[v]).epsilon(1e-12));
    CHECK(bucket.harmonic[v] == Approx(heap.harmonic[v]).epsilon(1e-12));
  }
}

TEST_CASE("results do not depend on the number of threads", "[paths]") {
  const Case planted = load_case(find_case("planted_2000"));
  for (const WeightMeaning meaning : {WeightMeaning::none, WeightMeaning::strength}) {
    const CsrGraph g = csr_of(planted.network, meaning);
    const PathCentralities one = metrics::path_centralities(g, exact(1));
    for (const unsigned threads : {2U, 3U, 8U}) {
      const PathCentralities many = metrics::path_centralities(g, exact(threads));
      CHECK(same_bits(one.betweenness, many.betweenness));
      CHECK(same_bits(one.closeness, many.closeness));
      CHECK(same_bits(one.harmonic, many.harmonic));
      CHECK(one.reachable == many.reachable);
    }
  }
}

TEST_CASE("sampled betweenness: all sources is exact, k sources stay within the bound", "[paths]") {
  const Case planted = load_case(find_case("planted_2000"));
  const CsrGraph g = csr_of(planted.network, WeightMeaning::strength);
  const PathCentralities reference_exact = metrics::path_centralities(g, exact(2));

  PathOptions all;
  all.mode = PathOptions::Mode::sampled;
  all.samples = static_cast<std::size_t>(g.n);
  all.threads = 2;
  const PathCentralities whole = metrics::path_centralities(g, all);
  CHECK_FALSE(whole.sampled);  // the whole population is no sample
  CHECK(whole.error_bound == 0);
  CHECK(same_bits(whole.betweenness, reference_exact.betweenness));
  CHECK(same_bits(whole.closeness, reference_exact.closeness));

  PathOptions some;
  some.mode = PathOptions::Mode::sampled;
  some.samples = 200;
  some.seed = 7;
  some.threads = 2;
  const PathCentralities estimate = metrics::path_centralities(g, some);
  REQUIRE(estimate.sampled);
  REQUIRE(estimate.sources == 200);
  // Serfling + union bound, n = 2000, k = 200, p = 0.05 (paths.cpp): ≈ 3.2·10⁵ here.
  const double n = 2000, k = 200;
  const double expected_bound =
      0.5 * n * (n - 2) * std::sqrt(std::log(2 * n / 0.05) * (1 - (k - 1) / n) / (2 * k));
  CHECK(estimate.error_bound == Approx(expected_bound).epsilon(1e-12));
  double worst = 0, total = 0, exact_total = 0;
  for (std::size_t v = 0; v < 2000; ++v) {
    worst = std::max(worst, std::fabs(estimate.betweenness[v] - reference_exact.betweenness[v]));
    total += estimate.betweenness[v];
    exact_total += reference_exact.betweenness[v];
  }
  CHECK(worst <= estimate.error_bound);
  // The bound is a worst case; the estimate itself is far better (sum within a few per cent).
  CHECK(total == Approx(exact_total).epsilon(0.05));
  // Sampled vertices get exact closeness; the others an estimate near the truth.
  double closeness_error = 0;
  for (std::size_t v = 0; v < 2000; ++v) {
    closeness_error =
        std::max(closeness_error, std::fabs(estimate.closeness[v] / reference_exact.closeness[v] - 1));
  }
  CHECK(closeness_error < 0.1);

  SECTION("same seed, same values, whatever the threads") {
    PathOptions again = some;
    again.threads = 1;
    const PathCentralities repeat = metrics::path_centralities(g, again);
    CHECK(same_bits(repeat.betweenness, estimate.betweenness));
    CHECK(same_bits(repeat.closeness, estimate.closeness));
    CHECK(same_bits(repeat.harmonic, estimate.harmonic));
    CHECK(repeat.reachable == estimate.reachable);
    again.seed = 8;
    CHECK_FALSE(same_bits(metrics::path_centralities(g, again).betweenness, estimate.betweenness));
  }
}

TEST_CASE("sampled closeness of directed graphs uses the reverse arcs", "[paths][shared]") {
  // With k = n − 1 sources the one vertex left out is estimated from all the others, which is
  // exact: so every closeness, harmonic and reachable value must equal igraph's.
  for (const std::string name : {"lazega_advice", "hand_directed", "hand_undirected"}) {
    const auto& c = find_case(name);
    const Case data = load_case(c);
    for (const auto& expected : c["results"]) {
      const CsrGraph g = csr_of(data.network, meaning_of(expected["meaning"]));
      for (const bool integer : {true, false}) {
        PathOptions o;
        o.mode = PathOptions::Mode::sampled;
        o.samples = static_cast<std::size_t>(g.n - 1);
        o.integer_lengths = integer;
        o.threads = 2;
        const PathCentralities r = metrics::path_centralities(g, o);
        REQUIRE(r.sampled);
        for (std::size_t v = 0; v < static_cast<std::size_t>(g.n); ++v) {
          INFO(name << " " << expected["meaning"] << " vertex " << v << " kernel " << r.kernel);
          CHECK(close(r.closeness[v], expected["closeness"][v]));
          CHECK(close(r.harmonic[v], expected["harmonic"][v]));
          CHECK(r.reachable[v] == expected["reachable"][v].get<std::int32_t>());
        }
      }
    }
  }
}

TEST_CASE("automatic mode samples above the limit", "[paths]") {
  const Case planted = load_case(find_case("planted_2000"));
  const CsrGraph g = csr_of(planted.network, WeightMeaning::strength);
  PathOptions o;
  o.exact_limit = 1e6;  // n·m = 2·10⁷ here
  const PathCentralities r = metrics::path_centralities(g, o);
  CHECK(r.sampled);
  CHECK(r.sources == 1000);  // the budget buys 100; at least min(n, 1000)
  CHECK(r.error_bound > 0);
  o.exact_limit = 2e7;
  CHECK_FALSE(metrics::path_centralities(g, o).sampled);
  CHECK(PathOptions{}.exact_limit >= 2e4 * 2e5);  // 20k stakeholders / 200k ties stay exact by default
  CHECK(PathOptions{}.exact_limit < 1e5 * 1e6);   // 100k / 1M are sampled
}

TEST_CASE("only the requested measures are computed", "[paths][shared]") {
  const Case karate = load_case(find_case("karate"));
  const CsrGraph g = csr_of(karate.network, WeightMeaning::strength);
  PathOptions o = exact(2);
  o.closeness = false;
  const PathCentralities b = metrics::path_centralities(g, o);
  CHECK(b.betweenness.size() == 34);
  CHECK(b.closeness.empty());
  CHECK(b.reachable.empty());
  o.closeness = true;
  o.betweenness = false;
  const PathCentralities c = metrics::path_centralities(g, o);
  CHECK(c.betweenness.empty());
  CHECK(c.harmonic.size() == 34);
  const PathCentralities both = metrics::path_centralities(g, exact(2));
  CHECK(same_bits(both.betweenness, b.betweenness));
  CHECK(same_bits(both.closeness, c.closeness));
}

TEST_CASE("degenerate graphs and invalid input", "[paths]") {
  const PathCentralities empty =
      metrics::path_centralities(metrics::make_csr(0, {}, false, WeightMeaning::none), {});
  CHECK(empty.betweenness.empty());
  CHECK(empty.closeness.empty());

  const PathCentralities lonely =
      metrics::path_centralities(metrics::make_csr(3, {{1, 1, 2.0, 1}}, true, WeightMeaning::strength), {});
  CHECK(lonely.betweenness == std::vector<double>{0, 0, 0});
  CHECK(std::isnan(lonely.closeness[1]));  // a self-loop is no path
  CHECK(lonely.harmonic == std::vector<double>{0, 0, 0});
  CHECK(lonely.reachable == std::vector<std::int32_t>{0, 0, 0});

  CHECK_THROWS_AS(metrics::make_csr(2, {{0, 2, 1.0, 1}}, false, WeightMeaning::none), std::out_of_range);
  CHECK_THROWS_AS(metrics::make_csr(2, {{0, 1, 0.0, 1}}, false, WeightMeaning::strength),
                  std::invalid_argument);
  CHECK_THROWS_AS(metrics::make_csr(2, {{0, 1, -1.0, 1}}, false, WeightMeaning::distance),
                  std::invalid_argument);
  CHECK_THROWS_AS(metrics::make_csr(2, {{0, 1, std::numeric_limits<double>::quiet_NaN(), 1}}, false,
                                    WeightMeaning::distance),
                  std::invalid_argument);
  CHECK_NOTHROW(metrics::make_csr(2, {{0, 1, 0.0, 1}}, false, WeightMeaning::none));  // weights unused

  CsrGraph broken = metrics::make_csr(3, {{0, 1, 1.0, 1}}, false, WeightMeaning::none);
  broken.offsets.pop_back();
  CHECK_THROWS_AS(metrics::path_centralities(broken, {}), std::invalid_argument);
}
