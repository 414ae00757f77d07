// JSON node-link: round trips, networkx's node_link_data, every malformed case at its line and
// column, and the JSON locator that places problems found after parsing.

#include <catch2/catch.hpp>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/json_locate.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using Catch::Matchers::Contains;
using clusterscope::test::TempDir;

TEST_CASE("JSON round trip keeps hostile names, fields, attributes, kinds, weights and dates",
          "[json][roundtrip]") {
  for (const bool directed : {false, true}) {
    const Network original = test::hostile_network(directed);
    TempDir dir;
    Diagnostics warnings;
    io::save_network(original, dir.path() / "net.json", warnings);
    CHECK(warnings.entries().empty());
    Diagnostics diagnostics;
    const Network loaded = test::load(dir.path() / "net.json", diagnostics);
    test::require_same_network(original, loaded);
  }
}

TEST_CASE("JSON writer: string ids, numbers as numbers, tags as arrays, UTF-8 kept", "[json]") {
  Diagnostics warnings;
  const auto json =
      nlohmann::ordered_json::parse(io::write_node_link_json(test::hostile_network(), "x", warnings));
  CHECK(json["directed"] == false);
  CHECK(json["multigraph"] == true);
  CHECK(json["graph"]["name"] == "hostile");
  CHECK(json["nodes"][0]["id"] == "PL-613, \"TARR\"");
  CHECK(json["nodes"][0].begin().key() == "id");
  CHECK(json["nodes"][0]["lat"].is_number_float());
  CHECK(json["nodes"][0]["lat"].get<double>() == 53.0138);
  CHECK(json["nodes"][0]["employees"] == 1);
  CHECK(json["nodes"][1]["tags"] == nlohmann::ordered_json::array({"CNC machining", "export, EU"}));
  CHECK(json["nodes"][3].count("lat") == 0);  // missing values are left out
  CHECK(json["links"][0]["start"] == "2012-03-01");
  CHECK(json["links"][1]["date"] == "2013");
  CHECK(json["links"][2]["weight"].get<double>() == 0.3333333333333333);
  CHECK(json["links"][2]["role"] == "coordinator, \"lead\"");
  CHECK_THAT(io::write_node_link_json(test::hostile_network(), "x", warnings), Contains("\"東京大学\""));
}

TEST_CASE("JSON writer: tie attributes named like link members are reported, not written", "[json]") {
  Network n = test::hostile_network();
  n.ties[0].attributes["key"] = "k";
  n.tie_attribute_names.push_back("key");
  Diagnostics warnings;
  const auto json = nlohmann::ordered_json::parse(io::write_node_link_json(n, "x.json", warnings));
  CHECK(json["links"][0].count("key") == 0);
  REQUIRE(warnings.warning_count() == 1);
  CHECK_THAT(warnings.entries()[0].message, Contains("tie attribute 'key' not written"));
}

TEST_CASE("JSON from networkx node_link_data with integer ids", "[json]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("json/networkx_integer_ids.json"), diagnostics);
  CHECK_FALSE(n.directed);
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "0");
  CHECK(n.stakeholders[0].name == "Alpha");
  CHECK(n.stakeholders[1].type == "university");
  CHECK(n.stakeholders[2].employees == 30.0);
  REQUIRE(n.ties.size() == 2);
  CHECK(n.stakeholders[static_cast<std::size_t>(n.ties[0].target)].id == "1");
  CHECK(n.kind_name(n.ties[0].kind) == "cooperation");
  CHECK(n.ties[0].weight == 3.0);
  CHECK(n.kind_name(n.ties[1].kind) == "tie");
  CHECK(n.ties[1].weight == 0.25);
  CHECK(diagnostics.entries().empty());
}

