// Resource limits and hostile-input details (docs/DATA_FORMATS.md, "Limits"):
// projected ties, decompressed size, declared sizes, non-regular files, lone-CR
// line ends, time linear in the number of columns, duplicate JSON keys, XML ids
// that would collide, and CSV tables meant for people guarded against formula
// injection.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>

#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/manifest.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "support.hpp"

using namespace clusterscope;
using Catch::Matchers::Contains;
using clusterscope::test::TempDir;

namespace {

/// The built binary run through the shell under `timeout`, so a hang is a
/// failure (status 124); `output` receives its standard output and error.
int run_with_timeout(const std::string& args, std::string& output, int seconds = 20) {
  int status = 0;
  output = test::shell("timeout " + std::to_string(seconds) + " '" + CLUSTERSCOPE_BINARY + "' " + args,
                       "coreutils", &status);
  return status;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// A two-mode dataset: one activity with `participants` members.
std::filesystem::path one_activity(const TempDir& dir, std::size_t participants,
                                   const std::string& entry_extra = "") {
  std::string rows = "stakeholder,activity\n";
  for (std::size_t i = 0; i < participants; ++i)
    rows += "s" + std::to_string(i) + ",P1\n";
  dir.write("activities.csv", rows);
  return dir.write("dataset.json", "{\"name\": \"big\",\n \"activities\": [{\"file\": \"activities.csv\"" +
                                       entry_extra + "}]}\n");
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Projected ties

TEST_CASE(
    "An activity of 20,000 participants stops at the projected-tie "
    "limit, at its first row",
    "[limits][manifest]") {
  TempDir dir;
  const auto manifest = one_activity(dir, 20000);
  const auto start = std::chrono::steady_clock::now();
  const Diagnostics d = test::load_failing(manifest);
  CHECK(seconds_since(start) < 10.0);
  INFO(test::dump(d));
  CHECK(test::has_error(d, 2, 1, "199990000 ties"));
  CHECK(test::has_error(d, 2, 1, "\"max_ties\""));
  CHECK(test::has_error(d, 2, 1, "\"rule\": \"skip\""));
}

TEST_CASE("max_ties in an activities entry lowers and raises the projected-tie limit", "[limits][manifest]") {
  TempDir dir;
  // 60 participants: 1,770 pairs.
  const Diagnostics d = test::load_failing(one_activity(dir, 60, ", \"max_ties\": 1000"));
  CHECK(test::has_error(d, 2, 1, "1770 ties, more than the limit of 1000"));
  Diagnostics ok;
  const Network n = test::load(one_activity(dir, 60, ", \"max_ties\": 1770"), ok);
  CHECK(n.ties.size() == 1770);
  // Skipped activities give no ties and count nothing.
  const Network skipped = test::load(one_activity(dir, 60,
                                                  ", \"max_ties\": 10, \"large_activity\": "
                                                  "{\"threshold\": 50, \"rule\": \"skip\"}"),
                                     ok);
  CHECK(skipped.ties.empty());
  const Diagnostics bad = test::load_failing(one_activity(dir, 3, ", \"max_ties\": -1"));
  CHECK(test::has_error(bad, 2, 56, "expected a whole number of ties"));
}

TEST_CASE("Large activities are projected in time linear in their rows", "[limits][manifest][slow]") {
  // 300,000 participants, every one listed twice: the repeat check is a mark
  // per stakeholder, not a scan of the members so far.
  TempDir dir;
  std::string rows = "stakeholder,activity\n";
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < 300'000; ++i)
      rows += "s" + std::to_string(i) + ",P1\n";
  dir.write("activities.csv", rows);
  const auto manifest = dir.write(
      "dataset.json", R"({"activities": {"file": "activities.csv", "large_activity": {"rule": "skip"}}})");
  Diagnostics d;
  const auto start = std::chrono::steady_clock::now();
  const Network n = test::load(manifest, d);
  const double took = seconds_since(start);
  INFO(took << " s");
  CHECK(took < 10.0);
  CHECK(n.ties.empty());
  CHECK_THAT(test::dump(d), Contains("300000 repeated participations"));
}

// ---------------------------------------------------------------------------------------------
// Input size

TEST_CASE("Decompressed input stops at the size limit, naming the file and the limit", "[limits]") {
  TempDir dir;
  // 8 MB of blank lines after a valid header and tie, gzip-compressed to a few
  // KB.
  const auto plain = dir.write("bomb.csv", "source,target\na,b\n" + std::string(8'000'000, '\n'));
  int status = 0;
  test::shell("gzip -k '" + plain.string() + "'", "gzip", &status);
  REQUIRE(status == 0);
  const auto gz = dir.path() / "bomb.csv.gz";
  REQUIRE(std::filesystem::file_size(gz) < 100'000);

  io::LoadOptions options;
  options.max_input_bytes = 1 << 20;
  Diagnostics d;
  try {
    io::load_network(gz, options, d);
    FAIL("loaded past the size limit");
  } catch (const InputError& e) {
    Diagnostics got;
    for (const Diagnostic& x : e.diagnostics())
      got.add(x);
    CHECK_THAT(test::dump(got), Contains(gz.string() + ": decompressed data is larger than the input size "
                                                       "limit of 1M (1048576 bytes)"));
    CHECK_THAT(test::dump(got), Contains("--max-input-size"));
  }
  // A plain file larger than the limit is refused before it is read.
  Diagnostics d2;
  CHECK_THROWS_AS(io::load_network(plain, options, d2), InputError);
  CHECK_THAT(test::dump(d2), Contains("larger than the input size limit of 1M"));

  // The command line: refused with the default raised too little, read with it
  // raised enough.
  std::string out;
  std::string err;
  CHECK(test::run_cli("validate " + test::quote(gz) + " --max-input-size 1M", out, err) == 3);
  CHECK_THAT(err, Contains("bomb.csv.gz: decompressed data is larger than the "
                           "input size limit of 1M"));
  CHECK(test::run_cli("validate " + test::quote(gz) + " --max-input-size 16M", out, err) == 0);
  CHECK(test::run_cli("validate " + test::quote(gz) + " --max-input-size 12X", out, err) == 2);
  CHECK_THAT(err, Contains("--max-input-size '12X'"));
}

TEST_CASE("Byte sizes: digits with an optional K, M, G or T suffix (powers of 1024)", "[limits]") {
  CHECK(io::parse_byte_size("4096") == 4096U);
  CHECK(io::parse_byte_size("1K") == 1024U);
  CHECK(io::parse_byte_size("64m") == 64U << 20);
  CHECK(io::parse_byte_size("4G") == std::uint64_t{4} << 30);
  CHECK(io::parse_byte_size("2T") == std::uint64_t{2} << 40);
  CHECK_FALSE(io::parse_byte_size("").has_value());
  CHECK_FALSE(io::parse_byte_size("G").has_value());
  CHECK_FALSE(io::parse_byte_size("1.5G").has_value());
  CHECK_FALSE(io::parse_byte_size("0").has_value());
  CHECK_FALSE(io::parse_byte_size("99999999999T").has_value());
  CHECK(io::kDefaultMaxInputBytes == std::uint64_t{1} << 30);
  CHECK(io::format_byte_size(std::uint64_t{1} << 30) == "1G");
  CHECK(io::format_byte_size(1000) == "1000");
}

// ---------------------------------------------------------------------------------------------
// Declared sizes

TEST_CASE("Pajek: a vertex count far beyond the file's size is refused at the count", "[limits][pajek]") {
  TempDir dir;
  const auto path = dir.write("v.net", "*Vertices 1000000\n*Edges\n1 2\n");
  const auto start = std::chrono::steady_clock::now();
  const Diagnostics d = test::load_failing(path);
  CHECK(seconds_since(start) < 2.0);
  INFO(test::dump(d));
  CHECK(test::has_error(d, 1, 11, "expected at most 10029 vertices for a file of 29 bytes"));
  // Unlisted isolates within the allowance are still read.
  Diagnostics ok;
  const Network n = test::load(dir.write("w.net", "*Vertices 5000\n*Edges\n1 2\n"), ok);
  CHECK(n.stakeholders.size() == 5000);
}

// ---------------------------------------------------------------------------------------------
// Non-regular files

TEST_CASE("A FIFO as input or named in a manifest is refused without opening it", "[limits][cli]") {
  TempDir dir;
  const auto fifo = dir.path() / "ties.csv";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::string err;
  CHECK(run_with_timeout("validate " + test::quote(fifo), err) == 3);
  CHECK_THAT(err, Contains("ties.csv: not a regular file (a FIFO)"));
  dir.write("dataset.json", R"({"ties": {"file": "ties.csv"}})");
  CHECK(run_with_timeout("validate " + test::quote(dir.path()), err) == 3);
  CHECK_THAT(err, Contains("ties.csv: not a regular file (a FIFO)"));
  CHECK(run_with_timeout("validate /dev/null.csv", err) == 3);
  CHECK(run_with_timeout("validate " + test::quote(dir.path() / "none.csv"), err) == 3);
  CHECK_THAT(err, Contains("no such file or folder: '" + (dir.path() / "none.csv").string() + "'"));
}

TEST_CASE("A character device is refused without reading it", "[limits]") {
  Diagnostics d;
  io::read_source("/dev/zero", d);
  CHECK_THAT(test::dump(d), Contains("/dev/zero: not a regular file (a device)"));
}

// ---------------------------------------------------------------------------------------------
// Lone CR line ends

TEST_CASE("Pajek with lone-CR line ends keeps its edge and its line numbers", "[limits][pajek]") {
  TempDir dir;
  Diagnostics d;
  const Network n = test::load(dir.write("cr.net", "*Vertices 2\r1 \"a\"\r2 \"b\"\r*Edges\r1 2\r"), d);
  REQUIRE(n.ties.size() == 1);
  CHECK(n.stakeholders[1].id == "b");
  const Diagnostics bad = test::load_failing(dir.write("bad.net", "*Vertices 2\r1 \"a\"\r\r*Edges\r1 3\r"));
  CHECK(test::has_error(bad, 5, 3, "out-of-range vertex 3"));
}

TEST_CASE("CSV with lone-CR line ends reads its rows and reports their lines", "[limits][csv]") {
  TempDir dir;
  Diagnostics d;
  const Network n = test::load(dir.write("cr.csv", "source,target,note\ra,b,\"x\ry\"\rb,c,z\r"), d);
  REQUIRE(n.ties.size() == 2);
  CHECK(n.ties[0].attributes.at("note") == "x\ry");  // a CR inside quotes is data
  CHECK(n.stakeholders[2].id == "c");
  const Diagnostics bad =
      test::load_failing(dir.write("bad.csv", "source,target,weight\ra,b,1\r\rb,c,\"2\r\"\rc,d,x\r"));
  INFO(test::dump(bad));
  CHECK(test::has_error(bad, 6, 5, "weight 'x' is not a number"));
  // Mixed: CRLF, LF and CR each end one line.
  const Diagnostics mixed =
      test::load_failing(dir.write("mixed.csv", "source,target,weight\r\na,b,1\nb,c,1\rc,d,x\n"));
  CHECK(test::has_error(mixed, 4, 5, "weight 'x' is not a number"));
}

TEST_CASE("GML, GraphML and UTF-8 errors count lone CRs as line ends", "[limits]") {
  TempDir dir;
  const Diagnostics gml = test::load_failing(dir.write("cr.gml",
                                                       "graph [\r  node [ id 1 label \"a\" ]\r  edge [ "
                                                       "source 1 target 2 ]\r]\r"));
  CHECK(test::has_error(gml, 3, 26, "edge target 2 is not the id of a node"));
  const Diagnostics xml =
      test::load_failing(dir.write("cr.graphml",
                                   "<?xml version=\"1.0\"?>\r<graphml "
                                   "xmlns=\"http://graphml.graphdrawing.org/xmlns\">\r<graph>\r"
                                   "<node id=\"a\"/>\r<edge source=\"a\" "
                                   "target=\"b\"/>\r</graph>\r</graphml>\r"));
  CHECK(test::has_error(xml, 5, 26, "unknown stakeholder id 'b'"));
  const Diagnostics utf8 = test::load_failing(dir.write("u.csv", "source,target\ra,b\rc,\xFF\r"));
  CHECK(test::has_error(utf8, 3, 3, "invalid UTF-8"));
  const Diagnostics json =
      test::load_failing(dir.write("cr.json",
                                   "{\"nodes\": [{\"id\": \"a\"}],\r \"links\": [\r {\"source\": \"a\", "
                                   "\"target\": \"b\"}]}"));
  CHECK(test::has_error(json, 3, 28, "unknown stakeholder id 'b'"));
}

// ---------------------------------------------------------------------------------------------
// Time linear in columns and rows

TEST_CASE("A CSV edge list with 100,000 columns loads in linear time", "[limits][csv][slow]") {
  TempDir dir;
  std::string text = "source,target";
  for (int i = 0; i < 100'000; ++i)
    text += ",c" + std::to_string(i);
  text += "\na,b";
  for (int i = 0; i < 100'000; ++i)
    text += ",1";
  text += "\n";
  const auto path = dir.write("wide.csv", text);
  const auto start = std::chrono::steady_clock::now();
  Diagnostics d;
  const Network n = test::load(path, d);
  const double took = seconds_since(start);
  INFO(took << " s");
  CHECK(took < 10.0);
  REQUIRE(n.ties.size() == 1);
  CHECK(n.tie_attribute_names.size() == 100'000);
  CHECK(n.ties[0].attributes.size() == 100'000);
}

TEST_CASE(
    "A node table with 100,000 columns and 100,000 distinct kinds load "
    "in linear time",
    "[limits][csv][slow]") {
  TempDir dir;
  std::string header = "id";
  std::string row1 = "a";
  std::string row2 = "b";
  for (int i = 0; i < 100'000; ++i) {
    header += ",a" + std::to_string(i);
    row1 += ",x";
    row2 += ",y";
  }
  dir.write("t.nodes.csv", header + "\n" + row1 + "\n" + row2 + "\n");
  std::string ties = "source,target,kind\n";
  for (int i = 0; i < 100'000; ++i)
    ties += "a,b,k" + std::to_string(i) + "\n";
  const auto path = dir.write("t.csv", ties);
  const auto start = std::chrono::steady_clock::now();
  Diagnostics d;
  const Network n = test::load(path, d);
  const double took = seconds_since(start);
  INFO(took << " s");
  CHECK(took < 10.0);
  CHECK(n.attribute_names.size() == 100'000);
  CHECK(n.kinds.size() == 100'000);
  CHECK(n.stakeholders[1].attributes.at("a99999") == "y");
}

TEST_CASE("GraphML and GEXF with 100,000 keys and 100,000 nodes load in linear time", "[limits][slow]") {
  TempDir dir;
  std::string graphml = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
  std::string gexf =
      "<gexf xmlns=\"http://gexf.net/1.3\" "
      "version=\"1.3\"><graph><attributes class=\"node\">\n";
  for (int i = 0; i < 100'000; ++i) {
    graphml +=
        "<key id=\"k" + std::to_string(i) + "\" for=\"node\" attr.name=\"a" + std::to_string(i) + "\"/>\n";
    gexf += "<attribute id=\"k" + std::to_string(i) + "\" title=\"a" + std::to_string(i) + "\"/>\n";
  }
  graphml +=
      "<key id=\"d\" for=\"node\" "
      "attr.name=\"sector\"><default>ICT</default></key>\n<graph>\n";
  gexf +=
      "<attribute id=\"d\" "
      "title=\"sector\"><default>ICT</default></attribute></"
      "attributes><nodes>\n";
  for (int i = 0; i < 100'000; ++i) {
    graphml += "<node id=\"n" + std::to_string(i) + "\"/>\n";
    gexf += "<node id=\"n" + std::to_string(i) + "\"/>\n";
  }
  graphml += "</graph></graphml>\n";
  gexf += "</nodes></graph></gexf>\n";
  for (const auto& [name, text] : {std::pair{"k.graphml", graphml}, std::pair{"k.gexf", gexf}}) {
    const auto path = dir.write(name, text);
    const auto start = std::chrono::steady_clock::now();
    Diagnostics d;
    const Network n = test::load(path, d);
    const double took = seconds_since(start);
    INFO(name << ": " << took << " s");
    CHECK(took < 10.0);
    CHECK(n.stakeholders.size() == 100'000);
    CHECK(n.stakeholders.back().sector == "ICT");
  }
}

// ---------------------------------------------------------------------------------------------
// Duplicate JSON keys

TEST_CASE("A duplicate key in dataset.json is an error at the repeated key", "[limits][manifest]") {
  TempDir dir;
  dir.write("ties.csv", "source,target\na,b\n");
  const auto manifest = dir.write("dataset.json",
                                  "{\"name\": \"a\",\n \"ties\": {\"file\": \"ties.csv\", "
                                  "\"kind\": \"visit\",\n"
                                  "   \"kind\": \"meeting\"},\n \"name\": \"b\"}\n");
  const Diagnostics d = test::load_failing(manifest);
  INFO(test::dump(d));
  CHECK(test::has_error(d, 3, 4, "duplicate key \"kind\" (first at line 2, column 31)"));
  CHECK(test::has_error(d, 4, 2, "duplicate key \"name\" (first at line 1, column 2)"));
  std::string out;
  std::string err;
  CHECK(test::run_cli("validate " + test::quote(manifest), out, err) == 3);
  CHECK_THAT(err, Contains("dataset.json:3:4: duplicate key \"kind\""));
}

TEST_CASE(
    "A duplicate key in a config file fails like every other config "
    "error, at its position",
    "[limits][cli]") {
  TempDir dir;
  const auto unknown = dir.write("unknown.json", "{\"nonsense\": 1}\n");
  const auto duplicate = dir.write("dup.json",
                                   "{\"seed\": 1,\n  \"measures\": {\"weights\": \"strength\",\n"
                                   "  \"weights\": \"none\"}}\n");
  std::string out;
  std::string err;
  const std::string input = test::quote(test::example_dataset());
  const int other = test::run_cli(
      "analyze " + input + " --config " + test::quote(unknown) + " -o " + test::quote(dir.path() / "o1"), out,
      err);
  const int status = test::run_cli(
      "analyze " + input + " --config " + test::quote(duplicate) + " -o " + test::quote(dir.path() / "o2"),
      out, err);
  CHECK(other != 0);
  CHECK(status == other);
  CHECK_THAT(err, Contains("dup.json:3:3: duplicate key \"weights\" (first at "
                           "line 2, column 16)"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "o2"));
  // The candidates command reads its config's "candidates" object the same way.
  const auto candidates =
      dir.write("cand.json", "{\"candidates\": {\"ready_min_members\": 3, \"ready_min_members\": 4}}");
  CHECK(test::run_cli("candidates " + input + " --config " + test::quote(candidates) + " -o " +
                          test::quote(dir.path() / "o3"),
                      out, err) == 3);
  CHECK_THAT(err, Contains("cand.json:1:41: duplicate key \"ready_min_members\""));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "o3"));
}

// ---------------------------------------------------------------------------------------------
// XML ids

TEST_CASE(
    "GraphML and GEXF refuse ids that differ only in characters XML "
    "cannot hold",
    "[limits][graphml]") {
  Network n;
  for (const char* id : {"a\x01", "a\x02", "b"}) {
    Stakeholder s;
    s.id = id;
    n.stakeholders.push_back(s);
  }
  n.reindex();
  n.ties.push_back({0, 1, n.intern_kind("tie"), 1.0, {}, {}, {}});
  TempDir dir;
  for (const char* name : {"x.graphml", "x.gexf"}) {
    INFO(name);
    Diagnostics warnings;
    try {
      io::save_network(n, dir.path() / name, warnings);
      FAIL("wrote colliding ids");
    } catch (const OutputError& e) {
      CHECK_THAT(e.what(), Contains("stakeholder ids 'a<U+0001>' and "
                                    "'a<U+0002>' would both be written as "
                                    "'a\xEF\xBF\xBD'"));
    }
    CHECK_FALSE(std::filesystem::exists(dir.path() / name));
  }
  std::string out;
  std::string err;
  const auto csv = dir.path() / "x.csv";
  Diagnostics w;
  io::save_network(n, csv, w);
  CHECK(test::run_cli("convert " + test::quote(csv) + " -o " + test::quote(dir.path() / "y.graphml"), out,
                      err) == 4);
  CHECK_THAT(err, Contains("would both be written as"));
}

TEST_CASE(
    "Ids with control characters that stay distinct round-trip through "
    "GraphML and GEXF",
    "[limits][graphml][roundtrip]") {
  Network n;
  for (const char* id : {"a\x01", "b\x01", "c"}) {
    Stakeholder s;
    s.id = id;
    n.stakeholders.push_back(s);
  }
  n.reindex();
  n.ties.push_back({0, 1, n.intern_kind("tie"), 1.0, {}, {}, {}});
  n.ties.push_back({1, 2, n.intern_kind("tie"), 2.0, {}, {}, {}});
  TempDir dir;
  for (const char* name : {"x.graphml", "x.gexf"}) {
    INFO(name);
    Diagnostics warnings;
    io::save_network(n, dir.path() / name, warnings);
    CHECK(warnings.warning_count() == 2);
    Diagnostics d;
    const Network back = test::load(dir.path() / name, d);
    REQUIRE(back.stakeholders.size() == 3);
    CHECK(back.stakeholders[0].id == "a\xEF\xBF\xBD");
    CHECK(back.stakeholders[1].id == "b\xEF\xBF\xBD");
    REQUIRE(back.ties.size() == 2);
    CHECK(back.ties[1].source == 1);
    CHECK(back.ties[1].target == 2);
  }
}

// ---------------------------------------------------------------------------------------------
// Formula injection

TEST_CASE("Annex CSV tables guard text cells against formula injection; numbers stay", "[limits][report]") {
  pipeline::Report report;
  pipeline::ReportTable t;
  t.name = "key-actors";
  t.caption = "x";
  t.header = {"stakeholder", "score", "note"};
  t.numeric = {false, true, false};
  t.rows = {{"=HYPERLINK(\"http://x\",\"y\")", "-1.5", "+cmd"},
            {"@SUM(A1)", "+2", "-"},
            {"\tTab", "1e-3", "\rCR"},
            {"plain", "-0", "a=b"}};
  pipeline::ReportSection section;
  section.blocks.push_back(pipeline::table_block(t));
  report.sections.push_back(section);
  const auto files = pipeline::annex_tables(report);
  REQUIRE(files.size() == 2);
  CHECK(files[0].second ==
        "stakeholder,score,note\n"
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-1.5,\"'+cmd\"\n"
        "\"'@SUM(A1)\",+2,\"'-\"\n"
        "\"'\tTab\",1e-3,\"'\rCR\"\n"
        "plain,-0,a=b\n");
  // The Markdown table shows the cells as they are.
  CHECK_THAT(files[1].second, Contains("| =HYPERLINK(\"http://x\",\"y\") | -1.5 | +cmd |"));
}

TEST_CASE("Data CSVs keep formula-like values verbatim so they read back", "[limits][csv][roundtrip]") {
  Network n;
  for (const char* id : {"=HYPERLINK(\"http://x\",\"y\")", "-1.5", "@a"}) {
    Stakeholder s;
    s.id = id;
    s.name = std::string("+") + id;
    n.stakeholders.push_back(s);
  }
  n.reindex();
  n.ties.push_back({0, 1, n.intern_kind("=kind"), 1.0, {}, {}, {}});
  const std::string edges = io::write_csv_edges(n);
  CHECK_THAT(edges, Contains("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-1.5,1,=kind"));
  TempDir dir;
  Diagnostics w;
  io::save_network(n, dir.path() / "x.csv", w);
  Diagnostics d;
  const Network back = test::load(dir.path() / "x.csv", d);
  test::require_same_network(n, back);
}
