// Peers: files as python-igraph and networkx write them (tests/fixtures/peers, made by
// make_peers.py) load with the ids, names and values the user had in that tool; and what
// clusterscope writes, igraph and networkx read with the same ids, names and attribute types
// (check_ours.py, run with /usr/bin/python3; skipped with a warning when it or the modules are
// missing).

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

namespace {

const Stakeholder& by_id(const Network& n, const std::string& id) {
  const auto v = n.find(id);
  INFO("stakeholder " << id);
  REQUIRE(v.has_value());
  return n.stakeholders[static_cast<std::size_t>(*v)];
}

/// The ties as unordered pairs of ids with their weight and kind.
std::set<std::tuple<std::string, std::string, double, std::string>> tie_set(const Network& n) {
  std::set<std::tuple<std::string, std::string, double, std::string>> out;
  for (const Tie& t : n.ties) {
    std::string a = n.stakeholders[static_cast<std::size_t>(t.source)].id;
    std::string b = n.stakeholders[static_cast<std::size_t>(t.target)].id;
    if (b < a) std::swap(a, b);
    out.emplace(a, b, t.weight, n.kind_name(t.kind));
  }
  return out;
}

Network load_peer(const std::string& file) {
  Diagnostics diagnostics;
  Network n = test::load(test::fixture("peers/" + file), diagnostics);
  INFO(test::dump(diagnostics));
  CHECK(diagnostics.error_count() == 0);
  return n;
}

/// The network make_peers.py builds in networkx, as each reader must give it back.
void check_networkx(const Network& n, const std::string& s3_name) {
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "s1");
  CHECK(n.stakeholders[1].id == "007");
  CHECK(n.stakeholders[2].id == "s3");
  const Stakeholder& s1 = by_id(n, "s1");
  CHECK(s1.name == "Alpha");
  CHECK(by_id(n, "007").name == "Beta");
  CHECK(by_id(n, "s3").name == s3_name);
  CHECK(s1.attributes.at("score") == "1.5");
  CHECK(by_id(n, "007").attributes.at("score") == "2");  // 2.0, a double
  CHECK(by_id(n, "s3").attributes.at("score") == "-0.25");
  CHECK(s1.attributes.at("count") == "3");
  CHECK(by_id(n, "s3").attributes.count("count") == 0);
  CHECK(s1.attributes.at("code") == "007");
  CHECK(by_id(n, "007").attributes.at("code") == "010");
  using T = std::tuple<std::string, std::string, double, std::string>;
  CHECK(tie_set(n) == std::set<T>{{"007", "s1", 2.5, "project"}, {"007", "s3", 1.0, "meeting"}});
}

}  // namespace

TEST_CASE("Peers: GML written by igraph has the vertex names as ids", "[peers][gml]") {
  const Network n = load_peer("igraph.gml");
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "acme");
  CHECK(n.stakeholders[1].id == "uni");
  CHECK(n.stakeholders[2].id == "007");
  CHECK(n.stakeholders[0].name == "acme");
  CHECK(n.stakeholders[1].type == "university");
  CHECK(n.stakeholders[0].attributes.at("score") == "1.5");
  CHECK(n.stakeholders[1].attributes.at("score") == "2");
  CHECK(n.stakeholders[2].attributes.at("code") == "8");
  CHECK(n.stakeholders[0].attributes.at("code") == "007");
  using T = std::tuple<std::string, std::string, double, std::string>;
  CHECK(tie_set(n) == std::set<T>{{"acme", "uni", 2.5, "project"}, {"007", "uni", 1.0, "meeting"}});
}

TEST_CASE("Peers: GraphML written by igraph has the vertex names as ids", "[peers][graphml]") {
  const Network n = load_peer("igraph.graphml");
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "acme");
  CHECK(n.stakeholders[2].id == "007");
  CHECK(n.stakeholders[2].name == "007");
  CHECK(n.stakeholders[2].type == "research");
  CHECK(n.stakeholders[1].attributes.at("score") == "2");
  CHECK(n.stakeholders[0].attributes.at("code") == "007");
  using T = std::tuple<std::string, std::string, double, std::string>;
  CHECK(tie_set(n) == std::set<T>{{"acme", "uni", 2.5, "project"}, {"007", "uni", 1.0, "meeting"}});
}

