// GML: round trips, files written by networkx and igraph, key and string encoding, and every
// malformed case.

#include <algorithm>
#include <catch2/catch.hpp>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using Catch::Matchers::Contains;
using clusterscope::test::TempDir;

TEST_CASE("GML round trip keeps hostile names, fields, attributes, kinds, weights and dates",
          "[gml][roundtrip]") {
  for (const bool directed : {false, true}) {
    const Network original = test::hostile_network(directed);
    TempDir dir;
    Diagnostics warnings;
    io::save_network(original, dir.path() / "net.gml", warnings);
    Diagnostics diagnostics;
    const Network loaded = test::load(dir.path() / "net.gml", diagnostics);
    test::require_same_network(original, loaded);
    // Only the encoded attribute name and the character references are reported.
    CHECK(warnings.warning_count() == 2);
    CHECK_THAT(test::dump(warnings), Contains("'note ąę' written as GML key 'note_20_c4_85_c4_99'"));
    CHECK_THAT(test::dump(warnings), Contains("character references"));
  }
}

TEST_CASE("GML round trip keeps a NUL in an id and a name (written as &#0;)", "[gml][roundtrip]") {
  // Found by the round-trip fuzz target: a NUL came back as the text "&#0;".
  Network n;
  for (const std::string& id : {std::string("a\0b", 3), std::string("plain")}) {
    Stakeholder s;
    s.id = id;
    s.name = "name " + id;
    n.stakeholders.push_back(s);
  }
  n.reindex();
  n.ties.push_back({0, 1, n.intern_kind("cooperation"), 1.0, {}, {}, {}});
  TempDir dir;
  Diagnostics warnings;
  const std::string gml = io::write_gml(n, "net.gml", warnings);
  CHECK(gml.find("&#0;") != std::string::npos);
  dir.write("n.gml", gml);
  Diagnostics diagnostics;
  const Network loaded = test::load(dir.path() / "n.gml", diagnostics);
  REQUIRE(loaded.stakeholders.size() == 2);
  CHECK(loaded.stakeholders[0].id == std::string("a\0b", 3));
  CHECK(loaded.stakeholders[0].name == "name " + std::string("a\0b", 3));
}

