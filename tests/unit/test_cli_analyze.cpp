// End-to-end: analyze as a user runs it — every file of the folder byte-identical between runs
// (manifest.json's "run" aside), the manifest's checksums and option sources, the config file and
// --print-config, progress on standard error, the report in a real browser and as a PDF.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "clusterscope/core/sha256.hpp"
#include "support.hpp"

using namespace clusterscope;
namespace fs = std::filesystem;
using test::quote;
using test::TempDir;

namespace {

/// Every regular file under `folder`, by path relative to it.
std::map<std::string, std::string> files_of(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), folder).generic_string()] = test::read_file(entry.path());
  return files;
}

nlohmann::json manifest_of(const fs::path& folder) {
  return nlohmann::json::parse(test::read_file(folder / "manifest.json"));
}

int analyze(const std::string& args, std::string& out, std::string& err) {
  return test::run_cli("analyze " + quote(test::example_dataset()) + " " + args, out, err);
}

}  // namespace

TEST_CASE("CLI: analyze twice gives the same bytes in every file, manifest timings aside", "[cli][analyze]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(analyze("-o " + quote(dir.path() / "out") + " --quiet", out, err) == 0);
  fs::rename(dir.path() / "out", dir.path() / "first");
  REQUIRE(analyze("-o " + quote(dir.path() / "out") + " --quiet --threads 1", out, err) == 0);
  const auto first = files_of(dir.path() / "first");
  const auto second = files_of(dir.path() / "out");
  REQUIRE(first.size() == second.size());
  CHECK(first.size() > 50);  // tables, 27 figures, reports, data files
  for (const auto& [name, bytes] : first) {
    INFO(name);
    REQUIRE(second.count(name) == 1);
    if (name == "manifest.json") continue;
    CHECK(bytes == second.at(name));
  }
  nlohmann::json a = manifest_of(dir.path() / "first"), b = manifest_of(dir.path() / "out");
  a.erase("run");
  b.erase("run");
  CHECK(a["options"]["measures"]["threads"]["value"] == 0);  // the one option that differed
  a["options"]["measures"].erase("threads");
  b["options"]["measures"].erase("threads");
  CHECK(a.dump() == b.dump());
}

TEST_CASE("CLI: analyze's manifest names inputs by SHA-256, every option with its source, versions, stages",
          "[cli][analyze]") {
  TempDir dir;
  const auto config = dir.write("run.json",
                                "{\n  \"communities\": {\"runs\": 8, \"null-models\": 4},\n"
                                "  \"candidates\": {\"min_members\": 10}\n}\n");
  std::string out, err;
  REQUIRE(analyze("-o " + quote(dir.path() / "out") + " --config " + quote(config) + " --runs 6", out, err) ==
          0);
  const nlohmann::json m = manifest_of(dir.path() / "out");
  // Inputs: the manifest and the four tables it names (stakeholders, ties, activities, referrals),
  // each hashed as stored.
  REQUIRE(m["inputs"].size() == 5);
  for (const auto& input : m["inputs"]) {
    INFO(input.dump());
    CHECK(input["sha256"] == sha256_file(input["file"].get<std::string>()));
    CHECK(input["bytes"] == fs::file_size(input["file"].get<std::string>()));
  }
  CHECK(m["seed"] == 42);
  CHECK(m["options"]["communities"]["runs"]["value"] == 6);  // the flag wins over the config
  CHECK(m["options"]["communities"]["runs"]["source"] == "flag");
  CHECK(m["options"]["communities"]["null-models"]["value"] == 4);
  CHECK(m["options"]["communities"]["null-models"]["source"] == "config");
  CHECK(m["options"]["communities"]["algorithm"]["value"] == "leiden");
  CHECK(m["options"]["communities"]["algorithm"]["source"] == "default");
  CHECK(m["options"]["candidates"]["source"] == "config");
  CHECK(m["options"]["candidates"]["value"]["min_members"] == 10);
  for (const char* library : {"clusterscope", "igraph", "cairo", "pango"}) {
    INFO(library);
    CHECK_FALSE(m["versions"][library].get<std::string>().empty());
  }
  CHECK(m["versions"]["igraph"].get<std::string>().rfind("0.10", 0) == 0);
  std::vector<std::string> stages;
  for (const auto& s : m["run"]["stages"]) {
    stages.push_back(s["stage"]);
    CHECK(s["seconds"].get<double>() >= 0);
    CHECK(s["peak_mib"].get<double>() > 0);
  }
  CHECK(stages == std::vector<std::string>{"load", "measures", "communities", "candidates", "recommendations",
                                           "layout", "figures", "report", "write"});
  // Outputs: every other file of the folder, with its hash.
  const auto files = files_of(dir.path() / "out");
  CHECK(m["outputs"].size() == files.size() - 1);
  for (const auto& o : m["outputs"]) {
    const std::string name = o["file"];
    INFO(name);
    REQUIRE(files.count(name) == 1);
    CHECK(o["sha256"] == sha256_hex(files.at(name)));
  }
  // Progress in a pipe: one line per stage, in order, on standard error.
  std::size_t at = 0;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const std::string line = "[" + std::to_string(i + 1) + "/9] " + stages[i];
    INFO(line << "\n" << err);
    at = err.find(line, at);
    CHECK(at != std::string::npos);
  }
  CHECK(out.find("report.html, report.pdf") != std::string::npos);
}

