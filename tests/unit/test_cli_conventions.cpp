// End-to-end: the conventions every command follows (docs/CLI.md, "Conventions"): '-' for standard
// input and output, --quiet, help <command>, missing arguments and paths, config files shared
// between commands with paths read from their folder, and numbers rounded for people.

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "clusterscope/io/text.hpp"
#include "support.hpp"

using namespace clusterscope;
using Catch::Contains;
using test::quote;
using test::run_cli;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path example = test::example_dataset();

/// Three ties whose weights add up to 0.30000000000000004 in binary floating point.
constexpr const char* kTies = "source,target,weight\na,b,0.1\nb,c,0.2\n";

}  // namespace

TEST_CASE("CLI conventions: INPUT '-' reads standard input in the --format given", "[cli][conventions]") {
  TempDir dir;
  const auto csv = dir.write("t.csv", kTies);
  std::string out, err;
  REQUIRE(run_cli("validate - < " + quote(csv), out, err) == 0);
  CHECK(out == "standard input: ok: 3 stakeholders, 2 ties (undirected), 0 warnings\n");

  // A GraphML file through standard input: --format says what it is; the result is the same network.
  REQUIRE(run_cli("convert " + quote(csv) + " -o " + quote(dir.path() / "t.graphml"), out, err) == 0);
  REQUIRE(run_cli("convert - --format graphml -o " + quote(dir.path() / "back.csv") + " < " +
                      quote(dir.path() / "t.graphml"),
                  out, err) == 0);
  Diagnostics d1, d2;
  test::require_same_network(test::load(csv, d1), test::load(dir.path() / "back.csv", d2));
  // Without --format, standard input is CSV: GraphML then fails as a CSV would.
  CHECK(run_cli("validate - < " + quote(dir.path() / "t.graphml"), out, err) == 3);

  // Problems are reported at <stdin>:line:column.
  const auto bad = dir.write("bad.csv", "source,target,weight\na,b,NaN\n");
  CHECK(run_cli("validate - < " + quote(bad), out, err) == 3);
  CHECK_THAT(err, Contains("clusterscope: error: <stdin>:2:5:"));

  // --format is for standard input only, and must be a known format.
  CHECK(run_cli("validate " + quote(csv) + " --format csv", out, err) == 2);
  CHECK_THAT(err, Contains("--format 'csv': names the format of standard input"));
  CHECK(run_cli("validate - --format docx < " + quote(csv), out, err) == 2);
  CHECK_THAT(err, Contains("--format 'docx': expected csv, graphml, gml, net, gexf or json"));
}

TEST_CASE("CLI conventions: standard input respects --max-input-size", "[cli][conventions][limits]") {
  TempDir dir;
  std::string big = "source,target\n";
  for (int i = 0; i < 300; ++i)
    big += "a" + std::to_string(i) + ",b" + std::to_string(i) + "\n";
  REQUIRE(big.size() > 2048);
  const auto file = dir.write("big.csv", big);
  std::string out, err;
  CHECK(run_cli("validate - --max-input-size 1K < " + quote(file), out, err) == 3);
  CHECK_THAT(err,
             Contains("<stdin>: standard input holds more than the input size limit of 1K (1024 bytes)"));
  CHECK(out.empty());
  REQUIRE(run_cli("validate - --max-input-size 4K < " + quote(file), out, err) == 0);
  CHECK_THAT(out, Contains("600 stakeholders, 300 ties"));
}

