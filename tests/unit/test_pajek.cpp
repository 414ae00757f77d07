// Pajek .net: round trips (ids, kinds and weights; the rest is reported as dropped), files in
// the style of Pajek and networkx, and every malformed case.

#include <catch2/catch.hpp>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using Catch::Matchers::Contains;
using clusterscope::test::TempDir;

TEST_CASE("Pajek round trip keeps ids, kinds, weights and tie order — reports what it drops",
          "[pajek][roundtrip]") {
  for (const bool directed : {false, true}) {
    const Network original = test::hostile_network(directed);
    TempDir dir;
    Diagnostics warnings;
    io::save_network(original, dir.path() / "net.net", warnings);
    Diagnostics diagnostics;
    const Network loaded = test::load(dir.path() / "net.net", diagnostics);
    // A Pajek label holds no '"': the first id comes back with single quotes.
    CHECK(loaded.stakeholders[0].id == "PL-613, 'TARR'");
    Network expected = original;
    expected.stakeholders[0].id = "PL-613, 'TARR'";
    expected.reindex();
    test::require_same_network(expected, loaded, {false, false, false, false});
    CHECK(loaded.stakeholders[0].name.empty());

    const std::string reported = test::dump(warnings);
    CHECK(warnings.warning_count() == 4);
    CHECK_THAT(reported, Contains("stakeholder id 'PL-613, \"TARR\"' written as 'PL-613, 'TARR''"));
    CHECK_THAT(
        reported,
        Contains(
            "Pajek holds no stakeholder names or attributes: 10 names and 14 attribute columns "
            "(type, sector, municipality, region, country, lat, lon, employees, parent, tags, needs, offers, "
            "note ąę, website) not written"));
    CHECK_THAT(reported, Contains("Pajek holds no tie dates: 10 dated ties written without their dates"));
    CHECK_THAT(reported, Contains("Pajek holds no tie attributes: 2 values of role not written"));
  }
}

TEST_CASE("Pajek writer: one section, kinds as edge labels, labels made unique", "[pajek]") {
  Network n;
  for (const char* id : {"a\"b", "a'b", "line\nbreak", "plain"}) {
    Stakeholder s;
    s.id = id;
    n.stakeholders.push_back(s);
  }
  n.reindex();
  n.directed = true;
  n.ties.push_back({0, 1, n.intern_kind("tie"), 1.0, {}, {}, {}});
  n.ties.push_back({1, 2, n.intern_kind("say \"hi\""), 0.25, {}, {}, {}});
  Diagnostics warnings;
  const std::string net = io::write_pajek(n, "x.net", warnings);
  CHECK(net == "% clusterscope " CLUSTERSCOPE_VERSION
               "\n"
               "*Vertices 4\n"
               "1 \"a'b (2)\"\n"
               "2 \"a'b\"\n"
               "3 \"line break\"\n"
               "4 \"plain\"\n"
               "*Arcs\n"
               "1 2 1\n"
               "2 3 0.25 l \"say 'hi'\"\n");
  const std::string reported = test::dump(warnings);
  CHECK_THAT(reported,
             Contains("stakeholder id 'a\"b' written as 'a'b (2)' (a Pajek label holds no '\"' or line "
                      "break); 'a'b' is already the label of stakeholder id 'a'b'"));
  CHECK_THAT(reported, Contains("stakeholder id 'line\nbreak' written as 'line break'"));
  CHECK_THAT(reported, Contains("tie kind 'say \"hi\"' written as 'say 'hi''"));
  CHECK(warnings.warning_count() == 3);
}