TEST_CASE("CLI: --print-config prints a config that reproduces the run — --quiet prints nothing",
          "[cli][analyze]") {
  TempDir dir;
  std::string printed, err;
  REQUIRE(analyze("--print-config --runs 7 --layout kk --region PL", printed, err) == 0);
  const nlohmann::json config = nlohmann::json::parse(printed);
  CHECK(config["communities"]["runs"] == 7);
  CHECK(config["figures"]["layout"] == "kk");
  CHECK(config["filters"]["region"] == nlohmann::json::array({"PL"}));
  CHECK(config["measures"]["weights"] == "strength");
  CHECK(config["seed"] == 42);
  CHECK(config["candidates"]["min_members"].is_number());
  CHECK_FALSE(config.contains("print-config"));
  // Nothing ran: no output folder.
  CHECK_FALSE(fs::exists("output/vistula-bend-print-config-check"));

  // The printed config (input included) runs the same analysis as the flags (the report differs only
  // in its parameters table, which says where each value came from).
  std::string small;
  REQUIRE(analyze("--print-config --runs 6 --null-models 2", small, err) == 0);
  const auto file = dir.write("printed.json", small);
  std::string out;
  REQUIRE(test::run_cli("analyze --config " + quote(file) + " -o " + quote(dir.path() / "a") + " --quiet",
                        out, err) == 0);
  CHECK(out.empty());
  CHECK(err.empty());
  REQUIRE(analyze("--runs 6 --null-models 2 -o " + quote(dir.path() / "b") + " --quiet", out, err) == 0);
  for (const char* name :
       {"communities.csv", "candidates.json", "stakeholders.csv", "figures/network-communities.svg"}) {
    INFO(name);
    CHECK(test::read_file(dir.path() / "a" / name) == test::read_file(dir.path() / "b" / name));
  }
}

TEST_CASE("CLI: a bad config is an error at file:line:column, and nothing is written", "[cli][analyze]") {
  TempDir dir;
  std::string out, err;
  const auto unknown = dir.write("unknown.json", "{\n  \"communities\": {\n    \"rnus\": 5\n  }\n}\n");
  CHECK(analyze("--config " + quote(unknown) + " -o " + quote(dir.path() / "o1"), out, err) == 3);
  CHECK(err.find("unknown.json:3:13: unknown key 'communities.rnus'") != std::string::npos);
  CHECK(err.find("runs") != std::string::npos);  // the known keys are listed

  const auto wrong =
      dir.write("wrong.json", "{\"measures\": {\"betweenness\": \"exact\", \"threads\": \"two\"}}");
  // A value the option itself rejects is a usage error, as on the command line, at its place.
  CHECK(analyze("--config " + quote(wrong) + " -o " + quote(dir.path() / "o2"), out, err) == 2);
  CHECK(err.find("wrong.json:1:50: measures.threads") != std::string::npos);

  const auto section = dir.write("section.json", "{\"figures\": [\"fa2\"]}");
  CHECK(analyze("--config " + quote(section) + " -o " + quote(dir.path() / "o3"), out, err) == 3);
  CHECK(err.find("section.json:1:13: figures: expected an object") != std::string::npos);

  const auto syntax = dir.write("syntax.json", "{\"seed\": 4,,}");
  CHECK(analyze("--config " + quote(syntax) + " -o " + quote(dir.path() / "o4"), out, err) == 3);
  CHECK(err.find("syntax.json:1:") != std::string::npos);

  for (const char* folder : {"o1", "o2", "o3", "o4"})
    CHECK_FALSE(fs::exists(dir.path() / folder));
}

