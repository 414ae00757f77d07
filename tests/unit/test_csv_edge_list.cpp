// CSV edge list + node table: round trips, RFC 4180 reading, and every malformed case.

#include <catch2/catch.hpp>

#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

TEST_CASE("CSV round trip keeps hostile names, fields, attributes, kinds, weights and dates",
          "[csv][roundtrip]") {
  for (const bool directed : {false, true}) {
    const Network original = test::hostile_network(directed);
    TempDir dir;
    Diagnostics warnings;
    io::save_network(original, dir.path() / "net.csv", warnings);
    CHECK(warnings.entries().empty());
    REQUIRE(std::filesystem::exists(dir.path() / "net.nodes.csv"));
    Diagnostics diagnostics;
    Network loaded = test::load(dir.path() / "net.csv", diagnostics);
    // CSV holds no directedness; it is declared by the manifest or the reader's caller.
    loaded.directed = directed;
    test::require_same_network(original, loaded);
  }
}

TEST_CASE("CSV round trip keeps attribute names with blanks around them or delimiters in them",
          "[csv][roundtrip]") {
  // " flag" next to "flag" (the writer quotes it; a quoted header name is kept as written), and
  // names holding ';' and tabs, which must not make the header look ';'- or tab-delimited.
  Network original;
  original.attribute_names = {"flag", " flag", "a;b;c;d;e", "x\ty\tz\tw"};
  for (const char* id : {"p", "q"}) {
    Stakeholder s;
    s.id = id;
    s.name = std::string("Firm ") + id;
    s.attributes = {{"flag", "1"}, {" flag", "2"}, {"a;b;c;d;e", "3"}, {"x\ty\tz\tw", "4"}};
    original.stakeholders.push_back(s);
  }
  original.reindex();
  Tie tie;
  tie.source = 0;
  tie.target = 1;
  tie.kind = original.intern_kind("tie");
  tie.attributes = {{"a;b;c;d;e", "5"}};
  original.tie_attribute_names = {"a;b;c;d;e"};
  original.ties.push_back(tie);
  TempDir dir;
  Diagnostics warnings;
  io::save_network(original, dir.path() / "net.csv", warnings);
  const std::string nodes = test::read_file(dir.path() / "net.nodes.csv");
  CHECK(nodes.substr(0, nodes.find('\n')) == "id,name,type,flag,\" flag\",\"a;b;c;d;e\",\"x\ty\tz\tw\"");
  Diagnostics diagnostics;
  const Network loaded = test::load(dir.path() / "net.csv", diagnostics);
  CHECK(diagnostics.notes().empty());  // read with ',' as the delimiter, no note about ';'
  REQUIRE(loaded.stakeholders.size() == 2);
  CHECK(loaded.stakeholders[0].attributes == original.stakeholders[0].attributes);
  REQUIRE(loaded.ties.size() == 1);
  CHECK(loaded.ties[0].attributes == tie.attributes);
}

namespace {

/// Reads every record of `text` with CsvReader.
std::vector<std::vector<std::string>> read_all(const std::string& text, Diagnostics& diagnostics) {
  io::SourceText source{"t.csv", text};
  io::CsvReader reader(source, diagnostics);
  io::CsvRow row;
  std::vector<std::vector<std::string>> out;
  while (reader.next(row)) {
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < row.size; ++i)
      fields.push_back(row[i].text);
    out.push_back(fields);
  }
  return out;
}

}  // namespace

TEST_CASE("RFC 4180: quoted fields hold delimiters, doubled quotes and line breaks", "[csv][rfc4180]") {
  Diagnostics d;
  const auto rows = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\n", d);
  REQUIRE(d.entries().empty());
  REQUIRE(rows.size() == 3);
  CHECK(rows[1] == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
  CHECK(rows[2] == std::vector<std::string>{"", "", ""});
}

TEST_CASE("RFC 4180: last record without a line break, empty quoted field, blank lines skipped",
          "[csv][rfc4180]") {
  Diagnostics d;
  const auto rows = read_all("a,b\n\n\"\",2\n\n3,\"\"", d);
  REQUIRE(d.entries().empty());
  REQUIRE(rows.size() == 3);
  CHECK(rows[1] == std::vector<std::string>{"", "2"});
  CHECK(rows[2] == std::vector<std::string>{"3", ""});
}

TEST_CASE("RFC 4180: writer quotes exactly what needs quoting and reads back", "[csv][rfc4180]") {
  std::string out;
  io::append_csv_row(out, {"plain", "a,b", "q\"q", "n\nl", " pad", "Toruń"});
  CHECK(out == "plain,\"a,b\",\"q\"\"q\",\"n\nl\",\" pad\",Toruń\n");
  Diagnostics d;
  const auto rows = read_all(out, d);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0] == std::vector<std::string>{"plain", "a,b", "q\"q", "n\nl", " pad", "Toruń"});
}

