// Every algorithm ends, the same input gives the same bytes, and input that `validate` accepts
// never ends in an internal error (exit 1). The CLI runs go through `timeout`, so a hang fails the
// test (status 124) instead of stalling the suite. Reference values and their derivation:
// tests/fixtures/termination/.

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <set>
#include <sstream>

#include "clusterscope/graph/community.hpp"
#include "clusterscope/graph/graph.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using test::quote;
using test::TempDir;

namespace {

/// Runs the binary under `timeout 60` through the shell; returns the exit status (124: timed out).
int run_bounded(const std::string& args, std::string& output) {
  int status = -1;
  output = test::shell("timeout 60 '" + std::string(CLUSTERSCOPE_BINARY) + "' " + args, "coreutils", &status);
  return status;
}

struct Tiny {
  std::string name;
  std::vector<std::string> nodes;                          ///< every stakeholder, for the node table
  std::vector<std::pair<std::string, std::string>> edges;  ///< undirected
};

std::vector<Tiny> tiny_graphs() {
  return {
      {"one-edge", {"a", "b"}, {{"a", "b"}}},
      {"two-isolates", {"a", "b"}, {}},
      {"triangle", {"a", "b", "c"}, {{"a", "b"}, {"b", "c"}, {"a", "c"}}},
      {"star", {"hub", "s1", "s2", "s3", "s4"}, {{"hub", "s1"}, {"hub", "s2"}, {"hub", "s3"}, {"hub", "s4"}}},
      {"path", {"p1", "p2", "p3", "p4", "p5"}, {{"p1", "p2"}, {"p2", "p3"}, {"p3", "p4"}, {"p4", "p5"}}},
      {"two-edges", {"a", "b", "c", "d"}, {{"a", "b"}, {"c", "d"}}},
  };
}

/// Writes <name>.csv and its node table <name>.nodes.csv (found beside it by the loader).
std::filesystem::path write_tiny(const TempDir& dir, const Tiny& g) {
  std::string edges = "source,target\n";
  for (const auto& [a, b] : g.edges)
    edges += a + "," + b + "\n";
  std::string nodes = "id\n";
  for (const std::string& id : g.nodes)
    nodes += id + "\n";
  dir.write(g.name + ".nodes.csv", nodes);
  return dir.write(g.name + ".csv", edges);
}

/// The id → community rows of a communities CSV (id,community,stability).
std::map<std::string, std::string> read_partition(const std::filesystem::path& csv) {
  std::map<std::string, std::string> out;
  std::istringstream in(test::read_file(csv));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    out[line.substr(0, first)] = line.substr(first + 1, second - first - 1);
  }
  return out;
}

/// Every stakeholder has a community and every community is connected by the graph's ties.
void require_valid_partition(const Tiny& g, const std::map<std::string, std::string>& partition) {
  REQUIRE(partition.size() == g.nodes.size());
  std::map<std::string, std::vector<std::string>> members;
  for (const std::string& id : g.nodes) {
    REQUIRE(partition.count(id) == 1);
    members[partition.at(id)].push_back(id);
  }
  for (const auto& [community, ids] : members) {
    INFO("community " << community);
    std::set<std::string> reached = {ids.front()};
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& [a, b] : g.edges) {
        if (partition.at(a) != community || partition.at(b) != community) continue;
        if (reached.count(a) != reached.count(b)) {
          reached.insert(a);
          reached.insert(b);
          grew = true;
        }
      }
    }
    CHECK(reached.size() == ids.size());
  }
}

std::string edge_list_csv(const Network& network, bool weights) {
  std::string out = weights ? "source,target,weight\n" : "source,target\n";
  for (const Tie& t : network.ties) {
    out += network.stakeholders[static_cast<std::size_t>(t.source)].id + "," +
           network.stakeholders[static_cast<std::size_t>(t.target)].id;
    if (weights) out += "," + io::format_number(t.weight);
    out += "\n";
  }
  return out;
}

std::string path_csv(int vertices) {
  std::string out = "source,target\n";
  for (int v = 0; v + 1 < vertices; ++v)
    out += std::to_string(v) + "," + std::to_string(v + 1) + "\n";
  return out;
}

/// The eigenvector column of a metrics CSV, by id.
std::map<std::string, double> column_of(const std::string& csv, const std::string& name) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::istringstream h(line); std::getline(h, line, ',');)
    header.push_back(line);
  const auto at = static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  REQUIRE(at < header.size());
  std::map<std::string, double> out;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    for (std::istringstream c(line); std::getline(c, line, ',');)
      cells.push_back(line);
    out[cells[0]] = cells.at(at).empty() ? std::nan("") : std::stod(cells[at]);
  }
  return out;
}

}  // namespace