TEST_CASE("CLI conventions: -o - writes one file to standard output", "[cli][conventions]") {
  TempDir dir;
  const auto csv = dir.write("t.csv", kTies);
  std::string out, err;
  // convert: the format from --output-format; the summary goes to standard error.
  REQUIRE(run_cli("convert " + quote(csv) + " -o - --output-format json", out, err) == 0);
  const nlohmann::json graph = nlohmann::json::parse(out);
  CHECK(graph["nodes"].size() == 3);
  CHECK(graph["links"].size() == 2);
  CHECK_THAT(err, Contains("wrote standard output (3 stakeholders, 2 ties)"));
  REQUIRE(run_cli("convert " + quote(csv) + " -o -", out, err) == 0);
  CHECK(out.rfind("source,target", 0) == 0);
  CHECK_THAT(err, Contains("edge list only"));

  // metrics and communities: the same bytes as the file they would write.
  REQUIRE(run_cli("metrics " + quote(example) + " -o " + quote(dir.path() / "m.json"), out, err) == 0);
  REQUIRE(run_cli("metrics " + quote(example) + " -o - --output-format json", out, err) == 0);
  CHECK(out == test::read_file(dir.path() / "m.json"));
  REQUIRE(run_cli("communities " + quote(csv) + " -o " + quote(dir.path() / "c.csv"), out, err) == 0);
  REQUIRE(run_cli("communities " + quote(csv) + " -o -", out, err) == 0);
  CHECK(out == test::read_file(dir.path() / "c.csv"));

  // render: a PNG to standard output.
  REQUIRE(run_cli("render " + quote(csv) + " -o - --output-format png", out, err) == 0);
  CHECK(out.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  CHECK_THAT(err, Contains("wrote standard output"));

  // Folder outputs and --output-format with a file are usage errors.
  CHECK(run_cli("analyze " + quote(csv) + " -o -", out, err) == 2);
  CHECK_THAT(err, Contains("analyze: -o - (standard output) takes one file"));
  CHECK(run_cli("candidates " + quote(csv) + " -o -", out, err) == 2);
  CHECK_THAT(err, Contains("candidates: -o - (standard output) takes one file"));
  CHECK(run_cli("convert " + quote(csv) + " -o " + quote(dir.path() / "x.gml") + " --output-format json", out,
                err) == 2);
  CHECK_THAT(err, Contains("--output-format 'json': is for -o - (standard output)"));
  CHECK_FALSE(fs::exists(dir.path() / "x.gml"));
  CHECK(run_cli("metrics " + quote(csv) + " -o - --output-format svg", out, err) == 2);
  CHECK_THAT(err, Contains("--output-format 'svg': expected csv, json"));
}

TEST_CASE("CLI conventions: --quiet and -q on every command print no summary", "[cli][conventions]") {
  TempDir dir;
  const auto csv = dir.write("t.csv", kTies);
  const std::string fast = " --runs 3 --null-models 0";
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"validate " + quote(csv), ""},
      {"convert " + quote(csv) + " -o " + quote(dir.path() / "x.graphml"), ""},
      {"communities " + quote(csv) + " -o " + quote(dir.path() / "c.json") + fast, ""},
      {"candidates " + quote(csv) + " -o " + quote(dir.path() / "cand") + fast, ""},
      {"render " + quote(csv) + " -o " + quote(dir.path() / "r.svg"), ""},
      {"analyze " + quote(csv) + " -o " + quote(dir.path() / "a") + fast, ""},
  };
  for (const auto& [command, unused] : commands) {
    INFO(command);
    std::string out, err;
    REQUIRE(run_cli(command, out, err) == 0);
    CHECK_FALSE(out.empty());  // the summary, without --quiet
    REQUIRE(run_cli(command + " --quiet", out, err) == 0);
    CHECK(out.empty());
    CHECK(err.empty());
    REQUIRE(run_cli(command + " -q", out, err) == 0);
    CHECK(out.empty());
  }
  // Data on standard output stays; the summary that would go to standard error does not.
  std::string out, err;
  REQUIRE(run_cli("communities " + quote(csv) + fast, out, err) == 0);
  CHECK_THAT(err, Contains("communities ("));
  REQUIRE(run_cli("communities " + quote(csv) + fast + " -q", out, err) == 0);
  CHECK(out.rfind("id,community,stability\n", 0) == 0);
  CHECK(err.empty());
  // Errors still go to standard error.
  const auto bad = dir.write("bad.csv", "source,target,weight\na,b,NaN\n");
  CHECK(run_cli("validate " + quote(bad) + " --quiet", out, err) == 3);
  CHECK(out.empty());
  CHECK_THAT(err, Contains("bad.csv:2:5:"));
}