TEST_CASE("JSON: \"edges\" instead of \"links\", tags as one string, null and \"\" as missing", "[json]") {
  TempDir dir;
  const auto path = dir.write("net.json", R"({"directed": true, "nodes": [
    {"id": "a", "tags": "x; y", "lat": null, "sme": true, "pos": [0.1, 0.2]},
    {"id": "b", "employees": 12.0, "pos": [0.3, 0.4]}],
  "edges": [{"source": "a", "target": "b", "key": 0, "date": "2013-04", "note": 7, "weight": "", "end": ""}]})");
  Diagnostics diagnostics;
  const Network n = test::load(path, diagnostics);
  CHECK(n.directed);
  CHECK(n.stakeholders[0].tags == std::vector<std::string>{"x", "y"});
  CHECK_FALSE(n.stakeholders[0].lat.has_value());
  CHECK(n.stakeholders[0].attributes == std::map<std::string, std::string>{{"sme", "true"}});
  CHECK(n.stakeholders[1].employees == 12.0);
  REQUIRE(n.ties.size() == 1);
  CHECK(n.ties[0].start.to_string() == "2013-04");
  CHECK(n.ties[0].end == n.ties[0].start);
  CHECK(n.ties[0].weight == 1.0);  // an empty weight is a missing one
  CHECK(n.ties[0].attributes == std::map<std::string, std::string>{{"note", "7"}});
  // A nested value is skipped with one warning per key, at the first one.
  CHECK(diagnostics.warning_count() == 1);
  CHECK_THAT(test::dump(diagnostics), Contains("net.json:2:66: node value 'pos' is an array; not read"));
}

TEST_CASE("JSON: self-loops are dropped and duplicate ties kept, with warnings", "[json]") {
  TempDir dir;
  const auto path = dir.write("net.json", R"({"directed": true, "nodes": [{"id": "a"}, {"id": "b"}],
 "links": [{"source": "a", "target": "a"}, {"source": "a", "target": "b"}, {"source": "a", "target": "b"}]})");
  Diagnostics diagnostics;
  const Network n = test::load(path, diagnostics);
  CHECK(n.ties.size() == 2);
  CHECK_THAT(test::dump(diagnostics), Contains("net.json:2:12: self-loop on 'a' dropped"));
  CHECK_THAT(test::dump(diagnostics), Contains("net.json:2:76: duplicate tie a -> b (tie) repeats line 2"));
}

// ----- malformed input: one case each, with its line and column

TEST_CASE("JSON: a syntax error", "[json][malformed]") {
  TempDir dir;
  const auto d =
      test::load_failing(dir.write("net.json", "{\n  \"nodes\": [\n    {\"id\": \"a\"},\n  ]\n}\n"));
  CHECK(test::has_error(d, 4, 3, "invalid JSON: syntax error while parsing value - unexpected ']'"));

  // nlohmann quotes what it read last, which can stop inside a UTF-8 character: left out then.
  const auto stray = test::load_failing(dir.write("net.json", "{\"nodes\": [{\"id\": \"a\"} \xC3\xA9]}"));
  CHECK(test::has_error(stray, 1, 24,
                        "invalid JSON: syntax error while parsing array - invalid literal; expected ']'"));
  CHECK(io::is_valid_utf8(stray.entries().front().message));
}

TEST_CASE("JSON: a missing closing bracket (truncated file)", "[json][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.json", "{\n  \"nodes\": [\n    {\"id\": \"a\"}"));
  CHECK(test::has_error(d, 3, 16, "unexpected end of input"));
}

TEST_CASE("JSON: a number too large for a double", "[json][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.json", R"({"nodes": [{"id": "a", "lat": 1e400}]})"));
  CHECK(test::has_error(d, 1, 31, "number overflow parsing '1e400'"));
}

TEST_CASE("JSON: a link to an unknown id", "[json][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.json", R"({
  "directed": false,
  "nodes": [
    {"id": "a"},
    {"id": "b"}
  ],
  "links": [
    {"source": "a", "target": "b"},
    {"source": "a", "target": "zz"}
  ]
})"));
  CHECK(test::has_error(d, 9, 31, "unknown stakeholder id 'zz'"));
}

