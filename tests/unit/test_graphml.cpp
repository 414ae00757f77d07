// GraphML: round trips, files in the style of networkx, igraph and yEd, and every malformed case
// reported at its line and column.

#include <pugixml.hpp>

#include <catch2/catch.hpp>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

namespace {

/// A small document: two nodes a and b on lines 6–7, `body` from line 8 on.
std::string graphml(const std::string& body, const std::string& edgedefault = "undirected") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <key id=\"t\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>\n"
         "  <graph edgedefault=\"" +
         edgedefault +
         "\">\n"
         "    <node id=\"a\"/>\n"
         "    <node id=\"b\"/>\n" +
         body + "  </graph>\n</graphml>\n";
}

/// An edge a–b whose weight (or, with `key` "t", date) data is `value`; the value starts at
/// line 8, column 47.
std::string edge_with(const std::string& key, const std::string& value) {
  return graphml("    <edge source=\"a\" target=\"b\"><data key=\"" + key + "\">" + value +
                 "</data></edge>\n");
}

Diagnostics failing(const std::string& content, const std::string& name = "bad.graphml") {
  TempDir dir;
  return test::load_failing(dir.write(name, content));
}

Network load_text(const std::string& content, Diagnostics& diagnostics) {
  TempDir dir;
  return test::load(dir.write("net.graphml", content), diagnostics);
}

const Stakeholder& stakeholder(const Network& network, const std::string& id) {
  const auto v = network.find(id);
  REQUIRE(v.has_value());
  return network.stakeholders[static_cast<std::size_t>(*v)];
}

/// Values XML makes hard to keep: CR, CRLF, tab, a blank-only name, a bell character.
Network awkward_network() {
  Network n;
  Stakeholder a;
  a.id = "a";
  a.name = "carriage\r\nreturn\rhere";
  a.attributes["note"] = "\tindented\n";
  Stakeholder b;
  b.id = "b";
  b.name = "   ";
  Stakeholder c;
  c.id = "c";
  c.name =
      "bell\x07"
      "here";
  n.stakeholders = {a, b, c};
  n.attribute_names = {"note"};
  n.reindex();
  Tie tie;
  tie.source = 0;
  tie.target = 2;
  tie.kind = n.intern_kind("visit");
  tie.attributes["role"] = "line\r\nbreak";
  n.ties.push_back(tie);
  n.tie_attribute_names = {"role"};
  return n;
}

}  // namespace

TEST_CASE("GraphML round trip keeps hostile names, fields, attributes, kinds, weights and dates",
          "[graphml][roundtrip]") {
  for (const bool directed : {false, true}) {
    INFO("directed " << directed);
    const Network original = test::hostile_network(directed);
    TempDir dir;
    Diagnostics warnings;
    io::save_network(original, dir.path() / "net.graphml", warnings);
    CHECK(warnings.entries().empty());
    Diagnostics diagnostics;
    const Network loaded = test::load(dir.path() / "net.graphml", diagnostics);
    INFO(test::dump(diagnostics));
    CHECK(diagnostics.entries().empty());
    test::require_same_network(original, loaded);
  }
}

TEST_CASE("GraphML keeps CR, tabs and blank values — control characters become U+FFFD with a warning",
          "[graphml][roundtrip]") {
  const Network original = awkward_network();
  TempDir dir;
  Diagnostics warnings;
  io::save_network(original, dir.path() / "awkward.graphml", warnings);
  REQUIRE(warnings.warning_count() == 1);
  const Diagnostic& warning = warnings.entries().front();
  CHECK(warning.where.file == (dir.path() / "awkward.graphml").string());
  CHECK(warning.message.find("stakeholder 'c' field 'name'") != std::string::npos);
  CHECK(warning.message.find("U+FFFD") != std::string::npos);

  Diagnostics diagnostics;
  const Network loaded = test::load(dir.path() / "awkward.graphml", diagnostics);
  Network expected = original;
  expected.stakeholders[2].name = "bell\xEF\xBF\xBDhere";
  test::require_same_network(expected, loaded);
}

