// Typed exports: the column rule (columns.hpp), GraphML attr.type, GEXF attribute types and
// viz elements, node-link JSON numbers and booleans, no key without values, and typed values
// read back as the same attribute text.

#include <pugixml.hpp>

#include <limits>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../../src/io/columns.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

namespace {

/// Three stakeholders without names: a real column, a whole one, one beyond 32 bits, a boolean,
/// a leading zero, a postcode, a number written with a trailing zero, and a tie attribute.
Network typed_network() {
  Network n;
  const auto add = [&](const std::string& id, std::map<std::string, std::string> attributes) {
    Stakeholder s;
    s.id = id;
    s.attributes = std::move(attributes);
    n.stakeholders.push_back(std::move(s));
  };
  add("a", {{"score", "1.5"},
            {"count", "3"},
            {"big", "3000000000"},
            {"flag", "true"},
            {"code", "007"},
            {"postcode", "00-950"},
            {"padded", "2.50"}});
  add("b", {{"score", "2"},
            {"count", "-12"},
            {"big", "1"},
            {"flag", "false"},
            {"code", "12"},
            {"postcode", "87-100"},
            {"padded", "3"}});
  add("c", {{"score", "-0.25"}, {"flag", "true"}, {"code", "8"}});
  n.attribute_names = {"score", "count", "big", "flag", "code", "postcode", "padded"};
  n.reindex();
  const KindId project = n.intern_kind("project");
  n.ties.push_back({0, 1, project, 2.0, {}, {}, {{"share", "0.5"}, {"lead", "true"}}});
  n.ties.push_back({1, 2, project, 0.25, {}, {}, {{"share", "1"}}});
  n.tie_attribute_names = {"share", "lead"};
  return n;
}

std::string attribute_of(const pugi::xml_node& node, const char* name) {
  return node.attribute(name).value();
}

}  // namespace

TEST_CASE("A column is a number only when every value formats back to the same text", "[typed]") {
  CHECK(io::is_number_text("2.5"));
  CHECK(io::is_number_text("-3"));
  CHECK(io::is_number_text("1e-09"));
  CHECK(io::is_number_text("0"));
  CHECK_FALSE(io::is_number_text("007"));
  CHECK_FALSE(io::is_number_text("2.50"));
  CHECK_FALSE(io::is_number_text("+1"));
  CHECK_FALSE(io::is_number_text("1e3"));
  CHECK_FALSE(io::is_number_text("00-950"));
  CHECK_FALSE(io::is_number_text("-0"));
  CHECK_FALSE(io::is_number_text("nan"));
  CHECK_FALSE(io::is_number_text(" 2"));
  CHECK_FALSE(io::is_number_text(""));
  using V = std::vector<std::string_view>;
  CHECK(io::value_type(V{"1.5", "2"}) == io::ValueType::real);
  CHECK(io::value_type(V{"3", "-12"}) == io::ValueType::integer);
  CHECK(io::value_type(V{"2147483647", "-2147483648"}) == io::ValueType::integer);
  CHECK(io::value_type(V{"2147483648"}) == io::ValueType::long_integer);
  CHECK(io::value_type(V{"true", "false"}) == io::ValueType::boolean);
  CHECK(io::value_type(V{"true", "1"}) == io::ValueType::string);
  CHECK(io::value_type(V{"True"}) == io::ValueType::string);
  CHECK(io::value_type(V{"8", "007"}) == io::ValueType::string);
  CHECK(io::value_type(V{}) == io::ValueType::string);
}

TEST_CASE("Typed values read from a file are kept as the data model writes them", "[typed]") {
  CHECK(io::normalise_typed("double", "2.0") == "2");
  CHECK(io::normalise_typed("float", " 0.50\n") == "0.5");
  CHECK(io::normalise_typed("double", "n/a") == "n/a");
  CHECK(io::normalise_typed("boolean", "True") == "true");
  CHECK(io::normalise_typed("boolean", "0") == "false");
  CHECK(io::normalise_typed("boolean", "maybe") == "maybe");
  CHECK(io::normalise_typed("string", "2.0") == "2.0");
  CHECK(io::normalise_typed("long", "007") == "007");
}

