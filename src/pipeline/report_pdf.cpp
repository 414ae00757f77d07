// report.pdf (pipeline/report.hpp): the report's content laid out on A4 pages as Scenes, then drawn
// by the Cairo backend into one PDF. A PageWriter keeps the cursor and opens pages; one function per
// block kind writes through it. Headers, footers ("n / N") and the contents' page numbers are added
// once every page exists. Text is measured with Pango, so the layout is the one that is drawn.

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/io/text.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/layout_helpers.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::pipeline {

namespace {

using render::Anchor;
using render::Box;
using render::Scene;
using render::TextMeasure;

// A4 portrait, in points. Everything, running header and footer included, stays inside the margins.
constexpr double page_width = 595.28;
constexpr double page_height = 841.89;
constexpr double margin = 56;
constexpr double left = margin;
constexpr double text_width = page_width - 2 * margin;
constexpr double content_top = margin + 28;                   // below the running header
constexpr double content_bottom = page_height - margin - 24;  // above the footer
constexpr double content_height = content_bottom - content_top;

constexpr double body_size = 10;
constexpr double small_size = 9;
constexpr double leading = 1.45;  // line height / font size

const std::string ink = "#222222";
const std::string muted = "#555555";
const std::string rule = "#999999";
const std::string light_rule = "#E3E3E3";
const std::string accent = "#0072B2";   // Okabe–Ito blue, as in the figures
const std::string warning = "#D55E00";  // Okabe–Ito vermillion: gaps and cautions

/// `text` cut at a code point and ended with "…" so that it is at most `width` wide; unchanged when
/// it fits.
std::string ellipsize(const TextMeasure& measure, const std::string& text, double size, bool bold,
                      double width) {
  if (measure.measure(text, size, bold).width <= width) return text;
  std::vector<std::size_t> ends;  // byte length of the first k + 1 code points
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = io::utf8_sequence(text, i);
    i += n == 0 ? 1 : n;
    ends.push_back(i);
  }
  const auto cut = [&](std::size_t k) {  // the first k code points, trailing spaces dropped, then "…"
    std::string s = text.substr(0, k == 0 ? 0 : ends[k - 1]);
    while (!s.empty() && s.back() == ' ')
      s.pop_back();
    return s + "…";
  };
  std::size_t lo = 0, hi = ends.size();  // cut(lo) fits (or lo = 0); cut(hi) does not
  while (hi - lo > 1) {
    const std::size_t mid = (lo + hi) / 2;
    (measure.measure(cut(mid), size, bold).width <= width ? lo : hi) = mid;
  }
  return cut(lo);
}

/// Tracks the cursor on the current page and opens pages; blocks write through it.
class PageWriter {
 public:
  PageWriter(const TextMeasure& measure, std::string title) : measure_(measure), title_(std::move(title)) {}

  [[nodiscard]] const TextMeasure& measure() const noexcept { return measure_; }
  [[nodiscard]] double y() const noexcept { return y_; }
  [[nodiscard]] bool at_top() const noexcept { return y_ <= content_top; }
  [[nodiscard]] double room() const noexcept { return content_bottom - y_; }
  /// Index of the current page (0: the title page).
  [[nodiscard]] std::size_t page() const noexcept { return pages_.size() - 1; }
  [[nodiscard]] Scene& scene() { return pages_.back(); }
  std::vector<render::Primitive>& items() { return pages_.back().group("content").items; }

  void new_page(double top = content_top) {
    Scene page;
    page.width = page_width;
    page.height = page_height;
    page.margins = {margin, margin, margin, margin};
    page.title = title_;
    pages_.push_back(std::move(page));
    y_ = top;
  }
  /// Starts a new page unless `height` fits below the cursor. On a fresh page everything fits:
  /// content taller than a page is the caller's to split.
  void keep(double height) {
    if (pages_.empty() || (!at_top() && y_ + height > content_bottom)) new_page();
  }
  void skip(double height) { y_ += height; }
  /// Moves the cursor to `y` on the current page (for the lines of a table cell).
  void move_to(double y) { y_ = y; }
  /// A gap before a block, dropped at the top of a page.
  void space(double height) {
    if (!at_top()) y_ = std::min(y_ + height, content_bottom);
  }

  /// One line of text in a band of `size` × leading from the cursor, which moves below it.
  void line(const std::string& text, double x, double size, bool bold, const std::string& colour,
            Anchor anchor = Anchor::start) {
    keep(size * leading);
    put(text, x, size, bold, colour, anchor);
    y_ += size * leading;
  }
  /// Text on the current band without moving the cursor (a bullet, a right-aligned number).
  void put(const std::string& text, double x, double size, bool bold, const std::string& colour,
           Anchor anchor = Anchor::start) {
    items().push_back(
        render::make_text(measure_, text, x, y_ + size * leading / 2, size, anchor, bold, colour));
  }
  void rect(const Box& box, const std::string& fill) {
    render::Rect r;
    r.box = box;
    r.fill = fill;
    items().push_back(r);
  }
  void hline(double x0, double x1, double y, double width, const std::string& colour) {
    render::Line l;
    l.points = {{x0, y}, {x1, y}};
    l.width = width;
    l.colour = colour;
    items().push_back(l);
  }

  /// The pages, each but the first with the report title above and "n / N" below.
  std::vector<Scene> finish() {
    const std::string header = ellipsize(measure_, title_, 8, false, text_width);
    for (std::size_t k = 1; k < pages_.size(); ++k) {
      auto& out = pages_[k].group("running").items;
      out.push_back(render::make_text(measure_, header, left, margin + 5, 8, Anchor::start, false, muted));
      render::Line l;
      l.points = {{left, margin + 14}, {left + text_width, margin + 14}};
      l.width = 0.5;
      l.colour = rule;
      out.push_back(l);
      out.push_back(render::make_text(measure_, std::to_string(k + 1) + " / " + std::to_string(pages_.size()),
                                      page_width / 2, page_height - margin - 6, 8, Anchor::middle, false,
                                      muted));
    }
    return std::move(pages_);
  }

 private:
  const TextMeasure& measure_;
  std::string title_;
  std::vector<Scene> pages_;
  double y_ = content_top;
};

/// Wrapped lines at `x`, `width` wide, flowing over pages. A warning is drawn in orange beside an
/// orange bar.
void write_text(PageWriter& w, const std::string& text, double x, double width, double size, bool bold,
                const std::string& tone) {
  const bool caution = tone == "warning";
  const double indent = caution ? 10 : 0;
  for (const std::string& s : render::wrap_text(w.measure(), text, size, bold, width - indent)) {
    w.keep(size * leading);
    if (caution) w.rect({x, w.y(), 2.5, size * leading}, warning);
    w.line(s, x + indent, size, bold, caution ? warning : ink);
  }
}

void write_paragraph(PageWriter& w, const ReportBlock& block) {
  w.space(6);
  write_text(w, block.text, left, text_width, body_size, false, block.tone);
}

void write_bullets(PageWriter& w, const ReportBlock& block) {
  w.space(6);
  const bool caution = block.tone == "warning";
  const double indent = caution ? 26 : 16;
  for (const std::string& item : block.items) {
    const auto lines = render::wrap_text(w.measure(), item, body_size, false, text_width - indent);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      w.keep(body_size * leading);
      if (caution) w.rect({left, w.y(), 2.5, body_size * leading}, warning);
      if (i == 0) w.put("•", left + indent - 12, body_size, false, caution ? warning : accent);
      w.line(lines[i], left + indent, body_size, false, caution ? warning : ink);
    }
    w.skip(2);
  }
}