TEST_CASE("GML writer output is ASCII with integer ids, labels and character references", "[gml]") {
  Diagnostics warnings;
  const std::string gml = io::write_gml(test::hostile_network(true), "net.gml", warnings);
  // networkx reads only ASCII GML.
  CHECK(std::all_of(gml.begin(), gml.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
  CHECK_THAT(gml, Contains("  directed 1\n  multigraph 1\n"));
  CHECK_THAT(gml, Contains("    id 0\n    label \"PL-613, &quot;TARR&quot;\"\n"));
  CHECK_THAT(gml, Contains("name \"Line one&#10;line two\""));
  CHECK_THAT(gml, Contains("label \"&#26481;&#22823;\""));  // 東大
  CHECK_THAT(gml, Contains("    lat 53.0138\n"));
  CHECK_THAT(gml, Contains("    weight 0.001\n"));
  CHECK_THAT(gml, Contains("    start \"2012-03-01\"\n    end \"2014-02-28\"\n"));
}

TEST_CASE("GML numbers are written so that networkx reads them as reals", "[gml]") {
  Network n;
  for (const char* id : {"a", "b"}) {
    Stakeholder s;
    s.id = id;
    n.stakeholders.push_back(s);
  }
  n.reindex();
  const KindId kind = n.intern_kind("tie");
  n.ties.push_back({0, 1, kind, 1e-9, {}, {}, {}});
  n.ties.push_back({0, 1, kind, 1e12, {}, {}, {}});  // the largest weight loaders accept
  n.ties.push_back({0, 1, kind, 3e9, {}, {}, {}});   // integral, but beyond GML's 32-bit integers
  Diagnostics warnings;
  const std::string gml = io::write_gml(n, "net.gml", warnings);
  CHECK_THAT(gml, Contains("weight 1.0e-09\n"));
  CHECK_THAT(gml, Contains("weight 1000000000000.0\n"));
  CHECK_THAT(gml, Contains("weight 3000000000.0\n"));
  TempDir dir;
  io::save_network(n, dir.path() / "n.gml", warnings);
  Diagnostics diagnostics;
  test::require_same_network(n, test::load(dir.path() / "n.gml", diagnostics));
}

TEST_CASE("GML keys: unusual attribute names are encoded reversibly, foreign keys kept", "[gml]") {
  Network n;
  for (const char* id : {"a", "b"}) {
    Stakeholder s;
    s.id = id;
    s.attributes = {{"2nd round", "yes"}, {"label", "L"}, {"x_y", "u"}};
    n.stakeholders.push_back(s);
  }
  n.attribute_names = {"2nd round", "label", "x_y"};
  n.reindex();
  n.ties.push_back({0, 1, n.intern_kind("tie"), 1.0, {}, {}, {{"key", "k1"}, {"source", "s"}}});
  n.tie_attribute_names = {"key", "source"};
  Diagnostics warnings;
  const std::string gml = io::write_gml(n, "net.gml", warnings);
  CHECK_THAT(gml, Contains("x__2nd_20round \"yes\""));
  CHECK_THAT(gml, Contains("x__label \"L\""));
  CHECK_THAT(gml, Contains("x_5fy \"u\""));
  CHECK_THAT(gml, Contains("x__key \"k1\""));
  CHECK_THAT(gml, Contains("x__source \"s\""));
  CHECK(warnings.warning_count() == 5);
  TempDir dir;
  io::save_network(n, dir.path() / "n.gml", warnings);
  Diagnostics diagnostics;
  test::require_same_network(n, test::load(dir.path() / "n.gml", diagnostics));

  // Keys another tool wrote stay as they are, even when they hold '_'.
  const auto path = dir.write("foreign.gml", R"(graph [
  node [ id 1 tie_strength "high" max_bet 2 x__foo "f" ]
  node [ id 2 ]
  edge [ source 1 target 2 key 0 node_degree 3 weight "" ]
])");
  const Network foreign = test::load(path, diagnostics);
  CHECK(foreign.stakeholders[0].attributes ==
        std::map<std::string, std::string>{{"max_bet", "2"}, {"tie_strength", "high"}, {"x__foo", "f"}});
  CHECK(foreign.ties[0].attributes == std::map<std::string, std::string>{{"node_degree", "3"}});
  CHECK(foreign.ties[0].weight == 1.0);  // an empty weight is a missing one
}

TEST_CASE("GML written by networkx (label as id, multigraph keys, entities) is read", "[gml]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("gml/networkx_directed.gml"), diagnostics);
  CHECK(n.directed);
  REQUIRE(n.size() == 4);
  CHECK(n.stakeholders[0].id == "PL-TARR");
  CHECK(n.stakeholders[0].name == "Toruńska Agencja Rozwoju Regionalnego");
  CHECK(n.stakeholders[0].type == "support");
  CHECK(n.stakeholders[0].lat == 53.0138);
  CHECK(n.stakeholders[0].lon == 18.5984);
  CHECK(n.stakeholders[0].employees == 45.0);
  CHECK(n.stakeholders[1].name == "Uniwersytet Mikołaja Kopernika \"UMK\"");
  CHECK(n.stakeholders[2].name == "Meble & Co\nSp. z o.o.");
  CHECK(n.stakeholders[2].sector == "wood-furniture");
  CHECK(n.stakeholders[3].id == "PL-ISOLATE");
  REQUIRE(n.ties.size() == 4);
  const Tie& project = n.ties[0];
  CHECK(n.stakeholders[static_cast<std::size_t>(project.source)].id == "PL-TARR");
  CHECK(n.stakeholders[static_cast<std::size_t>(project.target)].id == "PL-UMK");
  CHECK(n.kind_name(project.kind) == "project");
  CHECK(project.weight == 2.5);
  CHECK(project.start.to_string() == "2012-03-01");
  CHECK(project.end.to_string() == "2014-02-28");
  CHECK(n.ties[1].start.to_string() == "2013-05");
  CHECK(n.ties[2].weight == 0.5);
  CHECK(n.ties[3].weight == 1.0);
  // networkx's multigraph "key" is not data.
  CHECK(n.ties[3].attributes == std::map<std::string, std::string>{{"strength", "high"}});
  CHECK(n.tie_attribute_names == std::vector<std::string>{"strength"});
}

TEST_CASE("GML written by igraph (no label: igraph's vertex name is the stakeholder id) is read", "[gml]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("gml/igraph_written.gml"), diagnostics);
  CHECK_FALSE(n.directed);
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "Örebro universitet");
  CHECK(n.stakeholders[0].name == "Örebro universitet");
  CHECK(n.stakeholders[2].type == "government");
  REQUIRE(n.ties.size() == 3);
  CHECK(n.stakeholders[static_cast<std::size_t>(n.ties[0].source)].id == "Alfa Laval");
  CHECK(n.ties[2].weight == 4.0);
  CHECK(n.kind_name(n.ties[0].kind) == "tie");
}