TEST_CASE("GraphML writer output is well-formed XML with typed keys before the graph", "[graphml]") {
  Diagnostics warnings;
  const std::string text = io::write_graphml(test::hostile_network(true), "net.graphml", warnings);
  CHECK(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
  pugi::xml_document document;
  REQUIRE(document.load_string(text.c_str()));
  const pugi::xml_node root = document.child("graphml");
  CHECK(std::string(root.attribute("xmlns").value()) == "http://graphml.graphdrawing.org/xmlns");
  CHECK(std::string(root.first_child().name()) == "key");
  CHECK(std::string(root.last_child().name()) == "graph");
  CHECK(std::string(root.child("graph").attribute("edgedefault").value()) == "directed");
  const auto type_of = [&](const char* domain, const char* name) {
    return std::string(root.find_child([&](const pugi::xml_node& key) {
                             return std::string(key.attribute("for").value()) == domain &&
                                    std::string(key.attribute("attr.name").value()) == name;
                           })
                           .attribute("attr.type")
                           .value());
  };
  CHECK(type_of("node", "lat") == "double");
  CHECK(type_of("node", "employees") == "double");
  CHECK(type_of("node", "note ąę") == "string");
  CHECK(type_of("edge", "weight") == "double");
  CHECK(type_of("edge", "kind") == "string");
  CHECK(type_of("edge", "start") == "string");
  CHECK(type_of("edge", "role") == "string");
  // One period among the ties: start and end columns, no date column.
  CHECK(type_of("edge", "date").empty());
  // The exact weight text, shortest form.
  CHECK(text.find(">0.3333333333333333</data>") != std::string::npos);
  CHECK(text.find(">0.001</data>") != std::string::npos);
}

TEST_CASE("GraphML writes a date column when every tie is an event", "[graphml]") {
  Network n = test::hostile_network();
  n.ties[0].end = n.ties[0].start;
  n.ties[8].end = n.ties[8].start;
  Diagnostics warnings;
  const std::string text = io::write_graphml(n, "net.graphml", warnings);
  CHECK(text.find("attr.name=\"date\"") != std::string::npos);
  CHECK(text.find("attr.name=\"start\"") == std::string::npos);
  TempDir dir;
  Diagnostics diagnostics;
  const Network loaded = test::load(dir.write("events.graphml", text), diagnostics);
  test::require_same_network(n, loaded);
}

TEST_CASE("GraphML written by networkx is read with fields, attributes, kinds and dates", "[graphml]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("graphml/networkx_style.graphml"), diagnostics);
  CHECK_FALSE(n.directed);
  REQUIRE(n.size() == 4);
  REQUIRE(n.ties.size() == 3);
  const Stakeholder& park = stakeholder(n, "PL-001");
  CHECK(park.name == "Toruń Technology Park");
  CHECK(park.type == "support");
  CHECK(park.region == "PL613");
  CHECK(park.lat == 53.0138);
  CHECK(park.lon == 18.5984);
  CHECK(park.employees == 42.0);
  CHECK(park.attributes.at("website") == "https://ttp.example.org");
  CHECK(stakeholder(n, "SE-010").country == "SE");
  CHECK_FALSE(stakeholder(n, "PL-003").lat.has_value());
  const Tie& first = n.ties[0];
  CHECK(n.stakeholders[static_cast<std::size_t>(first.source)].id == "PL-001");
  CHECK(n.kind_name(first.kind) == "project");
  CHECK(first.weight == 2.5);
  CHECK(first.start == Date{2013, 4, 17});
  CHECK(first.end == Date{2013, 4, 17});
  CHECK(first.attributes.at("role") == "coordinator");
  CHECK(n.ties[1].start == Date{2014, 0, 0});
  CHECK(n.ties[2].weight == 0.25);
  CHECK(n.ties[2].start.empty());
}

TEST_CASE("GraphML written by igraph is read as a directed network, vertex names as ids", "[graphml]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("graphml/igraph_style.graphml"), diagnostics);
  CHECK(n.directed);
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "acme");
  CHECK(n.stakeholders[2].id == "lab");
  CHECK(n.stakeholders[0].name == "acme");
  CHECK(n.stakeholders[1].type == "university");
  CHECK(n.stakeholders[2].employees == 45.0);
  REQUIRE(n.ties.size() == 3);
  CHECK(n.ties[2].source == 2);
  CHECK(n.ties[2].target == 0);
  CHECK(n.ties[2].weight == 0.75);
  CHECK(n.kind_name(n.ties[2].kind) == "meeting");
}

