// GEXF: round trips, files in the style of Gephi (1.3) and networkx (1.2draft), and every
// malformed case reported at its line and column.

#include <pugixml.hpp>

#include <catch2/catch.hpp>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

namespace {

/// A small document: nodes a and b on lines 8–9, then `nodes` (more node lines); with `nodes`
/// empty, `edges` starts at line 12.
std::string gexf(const std::string& nodes, const std::string& edges,
                 const std::string& edge_type = "undirected") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
         "  <graph defaultedgetype=\"" +
         edge_type +
         "\">\n"
         "    <attributes class=\"edge\">\n"
         "      <attribute id=\"0\" title=\"date\" type=\"string\"/>\n"
         "    </attributes>\n"
         "    <nodes>\n"
         "      <node id=\"a\" label=\"A\"/>\n"
         "      <node id=\"b\" label=\"B\"/>\n" +
         nodes + "    </nodes>\n    <edges>\n" + edges + "    </edges>\n  </graph>\n</gexf>\n";
}

/// An edge a–b with a weight attribute `weight`; the value starts at line 12, column 50.
std::string edge_weighing(const std::string& weight) {
  return gexf("", "      <edge id=\"0\" source=\"a\" target=\"b\" weight=\"" + weight + "\"/>\n");
}

/// An edge a–b with `attvalue` in its attvalues, which start at line 12, column 53.
std::string edge_valued(const std::string& attvalue) {
  return gexf(
      "", "      <edge id=\"0\" source=\"a\" target=\"b\"><attvalues>" + attvalue + "</attvalues></edge>\n");
}

Diagnostics failing(const std::string& content) {
  TempDir dir;
  return test::load_failing(dir.write("bad.gexf", content));
}

Network load_text(const std::string& content, Diagnostics& diagnostics) {
  TempDir dir;
  return test::load(dir.write("net.gexf", content), diagnostics);
}

/// Values XML attributes make hard to keep: CR, LF, tab, a blank-only name, a bell character.
Network awkward_network() {
  Network n;
  n.directed = true;
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
  tie.attributes["role"] = "line\r\nbreak\ttab";
  n.ties.push_back(tie);
  n.tie_attribute_names = {"role"};
  return n;
}

}  // namespace

TEST_CASE("GEXF round trip keeps hostile names, fields, attributes, kinds, weights and dates",
          "[gexf][roundtrip]") {
  for (const bool directed : {false, true}) {
    INFO("directed " << directed);
    const Network original = test::hostile_network(directed);
    TempDir dir;
    Diagnostics warnings;
    io::save_network(original, dir.path() / "net.gexf", warnings);
    CHECK(warnings.entries().empty());
    Diagnostics diagnostics;
    const Network loaded = test::load(dir.path() / "net.gexf", diagnostics);
    INFO(test::dump(diagnostics));
    CHECK(diagnostics.entries().empty());
    test::require_same_network(original, loaded);
  }
}

TEST_CASE("GEXF escapes line breaks and tabs in attribute values so they survive", "[gexf][roundtrip]") {
  const Network original = awkward_network();
  Diagnostics warnings;
  const std::string text = io::write_gexf(original, "awkward.gexf", warnings);
  // Raw line breaks in an attribute value would be read back as spaces.
  CHECK(text.find("label=\"carriage&#13;&#10;return&#13;here\"") != std::string::npos);
  CHECK(text.find("value=\"&#09;indented&#10;\"") != std::string::npos);
  CHECK(text.find("value=\"line&#13;&#10;break&#09;tab\"") != std::string::npos);
  REQUIRE(warnings.warning_count() == 1);
  CHECK(warnings.entries().front().where.file == "awkward.gexf");
  CHECK(warnings.entries().front().message.find("stakeholder 'c' field 'name'") != std::string::npos);

  TempDir dir;
  Diagnostics diagnostics;
  const Network loaded = test::load(dir.write("awkward.gexf", text), diagnostics);
  Network expected = original;
  expected.stakeholders[2].name = "bell\xEF\xBF\xBDhere";
  test::require_same_network(expected, loaded);
}