TEST_CASE("GML: self-loops are dropped and duplicate ties kept, with warnings", "[gml]") {
  TempDir dir;
  const auto path = dir.write("net.gml", R"(graph [
  node [ id 1 label "a" ]
  node [ id 2 label "b" ]
  edge [ source 1 target 1 ]
  edge [ source 1 target 2 kind "visit" ]
  edge [ source 2 target 1 kind "visit" ]
])");
  Diagnostics diagnostics;
  const Network n = test::load(path, diagnostics);
  CHECK(n.ties.size() == 2);
  CHECK_THAT(test::dump(diagnostics), Contains("net.gml:4:3: self-loop on 'a' dropped"));
  CHECK_THAT(test::dump(diagnostics), Contains("net.gml:6:3: duplicate tie b -- a (visit) repeats line 5"));
}

// ----- malformed input: one case each, with its line and column

TEST_CASE("GML: a list never closed is reported at its '['", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", "graph [\n  node [ id 1 ]\n  node [ id 2\n]\n"));
  CHECK(test::has_error(d, 1, 7, "list 'graph [' is never closed"));
}

TEST_CASE("GML: a ']' that closes no list", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", "graph [\n  node [ id 1 ] ]\n]\n"));
  CHECK(test::has_error(d, 3, 1, "']' closes no list"));
}

TEST_CASE("GML: a string never closed", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", "graph [\n  node [ id 1 label \"abc ]\n]\n"));
  CHECK(test::has_error(d, 2, 21, "string never closed"));
  CHECK(d.error_count() == 1);
}

TEST_CASE("GML: no graph in the file", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", "Creator \"someone\"\nVersion 1\n"));
  CHECK(test::has_error(d, 1, 1, "no 'graph [ … ]' in the file"));
}

TEST_CASE("GML: an edge without source or target", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", R"(graph [
  node [ id 1 ]
  edge [ target 1 ]
  edge [ source 1 ]
])"));
  CHECK(test::has_error(d, 3, 3, "edge has no source"));
  CHECK(test::has_error(d, 4, 3, "edge has no target"));
}

TEST_CASE("GML: an edge to a node that is not declared", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", R"(graph [
  node [ id 1 ]
  node [ id 2 ]
  edge [ source 1 target 7 ]
])"));
  CHECK(test::has_error(d, 4, 26, "edge target 7 is not the id of a node"));
}

TEST_CASE("GML: duplicate node ids and duplicate labels", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", R"(graph [
  node [ id 1 label "a" ]
  node [ id 1 label "b" ]
  node [ id 2 label "a" ]
])"));
  CHECK(test::has_error(d, 3, 13, "duplicate node id 1 (first at line 2)"));
  CHECK(test::has_error(d, 4, 21, "duplicate stakeholder id 'a' (first defined at line 2)"));
}

TEST_CASE("GML: bad weights (non-numeric, NaN, infinite, zero, negative)", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", R"(graph [
  node [ id 1 ]
  node [ id 2 ]
  edge [ source 1 target 2 weight "heavy" ]
  edge [ source 1 target 2 weight NAN ]
  edge [ source 1 target 2 weight INF ]
  edge [ source 1 target 2 weight 0 ]
  edge [ source 1 target 2 weight -1.5 ]
  edge [ source 1 target 2 weight [ value 1 ] ]
])"));
  CHECK(test::has_error(d, 4, 35, "weight 'heavy' is not a number"));
  CHECK(test::has_error(d, 5, 35, "weight is NaN"));
  CHECK(test::has_error(d, 6, 35, "weight is infinite"));
  CHECK(test::has_error(d, 7, 35, "weight is 0"));
  CHECK(test::has_error(d, 8, 35, "weight '-1.5' is negative"));
  CHECK(test::has_error(d, 9, 35, "edge weight is a list; expected a number"));
}

