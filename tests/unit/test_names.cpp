// The name tables (core/names.hpp): every table names each value once, its names read back, and
// the command line's parsing, error messages and --help all list what the table holds.

#include <array>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/core/names.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/manifest.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/paths.hpp"
#include "clusterscope/render/figure.hpp"
#include "support.hpp"

using namespace clusterscope;
using Catch::Matchers::Contains;
using test::quote;
using test::TempDir;

namespace {

/// Every value of `values` has exactly one canonical entry and reads back from its name; every
/// entry names one of `values`; names are unique and not empty; choices() lists the canonical
/// names in table order and nothing else.
template <class E, std::size_t N>
void check_table(const std::array<core::Name<E>, N>& table, const std::vector<E>& values) {
  for (const E value : values) {
    std::size_t canonical = 0;
    for (std::size_t i = 0; i < N; ++i)
      if (table[i].value == value && core::is_canonical(table, i)) ++canonical;
    CHECK(canonical == 1);
    const auto back = core::find_name(table, core::name_of(table, value));
    REQUIRE(back.has_value());
    CHECK(*back == value);
  }
  std::set<std::string_view> names;
  for (const core::Name<E>& entry : table) {
    INFO(entry.name);
    CHECK_FALSE(entry.name.empty());
    CHECK(names.insert(entry.name).second);
    CHECK(std::find(values.begin(), values.end(), entry.value) != values.end());
    CHECK(core::find_name(table, entry.name) == entry.value);  // aliases too
  }
  const std::vector<std::string_view> canonical = core::canonical_names(table);
  CHECK(canonical.size() == values.size());
  std::string joined;
  for (std::size_t i = 0; i < canonical.size(); ++i)
    joined += (i == 0 ? "" : i + 1 == canonical.size() ? " or " : ", ") + std::string(canonical[i]);
  CHECK(core::choices(table) == joined);
  CHECK_FALSE(core::find_name(table, "no such name").has_value());
}

/// A usage error (exit 2) of `command` that names `option`'s bad value and the table's choices.
void check_refused(const std::string& command, const std::string& option, const std::string& choices) {
  std::string out, err;
  INFO(command << " --" << option << " bogus");
  CHECK(test::run_cli(command + " --" + option + " bogus", out, err) == 2);
  CHECK_THAT(err, Contains("--" + option + " 'bogus': expected " + choices));
}

const std::string example = quote(test::example_dataset());

/// `text` with every run of blanks and line breaks as one space: --help wraps its descriptions.
std::string single_spaced(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool blank = c == ' ' || c == '\n' || c == '\t';
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : c;
  }
  return out;
}

}  // namespace

TEST_CASE("Names: choices joins the canonical names and leaves aliases out", "[names]") {
  enum class Colour { red, green, blue };
  constexpr std::array<core::Name<Colour>, 4> table = {{
      {Colour::red, "red", "warm"},
      {Colour::green, "green"},
      {Colour::green, "vert"},
      {Colour::blue, "blue", "cold"},
  }};
  CHECK(core::choices(table) == "red, green or blue");
  CHECK(core::choices(table, ", ") == "red, green, blue");
  CHECK(core::choices(table, " or ", "\"") == "\"red\", \"green\" or \"blue\"");
  CHECK(core::choices(table, "|", {}, "|") == "red|green|blue");
  CHECK(core::described_choices(table) == "red (warm), green or blue (cold)");
  CHECK(core::described(table, Colour::blue) == "blue (cold)");
  CHECK(core::name_of(table, Colour::green) == "green");
  CHECK(core::find_name(table, "vert") == Colour::green);
  CHECK_FALSE(core::find_name(table, "Red").has_value());
  constexpr std::array<core::Name<Colour>, 1> partial = {{{Colour::red, "red"}}};
  CHECK_THROWS_AS(core::name_of(partial, Colour::blue), InternalError);
}

