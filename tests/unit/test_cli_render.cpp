// End-to-end: the render command and the figures analyze writes.

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

using test::quote;
const std::filesystem::path example = test::example_dataset();

namespace {

/// The fill colours of an SVG Cairo wrote (`fill:rgb(…)`), with how often each occurs.
std::map<std::string, int> fills(const std::filesystem::path& svg) {
  const std::string text = test::read_file(svg);
  std::map<std::string, int> out;
  for (auto at = text.find("fill:rgb("); at != std::string::npos; at = text.find("fill:rgb(", at + 1))
    ++out[text.substr(at, text.find(')', at) - at + 1)];
  return out;
}

}  // namespace

TEST_CASE("CLI: render writes SVG, PDF and PNG, and the layout as id,x,y", "[cli][render]") {
  TempDir dir;
  std::string out, err;
  for (const char* name : {"n.svg", "n.pdf", "n.png"}) {
    INFO(name);
    REQUIRE(
        test::run_cli("render " + quote(example) + " --title 'Zakole Wisły' -o " + quote(dir.path() / name),
                      out, err) == 0);
  }
  const std::string svg = test::read_file(dir.path() / "n.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(test::read_file(dir.path() / "n.pdf").rfind("%PDF", 0) == 0);
  CHECK(test::read_file(dir.path() / "n.png").rfind("\x89PNG", 0) == 0);
  REQUIRE(test::run_cli("render " + quote(example) + " -o " + quote(dir.path() / "a.csv"), out, err) == 0);
  REQUIRE(test::run_cli("render " + quote(example) + " -o " + quote(dir.path() / "b.csv"), out, err) == 0);
  const std::string a = test::read_file(dir.path() / "a.csv");
  CHECK(a.rfind("id,x,y\n", 0) == 0);
  CHECK(test::count_lines(a) == 320);
  CHECK(a == test::read_file(dir.path() / "b.csv"));  // same seed, same layout
  REQUIRE(test::run_cli("render " + quote(example) + " --seed 7 -o " + quote(dir.path() / "c.csv"), out,
                        err) == 0);
  CHECK(a != test::read_file(dir.path() / "c.csv"));
  // An earlier layout as the start: accepted, and the result is a full table again.
  REQUIRE(test::run_cli("render " + quote(example) + " --initial " + quote(dir.path() / "a.csv") + " -o " +
                            quote(dir.path() / "d.csv"),
                        out, err) == 0);
  CHECK(test::count_lines(test::read_file(dir.path() / "d.csv")) == 320);
}

TEST_CASE("CLI: render colours by community and by attribute, sizes by a measure, every layout",
          "[cli][render]") {
  TempDir dir;
  std::string out, err;
  CHECK(test::run_cli("render " + quote(example) +
                          " --color-by community --runs 5 --null-models 0 --size-by "
                          "betweenness --labels 10 -o " +
                          quote(dir.path() / "c.svg"),
                      out, err) == 0);
  CHECK(
      test::run_cli("render " + quote(example) + " --color-by municipality -o " + quote(dir.path() / "m.svg"),
                    out, err) == 0);
  REQUIRE(test::run_cli("render " + quote(example) + " -o " + quote(dir.path() / "t.svg"), out, err) == 0);
  // --color-by changes the colours: by type, the 239 enterprises are the vocabulary's #0072B2
  // (0x72/255 = 44.705882 %, 0xB2/255 = 69.803922 %); by community and by municipality the
  // palettes differ from it and from each other.
  const auto by_type = fills(dir.path() / "t.svg");
  const std::string enterprise = "fill:rgb(0%,44.705882%,69.803922%)";
  REQUIRE(by_type.count(enterprise) == 1);
  CHECK(by_type.at(enterprise) >= 239);
  const auto by_community = fills(dir.path() / "c.svg");
  const auto by_municipality = fills(dir.path() / "m.svg");
  CHECK(by_community != by_type);
  CHECK(by_municipality != by_type);
  CHECK(by_municipality != by_community);
  CHECK((by_community.count(enterprise) == 0 || by_community.at(enterprise) < 239));
  // --layout changes the positions: every layout gives its own id,x,y table.
  std::set<std::string> tables;
  for (const char* layout : {"fa2", "fr", "kk", "drl", "geo"}) {
    INFO(layout);
    const auto file = dir.path() / (std::string(layout) + ".csv");
    CHECK(test::run_cli("render " + quote(example) + " --layout " + layout + " -o " + quote(file), out,
                        err) == 0);
    const std::string table = test::read_file(file);
    CHECK(test::count_lines(table) == 320);  // header + 319 stakeholders
    tables.insert(table);
  }
  CHECK(test::run_cli("render " + quote(example) + " --layout grouped --runs 5 --null-models 0 -o " +
                          quote(dir.path() / "g.csv"),
                      out, err) == 0);
  tables.insert(test::read_file(dir.path() / "g.csv"));
  CHECK(tables.size() == 6);
}

TEST_CASE("CLI: render errors", "[cli][render]") {
  TempDir dir;
  std::string out, err;
  const std::string base = "render " + quote(example) + " -o " + quote(dir.path() / "x.svg");
  CHECK(test::run_cli(base + " --layout spring", out, err) == 2);
  CHECK(err.find("--layout 'spring'") != std::string::npos);
  CHECK(test::run_cli(base + " --size-by shoe_size", out, err) == 2);
  CHECK(test::run_cli(base + " --color-by shoe_size", out, err) == 2);
  CHECK(test::run_cli(base + " --dpi 0", out, err) == 2);
  CHECK(test::run_cli("render " + quote(example) + " -o " + quote(dir.path() / "x.docx"), out, err) == 2);
  const auto bad = dir.write("bad.csv", "id,x,y\nC1,1.5,north\n");
  CHECK(test::run_cli(base + " --initial " + quote(bad), out, err) == 3);
  CHECK(err.find(bad.string() + ":2:8: y is 'north'; expected a finite number") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "x.svg"));
}

TEST_CASE("CLI: analyze writes the standard figures", "[cli][analyze][render]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(
      test::run_cli("analyze " + quote(example) + " --runs 5 --null-models 2 -o " + quote(dir.path() / "a"),
                    out, err) == 0);
  for (const char* name : {"network-types", "network-communities", "degree-distribution", "top-betweenness",
                           "type-mixing", "community-composition", "community-graph", "candidate-1"}) {
    for (const char* extension : {".svg", ".pdf", ".png"}) {
      INFO(name << extension);
      CHECK(std::filesystem::file_size(dir.path() / "a" / "figures" / (std::string(name) + extension)) > 0);
    }
  }
  const std::string stakeholders = test::read_file(dir.path() / "a" / "stakeholders.csv");
  CHECK(stakeholders.substr(0, stakeholders.find('\n')).find(",community,community_stability,x,y") !=
        std::string::npos);
}