TEST_CASE("CLI conventions: help <command> prints that command's help", "[cli][conventions]") {
  for (const char* command :
       {"validate", "convert", "metrics", "communities", "candidates", "render", "analyze"}) {
    INFO(command);
    std::string help, flag, err;
    REQUIRE(run_cli(std::string("help ") + command, help, err) == 0);
    REQUIRE(run_cli(std::string(command) + " --help", flag, err) == 0);
    CHECK(help == flag);
    CHECK(help.rfind(std::string("usage: clusterscope ") + command + " ", 0) == 0);
    CHECK_THAT(help, Contains("--quiet"));
    CHECK_THAT(help, Contains("--config"));
  }
  std::string out, err;
  CHECK(run_cli("help frobnicate", out, err) == 2);
  CHECK_THAT(err, Contains("help: unknown command 'frobnicate'"));
  CHECK(out.empty());
  REQUIRE(run_cli("help", out, err) == 0);
  CHECK(out.rfind("usage: clusterscope <command>", 0) == 0);
}

TEST_CASE("CLI conventions: a missing INPUT or -o, and a path that does not exist", "[cli][conventions]") {
  TempDir dir;
  std::string out, err;
  for (const char* command :
       {"validate", "convert", "metrics", "communities", "candidates", "render", "analyze"}) {
    INFO(command);
    CHECK(run_cli(command, out, err) == 2);
    CHECK_THAT(err, Contains(std::string(command) +
                             ": missing INPUT (a dataset folder, dataset.json or a network file"));
    CHECK(err.find("is required") == std::string::npos);
    CHECK_THAT(err, Contains(std::string("(run 'clusterscope help ") + command + "')"));
  }
  CHECK(run_cli("convert " + quote(example), out, err) == 2);
  CHECK_THAT(err, Contains("convert: missing -o FILE"));
  CHECK(run_cli("candidates " + quote(example), out, err) == 2);
  CHECK_THAT(err, Contains("candidates: missing -o DIR"));

  const fs::path missing = dir.path() / "no-such-folder";
  CHECK(run_cli("convert " + quote(missing) + " -o " + quote(dir.path() / "x.graphml"), out, err) == 3);
  CHECK_THAT(err, Contains("clusterscope: error: no such file or folder: '" + missing.string() + "'"));
  CHECK(err.find("unknown input format") == std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "x.graphml"));
  CHECK(run_cli("analyze " + quote(missing) + " -o " + quote(dir.path() / "a") + " -q", out, err) == 3);
  CHECK_THAT(err, Contains("no such file or folder"));
  CHECK_FALSE(fs::exists(dir.path() / "a"));
}

TEST_CASE("CLI conventions: paths in a config file are read from the config's folder", "[cli][conventions]") {
  TempDir dir;
  dir.write("cfg/ties.csv", kTies);
  dir.write("cfg/nodes.csv", "id,name,type\na,A,enterprise\nb,B,university\nc,C,research\nd,D,ngo\n");
  const auto config =
      dir.write("cfg/run.json", R"({"input": "ties.csv", "filters": {"nodes": "nodes.csv"}})");
  std::string out, err;
  // The current folder holds neither file: they are found beside the config.
  REQUIRE_FALSE(fs::exists("ties.csv"));
  REQUIRE(run_cli("validate --config " + quote(config), out, err) == 0);
  CHECK(out == (dir.path() / "cfg" / "ties.csv").string() +
                   ": ok: 4 stakeholders, 2 ties (undirected), 0 warnings\n");

  // An absolute path stays as it is.
  const auto absolute = dir.write(
      "cfg/absolute.json", nlohmann::json{{"input", (dir.path() / "cfg" / "ties.csv").string()}}.dump());
  REQUIRE(run_cli("validate --config " + quote(absolute), out, err) == 0);
  CHECK_THAT(out, Contains("3 stakeholders, 2 ties"));

  // figures.initial: a layout beside the config is the start of the next one.
  REQUIRE(run_cli("render " + quote(dir.path() / "cfg" / "ties.csv") + " -o " +
                      quote(dir.path() / "cfg" / "start.csv"),
                  out, err) == 0);
  const auto layout_config =
      dir.write("cfg/layout.json", R"({"figures": {"initial": "start.csv", "iterations": 0}})");
  CHECK(run_cli("render " + quote(dir.path() / "cfg" / "ties.csv") + " -o " +
                    quote(dir.path() / "again.csv") + " --config " + quote(layout_config),
                out, err) == 0);
  const auto wrong_layout = dir.write("cfg/wrong.json", R"({"figures": {"initial": "none.csv"}})");
  CHECK(run_cli("render " + quote(dir.path() / "cfg" / "ties.csv") + " -o " + quote(dir.path() / "b.csv") +
                    " --config " + quote(wrong_layout),
                out, err) != 0);
  CHECK_THAT(err, Contains((dir.path() / "cfg" / "none.csv").string()));

  // --print-config writes absolute paths, so the printed file works wherever it is saved.
  REQUIRE(run_cli("analyze --config " + quote(config) + " --print-config", out, err) == 0);
  const nlohmann::json printed = nlohmann::json::parse(out);
  CHECK(printed["input"] == (dir.path() / "cfg" / "ties.csv").lexically_normal().string());
  CHECK(printed["filters"]["nodes"] == (dir.path() / "cfg" / "nodes.csv").lexically_normal().string());
  const auto moved = dir.write("elsewhere/printed.json", out);
  REQUIRE(run_cli("validate --config " + quote(moved), out, err) == 0);
  CHECK_THAT(out, Contains("4 stakeholders, 2 ties"));
}