TEST_CASE("GraphML declares typed keys and none without values", "[typed][graphml]") {
  Diagnostics warnings;
  const std::string text = io::write_graphml(typed_network(), "typed.graphml", warnings);
  pugi::xml_document document;
  REQUIRE(document.load_string(text.c_str()));
  const pugi::xml_node root = document.child("graphml");
  std::map<std::string, std::string> node_types;
  std::map<std::string, std::string> edge_types;
  for (const pugi::xml_node& key : root.children("key"))
    (attribute_of(key, "for") == "node" ? node_types : edge_types)[attribute_of(key, "attr.name")] =
        attribute_of(key, "attr.type");
  const std::map<std::string, std::string> expected_nodes = {
      {"score", "double"}, {"count", "int"},       {"big", "long"},     {"flag", "boolean"},
      {"code", "string"},  {"postcode", "string"}, {"padded", "string"}};
  // No name and no type: no stakeholder has one.
  CHECK(node_types == expected_nodes);
  CHECK(edge_types.at("share") == "double");
  CHECK(edge_types.at("lead") == "boolean");
  CHECK(edge_types.at("weight") == "double");
  CHECK(edge_types.count("date") == 0);
  CHECK(warnings.warning_count() == 0);
}

TEST_CASE("GEXF declares typed attributes and writes no label without a name", "[typed][gexf]") {
  Diagnostics warnings;
  const std::string text = io::write_gexf(typed_network(), "typed.gexf", warnings);
  pugi::xml_document document;
  REQUIRE(document.load_string(text.c_str()));
  const pugi::xml_node graph = document.child("gexf").child("graph");
  std::map<std::string, std::map<std::string, std::string>> types;
  for (const pugi::xml_node& declarations : graph.children("attributes"))
    for (const pugi::xml_node& a : declarations.children("attribute"))
      types[attribute_of(declarations, "class")][attribute_of(a, "title")] = attribute_of(a, "type");
  const std::map<std::string, std::string> expected_nodes = {
      {"score", "double"}, {"count", "integer"},   {"big", "long"},     {"flag", "boolean"},
      {"code", "string"},  {"postcode", "string"}, {"padded", "string"}};
  CHECK(types["node"] == expected_nodes);
  const std::map<std::string, std::string> expected_edges = {
      {"kind", "string"}, {"share", "double"}, {"lead", "boolean"}};
  CHECK(types["edge"] == expected_edges);
  for (const pugi::xml_node& node : graph.child("nodes").children("node"))
    CHECK_FALSE(node.attribute("label"));
}

TEST_CASE("Node-link JSON writes numbers and booleans typed and leading zeros as strings", "[typed][json]") {
  Diagnostics warnings;
  const auto root = nlohmann::json::parse(io::write_node_link_json(typed_network(), "typed.json", warnings));
  const auto& a = root["nodes"][0];
  CHECK(a["score"].is_number_float());
  CHECK(a["score"].get<double>() == 1.5);
  CHECK(root["nodes"][1]["score"].get<double>() == 2.0);
  CHECK(a["count"].is_number_integer());
  CHECK(root["nodes"][1]["count"].get<std::int64_t>() == -12);
  CHECK(a["big"].get<std::int64_t>() == 3000000000);
  CHECK(a["flag"].is_boolean());
  CHECK(a["flag"].get<bool>());
  CHECK_FALSE(root["nodes"][1]["flag"].get<bool>());
  CHECK(a["code"] == "007");
  CHECK(root["nodes"][1]["code"] == "12");  // a string: another value of the column is "007"
  CHECK(a["postcode"] == "00-950");
  CHECK(a["padded"] == "2.50");
  CHECK(root["nodes"][1]["padded"] == "3");
  CHECK_FALSE(a.contains("name"));
  CHECK_FALSE(root["nodes"][2].contains("count"));
  CHECK(root["links"][0]["share"].get<double>() == 0.5);
  CHECK(root["links"][1]["share"].get<double>() == 1.0);
  CHECK(root["links"][0]["lead"] == true);
}

TEST_CASE("Typed GraphML GEXF and JSON read back as the same attribute text", "[typed][roundtrip]") {
  const Network original = typed_network();
  for (const char* file : {"typed.graphml", "typed.gexf", "typed.json"}) {
    INFO(file);
    TempDir dir;
    Diagnostics warnings;
    io::save_network(original, dir.path() / file, warnings);
    Diagnostics diagnostics;
    const Network loaded = test::load(dir.path() / file, diagnostics);
    test::require_same_network(original, loaded);
    for (std::size_t i = 0; i < original.size(); ++i)
      CHECK(loaded.stakeholders[i].attributes == original.stakeholders[i].attributes);
    for (std::size_t i = 0; i < original.ties.size(); ++i)
      CHECK(loaded.ties[i].attributes == original.ties[i].attributes);
  }
}

TEST_CASE("GraphML declares the name key when some stakeholder has a name", "[typed][graphml]") {
  Network n = typed_network();
  n.stakeholders[1].name = "Beta";
  Diagnostics warnings;
  const std::string text = io::write_graphml(n, "named.graphml", warnings);
  CHECK(text.find("attr.name=\"name\" attr.type=\"string\"") != std::string::npos);
  CHECK(text.find("attr.name=\"type\"") == std::string::npos);
  const std::string gexf = io::write_gexf(n, "named.gexf", warnings);
  CHECK(gexf.find("<node id=\"a\">") != std::string::npos);
  CHECK(gexf.find("<node id=\"b\" label=\"Beta\">") != std::string::npos);
}

