// Resource limits and hostile-input details (docs/DATA_FORMATS.md, "Limits"): projected ties,
// decompressed size, declared sizes, non-regular files, lone-CR line ends, time linear in the
// number of columns, duplicate JSON keys, XML ids that would collide, and CSV tables meant for
// people guarded against formula injection.

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

TEST_CASE("An activity of 20,000 participants stops at the projected-tie limit, at its first row",
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
  const Network skipped = test::load(
      one_activity(dir, 60,
                   ", \"max_ties\": 10, \"large_activity\": {\"threshold\": 50, \"rule\": \"skip\"}"),
      ok);
  CHECK(skipped.ties.empty());
  const Diagnostics bad = test::load_failing(one_activity(dir, 3, ", \"max_ties\": -1"));
  CHECK(test::has_error(bad, 2, 56, "expected a whole number of ties"));
}

TEST_CASE("Large activities are projected in time linear in their rows", "[limits][manifest]") {
  // 2,000 participants of which every one is listed twice: the repeat check is a hash, not a
  // scan of the members so far.
  TempDir dir;
  std::string rows = "stakeholder,activity\n";
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < 2000; ++i)
      rows += "s" + std::to_string(i) + ",P1\n";
  dir.write("activities.csv", rows);
  const auto manifest = dir.write(
      "dataset.json", R"({"activities": {"file": "activities.csv", "large_activity": {"rule": "skip"}}})");
  Diagnostics d;
  const Network n = test::load(manifest, d);
  CHECK(n.ties.empty());
  CHECK_THAT(test::dump(d), Contains("2000 repeated participations"));
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
