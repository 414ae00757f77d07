// Files as R, pandas, Excel, Gephi and CORDIS write them load without friction: duplicates are
// the same row twice, warnings are condensed to a few per kind, missing markers are missing,
// ';' and decimal commas are detected, Gephi's Label is the name, and manifest overrides apply.
// The samples are written by hand in each tool's documented style (R write.csv writes NA for a
// missing value; Polish and Swedish Excel "CSV (semicolon)" writes ';' and decimal commas; Gephi's
// Data Laboratory exports node tables with Id,Label).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::quote;
using clusterscope::test::TempDir;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
    ++n;
  return n;
}

Network load_with(const std::filesystem::path& path, Diagnostics& d, const io::LoadOptions& options = {}) {
  return io::load_network(path, options, d);
}

const Stakeholder& by_id(const Network& n, const std::string& id) {
  const auto v = n.find(id);
  REQUIRE(v.has_value());
  return n.stakeholders[static_cast<std::size_t>(*v)];
}

}  // namespace

TEST_CASE("Duplicates: the same row twice is a duplicate, rows that differ in a column are not",
          "[exports][duplicates]") {
  TempDir dir;
  // a-b twice identical (a duplicate); b-c twice with different project ids (two interactions).
  const auto edges = dir.write("e.csv",
                               "source,target,kind,project\n"
                               "a,b,project,P1\n"
                               "a,b,project,P1\n"
                               "b,c,project,P1\n"
                               "b,c,project,P2\n");
  Diagnostics d;
  const Network n = load_with(edges, d);
  CHECK(n.ties.size() == 4);
  REQUIRE(d.warning_count() == 1);
  CHECK_THAT(d.warnings()[0].message, Catch::Contains("duplicate tie a -- b (project) repeats line 2"));
  // Weights still add up: a-b counts 2, b-c counts 2.
  for (const AggregatedEdge& e : aggregate_ties(n))
    CHECK(e.weight == 2.0);
}

TEST_CASE("Duplicates: a pair in several projects of a two-mode file is no duplicate",
          "[exports][duplicates]") {
  TempDir dir;
  // x and y take part in P1, P2 and P3 together (three joint projects, weight 3), z only in P1.
  dir.write("participations.csv", "project,org\nP1,x\nP1,y\nP1,z\nP2,x\nP2,y\nP3,x\nP3,y\n");
  dir.write("dataset.json", R"({"activities": {"file": "participations.csv",
      "columns": {"stakeholder": "org", "activity": "project"}, "kind": "project"}})");
  Diagnostics d;
  const Network n = load_with(dir.path(), d);
  CHECK(d.warning_count() == 0);
  CHECK(n.ties.size() == 5);
  double xy = 0.0;
  for (const AggregatedEdge& e : aggregate_ties(n)) {
    const std::string a = n.stakeholders[static_cast<std::size_t>(e.source)].id;
    const std::string b = n.stakeholders[static_cast<std::size_t>(e.target)].id;
    if ((a == "x" && b == "y") || (a == "y" && b == "x")) xy = e.weight;
  }
  CHECK(xy == 3.0);
}

TEST_CASE("Warnings: a few of each kind are listed and the rest counted", "[exports][warnings]") {
  TempDir dir;
  // 20 self-loops and 12 identical duplicate rows of one pair.
  std::string text = "source,target\n";
  for (int i = 0; i < 20; ++i)
    text += "s" + std::to_string(i) + ",s" + std::to_string(i) + "\n";
  for (int i = 0; i < 13; ++i)
    text += "a,b\n";
  const auto edges = dir.write("e.csv", text);
  std::string out, err;
  REQUIRE(test::run_cli("validate " + quote(edges), out, err) == 0);
  // 20 self-loops + 12 duplicates = 32 warnings, all counted.
  CHECK_THAT(out, Catch::Contains("32 warnings"));
  CHECK(count_of(err, "self-loop on '") == kListedPerKind);
  CHECK(count_of(err, "duplicate tie a -- b") == kListedPerKind);
  CHECK_THAT(err, Catch::Contains("and 15 more of this kind (self-loop on)"));
  CHECK_THAT(err, Catch::Contains("and 7 more of this kind (duplicate tie)"));
  CHECK(test::count_lines(err) == 2 * kListedPerKind + 2);
  // --strict still fails on them: they are real problems.
  CHECK(test::run_cli("validate --strict " + quote(edges), out, err) == 3);
}