TEST_CASE("Every community algorithm ends on tiny graphs, with a valid partition",
          "[termination][communities]") {
  TempDir dir;
  struct Run {
    std::string label;
    std::string options;
  };
  const std::vector<Run> runs = {
      {"leiden", "--algorithm leiden"},
      {"leiden resolution 2", "--algorithm leiden --resolution 2"},
      {"leiden resolution 3", "--algorithm leiden --resolution 3"},
      {"leiden cpm resolution 2", "--algorithm leiden --quality cpm --resolution 2"},
      {"leiden auto sweep", "--algorithm leiden --resolution auto"},
      {"louvain", "--algorithm louvain"},
      {"louvain resolution 3", "--algorithm louvain --resolution 3"},
      {"louvain auto sweep", "--algorithm louvain --resolution auto"},
      {"infomap", "--algorithm infomap"},
      {"walktrap", "--algorithm walktrap"},
      {"labelprop", "--algorithm labelprop"},
  };
  for (const Tiny& g : tiny_graphs()) {
    const std::filesystem::path input = write_tiny(dir, g);
    for (const Run& run : runs) {
      INFO(g.name << ", " << run.label);
      const std::filesystem::path out = dir.path() / (g.name + "-out.csv");
      std::string output;
      const int status =
          run_bounded("communities " + quote(input) + " " + run.options + " -o " + quote(out), output);
      INFO(output);
      REQUIRE(status != 124);  // timed out: the algorithm did not end
      REQUIRE(status == 0);
      require_valid_partition(g, read_partition(out));
    }
  }
}

TEST_CASE("Leiden ends at its iteration cap where igraph's own loop never ends",
          "[termination][communities]") {
  // One tie at resolution 2: igraph_community_leiden with n_iterations = -1 does not return.
  const graph::Graph g(2, {{0, 1, 1.0, 1}}, false);
  graph::CommunityCall call;
  call.resolution = 2.0;
  CHECK(call.leiden_iterations == graph::kLeidenIterations);
  CHECK(graph::detect_communities(g, call, true, 1).size() == 2);
  call.leiden_iterations = 50;  // the pair flips on every iteration: the cap ends it
  CHECK(graph::detect_communities(g, call, true, 1).size() == 2);
  call.leiden_iterations = 0;
  CHECK_THROWS_AS(graph::detect_communities(g, call, true, 1), std::invalid_argument);
}

TEST_CASE("Metrics: the same bytes on every run and for 1, 2 and 64 threads", "[termination][metrics]") {
  // 5,000 stakeholders / 50,000 ties: large enough that PRPACK's PageRank went parallel under
  // OpenMP and summed in a different order on every run.
  TempDir dir;
  const test::Planted p = test::planted(0.3, 5000, 50000, 20);
  const std::filesystem::path input = dir.write("net.csv", edge_list_csv(p.network, false));
  std::vector<std::string> outputs;
  for (const char* threads : {"1", "1", "1", "2", "64"}) {
    INFO("--threads " << threads << ", run " << outputs.size() + 1);
    const std::filesystem::path out = dir.path() / ("m" + std::to_string(outputs.size()) + ".csv");
    std::string output;
    REQUIRE(run_bounded("metrics " + quote(input) + " --threads " + threads + " -o " + quote(out), output) ==
            0);
    outputs.push_back(test::read_file(out));
    CHECK(outputs.back() == outputs.front());
  }
}

TEST_CASE("Metrics: memory stops growing past one worker per core", "[termination][metrics]") {
  // Before the clamp, every requested thread was a worker with three 5,000-long arrays: --threads
  // 20000 took 2.4 GB. The option now stops at 1024 (a usage error above); 1024 workers would
  // still add about 120 MB over one worker, one worker per core adds nothing measurable.
  TempDir dir;
  const test::Planted p = test::planted(0.3, 5000, 50000, 20);
  const std::filesystem::path input = dir.write("net.csv", edge_list_csv(p.network, false));
  const auto peak_kib = [&](const std::string& threads) {
    int status = -1;
    const std::string kib =
        test::shell("/usr/bin/time -f %M '" + std::string(CLUSTERSCOPE_BINARY) + "' metrics " + quote(input) +
                        " --threads " + threads + " -o " + quote(dir.path() / ("m" + threads + ".csv")),
                    "time", &status);
    REQUIRE(status == 0);
    return std::stol(kib.substr(kib.find_last_of('\n', kib.size() - 2) + 1));
  };
  const long one = peak_kib("1");
  const long many = peak_kib("1024");
  INFO("peak resident set: " << one << " KiB with 1 thread, " << many << " KiB with 1024 requested");
  CHECK(many < one + 40 * 1024);
  CHECK(test::read_file(dir.path() / "m1.csv") == test::read_file(dir.path() / "m1024.csv"));
}

