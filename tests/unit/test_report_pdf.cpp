// report.pdf (pipeline/report_pdf.cpp) and the render support it needs: several scenes as the pages
// of one PDF (encode_pdf_pages) and a figure placed, scaled, inside a page (embed). The PDF is read
// back with poppler's pdfinfo and pdftotext, which the tests require (apt-get install -y
// poppler-utils).

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/scene.hpp"
#include "support.hpp"

using namespace clusterscope;

namespace {

/// Runs `command` through the shell and returns its standard output; fails the test when the
/// poppler tool it starts with is missing or the command fails.
std::string run(const std::string& command) {
  const std::string tool = command.substr(0, command.find(' '));
  if (std::system(("command -v " + tool + " > /dev/null 2>&1").c_str()) != 0)
    FAIL(tool << " not found: the report-pdf tests need poppler: apt-get install -y poppler-utils");
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;)
    out.append(buffer, n);
  const int status = pclose(pipe.release());
  INFO(command << "\n" << out);
  REQUIRE(status == 0);
  return out;
}

/// The "Key: value" lines of `pdfinfo`.
std::map<std::string, std::string> pdfinfo(const std::filesystem::path& pdf,
                                           const std::string& options = {}) {
  std::map<std::string, std::string> info;
  std::istringstream lines(run("pdfinfo " + options + " " + test::quote(pdf)));
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const auto value = line.find_first_not_of(' ', colon + 1);
    info[line.substr(0, colon)] = value == std::string::npos ? "" : line.substr(value);
  }
  return info;
}

int page_count(const std::filesystem::path& pdf) {
  return std::stoi(pdfinfo(pdf).at("Pages"));
}

