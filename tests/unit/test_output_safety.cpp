// What clusterscope writes, and what it never touches (docs/CLI.md): -o onto a file, an unrelated
// folder, a folder holding the input, the input itself, a previous output, a trailing slash, the
// current folder; a dataset named with a path; --force; all-or-nothing writes under a file-size
// limit and on SIGINT; option values out of range.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "clusterscope/io/output_guard.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using clusterscope::test::quote;
using clusterscope::test::read_file;
using clusterscope::test::run_cli;
using clusterscope::test::TempDir;
namespace io = clusterscope::io;

namespace {

constexpr const char* kTies = "source,target\na,b\nb,c\nc,a\nc,d\nd,e\ne,f\nf,d\n";
constexpr const char* kFast = " --quiet --runs 3 --null-models 0";

/// Runs the binary in `cwd` through the shell; returns the exit status, fills `err`.
int run_in(const fs::path& cwd, const std::string& args, std::string& err) {
  TempDir logs;
  const std::string command = "cd " + quote(cwd) + " && '" CLUSTERSCOPE_BINARY "' " + args +
                              " >/dev/null 2>" + quote(logs.path() / "err");
  const int status = std::system(command.c_str());
  err = read_file(logs.path() / "err");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Names in `folder` that look like clusterscope's temporaries (".x.tmp-N", ".x.old-N").
std::vector<std::string> temporaries(const fs::path& folder) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp-") != std::string::npos || name.find(".old-") != std::string::npos)
      found.push_back(entry.path().string());
  }
  return found;
}

/// A small dataset folder with a manifest, so the input is a folder.
fs::path dataset(const TempDir& dir, const std::string& folder, const std::string& name = "small") {
  dir.write(folder + "/ties.csv", kTies);
  return dir
      .write(folder + "/dataset.json", "{\"name\": \"" + name + "\", \"ties\": [{\"file\": \"ties.csv\"}]}")
      .parent_path();
}

}  // namespace

TEST_CASE("Output safety: analyze -o onto an existing file refuses and keeps the file", "[cli][safety]") {
  TempDir dir;
  const auto input = dir.write("t.csv", kTies);
  const auto notes = dir.write("notes.txt", "my notes");
  std::string out, err;
  CHECK(run_cli("analyze " + quote(input) + " -o " + quote(notes) + kFast, out, err) == 4);
  CHECK(err.find("is not a folder") != std::string::npos);
  CHECK(read_file(notes) == "my notes");
  CHECK(fs::is_regular_file(notes));
  CHECK(temporaries(dir.path()).empty());
}

TEST_CASE("Output safety: analyze -o onto an unrelated folder refuses, --force replaces it",
          "[cli][safety]") {
  TempDir dir;
  const auto input = dir.write("t.csv", kTies);
  const auto keep = dir.write("folder/keep.txt", "keep me");
  std::string out, err;
  CHECK(run_cli("analyze " + quote(input) + " -o " + quote(dir.path() / "folder") + kFast, out, err) == 4);
  CHECK(err.find("'keep.txt', which clusterscope did not write") != std::string::npos);
  CHECK(err.find("--force") != std::string::npos);
  CHECK(read_file(keep) == "keep me");
  CHECK(run_cli("analyze " + quote(input) + " -o " + quote(dir.path() / "folder") + kFast + " --force", out,
                err) == 0);
  CHECK_FALSE(fs::exists(keep));
  CHECK(fs::exists(dir.path() / "folder" / "manifest.json"));
}

TEST_CASE("Output safety: a previous analyze output is replaced, and an empty folder is used",
          "[cli][safety]") {
  TempDir dir;
  const auto input = dir.write("t.csv", kTies);
  const auto target = dir.path() / "out";
  std::string out, err;
  REQUIRE(run_cli("analyze " + quote(input) + " -o " + quote(target) + kFast, out, err) == 0);
  REQUIRE(run_cli("analyze " + quote(input) + " -o " + quote(target) + kFast + " --seed 7", out, err) == 0);
  CHECK(read_file(target / "manifest.json").find("\"seed\": 7") != std::string::npos);
  // A file added to a previous output makes it no longer only clusterscope's.
  const auto added = target / "figures" / "my-edit.svg";
  std::ofstream(added) << "<svg/>";
  CHECK(run_cli("analyze " + quote(input) + " -o " + quote(target) + kFast, out, err) == 4);
  CHECK(err.find("figures/my-edit.svg") != std::string::npos);
  CHECK(fs::exists(added));
  fs::create_directory(dir.path() / "empty");
  CHECK(run_cli("analyze " + quote(input) + " -o " + quote(dir.path() / "empty") + kFast, out, err) == 0);
  CHECK(fs::exists(dir.path() / "empty" / "report.html"));
  CHECK(temporaries(dir.path()).empty());
}

