// report.html (pipeline::report_html): structure, escaping, self-containment, inline figures, and a
// real browser (Debian's chromium, headless) loading it without console errors or blocked fetches.

#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/scene.hpp"
#include "support.hpp"

using namespace clusterscope;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> sample_sections = {"overview", "actors", "communities", "candidates",
                                                  "methods"};

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

/// The values of every attribute `name` (`name="…"`, preceded by a blank or by ':' as in
/// xlink:href), in document order.
std::vector<std::string> attribute_values(const std::string& html, const std::string& name) {
  std::vector<std::string> values;
  const std::string key = name + "=\"";
  for (std::size_t at = html.find(key); at != std::string::npos; at = html.find(key, at + key.size())) {
    if (at == 0) continue;
    const char before = html[at - 1];
    if (before != ' ' && before != '\n' && before != '\t' && before != ':') continue;
    const std::size_t start = at + key.size();
    const std::size_t end = html.find('"', start);
    REQUIRE(end != std::string::npos);
    values.push_back(html.substr(start, end - start));
  }
  return values;
}

/// The targets of every url(#…) reference.
std::vector<std::string> url_references(const std::string& html) {
  std::vector<std::string> targets;
  for (std::size_t at = html.find("url(#"); at != std::string::npos; at = html.find("url(#", at + 5)) {
    const std::size_t end = html.find(')', at);
    REQUIRE(end != std::string::npos);
    targets.push_back(html.substr(at + 5, end - at - 5));
  }
  return targets;
}

std::string between(const std::string& text, const std::string& from, const std::string& to) {
  const std::size_t start = text.find(from);
  if (start == std::string::npos) return {};
  const std::size_t end = text.find(to, start + from.size());
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string base64_decode(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count_bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    const std::size_t v = alphabet.find(c);
    REQUIRE(v != std::string::npos);
    bits = (bits << 6) | static_cast<unsigned>(v);
    count_bits += 6;
    if (count_bits >= 8) {
      count_bits -= 8;
      out += static_cast<char>((bits >> count_bits) & 0xFFu);
    }
  }
  return out;
}

/// The base64 payloads of every `data:image/png;base64,` URI.
std::vector<std::string> png_payloads(const std::string& html) {
  std::vector<std::string> out;
  const std::string key = "data:image/png;base64,";
  for (std::size_t at = html.find(key); at != std::string::npos; at = html.find(key, at + key.size())) {
    const std::size_t end = html.find('"', at);
    out.push_back(html.substr(at + key.size(), end - at - key.size()));
  }
  return out;
}