TEST_CASE("JSON: bad weights (non-numeric, NaN, infinite, zero, negative, wrong type)", "[json][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.json", R"({"nodes": [{"id": "a"}, {"id": "b"}],
 "links": [
  {"source": "a", "target": "b", "weight": "heavy"},
  {"source": "a", "target": "b", "weight": 0},
  {"source": "a", "target": "b", "weight": -1},
  {"source": "a", "target": "b", "weight": [1]},
  {"source": "a", "target": "b", "weight": "NaN"},
  {"source": "a", "target": "b", "weight": "Infinity"}
 ]})"));
  CHECK(test::has_error(d, 3, 44, "weight 'heavy' is not a number"));
  CHECK(test::has_error(d, 4, 44, "weight is 0"));
  CHECK(test::has_error(d, 5, 44, "weight '-1' is negative"));
  CHECK(test::has_error(d, 6, 44, "weight is an array; expected a number"));
  CHECK(test::has_error(d, 7, 44, "weight is NaN"));
  CHECK(test::has_error(d, 8, 44, "weight is infinite"));
}

TEST_CASE("JSON: a node without id", "[json][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.json", R"({"nodes": [{"id": "a"}, {"name": "no id"}]})"));
  CHECK(test::has_error(d, 1, 25, "nodes[1] has no \"id\""));
}

TEST_CASE("JSON: \"nodes\" missing or not an array", "[json][malformed]") {
  TempDir dir;
  auto d = test::load_failing(dir.write("net.json", "\n  {\"links\": []}"));
  CHECK(test::has_error(d, 2, 3, "no \"nodes\" in the document"));
  d = test::load_failing(dir.write("net.json", R"({"nodes": {"a": 1}})"));
  CHECK(test::has_error(d, 1, 11, "\"nodes\" is an object; expected an array"));
  d = test::load_failing(dir.write("net.json", R"([{"id": "a"}])"));
  CHECK(test::has_error(d, 1, 1, "the document is an array; expected a JSON object"));
  d = test::load_failing(dir.write("net.json", R"({"nodes": [], "links": [], "edges": []})"));
  CHECK(test::has_error(d, 1, 37, "both \"links\" and \"edges\""));
}

TEST_CASE("JSON: values of the wrong JSON type", "[json][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.json", R"({
  "directed": "yes",
  "nodes": [
    {"id": true},
    {"id": 1.5},
    {"id": "a", "tags": ["x", 2], "lat": "north", "pos": [0.1, 0.2]},
    {"id": "b", "pos": {"x": 1}},
    "c"
  ],
  "links": [
    {"source": ["a"], "target": "b"},
    {"source": "a", "target": "b", "kind": {"k": 1}}
  ]
})"));
  CHECK(test::has_error(d, 2, 15, "\"directed\" is a string; expected true or false"));
  CHECK(test::has_error(d, 4, 12, "nodes[0].id is true/false; expected a string or an integer id"));
  CHECK(test::has_error(d, 5, 12, "nodes[1].id is the number 1.5"));
  CHECK(test::has_error(d, 6, 31, "keyword is a number; expected a string"));
  CHECK(test::has_error(d, 6, 42, "latitude 'north' is not valid"));
  CHECK(test::has_error(d, 8, 5, "nodes[4] is a string; expected an object"));
  CHECK(test::has_error(d, 11, 16, "links[0].source is an array; expected a string or an integer id"));
  CHECK(test::has_error(d, 12, 44, "kind is an object; expected a string"));
  CHECK(d.error_count() == 8);
}

TEST_CASE("JSON: deep nesting ends in an error or a warning, not a crash", "[json][malformed]") {
  TempDir dir;
  auto d = test::load_failing(dir.write("deep.json", std::string(200000, '[')));
  CHECK(test::has_error(d, 1, 200001, "unexpected end of input"));

  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto path = dir.write("net.json", R"({"nodes": [{"id": "a", "deep": )" + deep + "}]}");
  Diagnostics diagnostics;
  const Network n = test::load(path, diagnostics);
  CHECK(n.size() == 1);
  CHECK_THAT(test::dump(diagnostics), Contains("net.json:1:32: node value 'deep' is an array"));
}