TEST_CASE("Pajek as Pajek writes it: CRLF, coordinates, relations, edge labels, lists", "[pajek]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("pajek/pajek_multirelational.net"), diagnostics);
  CHECK(n.directed);
  REQUIRE(n.size() == 5);
  CHECK(n.stakeholders[0].id == "Toruń Agency");
  CHECK(n.stakeholders[1].id == "UMK Faculty of Physics");
  CHECK(n.stakeholders[3].id == "Region Kujawsko-Pomorskie");
  CHECK(n.stakeholders[4].id == "5");  // listed in *Vertices 5 but without a line
  REQUIRE(n.ties.size() == 7);
  const auto tie = [&](std::size_t i) {
    const Tie& t = n.ties[i];
    return n.stakeholders[static_cast<std::size_t>(t.source)].id + " -> " +
           n.stakeholders[static_cast<std::size_t>(t.target)].id + " " + n.kind_name(t.kind) + " " +
           io::format_number(t.weight);
  };
  CHECK(tie(0) == "Toruń Agency -> UMK Faculty of Physics advice 1");
  CHECK(tie(1) == "UMK Faculty of Physics -> Meble Sp. z o.o. advice 2.5");
  CHECK(tie(2) == "Meble Sp. z o.o. -> Toruń Agency advice 1");
  CHECK(tie(3) == "Toruń Agency -> UMK Faculty of Physics friendship 1");
  CHECK(tie(4) == "Region Kujawsko-Pomorskie -> Toruń Agency mentoring 0.5");
  CHECK(tie(5) == "Region Kujawsko-Pomorskie -> UMK Faculty of Physics tie 1");
  CHECK(tie(6) == "Region Kujawsko-Pomorskie -> Meble Sp. z o.o. tie 1");
  CHECK(diagnostics.entries().empty());
}

TEST_CASE("Pajek as networkx writes it: unquoted labels, drawing values", "[pajek]") {
  Diagnostics diagnostics;
  const Network n = test::load(test::fixture("pajek/networkx_written.net"), diagnostics);
  CHECK_FALSE(n.directed);
  REQUIRE(n.size() == 3);
  CHECK(n.stakeholders[0].id == "Alfa Laval");
  CHECK(n.stakeholders[1].id == "Orebro-univ");
  REQUIRE(n.ties.size() == 2);
  CHECK(n.ties[0].weight == 2.0);
  CHECK(n.ties[1].weight == 0.5);
  CHECK(n.stakeholders[static_cast<std::size_t>(n.ties[1].target)].id == "Region");
}

TEST_CASE("Pajek: *Edges and *Arcs in one file give a directed network, edges both ways", "[pajek]") {
  TempDir dir;
  const auto path = dir.write("net.net", "*Vertices 3\n*Edges\n1 2 0.5\n*Arcs\n2 3\n");
  Diagnostics diagnostics;
  const Network n = test::load(path, diagnostics);
  CHECK(n.directed);
  REQUIRE(n.ties.size() == 3);
  CHECK(n.ties[2].source == 1);
  CHECK(n.ties[2].target == 0);
  CHECK(n.ties[2].weight == 0.5);
  CHECK_THAT(test::dump(diagnostics), Contains("1 *Edges ties read as two arcs each"));
}

TEST_CASE("Pajek: self-loops are dropped and duplicate ties kept, with warnings", "[pajek]") {
  TempDir dir;
  const auto path = dir.write("net.net", "*Vertices 2\n1 \"a\"\n2 \"b\"\n*Edges\n1 1\n1 2\n2 1\n");
  Diagnostics diagnostics;
  const Network n = test::load(path, diagnostics);
  CHECK(n.ties.size() == 2);
  CHECK_THAT(test::dump(diagnostics), Contains("net.net:5:1: self-loop on 'a' dropped"));
  CHECK_THAT(test::dump(diagnostics), Contains("net.net:7:1: duplicate tie b -- a (tie) repeats line 6"));
}

// ----- malformed input: one case each, with its line and column

TEST_CASE("Pajek: missing *Vertices", "[pajek][malformed]") {
  TempDir dir;
  auto d = test::load_failing(dir.write("net.net", "% no vertices\n*Edges\n1 2\n"));
  CHECK(test::has_error(d, 2, 1, "missing *Vertices line"));
  CHECK(d.error_count() == 1);
  d = test::load_failing(dir.write("net.net", "1 \"a\"\n"));
  CHECK(test::has_error(d, 1, 1, "missing *Vertices line"));
  d = test::load_failing(dir.write("net.net", "% only a comment\n"));
  CHECK(test::has_error(d, 1, 1, "missing *Vertices line"));
}

TEST_CASE("Pajek: a vertex count that is not a number", "[pajek][malformed]") {
  TempDir dir;
  auto d = test::load_failing(dir.write("net.net", "*Vertices ten\n1 \"a\"\n*Edges\n1 2\n"));
  CHECK(test::has_error(d, 1, 11, "vertex count 'ten' is not a number"));
  CHECK(d.error_count() == 1);
  d = test::load_failing(dir.write("net.net", "*Vertices\n"));
  CHECK(test::has_error(d, 1, 10, "*Vertices without a count"));
  d = test::load_failing(dir.write("net.net", "*Vertices 99999999999999999999999\n"));
  CHECK(test::has_error(d, 1, 11, "is too large"));
}