TEST_CASE("Missing values: NA and its kin in optional fields are missing and counted per column",
          "[exports][missing]") {
  TempDir dir;
  // As R's write.csv(na = "NA") writes a data frame with missing values.
  const auto nodes = dir.write("e.nodes.csv",
                               "\"id\",\"name\",\"type\",\"sector\",\"lat\",\"lon\",\"employees\"\n"
                               "\"a\",\"Alpha\",\"enterprise\",NA,52.1,21.0,NA\n"
                               "\"b\",NA,NA,\"ICT\",NA,NA,12\n"
                               "\"c\",\"Gamma\",\"university\",nan,N/A,null,\n");
  (void)nodes;
  const auto edges = dir.write("e.csv", "source,target,date,kind\na,b,NA,NA\nb,c,2014-03,visit\n");
  Diagnostics d;
  const Network n = load_with(edges, d);
  REQUIRE_FALSE(d.has_errors());
  CHECK(d.warning_count() == 0);  // missing values are notes, not warnings: --strict passes
  CHECK(by_id(n, "a").sector.empty());
  CHECK_FALSE(by_id(n, "a").employees.has_value());
  CHECK(by_id(n, "b").name.empty());
  CHECK(by_id(n, "b").type.empty());  // not a category "NA"
  CHECK_FALSE(by_id(n, "b").lat.has_value());
  CHECK(by_id(n, "b").employees == 12.0);
  CHECK_FALSE(by_id(n, "c").lon.has_value());
  CHECK(n.ties[0].start.empty());
  CHECK(n.kind_name(n.ties[0].kind) == "tie");
  // One note per column that had markers.
  const std::string notes = test::dump(d);
  CHECK_THAT(notes, Catch::Contains("column 'sector': 2 values 'NA' read as missing"));
  CHECK_THAT(notes, Catch::Contains("column 'employees': 1 value 'NA' read as missing"));
  CHECK_THAT(notes, Catch::Contains("column 'lon': 2 values 'NA' read as missing"));
  CHECK_THAT(notes, Catch::Contains("column 'date': 1 value 'NA' read as missing"));
  std::string out, err;
  CHECK(test::run_cli("validate --strict " + quote(edges), out, err) == 0);
}

TEST_CASE("Missing values: a marker in a required field stays an error, NaN in a weight too",
          "[exports][missing]") {
  TempDir dir;
  Diagnostics id = test::load_failing(dir.write("a.csv", "source,target\nNA,b\n"));
  CHECK(test::has_error(id, 2, 1, "missing stakeholder id"));
  Diagnostics weight = test::load_failing(dir.write("b.csv", "source,target,weight\na,b,NaN\n"));
  CHECK(test::has_error(weight, 2, 5, "NaN"));
  // NaN in a number column is a computation gone wrong, not a missing marker.
  dir.write("c.nodes.csv", "id,lat\na,nan\n");
  Diagnostics lat = test::load_failing(dir.write("c.csv", "source,target\na,a\n"));
  CHECK(test::has_error(lat, 2, 3, "latitude 'nan' is not valid"));
}

TEST_CASE("Missing values: the markers are configurable by flag and in the manifest", "[exports][missing]") {
  TempDir dir;
  // 'NA' is Namibia here; '-' is this file's missing marker.
  dir.write("orgs.csv", "id,country,sector\nn1,NA,-\nn2,PL,ICT\n");
  dir.write("ties.csv", "source,target\nn1,n2\n");
  dir.write("dataset.json", R"({"missing": ["-"], "stakeholders": {"file": "orgs.csv"},
      "ties": {"file": "ties.csv"}})");
  Diagnostics d;
  const Network n = load_with(dir.path(), d);
  CHECK(by_id(n, "n1").country == "NA");
  CHECK(by_id(n, "n1").sector.empty());

  const auto edges = dir.write("e.csv", "source,target,kind\na,b,NA\nb,c,?\n");
  io::LoadOptions options;
  options.csv.missing = {"?"};
  Diagnostics d2;
  const Network m = load_with(edges, d2, options);
  CHECK(m.kind_name(m.ties[0].kind) == "NA");
  CHECK(m.kind_name(m.ties[1].kind) == "tie");
  std::string out, err;
  REQUIRE(test::run_cli("validate --missing '?' " + quote(edges), out, err) == 0);
  CHECK_THAT(err, Catch::Contains("column 'kind': 1 value '?' read as missing"));
}

