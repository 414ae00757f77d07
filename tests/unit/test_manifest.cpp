// dataset.json manifests: the real third-party datasets load without preprocessing, their
// projections equal networkx's (tests/fixtures/expected/make_projections.py), and every
// manifest problem is reported at its line and column.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "clusterscope/io/load.hpp"
#include "clusterscope/io/manifest.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

namespace {

nlohmann::json expected_projections() {
  std::ifstream in(test::fixture("expected/projections.json"));
  return nlohmann::json::parse(in);
}

std::filesystem::path manifest(const std::string& name) {
  return test::shared_manifest(test::project_dir() / "docs" / "manifests" / name / "dataset.json");
}

/// Compares the aggregated ties of `n` with networkx's projection (relative error ≤ 1e-12).
void require_projection(const Network& n, const nlohmann::json& expected) {
  const auto edges = aggregate_ties(n);
  REQUIRE(n.stakeholders.size() == expected["stakeholders"].get<std::size_t>());
  REQUIRE(edges.size() == expected["pairs"].get<std::size_t>());
  double total = 0.0;
  double max = 0.0;
  std::map<std::pair<std::string, std::string>, double> weight;
  for (const AggregatedEdge& e : edges) {
    std::string a = n.stakeholders[static_cast<std::size_t>(e.source)].id;
    std::string b = n.stakeholders[static_cast<std::size_t>(e.target)].id;
    if (b < a) std::swap(a, b);
    weight[{a, b}] = e.weight;
    total += e.weight;
    max = std::max(max, e.weight);
  }
  CHECK(total == Approx(expected["total_weight"].get<double>()).epsilon(1e-12));
  CHECK(max == Approx(expected["max_weight"].get<double>()).epsilon(1e-12));
  const auto& list = expected.contains("edges") ? expected["edges"] : expected["heaviest"];
  for (const auto& e : list) {
    const auto it = weight.find({e[0].get<std::string>(), e[1].get<std::string>()});
    INFO(e.dump());
    REQUIRE(it != weight.end());
    CHECK(it->second == Approx(e[2].get<double>()).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("Two-mode affiliation networks project onto organisations as networkx does",
          "[manifest][two-mode][shared]") {
  const auto expected = expected_projections();
  for (const char* name : {"ceos-clubs", "brunson-corporate-leadership", "brunson-club-membership"}) {
    INFO(name);
    Diagnostics d;
    const Network n = test::load(manifest(name), d);
    CHECK(n.name == name);
    CHECK_FALSE(n.directed);
    require_projection(n, expected[name]);
    CHECK(n.kinds == std::vector<std::string>{"membership"});
  }
}

TEST_CASE("CORDIS 2021 calls: Catalonia (ES51) cut of the project co-participation network",
          "[manifest][cordis][shared]") {
  Diagnostics d;
  const Network n = test::load(manifest("cordis-calls2021-es51"), d);
  require_projection(n, expected_projections()["cordis-calls2021-es51"]);
  for (const Stakeholder& s : n.stakeholders) {
    CHECK(s.region.rfind("ES51", 0) == 0);
    CHECK(s.country == "ES");
  }
  // Source codes mapped onto the type vocabulary; dates read as DD/MM/YYYY.
  const auto counts = [&](const std::string& type) {
    return std::count_if(n.stakeholders.begin(), n.stakeholders.end(),
                         [&](const Stakeholder& s) { return s.type == type; });
  };
  CHECK(counts("enterprise") + counts("university") + counts("research") + counts("government") +
            counts("other") ==
        static_cast<long>(n.stakeholders.size()));
  for (const Tie& t : n.ties)
    CHECK(t.start.year >= 2020);
  // The duplicated (project, organisation) rows are reported, not silently merged.
  bool repeated = false;
  for (const Diagnostic& w : d.warnings())
    repeated |= w.message.find("counted once") != std::string::npos;
  CHECK(repeated);
}

TEST_CASE("CORDIS semiconductor / EV: 765 organisations, very large consortia down-weighted",
          "[manifest][cordis][shared]") {
  Diagnostics d;
  const Network n = test::load(manifest("cordis-semiconductor-ev"), d);
  require_projection(n, expected_projections()["cordis-semiconductor-ev"]);
  const auto it = std::find_if(n.stakeholders.begin(), n.stakeholders.end(),
                               [](const Stakeholder& s) { return s.id == "999978918"; });
  REQUIRE(it != n.stakeholders.end());
  CHECK(it->name == "INFINEON TECHNOLOGIES AG");
  CHECK(it->type == "enterprise");
  REQUIRE(it->lat.has_value());
  CHECK(*it->lat == Approx(48.080906));
  CHECK(it->attributes.at("shortName") == "IFAG");
}

TEST_CASE("Lazega law firm: multiplex directed ties with mapped attribute codes",
          "[manifest][lazega][shared]") {
  Diagnostics d;
  const Network n = test::load(manifest("lazega-lawfirm"), d);
  CHECK(n.directed);
  REQUIRE(n.stakeholders.size() == 71);
  std::map<std::string, std::size_t> by_kind;
  for (const Tie& t : n.ties)
    by_kind[n.kind_name(t.kind)] += 1;
  CHECK(by_kind ==
        std::map<std::string, std::size_t>{{"advice", 892}, {"cowork", 1104}, {"friendship", 575}});
  CHECK(n.stakeholders[0].attributes.at("office") == "Boston");
  CHECK(n.stakeholders[2].attributes.at("office") == "Hartford");
  CHECK(n.stakeholders[0].attributes.at("status") == "partner");
  CHECK(d.error_count() == 0);
}

// ---- manifest problems, each at its line and column in dataset.json -------------------------

namespace {
Diagnostics bad_manifest(const std::string& json, const std::string& csv = "id,name\na,A\nb,B\n") {
  TempDir dir;
  dir.write("s.csv", csv);
  dir.write("t.csv", "source,target\na,b\n");
  return test::load_failing(dir.write("dataset.json", json));
}
}  // namespace

TEST_CASE("Manifest malformed: JSON syntax error", "[manifest][malformed]") {
  const auto d = bad_manifest("{\n  \"name\": \"x\",\n  \"ties\": [\n    {\"file\": \"t.csv\"}\n  \n}\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 6, 1, "invalid JSON"));
}

TEST_CASE("Manifest malformed: a column mapped to a column the file does not have", "[manifest][malformed]") {
  const auto d =
      bad_manifest("{\n  \"stakeholders\": {\"file\": \"s.csv\",\n    \"columns\": {\"id\": \"pic\"}}\n}\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 3, 23, "column 'pic' is not in the header"));
}

TEST_CASE("Manifest malformed: wrong JSON type", "[manifest][malformed]") {
  const auto d = bad_manifest("{\"directed\": \"yes\", \"ties\": {\"file\": \"t.csv\"}}");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 1, 14, "expected true or false"));
}

TEST_CASE("Manifest malformed: data file missing", "[manifest][malformed]") {
  const auto d = bad_manifest("{\"ties\": {\"file\": \"missing.csv\"}}");
  INFO(test::dump(d));
  bool found = false;
  for (const Diagnostic& e : d.errors())
    found |= e.message == "file not found" && e.where.file.find("missing.csv") != std::string::npos;
  CHECK(found);
}

TEST_CASE("Manifest malformed: unknown date format, weighting and large-activity rule",
          "[manifest][malformed]") {
  const auto d = bad_manifest(
      "{\"activities\": {\"file\": \"t.csv\", \"columns\": {\"stakeholder\": \"source\", \"activity\": "
      "\"target\"},\n"
      " \"date_format\": \"YY\", \"weighting\": \"jaccard\",\n"
      " \"large_activity\": {\"threshold\": 1, \"rule\": \"drop\"}}}");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 17, "unknown date format 'YY'"));
  CHECK(test::has_error(d, 2, 36, "unknown weighting 'jaccard'"));
  CHECK(test::has_error(d, 3, 34, "whole number of participants"));
  CHECK(test::has_error(d, 3, 45, "unknown rule 'drop'"));
}

TEST_CASE("Manifest malformed: non-positive kind weight and bad colour", "[manifest][malformed]") {
  const auto d = bad_manifest(
      "{\"ties\": {\"file\": \"t.csv\"},\n \"kind_weights\": {\"visit\": 0},\n"
      " \"vocabulary\": [{\"type\": \"enterprise\", \"colour\": \"blue\"}]}");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 28, "must be a number greater than 0"));
  CHECK(test::has_error(d, 3, 50, "is not #rrggbb"));
}