TEST_CASE("Pajek: a vertex line with a number outside 1..n", "[pajek][malformed]") {
  TempDir dir;
  const auto d =
      test::load_failing(dir.write("net.net", "*Vertices 2\n1 \"a\"\n3 \"c\"\n0 \"z\"\nx \"y\"\n"));
  CHECK(test::has_error(d, 3, 1, "vertex number 3 is out of range; expected 1 to 2"));
  CHECK(test::has_error(d, 4, 1, "vertex number 0 is out of range"));
  CHECK(test::has_error(d, 5, 1, "'x' is not a vertex number"));
}

TEST_CASE("Pajek: a duplicate vertex number", "[pajek][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.net", "*Vertices 2\n1 \"a\"\n 1 \"b\"\n"));
  CHECK(test::has_error(d, 3, 2, "duplicate vertex number 1 (first at line 2)"));
}

TEST_CASE("Pajek: duplicate labels are duplicate stakeholder ids", "[pajek][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.net", "*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"a\"\n"));
  CHECK(test::has_error(d, 4, 3, "duplicate stakeholder id 'a' (first defined at line 2)"));
}

TEST_CASE("Pajek: a tie line with one vertex number", "[pajek][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.net", "*Vertices 2\n*Edges\n1 2\n12   \n"));
  CHECK(test::has_error(d, 4, 3, "tie line has one vertex number"));
}

TEST_CASE("Pajek: a tie to an out-of-range vertex", "[pajek][malformed]") {
  TempDir dir;
  const auto d =
      test::load_failing(dir.write("net.net", "*Vertices 2\n*Arcs\n1 3\n0 2\n*Arcslist\n1 2 -4 x\n"));
  CHECK(test::has_error(d, 3, 3, "out-of-range vertex 3; expected a vertex number from 1 to 2"));
  CHECK(test::has_error(d, 4, 1, "out-of-range vertex 0"));
  CHECK(test::has_error(d, 6, 5, "out-of-range vertex -4"));
  CHECK(test::has_error(d, 6, 8, "'x' is not a vertex number"));
}

TEST_CASE("Pajek: bad weights (non-numeric, NaN, infinite, zero, negative)", "[pajek][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(
      dir.write("net.net", "*Vertices 2\n*Edges\n1 2 heavy\n1 2 nan\n1 2 inf\n1  2 0\n1 2 -2\n"));
  CHECK(test::has_error(d, 3, 5, "weight 'heavy' is not a number"));
  CHECK(test::has_error(d, 4, 5, "weight is NaN"));
  CHECK(test::has_error(d, 5, 5, "weight is infinite"));
  CHECK(test::has_error(d, 6, 6, "weight is 0"));
  CHECK(test::has_error(d, 7, 5, "weight '-2' is negative"));
}

TEST_CASE("Pajek: an unknown section", "[pajek][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.net", "*Vertices 2\n*Foo\n1 2\n*Matrix\n0 1\n1 0\n"));
  CHECK(test::has_error(d, 2, 1, "unknown section '*Foo'"));
  CHECK(test::has_error(d, 4, 1, "*Matrix sections are not supported"));
  CHECK(d.error_count() == 2);  // the lines of the sections are skipped, not misread
}

TEST_CASE("Pajek: a label quote never closed", "[pajek][malformed]") {
  TempDir dir;
  const auto d = test::load_failing(dir.write("net.net", "*Vertices 2\n% a \"comment\n1 \"a\n2 \"b\"\n"));
  CHECK(test::has_error(d, 3, 3, "quote never closed"));
  CHECK(d.error_count() == 1);  // a quote in a comment is no error
}

TEST_CASE("Pajek: truncated files end in errors or a smaller network, never a crash", "[pajek][malformed]") {
  Diagnostics warnings;
  const std::string full = io::write_pajek(test::hostile_network(), "net.net", warnings);
  TempDir dir;
  for (std::size_t cut = 1; cut < full.size(); cut += 7) {
    Diagnostics diagnostics;
    try {
      io::load_network(dir.write("cut.net", full.substr(0, cut)), {}, diagnostics);
    } catch (const InputError&) {
      CHECK(diagnostics.has_errors());
    }
  }
}