TEST_CASE("Delimiters: semicolons with decimal commas is detected and said, a forced wrong one is hinted",
          "[exports][delimiter]") {
  TempDir dir;
  // As Polish Excel saves "CSV (rozdzielany średnikami)": ';' and decimal commas.
  dir.write("ties.nodes.csv",
            "id;name;lat;lon\nk1;Kraków firma;50,06;19,94\nw1;Warszawa firma;52,23;21,01\n");
  const auto edges = dir.write("ties.csv", "source;target;weight\nk1;w1;1,5\n");
  Diagnostics d;
  const Network n = load_with(edges, d);
  REQUIRE_FALSE(d.has_errors());
  REQUIRE(n.ties.size() == 1);
  CHECK(n.ties[0].weight == 1.5);
  CHECK(by_id(n, "k1").lat == 50.06);
  CHECK(by_id(n, "w1").name == "Warszawa firma");
  CHECK_THAT(test::dump(d), Catch::Contains("read with ';' as the delimiter (detected from the header) and "
                                            "',' as the decimal separator"));
  // Tab-separated (Swedish Excel "Unicode text").
  const auto tabbed = dir.write("tab.csv", "source\ttarget\tweight\nx\ty\t2,25\n");
  Diagnostics t;
  CHECK(load_with(tabbed, t).ties.at(0).weight == 2.25);

  std::string out, err;
  CHECK(test::run_cli("validate --delimiter , " + quote(edges), out, err) == 3);
  CHECK_THAT(err, Catch::Contains("missing required column 'source'"));
  CHECK_THAT(err, Catch::Contains("giving one column 'source;target;weight'"));
  CHECK(test::run_cli("validate --delimiter x " + quote(edges), out, err) == 2);
}

TEST_CASE("Gephi node tables: Id and Label are the id and the name", "[exports][gephi]") {
  TempDir dir;
  // As Gephi 0.10's Data Laboratory exports the nodes table.
  dir.write("g.nodes.csv",
            "Id,Label,Interval,modularity_class\n1,Politechnika Gdańska,,3\n2,Port Gdynia,,1\n");
  const auto edges = dir.write("g.csv", "Source,Target,Type,Id,Label,Weight\n1,2,Undirected,0,,2.0\n");
  Diagnostics d;
  const Network n = load_with(edges, d);
  REQUIRE_FALSE(d.has_errors());
  CHECK(by_id(n, "1").name == "Politechnika Gdańska");
  CHECK(by_id(n, "2").attributes.at("modularity_class") == "1");
  CHECK(n.ties.at(0).weight == 2.0);
}