void write_subheading(PageWriter& w, const std::string& text) {
  w.space(10);
  const auto lines = render::wrap_text(w.measure(), text, 12, true, text_width);
  w.keep(static_cast<double>(lines.size()) * 12 * leading + 2 * body_size * leading);  // no orphan
  for (const std::string& s : lines)
    w.line(s, left, 12, true, ink);
  w.skip(2);
}

/// Large numbers with small labels, up to four a row, each beside a thin accent bar.
void write_key_figures(PageWriter& w, const ReportBlock& block) {
  constexpr std::size_t per_row = 4;
  constexpr double value_size = 22, label_size = small_size;
  const double height = value_size * 1.25 + label_size * leading;
  w.space(8);
  const double cell = text_width / static_cast<double>(std::min(per_row, block.figures_row.size()));
  for (std::size_t first = 0; first < block.figures_row.size(); first += per_row) {
    const std::size_t n = std::min(per_row, block.figures_row.size() - first);
    w.keep(height);
    for (std::size_t i = 0; i < n; ++i) {
      const KeyFigure& f = block.figures_row[first + i];
      const double x = left + cell * static_cast<double>(i);
      w.rect({x, w.y() + 2, 2, height - 4}, accent);
      auto& items = w.items();
      items.push_back(render::make_text(w.measure(),
                                        ellipsize(w.measure(), f.value, value_size, true, cell - 18), x + 10,
                                        w.y() + value_size * 0.65, value_size, Anchor::start, true, accent));
      items.push_back(render::make_text(
          w.measure(), ellipsize(w.measure(), f.label, label_size, false, cell - 18), x + 10,
          w.y() + value_size * 1.25 + label_size * leading / 2, label_size, Anchor::start, false, muted));
    }
    w.skip(height + 6);
  }
}