TEST_CASE("Manifest malformed: a type listed twice in the vocabulary", "[manifest][malformed]") {
  // Line 3 column 43: the opening quote of the third term's "type" value.
  const auto d = bad_manifest(
      "{\"ties\": {\"file\": \"t.csv\"},\n \"vocabulary\": [{\"type\": \"firm\"},\n"
      "                {\"type\": \"lab\"}, {\"type\": \"firm\"}]}");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 3, 43, "type 'firm' is listed twice (also vocabulary[0])"));
  CHECK(d.error_count() == 1);
}

TEST_CASE("Manifest: unknown ids in ties are errors in the tie file", "[manifest][malformed]") {
  TempDir dir;
  dir.write("s.csv", "id,name\na,A\n");
  dir.write("t.csv", "source,target\na,ghost\n");
  const auto d = test::load_failing(dir.write(
      "dataset.json", "{\"stakeholders\": {\"file\": \"s.csv\"}, \"ties\": {\"file\": \"t.csv\"}}"));
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 3, "unknown stakeholder id 'ghost'"));
}

TEST_CASE("Projection: count and Newman weighting, large-activity rules", "[manifest][two-mode]") {
  TempDir dir;
  // p1: a b c (k=3); p2: a b (k=2); p3: 5 participants above a threshold of 4.
  dir.write("act.csv", "who,what\na,p1\nb,p1\nc,p1\na,p2\nb,p2\na,p2\nv,p3\nw,p3\nx,p3\ny,p3\nz,p3\n");
  const auto load_with = [&](const std::string& weighting, const std::string& rule) {
    dir.write("dataset.json",
              "{\"activities\": {\"file\": \"act.csv\", \"columns\": {\"stakeholder\": \"who\", "
              "\"activity\": \"what\"}, \"weighting\": \"" +
                  weighting + "\", \"large_activity\": {\"threshold\": 4, \"rule\": \"" + rule + "\"}}}");
    Diagnostics d;
    Network n = test::load(dir.path() / "dataset.json", d);
    std::map<std::string, double> w;
    for (const auto& e : aggregate_ties(n)) {
      w[n.stakeholders[static_cast<std::size_t>(e.source)].id +
        n.stakeholders[static_cast<std::size_t>(e.target)].id] = e.weight;
    }
    return std::pair{w, d};
  };
  {
    const auto [w, d] = load_with("count", "keep");
    CHECK(w.at("ab") == 2.0);  // p1 + p2; a's repeated row in p2 counts once
    CHECK(w.at("ac") == 1.0);
    CHECK(w.at("vw") == 1.0);
    CHECK(w.size() == 3 + 10);
  }
  {
    const auto [w, d] = load_with("newman", "downweight");
    CHECK(w.at("ab") == Approx(1.0 / 2 + 1.0));
    CHECK(w.at("bc") == Approx(0.5));
    CHECK(w.at("vw") == Approx(0.25 * 3.0 / 4.0));  // 1/(k−1) × (T−1)/(k−1)
  }
  {
    const auto [w, d] = load_with("count", "skip");
    CHECK(w.count("vw") == 0);
    CHECK(w.size() == 3);
    bool warned = false;
    for (const Diagnostic& x : d.warnings())
      warned |= x.message.find("'p3' has 5 participants") != std::string::npos;
    CHECK(warned);
  }
}