TEST_CASE("Manifest overrides correct fields per id, in notes, after loading", "[exports][overrides]") {
  TempDir dir;
  dir.write("orgs.csv", "id,name,type\n900,Agencja Rozwoju,OTH\n901,Izba Gospodarcza,OTH\n902,Firma,PRC\n");
  dir.write("ties.csv", "source,target\n900,901\n901,902\n");
  dir.write("dataset.json", R"({"stakeholders": {"file": "orgs.csv",
      "values": {"type": {"OTH": "other", "PRC": "enterprise"}}},
    "ties": {"file": "ties.csv"},
    "overrides": {"900": {"type": "support", "name": "Regional Development Agency"},
                  "901": {"type": "support", "employees": 40},
                  "999": {"type": "cluster"}}})");
  Diagnostics d;
  const Network n = load_with(dir.path(), d);
  REQUIRE_FALSE(d.has_errors());
  CHECK(by_id(n, "900").type == "support");
  CHECK(by_id(n, "900").name == "Regional Development Agency");
  CHECK(by_id(n, "901").employees == 40.0);
  CHECK(by_id(n, "902").type == "enterprise");
  const std::string text = test::dump(d);
  CHECK_THAT(text, Catch::Contains("note: "));
  CHECK_THAT(text, Catch::Contains("override for '900': type = support, name = Regional Development Agency"));
  CHECK(d.warning_count() == 1);  // the unknown id 999
  CHECK_THAT(text, Catch::Contains("override for '999', which is not a stakeholder"));
  // Recorded with the value as loaded, so analyze's manifest.json can say what was corrected.
  REQUIRE(n.overrides.size() == 4);
  CHECK(n.overrides[0].id == "900");
  CHECK(n.overrides[0].field == "type");
  CHECK(n.overrides[0].previous == "other");
  CHECK(n.overrides[0].value == "support");
  CHECK(n.overrides[3].field == "employees");
  CHECK(n.overrides[3].previous.empty());
  CHECK(n.overrides[3].value == "40");

  std::string out, err;
  TempDir results;
  const auto report = results.path() / "report";
  REQUIRE(test::run_cli("analyze " + quote(dir.path()) + " -q -o " + quote(report), out, err) == 0);
  const auto manifest = nlohmann::json::parse(test::read_file(report / "manifest.json"));
  REQUIRE(manifest.contains("overrides"));
  CHECK(manifest["overrides"].size() == 4);
  CHECK(manifest["overrides"][1] == nlohmann::json({{"id", "900"},
                                                    {"field", "name"},
                                                    {"previous", "Agencja Rozwoju"},
                                                    {"value", "Regional Development Agency"}}));

  dir.write("dataset.json", R"({"stakeholders": {"file": "orgs.csv"}, "overrides": {"900": {"lat": 200}}})");
  Diagnostics bad = test::load_failing(dir.path());
  CHECK_THAT(test::dump(bad), Catch::Contains("latitude '200' is not valid"));
}

TEST_CASE("All of Horizon 2020 validates with a handful of warning lines", "[exports][cordis][shared]") {
  const auto manifest =
      test::shared_manifest(test::project_dir() / "docs" / "manifests" / "cordis-h2020-all" / "dataset.json");
  std::string out, err;
  REQUIRE(test::run_cli("validate --strict " + quote(manifest.parent_path()), out, err) == 0);
  CHECK_THAT(out, Catch::Contains("35871 stakeholders, 1089509 ties"));
  CHECK(count_of(err, "warning:") == 0);
  CHECK(test::count_lines(err) <= 10);
}

TEST_CASE("The documented CORDIS overrides mark regional institutions and keep the rest",
          "[exports][overrides][cordis][shared]") {
  const auto dir = test::project_dir() / "docs" / "manifests";
  Diagnostics plain_d, corrected_d;
  const Network plain =
      load_with(test::shared_manifest(dir / "cordis-calls2021-es51" / "dataset.json"), plain_d);
  const Network corrected =
      load_with(test::shared_manifest(dir / "cordis-calls2021-es51-corrected" / "dataset.json"), corrected_d);
  // As loaded, CORDIS calls all three public bodies (PUB → government).
  CHECK(by_id(plain, "935977542").type == "government");
  CHECK(by_id(plain, "987738003").type == "government");
  CHECK(by_id(corrected, "935977542").type == "research");
  CHECK(by_id(corrected, "987738003").type == "support");
  CHECK(by_id(corrected, "987738003").name == "Port de Barcelona");
  CHECK(by_id(corrected, "997628123").name == "Ajuntament de Barcelona");
  CHECK(by_id(corrected, "997628123").type == by_id(plain, "997628123").type);
  CHECK(corrected.overrides.size() == 4);
  CHECK(corrected.stakeholders.size() == plain.stakeholders.size());
  CHECK(corrected.ties.size() == plain.ties.size());
  CHECK(corrected_d.warning_count() == plain_d.warning_count());
  CHECK(corrected_d.notes().size() == plain_d.notes().size() + 3);
}
