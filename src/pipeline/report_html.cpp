// report.html (pipeline/report.hpp): one self-contained HTML5 file. The CSS sits in a <style>
// element, figures are Cairo's SVG inlined (their ids made unique per figure) or, when a figure has
// too many primitives for inline SVG, a PNG data: URI. A Content-Security-Policy forbids every
// fetch and every script, so opening the file reaches nothing but itself.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::pipeline {

namespace {

constexpr std::string_view stylesheet = R"css(
:root { color-scheme: light; --ink: #1f2328; --muted: #5a6270; --rule: #d8dde3; --zebra: #f4f6f8;
  --accent: #0b5394; --warning: #D55E00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "DejaVu Sans", sans-serif;
  font-size: 1rem; line-height: 1.6; }
.page { max-width: 60rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; font-weight: 700; }
.subtitle { font-size: 1.15rem; color: var(--muted); margin: 0 0 .5rem; }
.meta { font-size: .85rem; color: var(--muted); margin: 0; font-variant-numeric: tabular-nums; }
nav { background: var(--zebra); border: 1px solid var(--rule); border-radius: 4px;
  padding: .75rem 1.25rem; margin: 0 0 2rem; }
nav h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
  margin: 0 0 .25rem; border: 0; padding: 0; }
nav ol { margin: 0; padding-left: 1.5rem; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
section { margin: 0 0 2.5rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2rem 0 1rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.15rem; line-height: 1.3; margin: 1.5rem 0 .5rem; }
p, ul, ol { margin: 0 0 1rem; }
li + li { margin-top: .25rem; }
.key-figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0 0 1.5rem; }
.key-figure { flex: 1 1 9rem; border-top: 3px solid var(--accent); padding: .5rem 0 0; }
.key-figure .value { display: block; font-size: 2.25rem; font-weight: 700; line-height: 1.1;
  font-variant-numeric: tabular-nums; }