TEST_CASE("GraphML and GEXF readers keep typed reals and booleans as the data model writes them",
          "[typed][graphml][gexf]") {
  TempDir dir;
  const auto graphml = dir.write("typed.graphml",
                                 "<graphml>\n"
                                 "  <key id=\"s\" for=\"node\" attr.name=\"score\" attr.type=\"double\"/>\n"
                                 "  <key id=\"f\" for=\"node\" attr.name=\"flag\" attr.type=\"boolean\"/>\n"
                                 "  <key id=\"t\" for=\"node\" attr.name=\"text\" attr.type=\"string\"/>\n"
                                 "  <graph edgedefault=\"undirected\">\n"
                                 "    <node id=\"a\"><data key=\"s\">2.0</data><data "
                                 "key=\"f\">True</data><data key=\"t\">2.0</data></node>\n"
                                 "  </graph>\n</graphml>\n");
  Diagnostics diagnostics;
  const Network n = test::load(graphml, diagnostics);
  REQUIRE(n.size() == 1);
  CHECK(n.stakeholders[0].attributes.at("score") == "2");
  CHECK(n.stakeholders[0].attributes.at("flag") == "true");
  CHECK(n.stakeholders[0].attributes.at("text") == "2.0");

  const auto gexf = dir.write("typed.gexf",
                              "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\"><graph>\n"
                              "  <attributes class=\"node\">\n"
                              "    <attribute id=\"0\" title=\"score\" type=\"float\"/>\n"
                              "    <attribute id=\"1\" title=\"flag\" type=\"boolean\"/>\n"
                              "  </attributes>\n"
                              "  <nodes><node id=\"a\"><attvalues><attvalue for=\"0\" value=\"0.50\"/>"
                              "<attvalue for=\"1\" value=\"1\"/></attvalues></node></nodes>\n"
                              "</graph></gexf>\n");
  const Network g = test::load(gexf, diagnostics);
  REQUIRE(g.size() == 1);
  CHECK(g.stakeholders[0].attributes.at("score") == "0.5");
  CHECK(g.stakeholders[0].attributes.at("flag") == "true");
}

TEST_CASE("GEXF viz position colour and size are read as x y color size and written back",
          "[typed][gexf][viz]") {
  TempDir dir;
  // Gephi's prefix for the 1.3 viz namespace, one colour with an alpha.
  const auto file = dir.write(
      "drawn.gexf",
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:v=\"http://gexf.net/1.3/viz\" version=\"1.3\"><graph>\n"
      "  <nodes>\n"
      "    <node id=\"a\" label=\"A\"><v:position x=\"12.5\" y=\"-3.0\" z=\"0\"/>"
      "<v:color r=\"255\" g=\"0\" b=\"16\"/><v:size value=\"4.0\"/></node>\n"
      "    <node id=\"b\" label=\"B\"><v:color r=\"1\" g=\"2\" b=\"3\" a=\"0.5\"/></node>\n"
      "  </nodes>\n"
      "</graph></gexf>\n");
  Diagnostics diagnostics;
  const Network n = test::load(file, diagnostics);
  INFO(test::dump(diagnostics));
  REQUIRE(n.size() == 2);
  const auto& a = n.stakeholders[0].attributes;
  CHECK(a.at("x") == "12.5");
  CHECK(a.at("y") == "-3");
  CHECK(a.at("z") == "0");
  CHECK(a.at("color") == "#ff0010");
  CHECK(a.at("size") == "4");
  CHECK(n.stakeholders[1].attributes.at("color") == "#01020380");  // 0.5 × 255 = 127.5 → 128
  CHECK(n.stakeholders[1].attributes.count("x") == 0);

  Diagnostics warnings;
  const std::string text = io::write_gexf(n, "drawn.gexf", warnings);
  pugi::xml_document document;
  REQUIRE(document.load_string(text.c_str()));
  const pugi::xml_node node = document.child("gexf").child("graph").child("nodes").child("node");
  CHECK(attribute_of(node.child("viz:position"), "x") == "12.5");
  CHECK(attribute_of(node.child("viz:position"), "y") == "-3");
  CHECK(attribute_of(node.child("viz:color"), "r") == "255");
  CHECK(attribute_of(node.child("viz:color"), "b") == "16");
  CHECK_FALSE(node.child("viz:color").attribute("a"));
  CHECK(attribute_of(node.child("viz:size"), "value") == "4");
  CHECK(attribute_of(node.next_sibling().child("viz:color"), "a") == io::format_number(128 / 255.0));
  // Drawn as viz, not declared as attributes.
  CHECK(text.find("title=\"x\"") == std::string::npos);
  CHECK(text.find("title=\"color\"") == std::string::npos);

  const Network back = test::load(dir.write("back.gexf", text), diagnostics);
  test::require_same_network(n, back);
  for (std::size_t i = 0; i < n.size(); ++i)
    CHECK(back.stakeholders[i].attributes == n.stakeholders[i].attributes);
}