TEST_CASE("Output safety: never into, over or above the input", "[cli][safety]") {
  TempDir dir;
  const fs::path data = dataset(dir, "t/data");
  const std::string before = read_file(data / "ties.csv");
  std::string out, err;
  // Above: the folder that holds the input.
  CHECK(run_cli("analyze " + quote(data) + " -o " + quote(dir.path() / "t") + kFast, out, err) == 4);
  CHECK(err.find("holds the input") != std::string::npos);
  // Over: the input itself, also when it is a previous output's network/ folder or with --force.
  CHECK(run_cli("analyze " + quote(data) + " -o " + quote(data) + kFast + " --force", out, err) == 4);
  CHECK(err.find("this is the input") != std::string::npos);
  // Into: a folder inside the input folder; also through its dataset.json.
  CHECK(run_cli("analyze " + quote(data) + " -o " + quote(data / "out") + kFast, out, err) == 4);
  CHECK(err.find("inside the input folder") != std::string::npos);
  CHECK(run_cli("analyze " + quote(data / "dataset.json") + " -o " + quote(data / "out") + kFast, out, err) ==
        4);
  // A previous output read as input (its network/ folder) cannot be replaced by its own run.
  REQUIRE(run_cli("analyze " + quote(data) + " -o " + quote(dir.path() / "prev") + kFast, out, err) == 0);
  CHECK(run_cli(
            "analyze " + quote(dir.path() / "prev" / "network") + " -o " + quote(dir.path() / "prev") + kFast,
            out, err) == 4);
  CHECK(fs::exists(dir.path() / "prev" / "network" / "ties.csv"));
  // Single-file commands: never over the input file or the node table.
  const auto ties = dir.write("e.csv", kTies);
  CHECK(run_cli("metrics " + quote(ties) + " -o " + quote(ties), out, err) == 4);
  CHECK(run_cli("convert " + quote(ties) + " -o " + quote(ties) + " --force", out, err) == 4);
  CHECK(read_file(ties) == kTies);
  CHECK(read_file(data / "ties.csv") == before);
  CHECK_FALSE(fs::exists(data / "out"));
}

TEST_CASE("Output safety: -o DIR/ is the folder DIR, and a failure leaves no empty folder", "[cli][safety]") {
  TempDir dir;
  const auto input = dir.write("t.csv", kTies);
  std::string out, err;
  CHECK(run_cli("analyze " + quote(input) + " -o " + quote(dir.path() / "newdir") + "/" + kFast, out, err) ==
        0);
  CHECK(fs::exists(dir.path() / "newdir" / "report.pdf"));
  const auto bad = dir.write("bad.csv", "source,target\na,\n");
  CHECK(run_cli("analyze " + quote(bad) + " -o " + quote(dir.path() / "a" / "b") + "/" + kFast, out, err) ==
        3);
  CHECK_FALSE(fs::exists(dir.path() / "a"));
  // A file output given as a folder is a usage error.
  CHECK(run_cli("metrics " + quote(input) + " -o " + quote(dir.path() / "m") + "/", out, err) == 2);
}

TEST_CASE("Output safety: -o . writes into the current folder only when it is empty or a previous output",
          "[cli][safety]") {
  TempDir dir;
  const auto input = dir.write("t.csv", kTies);
  fs::create_directory(dir.path() / "here");
  std::string err;
  CHECK(run_in(dir.path() / "here", "analyze " + quote(input) + " -o ." + kFast, err) == 0);
  CHECK(fs::exists(dir.path() / "here" / "report.html"));
  CHECK(run_in(dir.path() / "here", "analyze " + quote(input) + " -o . --seed 3" + kFast, err) == 0);
  CHECK(read_file(dir.path() / "here" / "manifest.json").find("\"seed\": 3") != std::string::npos);
  CHECK(temporaries(dir.path()).empty());
  dir.write("there/mine.txt", "mine");
  CHECK(run_in(dir.path() / "there", "analyze " + quote(input) + " -o ." + kFast, err) == 4);
  CHECK(read_file(dir.path() / "there" / "mine.txt") == "mine");
}