TEST_CASE("Peers: GML written by networkx has the node keys as ids", "[peers][gml]") {
  const Network n = load_peer("networkx.gml");
  check_networkx(n, "");
  CHECK(by_id(n, "s1").attributes.at("flag") == "1");  // networkx writes a bool in GML as 1/0
}

TEST_CASE("Peers: GraphML written by networkx has the node keys as ids", "[peers][graphml]") {
  const Network n = load_peer("networkx.graphml");
  check_networkx(n, "");
  CHECK(by_id(n, "s1").attributes.at("flag") == "true");  // written "True"
  CHECK(by_id(n, "007").attributes.at("flag") == "false");
}

TEST_CASE("Peers: GEXF written by networkx has the node keys as ids and its drawing", "[peers][gexf]") {
  const Network n = load_peer("networkx.gexf");
  check_networkx(n, "s3");  // networkx writes the key as the label of a node without one
  const Stakeholder& s1 = by_id(n, "s1");
  CHECK(s1.attributes.at("flag") == "true");
  CHECK(s1.attributes.at("x") == "10.5");
  CHECK(s1.attributes.at("y") == "-2");
  CHECK(s1.attributes.at("z") == "0");
  CHECK(s1.attributes.at("color") == "#cc6677ff");
  CHECK(s1.attributes.at("size") == "4.5");
  CHECK(by_id(n, "007").attributes.count("x") == 0);
}

TEST_CASE("Peers: node-link JSON written by networkx has the node keys as ids", "[peers][json]") {
  const Network n = load_peer("networkx.json");
  check_networkx(n, "");
  CHECK(by_id(n, "s1").attributes.at("flag") == "true");
}

namespace {

/// Runs `command`, returning its standard output.
std::string output_of(const std::string& command, int& status) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    status = -1;
    return {};
  }
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    out.append(buffer, n);
  status = pclose(pipe);
  return out;
}

/// Three stakeholders: a double, a whole number (missing for one), a boolean, a code with a
/// leading zero, an id with a leading zero, a drawing on one and no name on the last.
Network peer_network() {
  Network n;
  const auto add = [&](const std::string& id, const std::string& name,
                       std::map<std::string, std::string> attributes) {
    Stakeholder s;
    s.id = id;
    s.name = name;
    s.attributes = std::move(attributes);
    n.stakeholders.push_back(std::move(s));
  };
  add("007", "Alpha",
      {{"score", "1.5"},
       {"count", "3"},
       {"flag", "true"},
       {"code", "007"},
       {"x", "10.5"},
       {"y", "-2"},
       {"color", "#cc6677"},
       {"size", "4.5"}});
  add("s2", "Beta", {{"score", "2"}, {"count", "12"}, {"flag", "false"}, {"code", "010"}});
  add("s3", "", {{"score", "-0.25"}, {"flag", "true"}, {"code", "8"}});
  n.attribute_names = {"score", "count", "flag", "code", "x", "y", "color", "size"};
  n.reindex();
  const KindId project = n.intern_kind("project");
  n.ties.push_back({0, 1, project, 2.5, {}, {}, {}});
  n.ties.push_back({1, 2, project, 1.0, {}, {}, {}});
  return n;
}

using Json = nlohmann::json;

const Json& node_of(const Json& view, std::size_t i) {
  REQUIRE(view["nodes"].size() == 3);
  return view["nodes"][i];
}

/// [type, value] of attribute `name` as the tool saw it.
std::string type_of(const Json& node, const char* name) {
  INFO("attribute " << name << " of " << node.dump());
  REQUIRE(node["attributes"].contains(name));
  return node["attributes"][name][0].get<std::string>();
}

}  // namespace