/// Column widths from the content (header bold, cells regular, plus padding), shared out fairly
/// when they exceed the text width: narrow columns keep their width, the wide ones split the rest.
std::vector<double> column_widths(const TextMeasure& measure, const ReportTable& table, double size,
                                  double padding) {
  const std::size_t columns = table.header.size();
  std::vector<double> natural(columns, 0);
  for (std::size_t c = 0; c < columns; ++c) {
    natural[c] = measure.measure(table.header[c], size, true).width;
    for (const auto& row : table.rows)
      natural[c] = std::max(natural[c], measure.measure(row[c], size, false).width);
    natural[c] += 2 * padding;
  }
  double total = 0;
  for (const double n : natural)
    total += n;
  if (total <= text_width) return natural;
  std::vector<double> widths(columns, 0);
  std::vector<bool> fixed(columns, false);
  double left_over = text_width;
  std::size_t open = columns;
  for (bool changed = true; changed && open > 0;) {  // water-filling: at most `columns` rounds
    changed = false;
    const double share = left_over / static_cast<double>(open);
    for (std::size_t c = 0; c < columns; ++c)
      if (!fixed[c] && natural[c] <= share) {
        widths[c] = natural[c];
        fixed[c] = true;
        left_over -= natural[c];
        --open;
        changed = true;
      }
  }
  for (std::size_t c = 0; c < columns; ++c)
    if (!fixed[c]) widths[c] = left_over / static_cast<double>(open);
  return widths;
}