TEST_CASE("Output safety: a dataset named with a path writes only output/<one safe name>", "[cli][safety]") {
  TempDir dir;
  const auto victim = dir.write("victim/keep.txt", "keep");
  for (const std::string& name :
       {std::string("../../victim"), (dir.path() / "victim").string(), std::string("..")}) {
    const fs::path data = dataset(dir, "data", name);
    fs::create_directories(dir.path() / "work" / "sub");
    std::string err;
    CHECK(run_in(dir.path() / "work" / "sub", "analyze " + quote(data) + kFast, err) == 0);
    CHECK(read_file(victim) == "keep");
    std::size_t folders = 0;
    for (const auto& entry : fs::directory_iterator(dir.path() / "work" / "sub" / "output")) {
      ++folders;
      CHECK(fs::exists(entry.path() / "manifest.json"));
    }
    CHECK(folders == 1);
    fs::remove_all(dir.path() / "work");
  }
  CHECK(io::safe_component("../../x") == "_.._x");
  CHECK(io::safe_component("/some/folder") == "_some_folder");
  CHECK(io::safe_component("..") == "dataset");
  CHECK(io::safe_component("") == "dataset");
  CHECK(io::safe_component(".hidden") == "hidden");
  CHECK(io::safe_component("Toruń\tBydgoszcz") == "Toruń_Bydgoszcz");
  CHECK(io::safe_component(std::string(300, 'a')).size() == 100);
  CHECK(io::safe_component(std::string(99, 'a') + "ń").size() == 99);  // whole UTF-8 sequences only
}

TEST_CASE("Output safety: single files are replaced only when clusterscope wrote them", "[cli][safety]") {
  TempDir dir;
  const auto input = dir.write("t.csv", kTies);
  std::string out, err;
  for (const std::string name :
       {"m.csv", "m.json", "n.graphml", "n.gexf", "n.gml", "n.net", "n.json", "f.svg", "f.pdf", "f.png"}) {
    INFO(name);
    const fs::path target = dir.path() / name;
    const std::string ext = target.extension().string();
    const bool figure = ext == ".svg" || ext == ".pdf" || ext == ".png";
    const std::string command = name[0] == 'm' ? "metrics" : figure ? "render" : "convert";
    const std::string args = command + " " + quote(input) + " -o " + quote(target);
    REQUIRE(run_cli(args, out, err) == 0);
    CHECK(run_cli(args, out, err) == 0);  // its own previous output
    dir.write(name, "someone else's file\n");
    CHECK(run_cli(args, out, err) == 4);
    CHECK(err.find("not a file clusterscope wrote") != std::string::npos);
    CHECK(read_file(target) == "someone else's file\n");
    CHECK(run_cli(args + " --force", out, err) == 0);
    CHECK(read_file(target) != "someone else's file\n");
  }
  // A folder where a file is expected.
  fs::create_directory(dir.path() / "folder.csv");
  CHECK(run_cli("metrics " + quote(input) + " -o " + quote(dir.path() / "folder.csv"), out, err) == 4);
  // candidates -o DIR keeps the other files of DIR and replaces only its own two.
  const auto other = dir.write("cand/other.txt", "other");
  REQUIRE(run_cli("candidates " + quote(input) + " -o " + quote(dir.path() / "cand") + " --runs 3", out,
                  err) == 0);
  REQUIRE(run_cli("candidates " + quote(input) + " -o " + quote(dir.path() / "cand") + " --runs 3", out,
                  err) == 0);
  CHECK(read_file(other) == "other");
  dir.write("cand/candidates.md", "my own notes\n");
  CHECK(run_cli("candidates " + quote(input) + " -o " + quote(dir.path() / "cand") + " --runs 3", out, err) ==
        4);
  CHECK(read_file(dir.path() / "cand" / "candidates.md") == "my own notes\n");
  CHECK(temporaries(dir.path()).empty());
}

