// The report content model and its annex tables (pipeline/report.hpp).

#include <catch2/catch.hpp>

#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/scene.hpp"
#include "support.hpp"

using namespace clusterscope;

TEST_CASE("annex tables: one CSV and one Markdown file per report table, in report order", "[report]") {
  render::FixedMeasure measure;
  const auto sample = test::sample_report(measure);
  const auto files = pipeline::annex_tables(sample->report);
  REQUIRE(files.size() == 2);
  CHECK(files[0].first == "tables/key-actors.csv");
  CHECK(files[1].first == "tables/key-actors.md");
  CHECK(files[0].second ==
        "rank,stakeholder,type,degree,betweenness\n"
        "1,Uniwersytet Mikołaja Kopernika,university,12,0.41\n"
        "2,Zakład | Mechaniczny *Łódź*,enterprise,9,0.22\n"
        "3,\"Gmina Grabnik <&> \"\"Wisła\"\"\",government,2,0\n");
  CHECK(files[1].second ==
        "# The stakeholders with the most partners\n\n"
        "| rank | stakeholder | type | degree | betweenness |\n"
        "| ---: | --- | --- | ---: | ---: |\n"
        "| 1 | Uniwersytet Mikołaja Kopernika | university | 12 | 0.41 |\n"
        "| 2 | Zakład \\| Mechaniczny \\*Łódź\\* | enterprise | 9 | 0.22 |\n"
        "| 3 | Gmina Grabnik \\<&\\> \"Wisła\" | government | 2 | 0 |\n");
}

TEST_CASE("a report table with a ragged row is refused", "[report]") {
  pipeline::ReportTable t;
  t.name = "x";
  t.header = {"a", "b"};
  t.rows = {{"1"}};
  CHECK_THROWS_AS(pipeline::table_block(t), std::invalid_argument);
  t.rows = {{"1", "2"}};
  t.numeric = {true};
  CHECK_THROWS_AS(pipeline::table_block(t), std::invalid_argument);
}