/// A caption, a bold header over a rule, then the rows under light rules; numeric columns
/// right-aligned, long cells wrapped onto up to three lines (the third shortened with "…"). Rows
/// that do not fit continue on the next page under the header again.
void write_table(PageWriter& w, const ReportTable& table) {
  constexpr double size = small_size, padding = 4, row_height = 15;
  constexpr std::size_t max_lines = 3;
  const double line_step = size * leading;
  const TextMeasure& measure = w.measure();
  const std::vector<double> widths = column_widths(measure, table, size, padding);
  double table_width = 0;
  for (const double c : widths)
    table_width += c;
  // The lines of every cell of a row, and the row's height.
  const auto lay_out = [&](const std::vector<std::string>& row, bool bold) {
    std::vector<std::vector<std::string>> lines(row.size());
    std::size_t most = 1;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const double inner = widths[c] - 2 * padding;
      lines[c] = table.numeric[c] ? std::vector<std::string>{ellipsize(measure, row[c], size, bold, inner)}
                                  : render::wrap_text(measure, row[c], size, bold, inner);
      if (lines[c].empty()) lines[c].emplace_back();
      if (lines[c].size() > max_lines) {
        std::string rest;
        for (std::size_t k = max_lines - 1; k < lines[c].size(); ++k)
          rest += (rest.empty() ? "" : " ") + lines[c][k];
        lines[c].resize(max_lines);
        lines[c].back() = ellipsize(measure, rest + " …", size, bold, inner);
      }
      for (std::string& l : lines[c])
        l = ellipsize(measure, l, size, bold, inner);  // a single word wider than the column
      most = std::max(most, lines[c].size());
    }
    return std::make_pair(lines, row_height + line_step * static_cast<double>(most - 1));
  };
  const auto cells = [&](const std::vector<std::vector<std::string>>& lines, bool bold,
                         const std::string& colour) {
    double x = left;
    const double top = w.y();
    for (std::size_t c = 0; c < lines.size(); ++c) {
      for (std::size_t k = 0; k < lines[c].size(); ++k) {
        w.move_to(top + line_step * static_cast<double>(k));
        if (table.numeric[c])
          w.put(lines[c][k], x + widths[c] - padding, size, bold, colour, Anchor::end);
        else
          w.put(lines[c][k], x + padding, size, bold, colour);
      }
      x += widths[c];
    }
    w.move_to(top);
  };
  const auto header_layout = lay_out(table.header, true);
  const auto header = [&] {
    cells(header_layout.first, true, ink);
    w.skip(header_layout.second);
    w.hline(left, left + table_width, w.y() - 1, 0.8, rule);
  };
  const auto caption = render::wrap_text(measure, table.caption, size, true, text_width);
  w.space(10);
  const std::size_t first_rows = std::min<std::size_t>(table.rows.size(), 3);
  w.keep(static_cast<double>(caption.size()) * size * leading + 2 +
         row_height * static_cast<double>(1 + first_rows));
  for (const std::string& s : caption)
    w.line(s, left, size, true, muted);
  w.skip(2);
  header();
  for (const auto& row : table.rows) {
    const auto [lines, height] = lay_out(row, false);
    if (w.room() < height) {
      w.new_page();
      w.line(ellipsize(measure, table.caption, size, true, text_width - 80) + " (continued)", left, size,
             true, muted);
      w.skip(2);
      header();
    }
    cells(lines, false, ink);
    w.skip(height);
    w.hline(left, left + table_width, w.y() - 1, 0.4, light_rule);
  }
  w.skip(4);
}

/// The figure at the text width (smaller only when taller than a page), its caption below; both
/// start a new page when they do not fit in the room left.
void write_figure(PageWriter& w, const ReportFigure& figure) {
  if (figure.scene == nullptr || !(figure.scene->width > 0 && figure.scene->height > 0)) return;
  const Scene& scene = *figure.scene;
  const auto caption = render::wrap_text(w.measure(), figure.caption, small_size, false, text_width);
  const double caption_height = 4 + static_cast<double>(caption.size()) * small_size * leading;
  double width = text_width;
  double height = width * scene.height / scene.width;
  if (height > content_height - caption_height) {
    height = content_height - caption_height;
    width = height * scene.width / scene.height;
  }
  w.space(10);
  w.keep(height + caption_height);
  render::embed(scene, {left + (text_width - width) / 2, w.y(), width, height}, w.scene());
  w.skip(height + 4);
  for (const std::string& s : caption)
    w.line(s, left, small_size, false, muted);
}

void write_section_title(PageWriter& w, const std::string& title) {
  w.new_page();
  for (const std::string& s : render::wrap_text(w.measure(), title, 18, true, text_width))
    w.line(s, left, 18, true, ink);
  w.skip(2);
  w.hline(left, left + text_width, w.y(), 1.2, accent);
  w.skip(10);
}

