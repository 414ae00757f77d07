// End-to-end: the built binary, its exit statuses, messages and files.

#include <algorithm>
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

using test::quote;
const std::filesystem::path example = test::example_dataset();

TEST_CASE("CLI: validate accepts the bundled example and lists counts", "[cli]") {
  std::string out, err;
  REQUIRE(test::run_cli("validate " + quote(example), out, err) == 0);
  CHECK(out.find("319 stakeholders") != std::string::npos);
  CHECK(err.empty());
}

TEST_CASE("CLI: validate lists every problem as file:line:col and exits 3", "[cli]") {
  TempDir dir;
  const auto bad = dir.write("t.csv", "source,target,weight\na,b,NaN\nb,c,0\nc,c,1\n");
  std::string out, err;
  REQUIRE(test::run_cli("validate " + quote(bad), out, err) == 3);
  CHECK(err.find("clusterscope: error: " + bad.string() + ":2:5: weight is NaN") != std::string::npos);
  CHECK(err.find("clusterscope: error: " + bad.string() + ":3:5: weight is 0") != std::string::npos);
  CHECK(err.find("2 errors in the input; nothing written") != std::string::npos);
}

TEST_CASE("CLI: convert writes nothing when the input is bad", "[cli]") {
  TempDir dir;
  const auto bad = dir.write("t.csv", "source,target\n\"a,b\n");
  std::string out, err;
  REQUIRE(test::run_cli("convert " + quote(bad) + " -o " + quote(dir.path() / "x.graphml"), out, err) == 3);
  CHECK(err.find("unbalanced quote") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "x.graphml"));
}

TEST_CASE("CLI: analyze writes the folder, reproducibly, and the folder loads again", "[cli][analyze]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(test::run_cli("analyze " + quote(example) + " -o " + quote(dir.path() / "a") + " --quiet", out,
                        err) == 0);
  REQUIRE(test::run_cli("analyze " + quote(example) + " -o " + quote(dir.path() / "b") + " --quiet", out,
                        err) == 0);
  for (const char* file : {"stakeholders.csv", "metrics.json", "communities.csv", "communities.json",
                           "candidates.json", "candidates.md", "network/stakeholders.csv", "network/ties.csv",
                           "network/dataset.json", "network/network.gexf", "summary.json", "summary.md"}) {
    INFO(file);
    const std::string a = test::read_file(dir.path() / "a" / file);
    CHECK_FALSE(a.empty());
    CHECK(a == test::read_file(dir.path() / "b" / file));
  }
  // The normalised folder is itself a dataset with the same content.
  Diagnostics d1, d2;
  const Network original = test::load(example, d1);
  const Network again = test::load(dir.path() / "a" / "network", d2);
  // The vocabulary too (types, colours, labels): network/dataset.json writes it.
  REQUIRE(again.vocabulary.size() == original.vocabulary.size());
  for (std::size_t i = 0; i < original.vocabulary.size(); ++i) {
    CHECK(again.vocabulary[i].name == original.vocabulary[i].name);
    CHECK(again.vocabulary[i].colour == original.vocabulary[i].colour);
    CHECK(again.vocabulary[i].label == original.vocabulary[i].label);
  }
  test::require_same_network(original, again);
  // Only the output folder was created: no temporary folders left beside it.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path()))
    ++entries;
  CHECK(entries == 2);
}

TEST_CASE("CLI: analyze with bad input leaves an existing output folder untouched", "[cli][analyze]") {
  TempDir dir;
  const auto target = dir.path() / "out";
  std::filesystem::create_directories(target);
  dir.write("out/keep.txt", "previous run");
  const auto bad = dir.write("t.csv", "source,target,date\na,b,2013-13-01\n");
  std::string out, err;
  // --force: the folder holds a file clusterscope did not write; bad input still replaces nothing.
  REQUIRE(test::run_cli("analyze " + quote(bad) + " -o " + quote(target) + " --force", out, err) == 3);
  CHECK(err.find(":2:5: bad date '2013-13-01'") != std::string::npos);
  CHECK(test::read_file(target / "keep.txt") == "previous run");
}