TEST_CASE("CLI conventions: render takes --config, so the house palette is shared with analyze",
          "[cli][conventions][render]") {
  TempDir dir;
  const std::string palette = "#1F4E79,#C00000,#7F7F7F";
  const auto house =
      dir.write("house.json", R"({"figures": {"palette": ")" + palette + R"(", "layout": "kk"}})");
  std::string out, err;
  const std::string render = "render " + quote(example) + " --layout kk -o ";
  REQUIRE(run_cli(render + quote(dir.path() / "flag.svg") + " --palette '" + palette + "'", out, err) == 0);
  REQUIRE(run_cli("render " + quote(example) + " -o " + quote(dir.path() / "config.svg") + " --config " +
                      quote(house),
                  out, err) == 0);
  REQUIRE(run_cli(render + quote(dir.path() / "plain.svg"), out, err) == 0);
  const std::string with_config = test::read_file(dir.path() / "config.svg");
  CHECK(with_config == test::read_file(dir.path() / "flag.svg"));
  CHECK(with_config != test::read_file(dir.path() / "plain.svg"));

  // analyze's whole printed config serves render too: the groups render has no use for are skipped.
  REQUIRE(run_cli("analyze " + quote(example) + " --print-config --config " + quote(house), out, err) == 0);
  const auto full = dir.write("full.json", out);
  REQUIRE(run_cli("render -o " + quote(dir.path() / "full.svg") + " --config " + quote(full), out, err) == 0);
  CHECK(test::read_file(dir.path() / "full.svg") == with_config);
  // … but still checked: a misspelt key of another command's group is an error at its place.
  const auto typo = dir.write("typo.json", "{\"measures\": {\"wieghts\": \"none\"}}");
  CHECK(
      run_cli("render " + quote(example) + " -o " + quote(dir.path() / "t.svg") + " --config " + quote(typo),
              out, err) == 3);
  CHECK_THAT(err, Contains("typo.json:1:26: unknown key 'measures.wieghts'"));
  CHECK_FALSE(fs::exists(dir.path() / "t.svg"));
}