TEST_CASE("Filters: region prefix with partners, type, kind and date window", "[manifest][filters]") {
  TempDir dir;
  dir.write("s.csv",
            "id,type,region\na,enterprise,PL613\nb,university,PL613\nc,enterprise,PL614\nd,support,DE40\n");
  dir.write(
      "t.csv",
      "source,target,kind,date\na,b,project,2012-05-01\nb,c,visit,2013-01-01\nc,d,project,2015-01-01\n");
  const auto path =
      dir.write("dataset.json", "{\"stakeholders\": {\"file\": \"s.csv\"}, \"ties\": {\"file\": \"t.csv\"}}");
  const auto load_with = [&](io::Filters f) {
    Diagnostics d;
    io::LoadOptions o;
    o.filters = std::move(f);
    return io::load_network(path, o, d);
  };
  io::Filters region;
  region.region_prefixes = {"PL613"};
  CHECK(load_with(region).stakeholders.size() == 2);
  region.keep_partners = true;
  const Network with_partners = load_with(region);
  CHECK(with_partners.stakeholders.size() == 3);
  CHECK(with_partners.ties.size() == 2);
  io::Filters type;
  type.types = {"enterprise"};
  // a and c are enterprises but not tied to each other: a filter that empties the network is an
  // error naming it (a warning when validating).
  {
    Diagnostics d;
    io::LoadOptions o;
    o.filters = type;
    CHECK_THROWS_WITH(io::load_network(path, o, d),
                      Catch::Contains("the type filters keep 2 stakeholders but none of the 3 ties"));
    Diagnostics v;
    o.empty_filter_is_error = false;
    CHECK(io::load_network(path, o, v).ties.empty());
    CHECK(v.warning_count() == 1);
  }
  io::Filters kind;
  kind.kinds = {"project"};
  CHECK(load_with(kind).ties.size() == 2);
  io::Filters window;
  window.from = {2013, 0, 0};
  window.to = {2014, 12, 31};
  const Network w = load_with(window);
  REQUIRE(w.ties.size() == 1);
  CHECK(w.kind_name(w.ties[0].kind) == "visit");
}