TEST_CASE("GEXF x that is not a number everywhere stays an attribute", "[typed][gexf][viz]") {
  Network n = typed_network();
  n.stakeholders[0].attributes["x"] = "1";
  n.stakeholders[1].attributes["x"] = "west";
  n.stakeholders[0].attributes["color"] = "#FF0000";  // upper case: not how viz:color reads back
  n.attribute_names.emplace_back("x");
  n.attribute_names.emplace_back("color");
  Diagnostics warnings;
  const std::string text = io::write_gexf(n, "x.gexf", warnings);
  CHECK(text.find("title=\"x\" type=\"string\"") != std::string::npos);
  CHECK(text.find("title=\"color\" type=\"string\"") != std::string::npos);
  CHECK(text.find("<viz:position") == std::string::npos);
  CHECK(text.find("<viz:color") == std::string::npos);
}

TEST_CASE("GEXF drawn from a layout writes positions colours and sizes", "[typed][gexf][viz]") {
  Network n = typed_network();
  n.stakeholders[0].attributes["x"] = "west";  // replaced by the drawing
  n.attribute_names.emplace_back("x");
  io::GexfDrawing drawing;
  drawing.layout.x = {0.5, -2, 3};
  drawing.layout.y = {1, 2, std::numeric_limits<double>::quiet_NaN()};
  drawing.colours = {"#CC6677", "#332288", ""};
  drawing.sizes = {9, 1.5, 2};
  Diagnostics warnings;
  const std::string text = io::write_gexf(n, drawing, "drawn.gexf", warnings);
  TempDir dir;
  Diagnostics diagnostics;
  const Network back = test::load(dir.write("drawn.gexf", text), diagnostics);
  REQUIRE(back.size() == 3);
  CHECK(back.stakeholders[0].attributes.at("x") == "0.5");
  CHECK(back.stakeholders[0].attributes.at("y") == "1");
  CHECK(back.stakeholders[0].attributes.at("color") == "#cc6677");
  CHECK(back.stakeholders[0].attributes.at("size") == "9");
  CHECK(back.stakeholders[1].attributes.at("x") == "-2");
  CHECK(back.stakeholders[2].attributes.at("x") == "3");
  CHECK(back.stakeholders[2].attributes.count("y") == 0);
  CHECK(back.stakeholders[2].attributes.count("color") == 0);
  CHECK(back.stakeholders[0].attributes.at("score") == "1.5");
  CHECK(text.find("title=\"x\"") == std::string::npos);
}

TEST_CASE("Typed reading leaves canonical fields and weights to their own parsers", "[typed][graphml]") {
  TempDir dir;
  const auto file = dir.write("odd.graphml",
                              "<graphml>\n"
                              "  <key id=\"n\" for=\"node\" attr.name=\"name\" attr.type=\"double\"/>\n"
                              "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"boolean\"/>\n"
                              "  <graph edgedefault=\"undirected\">\n"
                              "    <node id=\"a\"><data key=\"n\">2.0</data></node>\n    <node id=\"b\"/>\n"
                              "    <edge source=\"a\" target=\"b\"><data key=\"w\">1</data></edge>\n"
                              "  </graph>\n</graphml>\n");
  Diagnostics diagnostics;
  const Network n = test::load(file, diagnostics);
  REQUIRE(n.size() == 2);
  CHECK(n.stakeholders[0].name == "2.0");
  REQUIRE(n.ties.size() == 1);
  CHECK(n.ties[0].weight == 1.0);
}

TEST_CASE("GraphML declares the name key for an attribute named label even without names",
          "[typed][graphml][roundtrip]") {
  // Without a name key the reader would take the label key for the name.
  Network n = typed_network();
  n.stakeholders[0].attributes["label"] = "L";
  n.attribute_names.emplace_back("label");
  Diagnostics warnings;
  const std::string text = io::write_graphml(n, "label.graphml", warnings);
  CHECK(text.find("attr.name=\"name\"") != std::string::npos);
  TempDir dir;
  Diagnostics diagnostics;
  const Network back = test::load(dir.write("label.graphml", text), diagnostics);
  REQUIRE(back.size() == 3);
  CHECK(back.stakeholders[0].name.empty());
  CHECK(back.stakeholders[0].attributes.at("label") == "L");
}