TEST_CASE("Output safety: a file-size limit ends in exit 4 with nothing left, not a signal death",
          "[cli][safety]") {
  TempDir dir;
  std::string ties = "source,target,weight\n";
  for (int i = 0; i < 3000; ++i)
    ties += "n" + std::to_string(i) + ",n" + std::to_string(i + 1) + ",1\n";
  const auto input = dir.write("t.csv", ties);
  int status = 0;
  // 16 KiB: the node table fits, the edge list does not.
  const std::string log =
      clusterscope::test::shell("bash -c \"ulimit -f 16; '" CLUSTERSCOPE_BINARY "' convert " + quote(input) +
                                    " -o " + quote(dir.path() / "x.csv") + "; echo status \\$?\"",
                                "bash", &status);
  INFO(log);
  CHECK(log.find("status 4") != std::string::npos);
  CHECK(log.find("file-size limit") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "x.csv"));
  CHECK_FALSE(fs::exists(dir.path() / "x.nodes.csv"));
  CHECK(temporaries(dir.path()).empty());
}

TEST_CASE("Output safety: SIGINT during the write stage leaves no temporary folder", "[cli][safety]") {
  TempDir dir;
  // Wait for the line that ends the report stage, then interrupt the write stage.
  // set -m: without job control, bash starts background jobs with SIGINT ignored.
  const std::string script =
      "set -m; '" CLUSTERSCOPE_BINARY "' analyze " + quote(clusterscope::test::example_dataset()) + " -o " +
      quote(dir.path() / "out") + " --runs 3 --null-models 0 2>" + quote(dir.path() / "log") +
      " & pid=$!; for i in $(seq 1 600); do grep -q '\\[8/9\\]' " + quote(dir.path() / "log") +
      " && break; sleep 0.05; done; sleep 0.1; kill -INT $pid; wait $pid; echo status $?";
  TempDir scripts;
  const auto file = scripts.write("run.sh", script + "\n");
  int status = 0;
  const std::string log = clusterscope::test::shell("bash " + quote(file), "bash", &status);
  INFO(log << read_file(dir.path() / "log"));
  // The write stage takes seconds (figures in three formats): the signal arrives during it.
  CHECK(log.find("status 130") != std::string::npos);
  CHECK(temporaries(dir.path()).empty());
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("Option values: negative and absurd numbers are usage errors naming the option and its range",
          "[cli][safety]") {
  TempDir dir;
  const auto input = dir.write("t.csv", kTies);
  std::string out, err;
  for (const std::string bad :
       {"--permutations -1", "--threads -1", "--samples -1", "--seed -1", "--threads 20000", "--samples 1e3",
        "--permutations 2.5", "--seed 18446744073709551616", "--threads ''"}) {
    INFO(bad);
    CHECK(run_cli("metrics " + quote(input) + " " + bad, out, err) == 2);
    CHECK(err.find("--" + bad.substr(2, bad.find(' ') - 2) + " '") != std::string::npos);
    CHECK(err.find("expected an integer from 0 to") != std::string::npos);
  }
  CHECK(run_cli("render " + quote(input) + " -o " + quote(dir.path() / "f.svg") + " --labels -1", out, err) ==
        2);
  CHECK(err.find("--labels '-1': expected an integer from 0 to 10000") != std::string::npos);
  CHECK(run_cli("communities " + quote(input) + " --runs -3", out, err) == 2);
  CHECK(run_cli("render " + quote(input) + " -o " + quote(dir.path() / "f.png") + " --dpi 5", out, err) == 2);
  CHECK(err.find("--dpi '5': expected a number from 10 to 2400") != std::string::npos);
  CHECK(run_cli("metrics " + quote(input) + " --seed 18446744073709551615 --permutations 0", out, err) == 0);
  // The same check in a config file, at the value's line and column.
  const auto config = dir.write("run.json", "{\n  \"measures\": {\n    \"permutations\": -1\n  }\n}\n");
  CHECK(run_cli("analyze " + quote(input) + " --config " + quote(config) + " -o " + quote(dir.path() / "o"),
                out, err) == 2);
  CHECK(
      err.find("run.json:3:21: measures.permutations: --permutations '-1': expected an integer from 0 to") !=
      std::string::npos);
  const auto seed = dir.write("seed.json", "{\"seed\": -5}");
  CHECK(run_cli("analyze " + quote(input) + " --config " + quote(seed) + " -o " + quote(dir.path() / "o"),
                out, err) == 2);
  CHECK(err.find("seed.json:1:10: seed: --seed '-5'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "o"));
}
