// End-to-end: the communities and candidates commands, and what analyze adds for them.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

using test::quote;
const std::filesystem::path example = test::example_dataset();

TEST_CASE("CLI: communities writes id,community,stability, the same bytes for the same seed",
          "[cli][communities]") {
  TempDir dir;
  std::string out, err;
  const std::string base = "communities " + quote(example) + " --runs 10 --null-models 4 -o ";
  REQUIRE(test::run_cli(base + quote(dir.path() / "a.csv"), out, err) == 0);
  CHECK(out.find("communities (leiden, resolution 1, consensus of 10 runs, seed 42)") != std::string::npos);
  REQUIRE(test::run_cli(base + quote(dir.path() / "b.csv"), out, err) == 0);
  const std::string a = test::read_file(dir.path() / "a.csv");
  CHECK(a.rfind("id,community,stability\n", 0) == 0);
  CHECK(test::count_lines(a) == 320);  // header + 319 stakeholders
  CHECK(a == test::read_file(dir.path() / "b.csv"));
  REQUIRE(test::run_cli(base + quote(dir.path() / "c.csv") + " --seed 7", out, err) == 0);
  CHECK(out.find("seed 7") != std::string::npos);
}

TEST_CASE("CLI: communities JSON and the comparison with an attribute", "[cli][communities]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(test::run_cli("communities " + quote(example) +
                            " --runs 5 --null-models 4 --compare-with sector -o " +
                            quote(dir.path() / "c.json"),
                        out, err) == 0);
  CHECK(out.find("compared with sector over ") != std::string::npos);
  const auto j = nlohmann::json::parse(test::read_file(dir.path() / "c.json"));
  CHECK(j["settings"]["algorithm"] == "leiden");
  CHECK(j["settings"]["runs"] == 5);
  CHECK(j["comparison"]["attribute"] == "sector");
  CHECK(j["comparison"]["nmi"].get<double>() > 0.0);
  CHECK(j["comparison"]["nmi"].get<double>() <= 1.0);
  CHECK(j["stakeholders"].size() == 319);
  CHECK(j["communities"].size() == j["communities_found"].get<std::size_t>());
  CHECK(j["modularity_z"].is_number());
}

TEST_CASE("CLI: communities option errors exit 2 and write nothing", "[cli][communities]") {
  TempDir dir;
  std::string out, err;
  const std::string base = "communities " + quote(example) + " -o " + quote(dir.path() / "x.csv");
  CHECK(test::run_cli(base + " --algorithm kmeans", out, err) == 2);
  CHECK(err.find("--algorithm 'kmeans': expected leiden, louvain, infomap, walktrap or labelprop") !=
        std::string::npos);
  CHECK(test::run_cli(base + " --resolution -1", out, err) == 2);
  CHECK(test::run_cli(base + " --resolution often", out, err) == 2);
  CHECK(err.find("expected a positive number or auto") != std::string::npos);
  CHECK(test::run_cli(base + " --runs 0", out, err) == 2);
  CHECK(test::run_cli(base + " --quality surprise", out, err) == 2);
  CHECK(test::run_cli(base + " --compare-with shoe_size", out, err) == 2);
  CHECK(err.find("--compare-with 'shoe_size': no such stakeholder attribute") != std::string::npos);
  CHECK(test::run_cli("communities " + quote(example) + " -o " + quote(dir.path() / "x.txt"), out, err) == 2);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "x.csv"));
}

TEST_CASE("CLI: every algorithm runs on the example", "[cli][communities]") {
  std::set<std::string> partitions;
  for (const char* algorithm : {"leiden", "louvain", "infomap", "walktrap", "labelprop"}) {
    INFO(algorithm);
    std::string out, err;
    REQUIRE(
        test::run_cli("communities " + quote(example) + " --runs 3 --null-models 0 --algorithm " + algorithm,
                      out, err) == 0);
    REQUIRE(out.rfind("id,community,stability\n", 0) == 0);
    CHECK(err.find(std::string("communities (") + algorithm + ",") != std::string::npos);
    // Every stakeholder once, communities numbered 0, 1, 2, … by first appearance, stabilities in [0, 1].
    std::istringstream rows(out.substr(out.find('\n') + 1));
    std::set<std::string> ids;
    std::string row, membership;
    int next = 0;
    while (std::getline(rows, row)) {
      const auto first = row.find(','), second = row.rfind(',');
      REQUIRE(first != second);
      ids.insert(row.substr(0, first));
      const int community = std::stoi(row.substr(first + 1, second - first - 1));
      CHECK(community <= next);
      if (community == next) ++next;
      const double stability = std::stod(row.substr(second + 1));
      CHECK((stability >= 0.0 && stability <= 1.0));
      membership += std::to_string(community) + " ";
    }
    CHECK(ids.size() == 319);
    CHECK(next >= 2);
    partitions.insert(membership);
  }
  // --algorithm is honoured: the five methods do not all give the same partition.
  CHECK(partitions.size() >= 3);
}