TEST_CASE("Roll-up: units move to their institution, internal ties dropped", "[manifest][rollup]") {
  TempDir dir;
  dir.write("s.csv", "id,type,parent\nuni,university,\nd1,university,uni\nd2,university,d1\nf,enterprise,\n");
  dir.write("t.csv", "source,target\nd1,d2\nd2,f\nd1,f\n");
  const auto path = dir.write("dataset.json",
                              "{\"stakeholders\": {\"file\": \"s.csv\"}, \"ties\": {\"file\": \"t.csv\"}, "
                              "\"level\": \"institution\"}");
  Diagnostics d;
  const Network n = test::load(path, d);
  REQUIRE(n.stakeholders.size() == 2);
  CHECK(n.stakeholders[0].id == "uni");
  REQUIRE(n.ties.size() == 2);
  for (const Tie& t : n.ties)
    CHECK(n.stakeholders[static_cast<std::size_t>(t.source)].id == "uni");
}

TEST_CASE("Roll-up: unknown parent and parent cycles are errors", "[manifest][rollup][malformed]") {
  TempDir dir;
  dir.write("s.csv", "id,parent\na,b\nb,a\nc,ghost\n");
  dir.write("t.csv", "source,target\na,c\n");
  const auto path = dir.write("dataset.json",
                              "{\"stakeholders\": {\"file\": \"s.csv\"}, \"ties\": {\"file\": \"t.csv\"}, "
                              "\"level\": \"institution\"}");
  const auto d = test::load_failing(path);
  INFO(test::dump(d));
  bool ghost = false;
  for (const Diagnostic& e : d.errors())
    ghost |= e.message.find("names parent 'ghost'") != std::string::npos;
  CHECK(ghost);
}