/// The checks every rendering of the sample report must pass.
void require_well_formed(const std::string& html) {
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<meta name=\"viewport\"") != std::string::npos);
  CHECK(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'; img-src data:\">") != std::string::npos);
  CHECK(html.find("<title>sample-region: cluster-network analysis</title>") != std::string::npos);
  CHECK(count(html, "<style>") == 1);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("<?xml") == std::string::npos);

  // Sections: each in the document and linked from the table of contents.
  const std::string nav = between(html, "<nav", "</nav>");
  REQUIRE_FALSE(nav.empty());
  for (const std::string& id : sample_sections) {
    INFO("section " << id);
    CHECK(count(html, "<section id=\"" + id + "\">") == 1);
    CHECK(nav.find("<a href=\"#" + id + "\">") != std::string::npos);
  }
  CHECK(html.find("<h3>1. machine-tool (initiative-ready, score 0.92)</h3>") != std::string::npos);

  // References at the end of "methods".
  const std::string methods = between(html, "<section id=\"methods\">", "</section>");
  CHECK(methods.find("<ol class=\"references\">") != std::string::npos);
  CHECK(methods.find("From Louvain to Leiden") != std::string::npos);
  CHECK(methods.find("163–177") != std::string::npos);
  CHECK(html.find("id=\"references\"") == std::string::npos);

  // Ids are unique in the whole document, and every internal reference finds its target.
  const std::vector<std::string> ids = attribute_values(html, "id");
  const std::set<std::string> unique(ids.begin(), ids.end());
  CHECK(unique.size() == ids.size());
  CHECK(ids.size() > sample_sections.size());  // the figures' glyphs and clips count too
  for (const std::string& value : attribute_values(html, "href")) {
    INFO("href=\"" << value << "\"");
    REQUIRE_FALSE(value.empty());
    if (value.starts_with("#")) CHECK(unique.count(value.substr(1)) == 1);
  }
  for (const std::string& target : url_references(html)) {
    INFO("url(#" << target << ")");
    CHECK(unique.count(target) == 1);
  }

  // Nothing reaches out: every src and href is a fragment or a data: URI, and there are no scripts.
  std::vector<std::string> links = attribute_values(html, "src");
  const std::vector<std::string> hrefs = attribute_values(html, "href");
  links.insert(links.end(), hrefs.begin(), hrefs.end());
  REQUIRE_FALSE(links.empty());
  for (const std::string& value : links) {
    INFO("link \"" << value.substr(0, 60) << "\"");
    CHECK((value.starts_with("#") || value.starts_with("data:")));
    for (const char* scheme : {"http:", "https:", "//", "file:"})
      CHECK_FALSE(value.starts_with(scheme));
  }
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  CHECK(lower.find("<script") == std::string::npos);
  CHECK(lower.find("javascript:") == std::string::npos);
  CHECK(lower.find("@import") == std::string::npos);

  // Escaping: the hostile name and subtitle come out as entities, never raw.
  CHECK(html.find("Gmina Grabnik &lt;&amp;&gt; &quot;Wisła&quot;") != std::string::npos);
  CHECK(html.find("Dolina Wisły &lt;functional area&gt; &amp; partners") != std::string::npos);
  CHECK(html.find("ties &lt; 2 years old &amp; &quot;recent&quot;") != std::string::npos);
  CHECK(html.find("<&>") == std::string::npos);
  CHECK(html.find("\"Wisła\"") == std::string::npos);
  CHECK(html.find("<functional area>") == std::string::npos);
  CHECK(html.find("< 2 years") == std::string::npos);
  // Polish letters as UTF-8, not as entities.
  CHECK(html.find("Uniwersytet Mikołaja Kopernika") != std::string::npos);
  CHECK(html.find("Zakład | Mechaniczny *Łódź*") != std::string::npos);
  CHECK(html.find("&#") == html.find("&#39;"));  // the only numeric entity is the apostrophe's

  // Tables: numeric columns right-aligned by class, text columns not.
  CHECK(html.find("<th scope=\"col\" class=\"num\">rank</th><th scope=\"col\">stakeholder</th>") !=
        std::string::npos);
  CHECK(html.find("<td class=\"num\">1</td><td>Uniwersytet Mikołaja Kopernika</td><td>university</td>"
                  "<td class=\"num\">12</td><td class=\"num\">0.41</td>") != std::string::npos);
  CHECK(html.find("<caption>The stakeholders with the most partners</caption>") != std::string::npos);
  CHECK(html.find("th.num, td.num { text-align: right;") != std::string::npos);
  CHECK(html.find("tbody tr:nth-child(even)") != std::string::npos);

  // Warning tone: marked by class, normal blocks not.
  CHECK(html.find("<ul class=\"warning\">\n<li>no public partner (no local or regional government)</li>") !=
        std::string::npos);
  CHECK(html.find("<ul>\n<li>a coordinator: Klaster Logistyczny</li>") != std::string::npos);
  CHECK(html.find("#D55E00") != std::string::npos);

  // Key figures.
  CHECK(html.find("<div class=\"key-figure\"><span class=\"value\">4,844</span> <span "
                  "class=\"label\">ties</span></div>") != std::string::npos);

  // Figures: inline SVG scaled by its viewBox, labelled by the caption; one caption each.
  std::size_t svg_count = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 4)) {
    ++svg_count;
    const std::string tag = html.substr(at, html.find('>', at) - at);
    INFO(tag);
    CHECK(tag.find(" viewBox=\"") != std::string::npos);
    CHECK(tag.find(" width=") == std::string::npos);
    CHECK(tag.find(" height=") == std::string::npos);
    CHECK(tag.find(" role=\"img\"") != std::string::npos);
    CHECK(tag.find(" aria-label=\"") != std::string::npos);
  }
  CHECK(svg_count == 3);
  CHECK(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"") !=
        std::string::npos);
  CHECK(html.find("aria-label=\"Degree of the four best connected.\"") != std::string::npos);
  CHECK(html.find("<figcaption>Ties between and within types.</figcaption>") != std::string::npos);
  // Each figure's ids carry its own prefix.
  for (const char* prefix : {"id=\"f0-", "id=\"f1-", "id=\"f2-"})
    CHECK(html.find(prefix) != std::string::npos);
}

}  // namespace

TEST_CASE("report.html: structure, escaping, self-containment and tables of the sample report",
          "[report-html]") {
  render::PangoMeasure measure;
  const auto sample = test::sample_report(measure);
  const std::string html = pipeline::report_html(sample->report);
  require_well_formed(html);
  CHECK(count(html, "<img") == 0);
  CHECK(count(html, "<figure>") == 3);
  CHECK(html.find("data:image/png") == std::string::npos);
}

TEST_CASE("report.html: a figure of more than 20,000 primitives is a PNG data: URI, not inline SVG",
          "[report-html]") {
  render::PangoMeasure measure;
  const auto sample = test::sample_report(measure, true);
  const std::string html = pipeline::report_html(sample->report, 72);
  require_well_formed(html);
  CHECK(count(html, "<figure>") == 4);
  CHECK(count(html, "<img") == 1);
  CHECK(html.find("<img alt=\"Every stakeholder, coloured by type.\"") != std::string::npos);
  const std::vector<std::string> payloads = png_payloads(html);
  REQUIRE(payloads.size() == 1);
  const std::string png = base64_decode(payloads[0]);
  REQUIRE(png.size() > 1000);
  CHECK(png.starts_with(std::string("\x89PNG\r\n\x1a\n", 8)));
  CHECK(png == render::encode(sample->scenes[3], ".png", 72));
  // The image declares its pixel size, so the page does not reflow while it decodes.
  const auto [w, h] = render::png_size(sample->scenes[3], 72);
  CHECK(html.find("width=\"" + std::to_string(w) + "\" height=\"" + std::to_string(h) + "\"") !=
        std::string::npos);
  // The page stays small: a few hundred kB at most, not tens of MB.
  CHECK(html.size() < 2'000'000);
}