// ----- the locator

TEST_CASE("JSON locator finds values by path", "[json][locate]") {
  const std::string text = R"({"a": [1, {"b\"c": "x", "d": [[], {"e": null}]}],
  "\u00e9": 2, "a": "second"})";
  const auto at = [&](const io::JsonPath& path) { return io::json_value_offset(text, path); };
  CHECK(at({}) == 0u);
  CHECK(at({"a"}) == text.find('['));
  CHECK(at({"a", 0u}) == text.find('1'));
  CHECK(at({"a", 1u, "b\"c"}) == text.find("\"x\""));
  CHECK(at({"a", 1u, "d", 1u, "e"}) == text.find("null"));
  CHECK(at({"é"}) == text.find('2'));
  CHECK(at({"a", 2u}) == std::nullopt);
  CHECK(at({"zz"}) == std::nullopt);
  CHECK(at({"a", 0u, "x"}) == std::nullopt);
  CHECK(at({"a", 1u, "d", 0u, 0u}) == std::nullopt);
  CHECK(io::json_path_text({"links", 12u, "weight"}) == "links[12].weight");
  CHECK(io::json_path_text({}) == "the document");
}

TEST_CASE("JSON locator gives the same answers in any order, and line:column", "[json][locate]") {
  std::string text = "{\"nodes\": [\n";
  for (int i = 0; i < 50; ++i)
    text += std::string(i > 0 ? ",\n" : "") + "  {\"id\": \"n" + std::to_string(i) + "\", \"ł\": [" +
            std::to_string(i) + "]}";
  text += "\n], \"links\": [{\"source\": \"n1\"}]}";
  const io::SourceText source{"x.json", text};
  io::JsonLocator locator(text);
  const std::vector<io::JsonPath> paths = {
      {"nodes", 3u, "id"}, {"nodes", 40u, "ł", 0u}, {"nodes", 41u, "id"},
      {"nodes", 2u, "ł"},  {"links", 0u, "source"}, {"nodes", 49u, "id"},
      {"nodes", 0u},       {"nodes", 50u},          {"links", 0u, "source"}};
  for (const auto& path : paths) {
    INFO(io::json_path_text(path));
    const auto expected = io::json_value_offset(text, path);
    CHECK(locator.offset(path) == expected);
    const Location where = locator.location(source, path);
    if (expected) {
      const Location plain = io::location_of(source, *expected);
      CHECK(where.line == plain.line);
      CHECK(where.column == plain.column);
    } else {
      CHECK(where.line == 0);
    }
  }
}

TEST_CASE("JSON parse errors are reported at their line and column", "[json][locate]") {
  Diagnostics diagnostics;
  const io::SourceText source{"x.json", "{\"a\": [1, 2,\n  }"};
  CHECK_FALSE(io::parse_json(source, diagnostics).has_value());
  CHECK(test::has_error(diagnostics, 2, 3, "invalid JSON"));
}

TEST_CASE("JSON writer: multigraph only with parallel ties, either order when undirected", "[json]") {
  Network network;
  for (const char* id : {"a", "b", "c"}) {
    Stakeholder s;
    s.id = id;
    network.stakeholders.push_back(s);
  }
  network.reindex();
  network.intern_kind("project");
  const auto tie = [](VertexId source, VertexId target) {
    Tie t;
    t.source = source;
    t.target = target;
    return t;
  };
  network.ties.push_back(tie(0, 1));
  network.ties.push_back(tie(1, 2));
  Diagnostics warnings;
  CHECK(nlohmann::ordered_json::parse(io::write_node_link_json(network, "x", warnings))["multigraph"] ==
        false);
  network.ties.push_back(tie(1, 0));
  CHECK(nlohmann::ordered_json::parse(io::write_node_link_json(network, "x", warnings))["multigraph"] ==
        true);
  network.directed = true;
  CHECK(nlohmann::ordered_json::parse(io::write_node_link_json(network, "x", warnings))["multigraph"] ==
        false);
}