TEST_CASE("GraphML in yEd's style: label is the name, defaults apply, graphics are skipped", "[graphml]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("graphml/yed_style.graphml"), diagnostics);
  INFO(test::dump(diagnostics));
  CHECK(diagnostics.entries().empty());
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].name == "Meble & Co. <Toruń>");  // CDATA
  CHECK(n.stakeholders[0].type == "enterprise");           // the key's default
  CHECK(n.stakeholders[1].name == "Wood Technology Institute");
  CHECK(n.stakeholders[1].type == "research");
  CHECK(n.stakeholders[1].attributes.at("url") == "https://example.org/wti");
  CHECK(n.stakeholders[0].attributes.empty());
  REQUIRE(n.ties.size() == 2);
  // The first edge comes before its nodes in the file; its weight is indented text.
  CHECK(n.stakeholders[static_cast<std::size_t>(n.ties[0].source)].id == "n0");
  CHECK(n.ties[0].weight == 2.5);
  CHECK(n.kind_name(n.ties[0].kind) == "meeting");  // the kind key's default
  CHECK(n.kind_name(n.ties[1].kind) == "project");
  CHECK(n.ties[1].weight == 1.0);
}

TEST_CASE("GraphML without a kind gives ties the default kind", "[graphml]") {
  Diagnostics diagnostics;
  const Network n = load_text(graphml("    <edge source=\"a\" target=\"b\"/>\n"), diagnostics);
  REQUIRE(n.ties.size() == 1);
  CHECK(n.kind_name(n.ties[0].kind) == "tie");
  CHECK(n.ties[0].weight == 1.0);
}

TEST_CASE("GraphML self-loops and duplicate edges are warnings, not errors", "[graphml]") {
  Diagnostics diagnostics;
  const Network n = load_text(graphml("    <edge source=\"a\" target=\"a\"/>\n"
                                      "    <edge source=\"a\" target=\"b\"/>\n"
                                      "    <edge source=\"b\" target=\"a\"/>\n"),
                              diagnostics);
  CHECK(n.ties.size() == 2);
  CHECK_FALSE(diagnostics.has_errors());
  const auto warnings = diagnostics.warnings();
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].where.line == 8);
  CHECK(warnings[0].where.column == 5);
  CHECK(warnings[0].message.find("self-loop on 'a'") != std::string::npos);
  CHECK(warnings[1].where.line == 10);
  CHECK(warnings[1].message.find("duplicate tie") != std::string::npos);
}

TEST_CASE("GraphML malformed XML: an unclosed tag", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <edge source=\"a\" target=\"b\">\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 9, 5, "malformed GraphML: Start-end tags mismatch; expected well-formed XML"));
}

TEST_CASE("GraphML an edge to an undeclared node", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <edge source=\"a\" target=\"zz\"/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 30, "unknown stakeholder id 'zz'"));
}

TEST_CASE("GraphML a duplicate node id", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <node id=\"a\"/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 15, "duplicate stakeholder id 'a' (first defined at line 6)"));
}

TEST_CASE("GraphML a non-numeric weight", "[graphml][errors]") {
  const Diagnostics d = failing(edge_with("w", "heavy"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 47, "weight 'heavy' is not a number"));
}

