// analyze's folder write is all or nothing (io::write_checked_folder): a failure at any rename —
// injected through its rename step — leaves the previous output exactly as it was, with no
// temporary or set-aside folder next to it; also when the target is the current folder (-o .).
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <system_error>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
namespace io = clusterscope::io;
using clusterscope::test::read_file;
using clusterscope::test::TempDir;

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

/// A folder's regular files (relative path → content) and hidden entries, to compare before/after.
std::map<std::string, std::string> contents(const fs::path& folder) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file())
      out[entry.path().lexically_relative(folder).generic_string()] = read_file(entry.path());
  return out;
}

/// Entries of `folder` (not recursive) whose names clusterscope gives its temporaries.
std::vector<std::string> leftovers(const fs::path& folder) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp-") != std::string::npos || name.find(".old-") != std::string::npos)
      out.push_back(name);
  }
  return out;
}

/// An analyze-like output: a manifest that lists every file, so check_output() accepts it as ours.
Files output(const std::string& tag) {
  return {{"report.md", "report " + tag + "\n"},
          {"tables/a.csv", "x\n" + tag + "\n"},
          {"manifest.json",
           "{\"clusterscope\": \"0\", \"command\": \"analyze\", \"outputs\": [{\"file\": \"report.md\"}, "
           "{\"file\": \"tables/a.csv\"}]}\n"}};
}

/// A rename step that performs the renames but fails the `failing`-th one (1-based).
io::RenameStep failing_rename(int failing, int& calls) {
  return [failing, &calls](const fs::path& from, const fs::path& to) {
    if (++calls == failing)
      throw fs::filesystem_error("injected", from, to, std::make_error_code(std::errc::io_error));
    fs::rename(from, to);
  };
}

io::OutputRequest folder_request(const fs::path& target) {
  io::OutputRequest request;
  request.target = target;
  request.kind = io::OutputKind::folder;
  return request;
}

/// Restores the current folder when the test ends.
struct InFolder {
  explicit InFolder(const fs::path& folder) : previous(fs::current_path()) { fs::current_path(folder); }
  ~InFolder() { fs::current_path(previous); }
  InFolder(const InFolder&) = delete;
  InFolder& operator=(const InFolder&) = delete;
  fs::path previous;
};

}  // namespace

TEST_CASE("Folder write: a failed rename keeps the previous output intact", "[io][safety]") {
  TempDir dir;
  const fs::path target = dir.path() / "out";
  io::write_checked_folder(folder_request(target), output("old"));
  const auto before = contents(target);
  REQUIRE(before.at("report.md") == "report old\n");
  // 1: the previous output renamed aside; 2: the new folder renamed into place.
  for (const int failing : {1, 2}) {
    INFO("failing rename " << failing);
    int calls = 0;
    CHECK_THROWS_AS(
        io::write_checked_folder(folder_request(target), output("new"), {}, failing_rename(failing, calls)),
        clusterscope::OutputError);
    CHECK(calls == failing);
    CHECK(contents(target) == before);
    CHECK(leftovers(dir.path()).empty());
  }
  // Without a failure the new output replaces the old one, and nothing is left aside.
  int calls = 0;
  io::write_checked_folder(folder_request(target), output("new"), {}, failing_rename(0, calls));
  CHECK(calls == 2);
  CHECK(contents(target).at("report.md") == "report new\n");
  CHECK(leftovers(dir.path()).empty());
}

TEST_CASE("Folder write: a failure while the rest is written keeps the previous output", "[io][safety]") {
  TempDir dir;
  const fs::path target = dir.path() / "out";
  io::write_checked_folder(folder_request(target), output("old"));
  const auto before = contents(target);
  CHECK_THROWS_AS(
      io::write_checked_folder(folder_request(target), output("new"),
                               [](const fs::path&) { throw std::runtime_error("drawing failed"); }),
      std::runtime_error);
  CHECK(contents(target) == before);
  CHECK(leftovers(dir.path()).empty());
}

TEST_CASE("Folder write: a new folder whose rename fails leaves nothing, not even its parents",
          "[io][safety]") {
  TempDir dir;
  int calls = 0;
  CHECK_THROWS_AS(io::write_checked_folder(folder_request(dir.path() / "a" / "b"), output("new"), {},
                                           failing_rename(1, calls)),
                  clusterscope::OutputError);
  CHECK_FALSE(fs::exists(dir.path() / "a"));
  CHECK(leftovers(dir.path()).empty());
}

TEST_CASE("Folder write: in the current folder a failed move undoes every move before it", "[io][safety]") {
  TempDir dir;
  const fs::path here = dir.path() / "here";
  fs::create_directory(here);
  const InFolder in(here);
  io::write_checked_folder(folder_request("."), output("old"));
  const auto before = contents(here);
  REQUIRE(before.size() == 3);
  // The old output's 3 entries (manifest.json, report.md, tables) are moved aside, then the new
  // ones moved in: fail each of those six moves in turn.
  for (int failing = 1; failing <= 6; ++failing) {
    INFO("failing move " << failing);
    int calls = 0;
    CHECK_THROWS_AS(
        io::write_checked_folder(folder_request("."), output("new"), {}, failing_rename(failing, calls)),
        clusterscope::OutputError);
    CHECK(contents(here) == before);
    CHECK(leftovers(here).empty());
  }
  int calls = 0;
  io::write_checked_folder(folder_request("."), output("new"), {}, failing_rename(0, calls));
  CHECK(calls == 6);
  CHECK(contents(here).at("report.md") == "report new\n");
  CHECK(leftovers(here).empty());
}