.key-figure .label { display: block; font-size: .85rem; color: var(--muted); }
.warning { color: var(--warning); border-left: 4px solid var(--warning); padding-left: .75rem; }
p.warning::before { content: "\26A0\FE0E  Caution: "; font-weight: 700; }
ul.warning { list-style: none; padding-left: .75rem; }
ul.warning li::before { content: "\26A0\FE0E"; font-weight: 700; display: inline-block; width: 1.5em; }
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 .5rem; }
th, td { padding: .4rem .75rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
tbody tr:nth-child(even) { background: var(--zebra); }
tbody tr { border-bottom: 1px solid var(--rule); }
th.num, td.num { text-align: right; white-space: nowrap; }
figure { margin: 0 0 2rem; }
figure svg, figure img { display: block; width: 100%; height: auto; }
figcaption { font-size: .9rem; color: var(--muted); margin-top: .5rem; }
.references { font-size: .9rem; }
@media print {
  @page { margin: 18mm 16mm; }
  body { font-size: 10.5pt; line-height: 1.45; }
  .page { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, .key-figures, .table-wrap { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  tbody tr:nth-child(even) { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

/// Text as HTML character data or a quoted attribute value.
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

/// RFC 4648 base64 with padding.
std::string base64(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    out += alphabet[n >> 18 & 63];
    out += alphabet[n >> 12 & 63];
    out += alphabet[n >> 6 & 63];
    out += alphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += alphabet[n >> 18 & 63];
    out += alphabet[n >> 12 & 63];
    out += rest == 2 ? alphabet[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

/// The value of attribute `name` inside the tag text `tag` ("" when absent).
std::string attribute(std::string_view tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  const std::size_t start = at + key.size();
  const std::size_t end = tag.find('"', start);
  return end == std::string_view::npos ? std::string() : std::string(tag.substr(start, end - start));
}

/// Removes attribute `name` (with its leading blank) from the tag text `tag`.
void remove_attribute(std::string& tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string::npos) return;
  const std::size_t end = tag.find('"', at + key.size());
  if (end != std::string::npos) tag.erase(at, end + 1 - at);
}

/// A length of Cairo's root element ("600pt", "600") as a number in points.
std::string strip_unit(std::string length) {
  for (const std::string_view unit : {"pt", "px"})
    if (length.size() > unit.size() && length.ends_with(unit)) length.resize(length.size() - unit.size());
  return length;
}

/// Prefixes every id of Cairo's SVG (glyph0-1, clip1, surface1, image5, …) and every reference to
/// one — href="#…" (also as xlink:href) and url(#…) — with `prefix`, so that several figures
/// inlined in one document do not share ids.
std::string prefix_ids(std::string_view svg, const std::string& prefix) {
  std::string out;
  out.reserve(svg.size() + svg.size() / 16);
  std::size_t at = 0;
  while (at < svg.size()) {
    const std::size_t next = svg.find_first_of("iu#", at);
    if (next == std::string_view::npos) break;
    out.append(svg, at, next - at);
    const std::string_view rest = svg.substr(next);
    const bool attribute_start = next > 0 && (svg[next - 1] == ' ' || svg[next - 1] == '\n' ||
                                              svg[next - 1] == '\t' || svg[next - 1] == '\r');
    if (attribute_start && rest.starts_with("id=\"")) {
      out += "id=\"" + prefix;
      at = next + 4;
    } else if (rest.starts_with("url(#")) {
      out += "url(#" + prefix;
      at = next + 5;
    } else if (rest.starts_with("#") && next >= 6 && svg.substr(next - 6, 6) == "href=\"") {
      out += "#" + prefix;
      at = next + 1;
    } else {
      out += svg[next];
      at = next + 1;
    }
  }
  if (at < svg.size()) out.append(svg, at, std::string_view::npos);
  return out;
}

/// Cairo's SVG of `scene`, ready to sit inside HTML: no XML declaration, ids prefixed with
/// "f{index}-", labelled with the caption, and scaling to the column width by its viewBox.
std::string inline_svg(const render::Scene& scene, const std::string& caption, std::size_t index,
                       double dpi) {
  std::string svg = render::encode(scene, ".svg", dpi);
  const std::size_t root = svg.find("<svg");
  const std::size_t root_end = root == std::string::npos ? root : svg.find('>', root);
  if (root_end == std::string::npos) return {};
  std::string tag = svg.substr(root, root_end - root);  // "<svg …" without the closing '>'
  std::string body = svg.substr(root_end);              // from the root's '>' on
  while (!body.empty() && (body.back() == '\n' || body.back() == ' '))
    body.pop_back();

  if (attribute(tag, "viewBox").empty()) {
    const std::string width = strip_unit(attribute(tag, "width"));
    const std::string height = strip_unit(attribute(tag, "height"));
    if (!width.empty() && !height.empty()) tag += " viewBox=\"0 0 " + width + " " + height + "\"";
  }
  remove_attribute(tag, "width");
  remove_attribute(tag, "height");
  tag += " role=\"img\" aria-label=\"" + escaped(caption) + "\" preserveAspectRatio=\"xMidYMid meet\"";
  return prefix_ids(tag + body, "f" + std::to_string(index) + "-");
}

class HtmlWriter {
 public:
  HtmlWriter(const Report& report, double dpi) : report_(report), dpi_(dpi) {}

  std::string write() {
    head();
    out_ += "<body>\n<div class=\"page\">\n";
    header();
    nav();
    out_ += "<main>\n";
    bool references_written = false;
    for (const ReportSection& section : report_.sections) {
      open_section(section.id, section.title);
      for (const ReportBlock& block : section.blocks)
        write_block(block);
      if (section.id == "methods" && !references_written) {
        references(false);
        references_written = true;
      }
      out_ += "</section>\n";
    }
    if (!references_written && !report_.references.empty()) {
      open_section("references", "References");
      references(true);
      out_ += "</section>\n";
    }
    out_ += "</main>\n</div>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  [[nodiscard]] bool has_section(std::string_view id) const {
    for (const ReportSection& section : report_.sections)
      if (section.id == id) return true;
    return false;
  }

  void head() {
    out_ +=
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"generator\" content=\"clusterscope\">\n<title>";
    append_escaped(out_, report_.title);
    out_ += "</title>\n<style>";
    out_ += stylesheet;
    out_ += "</style>\n</head>\n";
  }

  void header() {
    out_ += "<header>\n<h1>";
    append_escaped(out_, report_.title);
    out_ += "</h1>\n";
    paragraph_with_class("subtitle", report_.subtitle);
    paragraph_with_class("meta", report_.meta);
    out_ += "</header>\n";
  }

  void paragraph_with_class(std::string_view css_class, const std::string& text) {
    if (text.empty()) return;
    out_ += "<p class=\"" + std::string(css_class) + "\">";
    append_escaped(out_, text);
    out_ += "</p>\n";
  }

  void nav() {
    out_ += "<nav aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n";
    for (const ReportSection& section : report_.sections)
      nav_entry(section.id, section.title);
    if (!report_.references.empty() && !has_section("methods")) nav_entry("references", "References");
    out_ += "</ol>\n</nav>\n";
  }

  void nav_entry(const std::string& id, const std::string& title) {
    out_ += "<li><a href=\"#";
    append_escaped(out_, id);
    out_ += "\">";
    append_escaped(out_, title);
    out_ += "</a></li>\n";
  }

  void open_section(const std::string& id, const std::string& title) {
    out_ += "<section id=\"";
    append_escaped(out_, id);
    out_ += "\">\n<h2>";
    append_escaped(out_, title);
    out_ += "</h2>\n";
  }

  void references(bool own_section) {
    if (report_.references.empty()) return;
    if (!own_section) out_ += "<h3>References</h3>\n";
    out_ += "<ol class=\"references\">\n";
    for (const std::string& reference : report_.references) {
      out_ += "<li>";
      append_escaped(out_, reference);
      out_ += "</li>\n";
    }
    out_ += "</ol>\n";
  }

  static std::string tone_class(const std::string& tone) {
    return tone.empty() ? std::string() : " class=\"" + escaped(tone) + "\"";
  }

  void write_block(const ReportBlock& block) {
    switch (block.kind) {
      case ReportBlock::Kind::paragraph:
        out_ += "<p" + tone_class(block.tone) + ">";
        append_escaped(out_, block.text);
        out_ += "</p>\n";
        break;
      case ReportBlock::Kind::bullets:
        out_ += "<ul" + tone_class(block.tone) + ">\n";
        for (const std::string& item : block.items) {
          out_ += "<li>";
          append_escaped(out_, item);
          out_ += "</li>\n";
        }
        out_ += "</ul>\n";
        break;
      case ReportBlock::Kind::key_figures:
        out_ += "<div class=\"key-figures\">\n";
        for (const KeyFigure& figure : block.figures_row) {
          out_ += "<div class=\"key-figure\"><span class=\"value\">";
          append_escaped(out_, figure.value);
          out_ += "</span> <span class=\"label\">";
          append_escaped(out_, figure.label);
          out_ += "</span></div>\n";
        }
        out_ += "</div>\n";
        break;
      case ReportBlock::Kind::table: table(block.table); break;
      case ReportBlock::Kind::figure: figure(block.figure); break;
      case ReportBlock::Kind::subheading:
        out_ += "<h3>";
        append_escaped(out_, block.text);
        out_ += "</h3>\n";
        break;
      case ReportBlock::Kind::page_break: break;  // pages are a PDF matter
    }
  }

  void table(const ReportTable& t) {
    const auto cell_class = [&t](std::size_t column) {
      return column < t.numeric.size() && t.numeric[column] ? " class=\"num\"" : "";
    };
    out_ += "<div class=\"table-wrap\">\n<table>\n";
    if (!t.caption.empty()) {
      out_ += "<caption>";
      append_escaped(out_, t.caption);
      out_ += "</caption>\n";
    }
    out_ += "<thead><tr>";
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      out_ += std::string("<th scope=\"col\"") + cell_class(c) + ">";
      append_escaped(out_, t.header[c]);
      out_ += "</th>";
    }
    out_ += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
      out_ += "<tr>";
      for (std::size_t c = 0; c < row.size(); ++c) {
        out_ += std::string("<td") + cell_class(c) + ">";
        append_escaped(out_, row[c]);
        out_ += "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n</div>\n";
  }

  void figure(const ReportFigure& f) {
    out_ += "<figure>\n";
    if (f.scene != nullptr) {
      const render::Scene& scene = *f.scene;
      if (render::primitive_count(scene) > max_inline_svg_primitives) {
        const auto [width, height] = render::png_size(scene, dpi_);
        out_ += "<img alt=\"" + escaped(f.caption) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                std::to_string(height) + "\" src=\"data:image/png;base64,";
        out_ += base64(f.png != nullptr ? *f.png : render::encode(scene, ".png", dpi_));
        out_ += "\">\n";
      } else {
        out_ += inline_svg(scene, f.caption, figures_, dpi_);
        out_ += "\n";
      }
      ++figures_;
    }
    if (!f.caption.empty()) {
      out_ += "<figcaption>";
      append_escaped(out_, f.caption);
      out_ += "</figcaption>\n";
    }
    out_ += "</figure>\n";
  }

  const Report& report_;
  double dpi_;
  std::size_t figures_ = 0;
  std::string out_;
};

}  // namespace

std::string report_html(const Report& report, double dpi) {
  return HtmlWriter(report, dpi).write();
}

}  // namespace clusterscope::pipeline