TEST_CASE("GEXF writer output is well-formed GEXF 1.2draft with declarations before the nodes", "[gexf]") {
  Diagnostics warnings;
  const std::string text = io::write_gexf(test::hostile_network(), "net.gexf", warnings);
  CHECK(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
  pugi::xml_document document;
  REQUIRE(document.load_string(text.c_str()));
  const pugi::xml_node root = document.child("gexf");
  CHECK(std::string(root.attribute("xmlns").value()) == "http://www.gexf.net/1.2draft");
  CHECK(std::string(root.attribute("xmlns:viz").value()) == "http://www.gexf.net/1.2draft/viz");
  CHECK(std::string(root.attribute("version").value()) == "1.2");
  const pugi::xml_node graph = root.child("graph");
  CHECK(std::string(graph.attribute("defaultedgetype").value()) == "undirected");
  CHECK(std::string(graph.first_child().name()) == "attributes");
  CHECK(std::string(graph.first_child().next_sibling().name()) == "attributes");
  CHECK(std::string(graph.last_child().previous_sibling().name()) == "nodes");
  const pugi::xml_node lat = graph.first_child().find_child_by_attribute("attribute", "title", "lat");
  CHECK(std::string(lat.attribute("type").value()) == "double");
  const pugi::xml_node node = graph.child("nodes").first_child();
  CHECK(std::string(node.attribute("id").value()) == "PL-613, \"TARR\"");
  CHECK(std::string(node.attribute("label").value()) == "Toruńska Agencja Rozwoju Regionalnego S.A., Toruń");
  const pugi::xml_node edge = graph.child("edges").child("edge").next_sibling().next_sibling();
  CHECK(std::string(edge.attribute("weight").value()) == "0.3333333333333333");
  CHECK(std::string(edge.attribute("label").value()) == "meeting, group");
}

TEST_CASE("GEXF exported by Gephi (1.3) is read with titles, defaults, kinds and dates", "[gexf]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("gexf/gephi_style.gexf"), diagnostics);
  INFO(test::dump(diagnostics));
  CHECK(n.directed);
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "tarr");
  CHECK(n.stakeholders[0].name == "Toruńska Agencja Rozwoju Regionalnego");
  CHECK(n.stakeholders[0].type == "support");  // title "Type"
  CHECK(n.stakeholders[0].employees == 85.0);
  CHECK(n.stakeholders[1].attributes.at("founded") == "1945");
  CHECK(n.stakeholders[2].name == "Fabryki Mebli \"Forte\" S.A.");
  CHECK(n.stakeholders[2].type == "other");  // the attribute's default
  REQUIRE(n.ties.size() == 3);
  CHECK(n.kind_name(n.ties[0].kind) == "project");  // the label
  CHECK(n.ties[0].weight == 2.0);
  CHECK(n.ties[0].start == Date{2013, 4, 0});
  CHECK(n.ties[0].attributes.at("role") == "coordinator");
  CHECK(n.kind_name(n.ties[1].kind) == "visit");  // the kind attribute beats the label
  CHECK(n.ties[1].weight == 0.5);
  CHECK(n.kind_name(n.ties[2].kind) == "tie");
  CHECK(n.ties[2].target == 0);
}

TEST_CASE("GEXF 1.2draft written by networkx is read", "[gexf]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("gexf/networkx_style.gexf"), diagnostics);
  CHECK(n.directed);
  REQUIRE(n.size() == 2);
  CHECK(n.stakeholders[0].name == "Alpha GmbH");
  CHECK(n.stakeholders[1].type == "research");
  REQUIRE(n.ties.size() == 1);
  CHECK(n.ties[0].weight == 3.0);
  CHECK(n.kind_name(n.ties[0].kind) == "contract");
}

TEST_CASE("GEXF kind: an attvalue titled kind beats the kind attribute and the label", "[gexf]") {
  Diagnostics diagnostics;
  const Network n = load_text(
      "<gexf version=\"1.3\"><graph>\n"
      "<attributes class=\"edge\"><attribute id=\"k\" title=\"kind\" type=\"string\"/></attributes>\n"
      "<nodes><node id=\"a\"/><node id=\"b\"/></nodes>\n"
      "<edges>\n"
      "<edge source=\"a\" target=\"b\" label=\"L\" kind=\"K\"><attvalues><attvalue for=\"k\" "
      "value=\"V\"/></attvalues></edge>\n"
      "<edge source=\"a\" target=\"b\" label=\"L\" kind=\"K\"/>\n"
      "<edge source=\"a\" target=\"b\" label=\"L\"/>\n"
      "</edges></graph></gexf>\n",
      diagnostics);
  CHECK_FALSE(n.directed);
  REQUIRE(n.ties.size() == 3);
  CHECK(n.kind_name(n.ties[0].kind) == "V");
  CHECK(n.kind_name(n.ties[1].kind) == "K");
  CHECK(n.kind_name(n.ties[2].kind) == "L");
  CHECK(n.stakeholders[0].name.empty());
}

TEST_CASE("GEXF self-loops and duplicate edges are warnings, not errors", "[gexf]") {
  Diagnostics diagnostics;
  const Network n = load_text(gexf("",
                                   "      <edge id=\"0\" source=\"b\" target=\"b\"/>\n"
                                   "      <edge id=\"1\" source=\"a\" target=\"b\"/>\n"
                                   "      <edge id=\"2\" source=\"b\" target=\"a\"/>\n"),
                              diagnostics);
  CHECK(n.ties.size() == 2);
  CHECK_FALSE(diagnostics.has_errors());
  const auto warnings = diagnostics.warnings();
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].where.line == 12);
  CHECK(warnings[0].where.column == 7);
  CHECK(warnings[0].message.find("self-loop on 'b'") != std::string::npos);
  CHECK(warnings[1].where.line == 14);
  CHECK(warnings[1].message.find("duplicate tie") != std::string::npos);
}