TEST_CASE("CLI: analyze's report opens in chromium with every section, and its PDF has the pages",
          "[cli][analyze][chromium]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(analyze("-o " + quote(dir.path() / "out") + " --quiet --runs 10 --null-models 4", out, err) == 0);
  const fs::path html = dir.path() / "out" / "report.html";
  const test::BrowserRun r = test::run_chromium(html, "--dump-dom", dir);
  INFO("chromium log:\n" << r.err);
  REQUIRE(r.status == 0);
  CHECK(test::console_problems(r.err).empty());
  for (const char* id : {"overview", "network", "actors", "communities", "candidates", "methods"}) {
    INFO(id);
    CHECK(r.out.find("<section id=\"" + std::string(id) + "\">") != std::string::npos);
  }
  CHECK(r.out.find("Whom to visit first") != std::string::npos);
  CHECK(r.out.find("Stowarzyszenie Klaster Obrabiarkowy") !=
        std::string::npos);  // the machine-tool coordinator

  const fs::path pdf = dir.path() / "out" / "report.pdf";
  CHECK(test::pdf_pages(pdf) >= 8);
  const std::string text = test::pdf_text(pdf);
  for (const char* title :
       {"The functional area in numbers", "Key actors and brokers", "Communities",
        "Cluster-initiative candidates", "Methods and parameters", "Whom to visit first"}) {
    INFO(title);
    CHECK(text.find(title) != std::string::npos);
  }
  // Annex tables: the same rows as the report, as CSV and Markdown.
  for (const char* table : {"types", "key-actors", "brokers", "communities", "candidates", "parameters"}) {
    INFO(table);
    const std::string csv = test::read_file(dir.path() / "out" / "tables" / (std::string(table) + ".csv"));
    const std::string md = test::read_file(dir.path() / "out" / "tables" / (std::string(table) + ".md"));
    CHECK(test::count_lines(csv) >= 2);
    CHECK(test::count_lines(md) == test::count_lines(csv) + 3);  // caption, blank line, rule
  }
}

TEST_CASE("CLI: on a terminal analyze draws a progress bar per stage", "[cli][analyze]") {
  // `script` gives the command a pseudo-terminal, so standard error is a tty.
  TempDir dir;
  int status = -1;
  const std::string log = test::shell(
      "script -qec " +
          quote(std::string("'") + CLUSTERSCOPE_BINARY + "' analyze " + quote(test::example_dataset()) +
                " --runs 4 --null-models 2 -o " + quote(dir.path() / "out")) +
          " /dev/null",
      "bsdutils", &status);
  INFO(log);
  CHECK(status == 0);
  CHECK(log.find("\r[3/9] communities  [") != std::string::npos);
  CHECK(log.find("] 100%") != std::string::npos);
  CHECK(log.find("[9/9] write") != std::string::npos);
}

TEST_CASE("CLI: analyze writes network/network.gexf drawn as the figure with measures",
          "[cli][analyze][gexf]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(test::run_cli(
              "analyze " + quote(test::example_dataset()) + " -o " + quote(dir.path() / "a") + " --quiet",
              out, err) == 0);
  Diagnostics diagnostics;
  const Network drawn = test::load(dir.path() / "a" / "network" / "network.gexf", diagnostics);
  const Network original = test::load(test::example_dataset(), diagnostics);
  REQUIRE(drawn.size() == original.size());
  CHECK(drawn.ties.size() == original.ties.size());
  // Positions as figures/layout.csv has them (y up in both).
  std::map<std::string, std::pair<std::string, std::string>> layout;
  std::istringstream rows(test::read_file(dir.path() / "a" / "figures" / "layout.csv"));
  std::string row;
  std::getline(rows, row);
  CHECK(row == "id,x,y");
  while (std::getline(rows, row)) {
    const auto first = row.rfind(',', row.rfind(',') - 1);
    const auto second = row.rfind(',');
    layout[row.substr(0, first)] = {row.substr(first + 1, second - first - 1), row.substr(second + 1)};
  }
  std::set<std::string> communities;
  for (const Stakeholder& s : drawn.stakeholders) {
    INFO(s.id);
    REQUIRE(layout.count(s.id) == 1);
    CHECK(s.attributes.at("x") == layout[s.id].first);
    CHECK(s.attributes.at("y") == layout[s.id].second);
    CHECK(s.attributes.at("color").size() == 7);
    CHECK(std::stod(s.attributes.at("size")) >= 1.5);  // the figure's smallest radius
    CHECK_FALSE(s.attributes.at("degree").empty());
    communities.insert(s.attributes.at("community"));
  }
  CHECK(communities.size() > 1);
  const std::string text = test::read_file(dir.path() / "a" / "network" / "network.gexf");
  CHECK(text.find("xmlns=\"http://www.gexf.net/1.2draft\"") != std::string::npos);
  CHECK(text.find("title=\"community\" type=\"integer\"") != std::string::npos);
  CHECK(text.find("title=\"betweenness\" type=\"double\"") != std::string::npos);
}