TEST_CASE("GML: a node without id", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", "graph [\n  node [ label \"x\" ]\n]\n"));
  CHECK(test::has_error(d, 2, 3, "node has no id"));
}

TEST_CASE("GML: values of the wrong type", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", R"(graph [
  directed "yes"
  node [ id "n1" ]
  node [ id 99999999999999999999 ]
  node [ id 2 label [ x 1 ] ]
  node [ id 3 lat "north" ]
  edge [ source "n1" target 2 ]
  node 5
])"));
  CHECK(test::has_error(d, 2, 12, "directed is 'yes'; expected 0 or 1"));
  CHECK(test::has_error(d, 3, 13, "node id is \"n1\"; expected an integer node id"));
  CHECK(test::has_error(d, 4, 13, "expected an integer node id that fits 64 bits"));
  CHECK(test::has_error(d, 5, 21, "node label is a list"));
  CHECK(test::has_error(d, 6, 19, "latitude 'north' is not valid"));
  CHECK(test::has_error(d, 7, 17, "edge source is \"n1\""));
  CHECK(test::has_error(d, 8, 8, "node is not a list"));
}

TEST_CASE("GML: syntax errors are all reported, then reading stops", "[gml][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.gml", R"(graph [
  node [ id 1 label ]
  node [ id 2 12 ]
  node [ id 3 label true ]
  @ [ ]
])"));
  CHECK(test::has_error(d, 2, 21, "key 'label' has no value (found ']')"));
  CHECK(test::has_error(d, 3, 15, "'12' where a key belongs"));
  CHECK(test::has_error(d, 4, 21, "key 'label' has no value (found 'true')"));
  CHECK(test::has_error(d, 5, 3, "'@' where a key belongs"));
  CHECK(test::has_error(d, 5, 5, "'[' without a key"));
}

TEST_CASE("GML: repeated keys in a node", "[gml][malformed]") {
  TempDir dir;
  const auto d =
      test::load_failing(dir.write("net.gml", "graph [\n  node [ id 1 label \"a\" label \"b\" ]\n]\n"));
  CHECK(test::has_error(d, 2, 25, "key 'label' repeated in this node (first at line 2)"));
}

TEST_CASE("GML: deep nesting, truncation and stray bytes end in errors, not crashes", "[gml][malformed]") {
  TempDir dir;
  std::string deep = "graph [\n";
  for (int i = 0; i < 200000; ++i)
    deep += "a [ ";
  auto d = test::load_failing(dir.write("deep.gml", deep));
  CHECK(test::has_error(d, 2, 799999, "list 'a [' is never closed"));

  Diagnostics warnings;
  const std::string full = io::write_gml(test::hostile_network(), "net.gml", warnings);
  for (const std::size_t cut : {full.size() / 3, full.size() / 2, full.size() - 3}) {
    d = test::load_failing(dir.write("cut.gml", full.substr(0, cut)));
    CHECK(d.has_errors());
  }
  d = test::load_failing(dir.write("bytes.gml", "graph [ \x01\x02 node [ id 1 ] ]"));
  CHECK(test::has_error(d, 1, 9, "where a key belongs"));
}

TEST_CASE("GML ids: label first then name then the integer id", "[gml][peers]") {
  TempDir dir;
  const auto path = dir.write("ids.gml", R"(graph [
  node [ id 0 label "s1" name "Alpha" ]
  node [ id 1 name "Beta" ]
  node [ id 2 ]
  edge [ source 1 target 0 ]
  edge [ source 2 target 1 ]
])");
  Diagnostics diagnostics;
  const Network n = test::load(path, diagnostics);
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "s1");
  CHECK(n.stakeholders[0].name == "Alpha");
  CHECK(n.stakeholders[1].id == "Beta");
  CHECK(n.stakeholders[1].name == "Beta");
  CHECK(n.stakeholders[2].id == "2");
  CHECK(n.stakeholders[2].name.empty());
  REQUIRE(n.ties.size() == 2);
  CHECK(n.ties[0].source == 1);
  CHECK(n.ties[1].source == 2);
  CHECK(n.ties[1].target == 1);
}