TEST_CASE("Names: communities tables", "[names]") {
  using communities::Algorithm;
  check_table(communities::kAlgorithmNames, {Algorithm::leiden, Algorithm::louvain, Algorithm::infomap,
                                             Algorithm::walktrap, Algorithm::labelprop});
  check_table(communities::kQualityNames, {communities::Quality::modularity, communities::Quality::cpm});
  check_table(communities::kWeightedNames, {true, false});
  const TempDir dir;
  const std::string base = "communities " + example + " -o " + quote(dir.path() / "x.csv");
  check_refused(base, "algorithm", core::choices(communities::kAlgorithmNames));
  check_refused(base, "quality", core::choices(communities::kQualityNames));
  check_refused(base, "community-weights", core::choices(communities::kWeightedNames));
  CHECK_THROWS_WITH(communities::parse_algorithm("bogus"),
                    Contains("expected one of " + core::choices(communities::kAlgorithmNames, ", ")));
}

TEST_CASE("Names: layout tables", "[names]") {
  using layout::Algorithm;
  const std::vector<Algorithm> all = {Algorithm::fa2, Algorithm::fr,      Algorithm::kk,
                                      Algorithm::drl, Algorithm::grouped, Algorithm::geo};
  check_table(layout::kAlgorithmNames, all);
  check_table(layout::kAlgorithmTitles, all);
  for (const Algorithm a : all)
    CHECK(layout::algorithm_title(a) == core::name_of(layout::kAlgorithmTitles, a));
  const TempDir dir;
  check_refused("render " + example + " -o " + quote(dir.path() / "x.svg"), "layout",
                core::choices(layout::kAlgorithmNames));
}

TEST_CASE("Names: metrics tables", "[names]") {
  using metrics::WeightMeaning;
  check_table(metrics::kWeightMeaningNames,
              {WeightMeaning::none, WeightMeaning::strength, WeightMeaning::distance});
  using Mode = metrics::PathOptions::Mode;
  check_table(metrics::kPathModeNames, {Mode::automatic, Mode::exact, Mode::sampled});
  const TempDir dir;
  const std::string base = "metrics " + example + " -o " + quote(dir.path() / "x.csv");
  check_refused(base, "weights", core::choices(metrics::kWeightMeaningNames));
  check_refused(base, "betweenness", core::choices(metrics::kPathModeNames));
}

TEST_CASE("Names: render colour-by table", "[names]") {
  // ColourBy::attribute has no name: any other --color-by value names a stakeholder attribute.
  using render::ColourBy;
  check_table(render::kColourByNames, {ColourBy::type, ColourBy::community, ColourBy::sector});
  CHECK_THROWS_AS(core::name_of(render::kColourByNames, ColourBy::attribute), InternalError);
  const TempDir dir;
  std::string out, err;
  CHECK(test::run_cli("render " + example + " -o " + quote(dir.path() / "x.svg") + " --color-by bogus", out,
                      err) == 2);
  CHECK_THAT(err, Contains("--color-by 'bogus': no such stakeholder attribute"));
  REQUIRE(test::run_cli("render --help", out, err) == 0);
  CHECK_THAT(single_spaced(out),
             Contains(core::choices(render::kColourByNames, ", ") + ", or any stakeholder attribute"));
}

TEST_CASE("Names: candidate level and origin tables", "[names]") {
  using candidates::Level;
  using candidates::Origin;
  check_table(candidates::kLevelNames, {Level::initiative_ready, Level::emerging, Level::weak});
  check_table(candidates::kOriginNames, {Origin::community, Origin::sector, Origin::community_and_sector});
  CHECK(candidates::level_name(Level::initiative_ready) == "initiative-ready");
  CHECK(candidates::origin_name(Origin::community_and_sector) == "community+sector");
  // Levels and origins are outputs only: candidates.json writes the tables' names.
  TempDir dir;
  std::string out, err;
  REQUIRE(
      test::run_cli("candidates " + example + " -o " + quote(dir.path() / "c") + " --runs 3 --null-models 0",
                    out, err) == 0);
  const auto j = nlohmann::json::parse(test::read_file(dir.path() / "c" / "candidates.json"));
  REQUIRE_FALSE(j["candidates"].empty());
  for (const auto& c : j["candidates"]) {
    CHECK(core::find_name(candidates::kLevelNames, c["level"].get<std::string>()).has_value());
    CHECK(core::find_name(candidates::kOriginNames, c["origin"].get<std::string>()).has_value());
  }
}