TEST_CASE("CLI: candidates writes candidates.json and candidates.md, best first", "[cli][candidates]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(test::run_cli(
              "candidates " + quote(example) + " --runs 10 --null-models 4 -o " + quote(dir.path() / "c"),
              out, err) == 0);
  CHECK(out.find("candidates (") != std::string::npos);
  const auto j = nlohmann::json::parse(test::read_file(dir.path() / "c" / "candidates.json"));
  REQUIRE(j["candidates"].is_array());
  REQUIRE_FALSE(j["candidates"].empty());
  std::int64_t rank = 0;
  for (const auto& c : j["candidates"]) {
    CHECK(c["rank"].get<std::int64_t>() == ++rank);
    for (const char* key :
         {"level", "score", "score_parts", "members", "anchors", "coordinator", "reason", "gaps"})
      CHECK(c.contains(key));
  }
  CHECK(j["candidates"][0]["level"] == "initiative-ready");
  CHECK_FALSE(test::read_file(dir.path() / "c" / "candidates.md").empty());
}

TEST_CASE("CLI: a bad candidates config is an input error with its position", "[cli][candidates]") {
  TempDir dir;
  const auto config = dir.write("config.json", "{\n  \"candidates\": {\"ready_min_members\": \"many\"}\n}\n");
  std::string out, err;
  CHECK(test::run_cli(
            "candidates " + quote(example) + " --config " + quote(config) + " -o " + quote(dir.path() / "c"),
            out, err) == 3);
  CHECK(err.find(config.string() + ":2:") != std::string::npos);
  CHECK(err.find("ready_min_members") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "c" / "candidates.json"));
  const auto broken = dir.write("broken.json", "{\"candidates\": {\n");
  CHECK(test::run_cli(
            "candidates " + quote(example) + " --config " + quote(broken) + " -o " + quote(dir.path() / "c"),
            out, err) == 3);
  CHECK(err.find(broken.string() + ":") != std::string::npos);
}

TEST_CASE("CLI: analyze adds communities and candidates", "[cli][analyze]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(
      test::run_cli("analyze " + quote(example) + " --runs 10 --null-models 4 -o " + quote(dir.path() / "a"),
                    out, err) == 0);
  const std::string table = test::read_file(dir.path() / "a" / "communities.csv");
  CHECK(table.rfind("community,size,n_enterprise,", 0) == 0);
  const std::string stakeholders = test::read_file(dir.path() / "a" / "stakeholders.csv");
  const std::string header = stakeholders.substr(0, stakeholders.find('\n'));
  CHECK(header.find(",community,community_stability") != std::string::npos);
  for (const char* file : {"communities.json", "candidates.json", "candidates.md"})
    CHECK_FALSE(test::read_file(dir.path() / "a" / file).empty());
}

TEST_CASE("CLI: communities and candidates read every input format", "[cli][communities][candidates]") {
  TempDir dir;
  std::string out, err;
  for (const char* extension : {".csv", ".graphml", ".gml", ".net", ".gexf", ".json"}) {
    INFO(extension);
    const auto file = dir.path() / (std::string("example") + extension);
    REQUIRE(test::run_cli("convert " + quote(example) + " -o " + quote(file), out, err) == 0);
    REQUIRE(test::run_cli("communities " + quote(file) + " --runs 3 --null-models 2", out, err) == 0);
    CHECK(test::count_lines(out) == 320);
    const auto folder = dir.path() / (std::string("c") + (extension + 1));
    REQUIRE(test::run_cli("candidates " + quote(file) + " --runs 3 --null-models 2 -o " + quote(folder), out,
                          err) == 0);
    const auto j = nlohmann::json::parse(test::read_file(folder / "candidates.json"));
    CHECK_FALSE(j["candidates"].empty());
  }
}