TEST_CASE("CLI: usage errors exit 2", "[cli]") {
  std::string out, err;
  CHECK(test::run_cli("", out, err) == 2);
  CHECK(test::run_cli("frobnicate x", out, err) == 2);
  CHECK(err.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(test::run_cli("validate " + quote(example) + " --no-such-option", out, err) == 2);
  CHECK(test::run_cli("validate " + quote(example) + " --from 2013-02-30", out, err) == 2);
  CHECK(test::run_cli("convert " + quote(example) + " -o x.docx", out, err) == 2);
  CHECK(test::run_cli("validate", out, err) == 2);
}

TEST_CASE("CLI: an unwritable output exits 4", "[cli]") {
  std::string out, err;
  CHECK(test::run_cli("convert " + quote(example) + " -o /nonexistent-folder/x.graphml", out, err) == 4);
  CHECK(err.find("clusterscope: error:") != std::string::npos);
}

TEST_CASE("CLI: --strict turns warnings into exit 3", "[cli]") {
  TempDir dir;
  const auto loops = dir.write("t.csv", "source,target\na,a\na,b\n");
  std::string out, err;
  CHECK(test::run_cli("validate " + quote(loops), out, err) == 0);
  CHECK(err.find("warning:") != std::string::npos);
  CHECK(test::run_cli("validate --strict " + quote(loops), out, err) == 3);
}

TEST_CASE("CLI: --help and --version", "[cli]") {
  std::string out, err;
  CHECK(test::run_cli("--help", out, err) == 0);
  CHECK(out.find("validate") != std::string::npos);
  CHECK(test::run_cli("analyze --help", out, err) == 0);
  CHECK(out.find("--seed") != std::string::npos);
  // Man-page sections in every command's help: usage, what it does, options, exit status, examples.
  for (const char* command :
       {"validate", "convert", "metrics", "communities", "candidates", "render", "analyze"}) {
    INFO(command);
    REQUIRE(test::run_cli(std::string(command) + " --help", out, err) == 0);
    CHECK(out.rfind(std::string("usage: clusterscope ") + command, 0) == 0);
    CHECK(out.find("exit status:\n  0  success") != std::string::npos);
    CHECK(out.find("  3  input-data error") != std::string::npos);
    CHECK(out.find("examples:\n  clusterscope " + std::string(command)) != std::string::npos);
    CHECK(out.find("docs/CLI.md") != std::string::npos);
  }
  CHECK(test::run_cli("analyze --help", out, err) == 0);
  for (const char* option : {"--config", "--print-config", "--quiet", "--palette", "--runs", "--region"}) {
    INFO(option);
    CHECK(out.find(option) != std::string::npos);
  }
  CHECK(test::run_cli("--version", out, err) == 0);
  CHECK(out.rfind("clusterscope ", 0) == 0);
}

TEST_CASE("CLI: igraph's warnings reach the user, each once", "[cli][graph]") {
  // Eigenvector centrality of a directed acyclic network: igraph warns that every value is zero
  // (the warning was collected and then dropped before).
  TempDir dir;
  dir.write("ties.csv", "source,target\na,b\nb,c\nc,d\n");
  const auto manifest = dir.write("dataset.json", R"({"directed": true, "ties": {"file": "ties.csv"}})");
  std::string out, err;
  REQUIRE(test::run_cli("metrics " + quote(manifest.parent_path()) + " -o -", out, err) == 0);
  CHECK(err.find(
            "clusterscope: warning: igraph: graph is directed and acyclic; eigenvector centralities will be "
            "zeros") != std::string::npos);
  CHECK(test::run_cli("metrics " + quote(manifest.parent_path()) + " -o -", out, err) == 0);
  CHECK(std::count(err.begin(), err.end(), '\n') == 1);  // reported once per run, not accumulated
}