TEST_CASE("CLI conventions: --config on every command, with flags winning", "[cli][conventions]") {
  TempDir dir;
  const auto config = dir.write("c.json", R"({"communities": {"runs": 4, "null-models": 0}, "seed": 9})");
  std::string out, err;
  REQUIRE(run_cli("communities " + quote(example) + " -o " + quote(dir.path() / "c.out.json") + " --config " +
                      quote(config),
                  out, err) == 0);
  CHECK_THAT(out, Contains("consensus of 4 runs, seed 9"));
  REQUIRE(run_cli("communities " + quote(example) + " -o " + quote(dir.path() / "d.json") + " --config " +
                      quote(config) + " --runs 3",
                  out, err) == 0);
  CHECK_THAT(out, Contains("consensus of 3 runs, seed 9"));
  const auto measures = dir.write("m.json", R"({"measures": {"permutations": 0}})");
  REQUIRE(run_cli("metrics " + quote(example) + " -o " + quote(dir.path() / "m.out.json") + " --config " +
                      quote(measures),
                  out, err) == 0);
  const nlohmann::json metrics = nlohmann::json::parse(test::read_file(dir.path() / "m.out.json"));
  CHECK(metrics["settings"]["permutations"] == 0);  // 999 by default
}

TEST_CASE("readable_number: three significant digits, whole numbers from 100 with thousands",
          "[conventions][numbers]") {
  CHECK(io::readable_number(194.91525423729095) == "195");
  CHECK(io::readable_number(12345.678) == "12,346");
  CHECK(io::readable_number(-1234567) == "-1,234,567");
  CHECK(io::readable_number(0.5624781296738182) == "0.562");
  CHECK(io::readable_number(0.30000000000000004) == "0.3");
  CHECK(io::readable_number(1.2345) == "1.23");
  CHECK(io::readable_number(12.345) == "12.3");
  CHECK(io::readable_number(99.96) == "100");
  CHECK(io::readable_number(9.996) == "10");
  CHECK(io::readable_number(0.0123456) == "0.0123");
  CHECK(io::readable_number(-0.35) == "-0.35");
  CHECK(io::readable_number(2) == "2");
  CHECK(io::readable_number(0) == "0");
  CHECK(io::readable_number(0.0000123456) == "1.23e-05");
  CHECK(io::readable_number(std::nan("")) == "n/a");
  CHECK(io::readable_number(INFINITY) == "inf");
}

TEST_CASE("CLI conventions: summary.md and summary lines are rounded, data files keep full precision",
          "[cli][conventions][numbers]") {
  TempDir dir;
  const auto csv = dir.write("t.csv", kTies);
  std::string out, err;
  REQUIRE(run_cli("analyze " + quote(csv) + " -o " + quote(dir.path() / "a") + " -q --runs 3 --null-models 0",
                  out, err) == 0);
  const std::string md = test::read_file(dir.path() / "a" / "summary.md");
  CHECK_THAT(md, Contains("| 2 | 0.3 |"));
  CHECK(md.find("0.30000000000000004") == std::string::npos);
  const nlohmann::json summary = nlohmann::json::parse(test::read_file(dir.path() / "a" / "summary.json"));
  const nlohmann::json& kinds = summary["ties_by_kind"];
  REQUIRE(kinds.size() == 1);
  CHECK(kinds.begin().value()["total_weight"].get<double>() == 0.1 + 0.2);  // not rounded to 0.3
  CHECK(test::read_file(dir.path() / "a" / "summary.json").find("0.30000000000000004") != std::string::npos);

  // The communities summary line: the modularity of the JSON, rounded.
  REQUIRE(run_cli("communities " + quote(example) + " -o " + quote(dir.path() / "c.json") +
                      " --runs 5 --null-models 4 --compare-with type",
                  out, err) == 0);
  const nlohmann::json c = nlohmann::json::parse(test::read_file(dir.path() / "c.json"));
  const double modularity = c["modularity"].get<double>();
  REQUIRE(io::format_number(modularity).size() > 6);  // full precision in the data file
  CHECK_THAT(out, Contains("; modularity " + io::readable_number(modularity) +
                           " (z = " + io::readable_number(c["modularity_z"].get<double>()) + " against 4"));
  CHECK(out.find(io::format_number(modularity)) == std::string::npos);
  const nlohmann::json& comparison = c["comparison"];
  CHECK_THAT(out, Contains("compared with type over 319 stakeholders: NMI " +
                           io::readable_number(comparison["nmi"].get<double>()) + ", ARI " +
                           io::readable_number(comparison["ari"].get<double>()) + "\n"));
  CHECK(out.find(io::format_number(comparison["nmi"].get<double>())) == std::string::npos);
}