/// The text of page `page` (1-based; 0: every page), laid out as on the page.
std::string page_text(const std::filesystem::path& pdf, int page = 0) {
  const std::string range = page == 0 ? "" : " -f " + std::to_string(page) + " -l " + std::to_string(page);
  return run("pdftotext -layout" + range + " " + test::quote(pdf) + " -");
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

/// Checks that every word pdftotext finds lies inside the 56 pt margins of an A4 page; returns how
/// many words there are.
std::size_t words_inside_margins(const std::filesystem::path& pdf) {
  const std::string html = run("pdftotext -bbox " + test::quote(pdf) + " -");
  const std::regex word(
      R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  std::size_t words = 0;
  // Poppler's boxes use the font's ascent and descent, a little taller than Pango's logical box.
  constexpr double margin = 56, slack = 2;
  for (std::sregex_iterator it(html.begin(), html.end(), word), end; it != end; ++it, ++words) {
    INFO("word '" << (*it)[5] << "'");
    CHECK(std::stod((*it)[1]) >= margin - slack);
    CHECK(std::stod((*it)[2]) >= margin - slack);
    CHECK(std::stod((*it)[3]) <= 595.28 - margin + slack);
    CHECK(std::stod((*it)[4]) <= 841.89 - margin + slack);
  }
  return words;
}

/// With CLUSTERSCOPE_KEEP_REPORT=<folder>, a copy of `pdf` there as `name`, to look at the pages
/// (pdftoppm -r 50 -png <folder>/<name> page).
void keep_for_viewing(const std::filesystem::path& pdf, const std::string& name) {
  if (const char* keep = std::getenv("CLUSTERSCOPE_KEEP_REPORT"))
    std::filesystem::copy_file(pdf, std::filesystem::path(keep) / name,
                               std::filesystem::copy_options::overwrite_existing);
}

/// A report of one section holding a table of `rows` rows ("row 1" … "row <rows>").
pipeline::Report long_table_report(int rows) {
  pipeline::Report r;
  r.title = "long-table: cluster-network analysis";
  r.meta = "clusterscope test";
  pipeline::ReportTable t;
  t.name = "all-stakeholders";
  t.caption = "Every stakeholder";
  t.header = {"rank", "stakeholder", "degree"};
  t.numeric = {true, false, true};
  for (int i = 1; i <= rows; ++i)
    t.rows.push_back({std::to_string(i), "row " + std::to_string(i), std::to_string(1000 - i)});
  std::string long_name = "Przedsiębiorstwo";
  for (int i = 0; i < 40; ++i)
    long_name += " Wielobranżowe";
  t.rows.push_back({std::to_string(rows + 1), long_name, "1"});
  pipeline::ReportSection s{"actors", "All stakeholders", {}};
  s.blocks.push_back(pipeline::table_block(t));
  r.sections.push_back(std::move(s));
  return r;
}

}  // namespace

TEST_CASE("embed scales a figure uniformly into a box, centred, keeping its aspect ratio",
          "[render][report-pdf]") {
  render::FixedMeasure measure;
  render::Scene figure;
  figure.width = 200;
  figure.height = 100;
  figure.background = "#fafafa";
  render::Circle c;
  c.cx = 100;
  c.cy = 50;
  c.r = 10;
  c.stroke = "#000000";
  c.stroke_width = 2;
  figure.group("nodes").items.push_back(c);
  render::Line l;
  l.points = {{0, 0}, {200, 100}};
  l.width = 4;
  figure.group("edges").items.push_back(l);
  figure.group("labels").items.push_back(render::make_text(measure, "Toruń", 20, 10, 10));

  render::Scene page;
  page.width = 300;
  page.height = 300;
  page.group("content");
  // Into a 100 × 100 box at (10, 20): scale 0.5, the 100 × 50 result centred vertically (top 45).
  render::embed(figure, {10, 20, 100, 100}, page);
  REQUIRE(page.groups.size() == 5);
  CHECK(page.groups[0].name == "content");
  CHECK(page.groups[1].name == "figure/background");
  CHECK(page.groups[2].name == "figure/nodes");
  CHECK(page.groups[4].name == "figure/labels");

  const auto& background = std::get<render::Rect>(page.groups[1].items.at(0));
  CHECK(background.fill == "#fafafa");
  CHECK(background.box.x == Approx(10));
  CHECK(background.box.y == Approx(45));
  CHECK(background.box.width == Approx(100));
  CHECK(background.box.height == Approx(50));

  const auto& circle = std::get<render::Circle>(page.groups[2].items.at(0));
  CHECK(circle.cx == Approx(60));
  CHECK(circle.cy == Approx(70));
  CHECK(circle.r == Approx(5));
  CHECK(circle.stroke_width == Approx(1));

  const auto& line = std::get<render::Line>(page.groups[3].items.at(0));
  CHECK(line.points[1].x == Approx(110));
  CHECK(line.points[1].y == Approx(95));
  CHECK(line.width == Approx(2));

  const auto& text = std::get<render::Text>(page.groups[4].items.at(0));
  const auto& original = std::get<render::Text>(figure.groups[2].items.at(0));
  CHECK(text.text == "Toruń");
  CHECK(text.x == Approx(20));
  CHECK(text.y == Approx(50));
  CHECK(text.size == Approx(5));
  CHECK(text.box.x == Approx(10 + original.box.x / 2));
  CHECK(text.box.y == Approx(45 + original.box.y / 2));
  CHECK(text.box.width == Approx(original.box.width / 2));
  CHECK(text.box.height == Approx(original.box.height / 2));
  // What a page-sized text measure gives for the scaled size is what the box says.
  CHECK(text.box.width == Approx(measure.measure("Toruń", 5, false).width));
}

TEST_CASE("encode_pdf_pages: one page per scene at its own size, reproducible bytes",
          "[render][report-pdf]") {
  render::PangoMeasure measure;
  std::vector<render::Scene> pages(2);
  pages[0].title = "Two pages <&> Wisła";
  pages[0].width = 300;
  pages[0].height = 200;
  pages[0].group("text").items.push_back(render::make_text(measure, "first Łódź", 20, 20, 12));
  pages[1].width = 200;
  pages[1].height = 400;
  pages[1].group("text").items.push_back(render::make_text(measure, "second Örebro", 20, 20, 12));
  const std::string bytes = render::encode_pdf_pages(pages);
  CHECK(bytes == render::encode_pdf_pages(pages));
  test::TempDir dir;
  const auto pdf = dir.write("pages.pdf", bytes);
  auto info = pdfinfo(pdf, "-f 1 -l 2");
  CHECK(info.at("Pages") == "2");
  CHECK(info.at("Creator") == "clusterscope");
  CHECK(info.at("Title") == "Two pages <&> Wisła");
  CHECK(info.count("CreationDate") == 0);
  CHECK(info.at("Page    1 size").find("300 x 200 pts") == 0);
  CHECK(info.at("Page    2 size").find("200 x 400 pts") == 0);
  CHECK(page_text(pdf, 1).find("first Łódź") != std::string::npos);
  CHECK(page_text(pdf, 2).find("second Örebro") != std::string::npos);

  // encode's PDF goes through the same writer: still one page, same metadata.
  const auto single = dir.write("one.pdf", render::encode(pages[0], ".pdf"));
  info = pdfinfo(single);
  CHECK(info.at("Pages") == "1");
  CHECK(info.at("Creator") == "clusterscope");
  CHECK(info.count("CreationDate") == 0);

  CHECK_THROWS_AS(render::encode_pdf_pages({}), OutputError);
  pages[1].width = 0;
  CHECK_THROWS_AS(render::encode_pdf_pages(pages), OutputError);
}

TEST_CASE("report.pdf: A4 pages, a title page with contents, every section from a new page", "[report-pdf]") {
  render::PangoMeasure measure;
  const auto sample = test::sample_report(measure);
  const std::string bytes = pipeline::report_pdf(sample->report);
  CHECK(bytes == pipeline::report_pdf(sample->report));  // reproducible bytes
  test::TempDir dir;
  const auto pdf = dir.write("report.pdf", bytes);
  keep_for_viewing(pdf, "report.pdf");

  const auto info = pdfinfo(pdf);
  CHECK(info.at("Page size").find("595.28 x 841.89 pts (A4)") == 0);
  CHECK(info.at("Title") == "sample-region: cluster-network analysis");
  CHECK(info.at("Creator") == "clusterscope");
  CHECK(info.count("CreationDate") == 0);
  // The title page, one page per section (5), the candidates' page_break (+1) and the actors'
  // second figure, which does not fit below the table and the first one at the text width (+1).
  CHECK(page_count(pdf) == 8);

  const std::string all = page_text(pdf);
  for (const auto& section : sample->report.sections)
    CHECK(occurrences(all, section.title) >= 2);  // in the contents and as the section's heading
  for (const char* needle :
       {"Dolina Wisły <functional area> & partners", "Gmina Grabnik <&> \"Wisła\"",
        "Zakład | Mechaniczny *Łódź*", "Uniwersytet Mikołaja Kopernika", "Örebro Precision",
        "ties < 2 years old & \"recent\" are counted", "no public partner (no local or regional government)",
        "From Louvain to Leiden", "A faster algorithm for betweenness centrality",
        "Degree of the four best connected.", "4,844", "stakeholders", "2. logistics (emerging, score 0.61)",
        "clusterscope test · seed 42"})
    CHECK(all.find(needle) != std::string::npos);

  // The contents give each section's page: that page starts with the section's title, and the
  // section title is on no earlier page.
  const std::string title_page = page_text(pdf, 1);
  CHECK(title_page.find("sample-region: cluster-network") != std::string::npos);  // 26 pt: two lines
  CHECK(!std::regex_search(title_page, std::regex(R"(1 ?/ ?8)")));  // no footer on the title page
  for (const auto& section : sample->report.sections) {
    std::smatch m;
    const std::regex entry(section.title + R"( +(\d+))");
    REQUIRE(std::regex_search(title_page, m, entry));
    const int page = std::stoi(m[1]);
    INFO(section.title << " on page " << page);
    CHECK(page_text(pdf, page).find(section.title) != std::string::npos);
    if (page > 2) CHECK(page_text(pdf, page - 1).find(section.title) == std::string::npos);
  }
  // The references close the methods section, the last page.
  CHECK(page_text(pdf, 8).find("Methods and parameters") != std::string::npos);
  CHECK(std::regex_search(page_text(pdf, 8), std::regex(R"(\[2\] +Brandes, U\. \(2001\))")));
  // Every other page: the report title above and "n / N" below.
  for (int page = 2; page <= 8; ++page) {
    const std::string text = page_text(pdf, page);
    CHECK(text.find("sample-region: cluster-network analysis") != std::string::npos);
    CHECK(std::regex_search(text, std::regex(std::to_string(page) + " ?/ ?8")));  // pdftotext: "2/ 8"
  }
}

TEST_CASE("report.pdf: no text outside the page margins", "[report-pdf]") {
  render::PangoMeasure measure;
  const auto sample = test::sample_report(measure);
  test::TempDir dir;
  const auto pdf = GENERATE(as<std::string>{}, "sample", "long-table") == "sample"
                       ? dir.write("report.pdf", pipeline::report_pdf(sample->report))
                       : dir.write("long.pdf", pipeline::report_pdf(long_table_report(200)));
  CHECK(words_inside_margins(pdf) > 200);
}

TEST_CASE("report.pdf: a 200-row table continues over pages under its header", "[report-pdf]") {
  const auto report = long_table_report(200);
  test::TempDir dir;
  const auto pdf = dir.write("long.pdf", pipeline::report_pdf(report));
  keep_for_viewing(pdf, "long.pdf");
  const int pages = page_count(pdf);
  // 15 pt a row and about 660 pt of page: 200 rows need more than four pages after the title page.
  CHECK(pages >= 6);
  const std::string all = page_text(pdf);
  for (int i = 1; i <= 200; ++i) {
    INFO("row " << i);
    CHECK(occurrences(all, " row " + std::to_string(i) + " ") == 1);  // every row, once
  }
  for (int page = 2; page <= pages; ++page) {
    INFO("page " << page);
    const std::string text = page_text(pdf, page);
    CHECK(std::regex_search(text, std::regex(R"(rank +stakeholder +degree)")));
    if (page > 2) CHECK(text.find("Every stakeholder (continued)") != std::string::npos);
  }
  CHECK(page_text(pdf, pages).find("row 200") != std::string::npos);
  // A cell longer than three lines of its column wraps onto three and the third ends with "…".
  const std::string last = page_text(pdf, pages);
  CHECK(std::regex_search(last, std::regex("201 +Przedsiębiorstwo( Wielobranżowe)+ +1\n")));
  CHECK(std::regex_search(last, std::regex("\n +(Wielobranżowe )+[^ \n]*…\n")));
  const std::size_t shown = occurrences(last, "Wielobranżowe");
  CHECK(shown >= 3);
  CHECK(shown < 40);
}

TEST_CASE("report.pdf: a large network figure on its own page", "[report-pdf]") {
  render::PangoMeasure measure;
  const auto sample = test::sample_report(measure, true);
  const std::string bytes = pipeline::report_pdf(sample->report);
  CHECK(bytes == pipeline::report_pdf(sample->report));
  test::TempDir dir;
  const auto pdf = dir.write("report.pdf", bytes);
  keep_for_viewing(pdf, "large.pdf");
  // As the small report, plus one page: the large figure does not fit below the community graph.
  CHECK(page_count(pdf) == 9);
  CHECK(page_text(pdf, 6).find("Every stakeholder, coloured by type.") != std::string::npos);
}

TEST_CASE("report.pdf: references on a last page of their own when there is no methods section",
          "[report-pdf]") {
  render::PangoMeasure measure;
  render::Scene tall;  // taller than a page at the text width: shrunk to fit one page
  tall.width = 250;
  tall.height = 1000;
  tall.title = "tall";
  tall.group("text").items.push_back(render::make_text(measure, "top of the tall figure", 2, 20, 14));
  tall.group("text").items.push_back(render::make_text(measure, "bottom", 2, 980, 14));
  pipeline::Report r;
  r.title = "no-methods";
  pipeline::ReportSection s{"overview", "Overview", {}};
  s.blocks.push_back(
      pipeline::key_figures({{"1", "one"}, {"2", "two"}, {"3", "three"}, {"4", "four"}, {"5", "five"}}));
  s.blocks.push_back(pipeline::figure_block("tall", &tall, "A tall figure."));
  s.blocks.push_back(pipeline::page_break());  // at the top of a page: no empty page
  s.blocks.push_back(pipeline::paragraph("After the break.", "warning"));
  r.sections.push_back(std::move(s));
  r.references = {"Only, A. (2020). The one reference."};
  test::TempDir dir;
  const auto pdf = dir.write("r.pdf", pipeline::report_pdf(r));
  keep_for_viewing(pdf, "tall.pdf");
  // Title page; the key figures (two rows) and, on a new page, the tall figure; the paragraph; the
  // references.
  REQUIRE(page_count(pdf) == 5);
  CHECK(std::regex_search(page_text(pdf, 1), std::regex("References +5")));
  CHECK(page_text(pdf, 2).find("five") != std::string::npos);
  CHECK(page_text(pdf, 3).find("bottom") != std::string::npos);
  CHECK(page_text(pdf, 4).find("After the break.") != std::string::npos);
  CHECK(std::regex_search(page_text(pdf, 5), std::regex(R"(\[1\] +Only, A\. \(2020\))")));
  CHECK(words_inside_margins(pdf) > 20);

  pipeline::Report empty;
  empty.title = "empty";
  const auto bare = dir.write("empty.pdf", pipeline::report_pdf(empty));
  CHECK(page_count(bare) == 1);
}