TEST_CASE("report.html: the same report gives the same bytes", "[report-html]") {
  render::PangoMeasure measure;
  const auto a = test::sample_report(measure);
  const auto b = test::sample_report(measure);
  const std::string first = pipeline::report_html(a->report);
  CHECK(pipeline::report_html(a->report) == first);
  CHECK(pipeline::report_html(b->report) == first);  // other scene objects, drawn later
}

TEST_CASE("report.html: references get their own section when there is no methods section", "[report-html]") {
  render::PangoMeasure measure;
  auto sample = test::sample_report(measure);
  auto& sections = sample->report.sections;
  sections.erase(std::remove_if(sections.begin(), sections.end(),
                                [](const pipeline::ReportSection& s) { return s.id == "methods"; }),
                 sections.end());
  const std::string html = pipeline::report_html(sample->report);
  const std::size_t references = html.find("<section id=\"references\">\n<h2>References</h2>");
  REQUIRE(references != std::string::npos);
  CHECK(html.find("<section id=", references + 1) == std::string::npos);  // after the last section
  CHECK(between(html, "<nav", "</nav>").find("<a href=\"#references\">References</a>") != std::string::npos);
  CHECK(html.find("From Louvain to Leiden", references) != std::string::npos);

  sample->report.references.clear();
  const std::string bare = pipeline::report_html(sample->report);
  CHECK(bare.find("id=\"references\"") == std::string::npos);
  CHECK(bare.find("<ol class=\"references\">") == std::string::npos);
  CHECK(bare.find(">References<") == std::string::npos);
}

// ---- A real browser (test::run_chromium, test::console_problems in support) ----------------------

namespace {

using test::BrowserRun;
using test::console_problems;
using test::run_chromium;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines)
    out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("report.html in chromium: loads with no console errors or blocked fetches, and draws",
          "[report-html][chromium]") {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0)
    FAIL("chromium is not on PATH: this test needs a real browser — apt-get install -y chromium");

  render::PangoMeasure measure;
  const auto sample = test::sample_report(measure, true);
  const std::string html = pipeline::report_html(sample->report);
  test::TempDir dir;
  const fs::path page = dir.write("report.html", html);

  SECTION("the problem detector catches a page that tries to load from the network") {
    const fs::path broken = dir.write(
        "broken.html",
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta "
        "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\"><title>broken</title></head><body><p>x</p>"
        "<img src=\"http://example.invalid/x.png\" alt=\"\"></body></html>\n");
    const BrowserRun r = run_chromium(broken, "--dump-dom", dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto problems = console_problems(r.err);
    REQUIRE_FALSE(problems.empty());
    CHECK(joined(problems).find("example.invalid") != std::string::npos);
  }

  SECTION("the report's DOM after load, with nothing on the console") {
    const BrowserRun r = run_chromium(page, "--dump-dom", dir);
    INFO("chromium log:\n" << r.err);
    REQUIRE(r.status == 0);
    CHECK(console_problems(r.err).empty());
    REQUIRE(r.out.find("</html>") != std::string::npos);
    for (const std::string& id : sample_sections) {
      INFO("section " << id);
      CHECK(r.out.find("<section id=\"" + id + "\">") != std::string::npos);
    }
    CHECK(count(r.out, "<figure>") == 4);
    CHECK(count(r.out, "<svg ") == 3);
    CHECK(count(r.out, "<img ") == 1);
    CHECK(r.out.find("src=\"data:image/png;base64,iVBORw0KGgo") != std::string::npos);
    CHECK(r.out.find("Gmina Grabnik &lt;&amp;&gt; \"Wisła\"") != std::string::npos);
  }

  SECTION("a screenshot of the rendered page") {
    const fs::path shot = dir.path() / "report.png";
    const BrowserRun r =
        run_chromium(page, "--screenshot=" + test::quote(shot) + " --window-size=1280,3000", dir);
    INFO("chromium log:\n" << r.err);
    REQUIRE(r.status == 0);
    CHECK(console_problems(r.err).empty());
    REQUIRE(fs::exists(shot));
    CHECK(fs::file_size(shot) > 20'000);
    CHECK(test::read_file(shot).starts_with(std::string("\x89PNG\r\n\x1a\n", 8)));
    if (const char* keep = std::getenv("CLUSTERSCOPE_KEEP_FIGURES"); keep != nullptr && *keep != '\0') {
      const fs::path folder(keep);
      fs::create_directories(folder);
      fs::copy_file(shot, folder / "report-html-chromium.png", fs::copy_options::overwrite_existing);
      fs::copy_file(page, folder / "report-html-sample.html", fs::copy_options::overwrite_existing);
    }
  }
}