TEST_CASE("Peers: igraph and networkx read our GraphML GEXF and JSON with ids names and types",
          "[peers][typed]") {
  const std::filesystem::path python = "/usr/bin/python3";
  if (!std::filesystem::exists(python)) {
    WARN("SKIPPED: " << python << " not found; install python3, python3-igraph and python3-networkx");
    return;
  }
  const Network network = peer_network();
  TempDir dir;
  Diagnostics warnings;
  for (const char* file : {"net.graphml", "net.gexf", "net.json"})
    io::save_network(network, dir.path() / file, warnings);
  int status = 0;
  const std::string out =
      output_of(python.string() + " " + test::quote(test::fixture("peers/check_ours.py")) + " " +
                    test::quote(dir.path() / "net.graphml") + " " + test::quote(dir.path() / "net.gexf") +
                    " " + test::quote(dir.path() / "net.json") + " 2>&1",
                status);
  if (out.rfind("SKIP:", 0) == 0) {
    WARN("SKIPPED: " << out);
    return;
  }
  INFO(out);
  REQUIRE(status == 0);
  const Json view = Json::parse(out);

  SECTION("igraph reads the GraphML: ids as the attribute id, names as name, typed values") {
    const Json& g = view["igraph_graphml"];
    CHECK(g["names"] == true);
    CHECK(node_of(g, 0)["id"] == "007");
    CHECK(node_of(g, 1)["id"] == "s2");
    CHECK(node_of(g, 0)["name"] == "Alpha");
    CHECK(node_of(g, 2)["name"].is_null());  // no name: igraph's "" (the key is declared)
    CHECK(type_of(node_of(g, 0), "score") == "float");
    CHECK(node_of(g, 1)["attributes"]["score"][1] == 2.0);
    CHECK(type_of(node_of(g, 0), "count") == "float");  // igraph keeps every number as a double
    CHECK(type_of(node_of(g, 0), "flag") == "bool");
    CHECK(node_of(g, 1)["attributes"]["flag"][1] == false);
    CHECK(type_of(node_of(g, 0), "code") == "str");
    CHECK(node_of(g, 0)["attributes"]["code"][1] == "007");
    CHECK(g["edges"][0] == Json::array({"007", "s2", Json::array({"float", 2.5})}));
  }
  SECTION("networkx reads the GraphML with our ids as node keys") {
    const Json& g = view["networkx_graphml"];
    CHECK(node_of(g, 0)["id"] == "007");
    CHECK(node_of(g, 0)["name"] == "Alpha");
    CHECK(node_of(g, 2)["name"].is_null());
    CHECK(type_of(node_of(g, 0), "score") == "float");
    CHECK(type_of(node_of(g, 0), "count") == "int");
    CHECK(node_of(g, 1)["attributes"]["count"][1] == 12);
    CHECK(type_of(node_of(g, 0), "flag") == "bool");
    CHECK(type_of(node_of(g, 0), "code") == "str");
    CHECK(node_of(g, 2)["attributes"]["code"][1] == "8");
  }
  SECTION("networkx reads the GEXF 1.2draft with labels typed attributes and the drawing") {
    const Json& g = view["networkx_gexf"];
    CHECK(node_of(g, 0)["id"] == "007");
    CHECK(node_of(g, 0)["name"] == "Alpha");
    CHECK(type_of(node_of(g, 0), "score") == "float");
    CHECK(type_of(node_of(g, 0), "count") == "int");
    CHECK(type_of(node_of(g, 0), "flag") == "bool");
    CHECK(node_of(g, 2)["attributes"]["flag"][1] == true);
    CHECK(type_of(node_of(g, 0), "code") == "str");
    CHECK(node_of(g, 0)["attributes"]["code"][1] == "007");
    const Json& viz = node_of(g, 0)["viz"];
    CHECK(viz["position"]["x"] == 10.5);
    CHECK(viz["position"]["y"] == -2.0);
    CHECK(viz["color"]["r"] == 204);
    CHECK(viz["color"]["g"] == 102);
    CHECK(viz["color"]["b"] == 119);
    CHECK(viz["size"] == 4.5);
    CHECK_FALSE(node_of(g, 1).contains("viz"));
    // Drawn, not declared: x is no attribute.
    CHECK_FALSE(node_of(g, 0)["attributes"].contains("x"));
  }
  SECTION("networkx reads the node-link JSON with numbers and booleans typed") {
    const Json& g = view["networkx_json"];
    CHECK(node_of(g, 0)["id"] == "007");
    CHECK(node_of(g, 0)["name"] == "Alpha");
    CHECK(type_of(node_of(g, 1), "score") == "float");
    CHECK(type_of(node_of(g, 0), "count") == "int");
    CHECK(type_of(node_of(g, 0), "flag") == "bool");
    CHECK(type_of(node_of(g, 0), "code") == "str");
    CHECK(type_of(node_of(g, 0), "x") == "float");
    CHECK_FALSE(node_of(g, 2)["attributes"].contains("count"));
  }
}