TEST_CASE("Weights outside 1e-12 to 1e12 are refused at their position", "[termination][io]") {
  TempDir dir;
  struct Case {
    std::string name;
    std::string csv;
    std::string where;  ///< file:line:column
    std::string value;
  };
  const std::vector<Case> cases = {
      // (a) two ties of 1e308: their aggregated sum was infinite
      {"huge-duplicates", "source,target,weight\na,b,1e308\na,b,1e308\n", ":2:5:", "1e308"},
      // (b) a denormal weight: 1/weight path lengths were infinite
      {"denormal", "source,target,weight\na,b,5e-324\nb,c,1\n", ":2:5:", "5e-324"},
      // (c) 1.7e308: ARPACK could not build an Arnoldi factorization
      {"arpack-overflow", "source,target,weight\na,b,1.7e308\nb,c,1.7e308\nc,a,1\nc,d,1.7e308\n",
       ":2:5:", "1.7e308"},
      {"just-below", "source,target,weight\na,b,1\nb,c,9.99e-13\n", ":3:5:", "9.99e-13"},
      {"just-above", "source,target,weight\na,b,1.01e12\n", ":2:5:", "1.01e12"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::filesystem::path file = dir.write(c.name + ".csv", c.csv);
    for (const char* command : {"validate", "metrics", "communities"}) {
      INFO(command);
      std::string output;
      CHECK(run_bounded(std::string(command) + " " + quote(file), output) == 3);
      INFO(output);
      CHECK(output.find(c.name + ".csv" + c.where + " weight '" + c.value +
                        "' is outside the accepted range; expected a number from 1e-12 to 1e12") !=
            std::string::npos);
      CHECK(output.find("internal error") == std::string::npos);
    }
  }
}

TEST_CASE("Weights at the ends of the range give finite measures", "[termination][metrics]") {
  TempDir dir;
  const std::string csv =
      "source,target,weight\na,b,1e12\na,b,1e12\nb,c,1e12\nc,a,1\nc,d,1e12\nd,e,1e-12\ne,a,1e-12\n";
  const std::filesystem::path file = dir.write("ends.csv", csv);
  std::string output;
  CHECK(run_bounded("communities " + quote(file) + " -o " + quote(dir.path() / "c.csv"), output) == 0);
  INFO(output);
  REQUIRE(run_bounded("metrics " + quote(file) + " -o " + quote(dir.path() / "m.csv"), output) == 0);
  CHECK(output.find("internal error") == std::string::npos);
  const std::string metrics = test::read_file(dir.path() / "m.csv");
  for (const char* column : {"strength", "closeness", "harmonic", "eigenvector", "pagerank", "constraint"}) {
    INFO(column);
    for (const auto& [id, value] : column_of(metrics, column))
      CHECK(std::isfinite(value));
  }
}

TEST_CASE("Kind weights that overflow a pair's weight are an input error, not inf", "[termination][io]") {
  Network network;
  network.stakeholders.resize(2);
  network.stakeholders[0].id = "a";
  network.stakeholders[1].id = "b";
  network.reindex();
  const KindId kind = network.intern_kind("project");
  network.kind_weights["project"] = 1e300;  // 1e312: infinite
  Tie tie;
  tie.source = 0;
  tie.target = 1;
  tie.kind = kind;
  tie.weight = 1e12;
  network.ties.push_back(tie);
  CHECK_THROWS_AS(aggregate_ties(network), InputError);
  network.kind_weights["project"] = 1e-300;  // 1e-312: denormal
  network.ties[0].weight = 1e-12;
  CHECK_THROWS_AS(aggregate_ties(network), InputError);
  network.kind_weights["project"] = 2.0;
  REQUIRE(aggregate_ties(network).size() == 1);
  CHECK(aggregate_ties(network).front().weight == 2e-12);
}

TEST_CASE("Eigenvector centrality of a path of 3,001 stakeholders: sin(kπ/3002)", "[termination][metrics]") {
  // igraph's ARPACK (20 Lanczos vectors) fails on this path; the retry with 64 vectors converges.
  // Closed form (tests/fixtures/termination/README.md): x_k = sin(kπ/(n + 1)), k = 1 … n, maximum 1
  // at the middle stakeholder.
  TempDir dir;
  const std::filesystem::path file = test::fixture("termination/path-3001.csv");
  REQUIRE(test::read_file(file) == path_csv(3001));
  std::string output;
  REQUIRE(run_bounded("metrics " + quote(file) + " -o " + quote(dir.path() / "m.json"), output) == 0);
  CHECK(output.find("internal error") == std::string::npos);
  // The fallback is said on standard error too, not only in the JSON.
  CHECK(output.find("clusterscope: warning: eigenvector centrality: igraph's ARPACK did not converge") !=
        std::string::npos);
  const auto j = nlohmann::json::parse(test::read_file(dir.path() / "m.json"));
  CHECK(j["settings"]["eigenvector"] == "arpack-64");
  REQUIRE(j["warnings"].size() == 1);
  CHECK(j["warnings"][0].get<std::string>().find("ARPACK did not converge") != std::string::npos);
  REQUIRE(j["stakeholders"].size() == 3001);
  double worst = 0;
  for (const auto& s : j["stakeholders"]) {
    const int k = std::stoi(s["id"].get<std::string>()) + 1;
    const double expected = std::sin(k * std::numbers::pi / 3002.0);
    worst = std::max(worst, std::fabs(s["eigenvector"].get<double>() - expected));
  }
  INFO("largest deviation from the closed form: " << worst);
  CHECK(worst < 1e-7);
}

TEST_CASE("Eigenvector power iteration: igraph's values where ARPACK converges, capped where it cannot",
          "[termination][metrics][shared]") {
  Diagnostics d;
  const Network karate = test::load(test::shared_dataset("sna_benchmarks_networkx/karate_club_edges.csv"), d);
  const std::vector<AggregatedEdge> edges = aggregate_ties(karate);
  const graph::Graph g(static_cast<std::int32_t>(karate.size()), edges, false);
  for (const bool weighted : {false, true}) {
    INFO("weighted " << weighted);
    const std::vector<double> arpack = graph::eigenvector(g, weighted);
    const graph::PowerIteration power = graph::eigenvector_power_iteration(g, weighted);
    CHECK(power.converged);
    CHECK(power.iterations < graph::kPowerIterations);
    REQUIRE(power.values.size() == arpack.size());
    for (std::size_t v = 0; v < arpack.size(); ++v)
      CHECK(power.values[v] == Approx(arpack[v]).margin(1e-9));
  }
  // A star is bipartite (eigenvalues ±2): the shift A + I keeps the iteration from oscillating.
  const graph::Graph star(5, {{0, 1, 1, 1}, {0, 2, 1, 1}, {0, 3, 1, 1}, {0, 4, 1, 1}}, false);
  const graph::PowerIteration s = graph::eigenvector_power_iteration(star, false);
  CHECK(s.converged);
  CHECK(s.values[0] == Approx(1.0));
  CHECK(s.values[1] == Approx(0.5).margin(1e-10));  // λ = 2: leaf = hub / 2
  // The path's top eigenvalues are too close for 100 iterations: the cap ends it, flagged.
  std::vector<AggregatedEdge> chain;
  for (VertexId v = 0; v + 1 < 3001; ++v)
    chain.push_back({v, v + 1, 1.0, 1});
  const graph::Graph path(3001, chain, false);
  const graph::PowerIteration capped = graph::eigenvector_power_iteration(path, false, 100);
  CHECK_FALSE(capped.converged);
  CHECK(capped.iterations == 100);
  CHECK(capped.change > graph::kPowerTolerance);
}

TEST_CASE("A graph igraph refuses to create is an error, and nothing uninitialised is destroyed",
          "[graph][termination]") {
  // A negative vertex id: igraph_create fails (invalid vertex id); the handle must not pass its
  // never-created igraph_t to igraph_destroy (ASan reports it when it does).
  const std::vector<AggregatedEdge> edges = {{0, 1, 1.0, 1}, {0, -1, 1.0, 1}};
  CHECK_THROWS_WITH(graph::Graph(2, edges, false), Catch::Contains("create"));
  CHECK_NOTHROW(graph::Graph(2, {{0, 1, 1.0, 1}}, false));
}