TEST_CASE("Names: io tables", "[names]") {
  using io::FileFormat;
  const std::vector<FileFormat> formats = {FileFormat::csv,   FileFormat::graphml, FileFormat::gml,
                                           FileFormat::pajek, FileFormat::gexf,    FileFormat::json};
  check_table(io::kFileFormatNames, formats);
  check_table(io::kFileFormatTitles, formats);
  CHECK(io::format_named("paj") == FileFormat::pajek);
  CHECK(core::name_of(io::kFileFormatNames, FileFormat::pajek) == "net");
  check_table(io::kLevelNames, {io::Level::as_loaded, io::Level::institution});
  check_table(io::kProjectionNames, {io::Projection::count, io::Projection::newman});
  check_table(io::kLargeActivityRuleNames,
              {io::LargeActivityRule::downweight, io::LargeActivityRule::skip, io::LargeActivityRule::keep});

  TempDir dir;
  const auto csv = dir.write("t.csv", "source,target\na,b\n");
  std::string out, err;
  CHECK(test::run_cli("validate - --format bogus < " + quote(csv), out, err) == 2);
  CHECK_THAT(err, Contains("--format 'bogus': expected " + core::choices(io::kFileFormatNames)));
  check_refused("validate " + quote(csv), "level", core::choices(io::kLevelNames));
  CHECK(test::run_cli("convert " + quote(csv) + " -o - --output-format bogus", out, err) == 2);
  CHECK_THAT(err, Contains("--output-format 'bogus': expected " + core::choices(io::kFileFormatNames, ", ")));

  // The manifest's names: an unknown level, weighting and rule each list the table's.
  dir.write("s.csv", "id,name\na,A\nb,B\n");
  const auto manifest = dir.write(
      "dataset.json",
      "{\"level\": \"bogus\", \"stakeholders\": {\"file\": \"s.csv\"}, \"activities\": {\"file\": \"t.csv\", "
      "\"columns\": {\"stakeholder\": \"source\", \"activity\": \"target\"}, \"weighting\": \"bogus\", "
      "\"large_activity\": {\"rule\": \"bogus\"}}}");
  CHECK(test::run_cli("validate " + quote(manifest), out, err) == 3);
  CHECK_THAT(err,
             Contains("unknown level 'bogus'; expected " + core::choices(io::kLevelNames, " or ", "\"")));
  CHECK_THAT(err, Contains("unknown weighting 'bogus'; expected " +
                           core::choices(io::kProjectionNames, " or ", "\"")));
  CHECK_THAT(err, Contains("unknown rule 'bogus'; expected " +
                           core::choices(io::kLargeActivityRuleNames, " or ", "\"")));
}

TEST_CASE("Names: --help lists the choices of the tables", "[names]") {
  std::string out, err;
  REQUIRE(test::run_cli("analyze --help", out, err) == 0);
  out = single_spaced(out);
  for (const std::string_view name : core::canonical_names(layout::kAlgorithmNames))
    CHECK_THAT(out, Contains(std::string(name)));
  CHECK_THAT(out, Contains(core::described_choices(layout::kAlgorithmNames)));
  CHECK_THAT(out, Contains(core::choices(communities::kAlgorithmNames)));
  CHECK_THAT(out, Contains(core::choices(communities::kQualityNames)));
  CHECK_THAT(out, Contains(core::described_choices(metrics::kPathModeNames)));
  REQUIRE(test::run_cli("render --help", out, err) == 0);
  CHECK_THAT(single_spaced(out),
             Contains("--layout " + core::choices(layout::kAlgorithmNames, "|", {}, "|")));
}