TEST_CASE("GraphML a NaN weight", "[graphml][errors]") {
  const Diagnostics d = failing(edge_with("w", "NaN"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 47, "weight is NaN"));
}

TEST_CASE("GraphML an infinite weight", "[graphml][errors]") {
  const Diagnostics d = failing(edge_with("w", "inf"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 47, "weight is infinite"));
}

TEST_CASE("GraphML a zero weight", "[graphml][errors]") {
  const Diagnostics d = failing(edge_with("w", "0"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 47, "weight is 0"));
}

TEST_CASE("GraphML a negative weight", "[graphml][errors]") {
  const Diagnostics d = failing(edge_with("w", "-2"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 47, "weight '-2' is negative"));
}

TEST_CASE("GraphML a date that does not exist", "[graphml][errors]") {
  const Diagnostics d = failing(edge_with("t", "2013-02-30"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 47, "bad date '2013-02-30'"));
}

TEST_CASE("GraphML data with an undeclared key", "[graphml][errors]") {
  const Diagnostics d = failing(edge_with("q", "1"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 44, "undeclared data key 'q'"));
}

TEST_CASE("GraphML node data with an edge key", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <node id=\"c\"><data key=\"w\">1</data></node>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 29, "data key 'w' is declared for=\"edge\"; expected a key for nodes"));
}

TEST_CASE("GraphML an edge without a source attribute", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <edge target=\"b\"/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 5, "<edge> without a source attribute"));
}

TEST_CASE("GraphML a node without an id", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <node/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 5, "<node> without an id attribute"));
}

TEST_CASE("GraphML without a graph element", "[graphml][errors]") {
  const Diagnostics d = failing(
      "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n</graphml>\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 1, "missing <graph> element"));
}

TEST_CASE("GraphML with two graph elements", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("  </graph>\n  <graph edgedefault=\"undirected\">\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 9, 3, "a second <graph> element"));
}

TEST_CASE("GraphML an empty file", "[graphml][errors]") {
  const Diagnostics d = failing("");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 0, 0, "file is empty"));
}

TEST_CASE("GraphML bytes that are not UTF-8", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <node id=\"caf\xE9\"/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 18, "invalid UTF-8 (byte 0xE9)"));
}