TEST_CASE("GEXF malformed XML: an unclosed tag", "[gexf][errors]") {
  const Diagnostics d = failing(gexf("", "      <edge id=\"0\" source=\"a\" target=\"b\">\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 13, 7, "malformed GEXF: Start-end tags mismatch; expected well-formed XML"));
}

TEST_CASE("GEXF an edge to an undeclared node", "[gexf][errors]") {
  const Diagnostics d = failing(gexf("", "      <edge id=\"0\" source=\"a\" target=\"zz\"/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 39, "unknown stakeholder id 'zz'"));
}

TEST_CASE("GEXF a duplicate node id", "[gexf][errors]") {
  const Diagnostics d = failing(gexf("      <node id=\"a\"/>\n", ""));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 10, 17, "duplicate stakeholder id 'a' (first defined at line 8)"));
}

TEST_CASE("GEXF a non-numeric weight", "[gexf][errors]") {
  const Diagnostics d = failing(edge_weighing("heavy"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 50, "weight 'heavy' is not a number"));
}

TEST_CASE("GEXF a NaN weight", "[gexf][errors]") {
  const Diagnostics d = failing(edge_weighing("nan"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 50, "weight is NaN"));
}

TEST_CASE("GEXF an infinite weight", "[gexf][errors]") {
  const Diagnostics d = failing(edge_weighing("-Infinity"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 50, "weight is infinite"));
}

TEST_CASE("GEXF a zero weight", "[gexf][errors]") {
  const Diagnostics d = failing(edge_weighing("0.0"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 50, "weight is 0"));
}

TEST_CASE("GEXF a negative weight", "[gexf][errors]") {
  const Diagnostics d = failing(edge_weighing("-1.5"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 50, "weight '-1.5' is negative"));
}

TEST_CASE("GEXF a date that does not exist", "[gexf][errors]") {
  const Diagnostics d = failing(edge_valued("<attvalue for=\"0\" value=\"2013-02-30\"/>"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 78, "bad date '2013-02-30'"));
}

TEST_CASE("GEXF an attvalue for an undeclared attribute", "[gexf][errors]") {
  const Diagnostics d = failing(edge_valued("<attvalue for=\"9\" value=\"x\"/>"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 68, "undeclared attribute '9'"));
}

TEST_CASE("GEXF an attvalue without a value", "[gexf][errors]") {
  const Diagnostics d = failing(edge_valued("<attvalue for=\"0\"/>"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 53, "<attvalue> without a value attribute"));
}

TEST_CASE("GEXF an edge without a source attribute", "[gexf][errors]") {
  const Diagnostics d = failing(gexf("", "      <edge id=\"0\" target=\"b\"/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 7, "<edge> without a source attribute"));
}

TEST_CASE("GEXF without a graph element", "[gexf][errors]") {
  const Diagnostics d = failing(
      "<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
      "  <meta><creator>x</creator></meta>\n</gexf>\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 1, "missing <graph> element"));
}

TEST_CASE("GEXF an empty file", "[gexf][errors]") {
  const Diagnostics d = failing("");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 0, 0, "file is empty"));
}

TEST_CASE("GEXF bytes that are not UTF-8", "[gexf][errors]") {
  const Diagnostics d = failing(gexf("      <node id=\"caf\xE9\"/>\n", ""));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 10, 20, "invalid UTF-8 (byte 0xE9)"));
}

TEST_CASE("GEXF a root element that is not gexf", "[gexf][errors]") {
  const Diagnostics d = failing(
      "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n  "
      "<graph/>\n</graphml>\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 1, "root element is <graphml>; expected <gexf>"));
}

TEST_CASE("GEXF mutual edges are not supported", "[gexf][errors]") {
  const Diagnostics d = failing(gexf("", "", "mutual"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 3, 27, "defaultedgetype 'mutual'"));
}

TEST_CASE("GEXF an edge whose type differs from defaultedgetype", "[gexf][errors]") {
  const Diagnostics d =
      failing(gexf("", "      <edge id=\"0\" source=\"a\" target=\"b\" type=\"directed\"/>\n"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 12, 48, "mixed graphs are not supported"));
}

TEST_CASE("GEXF hierarchies of nodes are not supported", "[gexf][errors]") {
  const Diagnostics d = failing(gexf("      <node id=\"c\"><nodes><node id=\"d\"/></nodes></node>\n", ""));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 10, 20, "nodes inside node 'c' (a hierarchy) are not supported"));
}
