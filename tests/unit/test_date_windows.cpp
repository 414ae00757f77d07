// Date windows are inclusive at the precision written: --to 2014 keeps ties through 2014-12-31,
// --to 2014-06 through June 30, and a tie dated only by its year overlaps every window that meets
// that year. An inverted window is a usage error, a window that empties the network an error
// naming the filter (a warning for validate).
//
// Expected counts by hand from the table below (tie: its first day – its last day):
//   a-b 2012-03-05            b-c 2012-12-31            c-d 2013-01-01
//   d-e 2014-06-30            e-f 2014-07-01            f-g 2014 (2014-01-01 – 2014-12-31)
//   g-h 2010 – 2011-06 (2010-01-01 – 2011-06-30)        h-a undated
//   --from 2012 --to 2012      : a-b, b-c, h-a (undated kept)                 = 3
//   --from 2014 --to 2014-06   : d-e, f-g, h-a                                = 3
//   --from 2011-06 --to 2011-06: g-h, h-a                                     = 2
//   --to 2012-12-30            : a-b, g-h, h-a                                = 3
//   --from 2014-07-01          : e-f, f-g, h-a                                = 3

#include <catch2/catch.hpp>

#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::quote;
using clusterscope::test::TempDir;

namespace {

const char* const kTies =
    "source,target,start,end\n"
    "a,b,2012-03-05,\n"
    "b,c,2012-12-31,\n"
    "c,d,2013-01-01,\n"
    "d,e,2014-06-30,\n"
    "e,f,2014-07-01,\n"
    "f,g,2014,\n"
    "g,h,2010,2011-06\n"
    "h,a,,\n";

std::size_t ties_kept(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  io::LoadOptions options;
  if (!from.empty()) options.filters.from = *parse_iso_date(from);
  if (!to.empty()) options.filters.to = *parse_iso_date(to);
  Diagnostics d;
  return io::load_network(file, options, d).ties.size();
}

}  // namespace

TEST_CASE("Date precision: first and last day a date covers", "[dates]") {
  CHECK(parse_iso_date("2014")->last_day().to_string() == "2014-12-31");
  CHECK(parse_iso_date("2014")->first_day().to_string() == "2014-01-01");
  CHECK(parse_iso_date("2014-06")->last_day().to_string() == "2014-06-30");
  CHECK(parse_iso_date("2016-02")->last_day().to_string() == "2016-02-29");
  CHECK(parse_iso_date("2015-02")->last_day().to_string() == "2015-02-28");
  CHECK(parse_iso_date("2015-02-14")->last_day().to_string() == "2015-02-14");
  CHECK(Date{}.last_day().empty());
}

TEST_CASE("Date windows are inclusive at the granularity written", "[dates][filters]") {
  TempDir dir;
  const auto file = dir.write("ties.csv", kTies);
  CHECK(ties_kept(file, "2012", "2012") == 3);
  CHECK(ties_kept(file, "2014", "2014-06") == 3);
  CHECK(ties_kept(file, "2011-06", "2011-06") == 2);
  CHECK(ties_kept(file, "", "2012-12-30") == 3);
  CHECK(ties_kept(file, "2014-07-01", "") == 3);
  CHECK(ties_kept(file, "2012", "2014") == 7);
}

TEST_CASE("An inverted date window is a usage error", "[dates][filters][cli]") {
  TempDir dir;
  const auto file = dir.write("ties.csv", kTies);
  std::string out, err;
  CHECK(test::run_cli("validate " + quote(file) + " --from 2015 --to 2014", out, err) == 2);
  CHECK(err.find("--from 2015 --to 2014: the date window is inverted") != std::string::npos);
  // The same day on both sides is a one-day window, not inverted.
  CHECK(test::run_cli("validate " + quote(file) + " --from 2012-12-31 --to 2012-12-31", out, err) == 0);
  CHECK(out.find(" 2 ties") != std::string::npos);
  // In a manifest it is an input error at the filter's position.
  dir.write("ties.nodes.csv", "id\na\nb\nc\nd\ne\nf\ng\nh\n");
  const auto manifest = dir.write("dataset.json",
                                  "{\n  \"name\": \"w\",\n  \"ties\": [{\"file\": \"ties.csv\"}],\n"
                                  "  \"filters\": {\"from\": \"2016\", \"to\": \"2015-12\"}\n}\n");
  CHECK(test::run_cli("validate " + quote(manifest), out, err) == 3);
  CHECK(err.find("dataset.json:4:") != std::string::npos);
  CHECK(err.find("the date window is inverted") != std::string::npos);
}

TEST_CASE("A filter that leaves no tie is an error for analyze and a warning for validate",
          "[dates][filters][cli]") {
  TempDir dir;
  const auto file = dir.write("ties.csv",
                              "source,target,date\n"
                              "a,b,2014-03-05\n"
                              "b,c,2020-12\n");
  std::string out, err;
  TempDir results;
  const auto report = results.path() / "report";
  CHECK(test::run_cli("analyze " + quote(file) + " --from 2016 --to 2019 -o " + quote(report), out, err) ==
        3);
  CHECK(err.find("the date window (2016-01-01 to 2019-12-31) keeps none of the 2 dated ties, which run from "
                 "2014-03-05 to 2020-12-31") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(report));

  CHECK(test::run_cli("validate " + quote(file) + " --from 2016 --to 2019", out, err) == 0);
  CHECK(err.find("warning: the date window (2016-01-01 to 2019-12-31) keeps none") != std::string::npos);
  CHECK(out.find("0 ties") != std::string::npos);
  CHECK(out.find("1 warning\n") != std::string::npos);
  CHECK(test::run_cli("validate " + quote(file) + " --from 2016 --to 2019 --strict", out, err) == 3);

  CHECK(test::run_cli("metrics " + quote(file) + " --kind visit", out, err) == 3);
  CHECK(err.find("the kind filter ('visit') keeps none of the 2 ties") != std::string::npos);

  // A window that keeps something is no warning at all.
  CHECK(test::run_cli("validate " + quote(file) + " --from 2020 --to 2020", out, err) == 0);
  CHECK(out.find("1 ties") != std::string::npos);
  CHECK(out.find("0 warnings") != std::string::npos);
}