TEST_CASE("CSV: columns count code points, so errors after non-ASCII names point at the right place",
          "[csv][rfc4180]") {
  Diagnostics d;
  read_all("a,b\nŁódź,\"x\"y\n", d);
  REQUIRE(d.error_count() == 1);
  CHECK(d.entries()[0].where.line == 2);
  CHECK(d.entries()[0].where.column == 9);
}

TEST_CASE("CSV edge list: weight, kind, date and extra columns — implicit stakeholders", "[csv]") {
  TempDir dir;
  const auto path = dir.write("e.csv",
                              "\xEF\xBB\xBFsource,target,weight,kind,date,note\r\n"
                              "Toruń,Örebro,2.5,project,2013-04-17,\"a, b\"\r\n"
                              "Örebro,Bydgoszcz,,visit,2013,\r\n");
  Diagnostics d;
  const Network n = test::load(path, d);
  REQUIRE(n.stakeholders.size() == 3);
  CHECK(n.stakeholders[0].id == "Toruń");
  REQUIRE(n.ties.size() == 2);
  CHECK(n.ties[0].weight == 2.5);
  CHECK(n.ties[1].weight == 1.0);
  CHECK(n.kind_name(n.ties[1].kind) == "visit");
  CHECK(n.ties[0].start == Date{2013, 4, 17});
  CHECK(n.ties[1].start == Date{2013, 0, 0});
  CHECK(n.ties[0].attributes.at("note") == "a, b");
  CHECK(n.ties[1].attributes.count("note") == 0);
}

TEST_CASE("CSV edge list reads gzip-compressed files as they are", "[csv]") {
  TempDir dir;
  const auto plain = dir.write("e.csv", "source,target\na,b\nb,c\n");
  REQUIRE(std::system(("gzip -k '" + plain.string() + "'").c_str()) == 0);
  Diagnostics d;
  const Network n = test::load(dir.path() / "e.csv.gz", d);
  CHECK(n.stakeholders.size() == 3);
  CHECK(n.ties.size() == 2);
}

// ---- malformed input: one case each, with the exact position -------------------------------

namespace {
Diagnostics load_bad(const std::string& edges, const std::string& nodes = {}) {
  TempDir dir;
  if (!nodes.empty()) dir.write("e.nodes.csv", nodes);
  return test::load_failing(dir.write("e.csv", edges));
}
}  // namespace