/// "[k]" in a narrow column, the citation wrapped beside it.
void write_references(PageWriter& w, const std::vector<std::string>& references) {
  write_subheading(w, "References");
  constexpr double indent = 24;
  for (std::size_t k = 0; k < references.size(); ++k) {
    const auto lines = render::wrap_text(w.measure(), references[k], small_size, false, text_width - indent);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      w.keep(small_size * leading);
      if (i == 0) w.put("[" + std::to_string(k + 1) + "]", left, small_size, false, muted);
      w.line(lines[i], left + indent, small_size, false, ink);
    }
    w.skip(4);
  }
}

void write_block(PageWriter& w, const ReportBlock& block) {
  switch (block.kind) {
    case ReportBlock::Kind::paragraph: write_paragraph(w, block); break;
    case ReportBlock::Kind::bullets: write_bullets(w, block); break;
    case ReportBlock::Kind::key_figures: write_key_figures(w, block); break;
    case ReportBlock::Kind::table: write_table(w, block.table); break;
    case ReportBlock::Kind::figure: write_figure(w, block.figure); break;
    case ReportBlock::Kind::subheading: write_subheading(w, block.text); break;
    case ReportBlock::Kind::page_break:
      if (!w.at_top()) w.new_page();
      break;
  }
}

/// One line of the contents: where its page number goes once the pages are known.
struct ContentsEntry {
  std::size_t page = 0;
  double y = 0;
};

}  // namespace

std::string report_pdf(const Report& report) {
  const render::PangoMeasure measure;
  PageWriter w(measure, report.title);

  // Title page: title, subtitle, meta line, then the contents (which may flow onto a second page).
  w.new_page(margin + 110);
  for (const std::string& s : render::wrap_text(measure, report.title, 26, true, text_width))
    w.line(s, left, 26, true, ink);
  w.skip(6);
  for (const std::string& s : render::wrap_text(measure, report.subtitle, 13, false, text_width))
    w.line(s, left, 13, false, muted);
  w.skip(4);
  if (!report.meta.empty())
    w.line(ellipsize(measure, report.meta, small_size, false, text_width), left, small_size, false, muted);
  w.skip(48);
  w.line("Contents", left, 14, true, ink);
  w.hline(left, left + text_width, w.y(), 0.8, rule);
  w.skip(6);

  const bool has_methods = std::any_of(report.sections.begin(), report.sections.end(),
                                       [](const ReportSection& s) { return s.id == "methods"; });
  std::vector<std::string> chapters;
  for (const ReportSection& s : report.sections)
    chapters.push_back(s.title);
  if (!has_methods && !report.references.empty()) chapters.emplace_back("References");
  constexpr double entry_size = 11;
  std::vector<ContentsEntry> contents;
  for (const std::string& title : chapters) {
    const auto lines = render::wrap_text(measure, title, entry_size, false, text_width - 40);
    w.keep(static_cast<double>(lines.size()) * entry_size * leading);
    contents.push_back({w.page(), w.y()});
    for (const std::string& s : lines)
      w.line(s, left, entry_size, false, ink);
    w.skip(3);
  }

  std::vector<std::size_t> starts;  // page index of each chapter
  for (const ReportSection& section : report.sections) {
    write_section_title(w, section.title);
    starts.push_back(w.page());
    for (const ReportBlock& block : section.blocks)
      write_block(w, block);
    if (section.id == "methods" && !report.references.empty()) write_references(w, report.references);
  }
  if (!has_methods && !report.references.empty()) {
    write_section_title(w, "References");
    starts.push_back(w.page());
    write_references(w, report.references);
  }

  std::vector<Scene> pages = w.finish();
  for (std::size_t k = 0; k < contents.size(); ++k)
    pages[contents[k].page].group("content").items.push_back(
        render::make_text(measure, std::to_string(starts[k] + 1), left + text_width,
                          contents[k].y + entry_size * leading / 2, entry_size, Anchor::end, false, ink));
  return render::encode_pdf_pages(pages);
}

}  // namespace clusterscope::pipeline