TEST_CASE("GraphML a root element that is not graphml", "[graphml][errors]") {
  const Diagnostics d =
      failing("<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\">\n  <graph/>\n</gexf>\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 1, "root element is <gexf>; expected <graphml>"));
}

TEST_CASE("GraphML two root elements", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("") + "<graphml/>\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 10, 1, "a second root element"));
}

TEST_CASE("GraphML hyperedges are not supported", "[graphml][errors]") {
  const Diagnostics d = failing(graphml(
      "    <hyperedge>\n      <endpoint node=\"a\"/>\n      <endpoint node=\"b\"/>\n    </hyperedge>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 5, "hyperedges are not supported"));
}

TEST_CASE("GraphML nested graphs are not supported", "[graphml][errors]") {
  const Diagnostics d =
      failing(graphml("    <node id=\"c\">\n      <graph edgedefault=\"undirected\"/>\n    </node>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 9, 7, "nested graph in node 'c' is not supported"));
}

TEST_CASE("GraphML ports are not supported", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <node id=\"c\"><port name=\"north\"/></node>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 18, "port in node 'c' is not supported"));
}

TEST_CASE("GraphML an edge whose direction differs from edgedefault", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("    <edge source=\"a\" target=\"b\" directed=\"true\"/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 8, 43, "mixed graphs are not supported"));
}

TEST_CASE("GraphML an unknown edgedefault", "[graphml][errors]") {
  const Diagnostics d = failing(graphml("", "sideways"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 5, 23, "edgedefault 'sideways'; expected directed or undirected"));
}

TEST_CASE("GraphML an invalid latitude is reported at its data", "[graphml][errors]") {
  const Diagnostics d = failing(
      "<graphml>\n  <key id=\"y\" for=\"node\" attr.name=\"lat\"/>\n  <graph>\n"
      "    <node id=\"a\"><data key=\"y\">95</data></node>\n  </graph>\n</graphml>\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 4, 32, "latitude '95' is not valid"));
}

TEST_CASE("GraphML node data named id is not the id: the id attribute wins, one warning per file",
          "[graphml]") {
  // Not a file igraph wrote (its key ids are not igraph's v_…): the node ids are the ids.
  Diagnostics diagnostics;
  const Network n = load_text(
      "<graphml>\n  <key id=\"d0\" for=\"node\" attr.name=\"id\" attr.type=\"string\"/>\n"
      "  <graph edgedefault=\"undirected\">\n"
      "    <node id=\"n0\"><data key=\"d0\">PL-1</data></node>\n"
      "    <node id=\"n1\"><data key=\"d0\">PL-2</data></node>\n"
      "    <edge source=\"n0\" target=\"n1\"/>\n  </graph>\n</graphml>\n",
      diagnostics);
  REQUIRE(n.size() == 2);
  CHECK(n.stakeholders[0].id == "n0");
  CHECK(n.stakeholders[1].id == "n1");
  CHECK(n.stakeholders[0].attributes.empty());
  CHECK(n.ties.size() == 1);
  const auto warnings = diagnostics.warnings();
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].where.line == 4);
  CHECK(warnings[0].where.column == 34);
  CHECK(warnings[0].message.find("node value 'id' ('PL-1') differs from the node's id 'n0'") !=
        std::string::npos);
}

TEST_CASE("GraphML written by igraph: the ids igraph read are the stakeholder ids", "[graphml][peers]") {
  // igraph keeps the ids of the file it read as the vertex attribute "id", writes it as data
  // v_id and numbers the nodes n0, n1, ….
  Diagnostics diagnostics;
  const Network n = load_text(
      "<graphml>\n  <key id=\"v_name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
      "  <key id=\"v_id\" for=\"node\" attr.name=\"id\" attr.type=\"string\"/>\n"
      "  <graph edgedefault=\"undirected\">\n"
      "    <node id=\"n0\"><data key=\"v_name\">Alpha</data><data key=\"v_id\">PL-1</data></node>\n"
      "    <node id=\"n1\"><data key=\"v_id\">PL-2</data></node>\n"
      "    <node id=\"n2\"><data key=\"v_name\">Gamma</data></node>\n"
      "    <edge source=\"n0\" target=\"n1\"/>\n    <edge source=\"n2\" target=\"n0\"/>\n"
      "  </graph>\n</graphml>\n",
      diagnostics);
  INFO(test::dump(diagnostics));
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "PL-1");
  CHECK(n.stakeholders[0].name == "Alpha");
  CHECK(n.stakeholders[1].id == "PL-2");
  CHECK(n.stakeholders[1].name.empty());
  // No data id: igraph's vertex name is the id (and the name).
  CHECK(n.stakeholders[2].id == "Gamma");
  CHECK(n.stakeholders[2].name == "Gamma");
  REQUIRE(n.ties.size() == 2);
  CHECK(n.ties[0].source == 0);
  CHECK(n.ties[0].target == 1);
  CHECK(n.ties[1].source == 2);
  CHECK(n.ties[1].target == 0);
  CHECK(diagnostics.warnings().empty());
}

TEST_CASE("GraphML with igraph's keys but other node ids keeps the node ids", "[graphml][peers]") {
  Diagnostics diagnostics;
  const Network n = load_text(
      "<graphml>\n  <key id=\"v_name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
      "  <graph edgedefault=\"undirected\">\n"
      "    <node id=\"n1\"><data key=\"v_name\">Alpha</data></node>\n"
      "    <node id=\"n0\"><data key=\"v_name\">Beta</data></node>\n"
      "  </graph>\n</graphml>\n",
      diagnostics);
  REQUIRE(n.size() == 2);
  CHECK(n.stakeholders[0].id == "n1");
  CHECK(n.stakeholders[0].name == "Alpha");
}