TEST_CASE("CSV malformed: unknown id in a tie when a node table is given", "[csv][malformed]") {
  const auto d = load_bad("source,target\na,b\na,zz\n", "id,name\na,A\nb,B\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 3, 3, "unknown stakeholder id 'zz'"));
}

TEST_CASE("CSV malformed: duplicate stakeholder id", "[csv][malformed]") {
  const auto d = load_bad("source,target\na,b\n", "id,name\na,A\nb,B\na,again\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 4, 1, "duplicate stakeholder id 'a' (first defined at line 2)"));
}

TEST_CASE("CSV malformed: empty file", "[csv][malformed]") {
  const auto d = load_bad("   \n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 0, 0, "file is empty"));
}

TEST_CASE("CSV malformed: missing file", "[csv][malformed]") {
  const auto d = test::load_failing("/nonexistent/ties.csv");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 0, 0, "file not found"));
}

TEST_CASE("CSV malformed: missing required column", "[csv][malformed]") {
  const auto d = load_bad("source,destination\na,b\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 1, 1, "missing required column 'target'"));
}

TEST_CASE("CSV malformed: node table without id column", "[csv][malformed]") {
  const auto d = load_bad("source,target\na,b\n", "key,name\na,A\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 1, 1, "missing required column 'id'"));
}

TEST_CASE("CSV malformed: row with too many fields", "[csv][malformed]") {
  const auto d = load_bad("source,target,weight\na,b,1\nb,c,1,Sp. z o.o.\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 3, 7, "row has 4 fields; expected 3"));
}

TEST_CASE("CSV malformed: row with too few fields", "[csv][malformed]") {
  const auto d = load_bad("source,target,weight\na,b,1\nb,c\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 3, 4, "row has 2 fields; expected 3"));
}

TEST_CASE("CSV malformed: non-numeric weight", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target,weight\na,b,heavy\n"), 2, 5, "is not a number"));
}

TEST_CASE("CSV malformed: NaN weight", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target,weight\na,b,NaN\n"), 2, 5, "NaN"));
}

TEST_CASE("CSV malformed: infinite weight", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target,weight\na,b,inf\n"), 2, 5, "infinite"));
  CHECK(test::has_error(load_bad("source,target,weight\na,b,1e999\n"), 2, 5, "out of range"));
}

TEST_CASE("CSV malformed: zero weight", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target,weight\na,b,0\n"), 2, 5, "weight is 0"));
}

TEST_CASE("CSV malformed: negative weight", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target,weight\na,b,-2\n"), 2, 5, "negative"));
}

TEST_CASE("CSV malformed: bad dates", "[csv][malformed]") {
  const auto d = load_bad("source,target,date\na,b,2013-02-29\nb,c,17.04.2013\nc,d,2012-02-29\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 5, "bad date '2013-02-29'"));
  CHECK(test::has_error(d, 3, 5, "bad date '17.04.2013'"));
  CHECK(d.error_count() == 2);  // 2012 is a leap year
}

TEST_CASE("CSV malformed: tie that ends before it starts", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target,start,end\na,b,2014,2013\n"), 2, 1,
                        "ends (2013) before it starts"));
}

TEST_CASE("CSV malformed: unbalanced quote", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target\na,b\n\"Toruń,b\nc,d\n"), 3, 1, "unbalanced quote"));
}

TEST_CASE("CSV malformed: text after a closing quote", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target\n\"a\"x,b\n"), 2, 4, "after a closing quote"));
}

TEST_CASE("CSV malformed: quote inside an unquoted field", "[csv][malformed]") {
  CHECK(test::has_error(load_bad("source,target\nFirma \"X\",b\n"), 2, 7, "quote inside an unquoted field"));
}

TEST_CASE("CSV malformed: invalid UTF-8 (a cp1250 file)", "[csv][malformed]") {
  // "Toruń" in Windows-1250: ń is 0xF1.
  const auto d = load_bad("source,target\nTORU\xF1,b\na,b\n");
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 5, "invalid UTF-8 (byte 0xF1)"));
}

TEST_CASE("CSV malformed: all problems are reported at once", "[csv][malformed]") {
  const auto d = load_bad("source,target,weight\na,b,0\nc,d,x\ne,f,-1\n");
  INFO(test::dump(d));
  CHECK(d.error_count() == 3);
}

TEST_CASE("CSV policy: self-loops are dropped with a warning, duplicate ties kept with a warning",
          "[csv][policy]") {
  TempDir dir;
  const auto path = dir.write("e.csv", "source,target,kind\na,b,visit\nb,b,visit\nb,a,visit\na,b,project\n");
  Diagnostics d;
  const Network n = test::load(path, d);
  CHECK(n.ties.size() == 3);
  REQUIRE(d.warning_count() == 2);
  CHECK(d.warnings()[0].message.find("self-loop on 'b' dropped") != std::string::npos);
  CHECK(d.warnings()[0].where.line == 3);
  CHECK(d.warnings()[1].message.find("duplicate tie b -- a (visit) repeats line 2") != std::string::npos);
  CHECK(d.warnings()[1].where.line == 4);
}

TEST_CASE("CSV policy: in a directed network a -> b and b -> a are different ties", "[csv][policy]") {
  Network n;
  n.directed = true;
  Diagnostics d;
  io::NetworkBuilder builder(n, d);
  builder.set_implicit_stakeholders(true);
  const auto a = *builder.resolve("a", {});
  const auto b = *builder.resolve("b", {});
  builder.add_tie(a, b, "advice", 1, {}, {}, {"x", 2, 1});
  builder.add_tie(b, a, "advice", 1, {}, {}, {"x", 3, 1});
  builder.finish();
  CHECK(d.entries().empty());
}
