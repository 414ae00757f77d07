// The Cairo backend: Scene → SVG, PDF or PNG, with text laid out by Pango (pangocairo), and the
// Pango text measure. Every Cairo and Pango handle lives in a move-only RAII holder; none leaves
// this file.

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <numbers>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/parallel.hpp"
#include "clusterscope/core/threads.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::render {

namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct FontOptionsDeleter {
  void operator()(cairo_font_options_t* o) const noexcept { cairo_font_options_destroy(o); }
};
struct FontDescriptionDeleter {
  void operator()(PangoFontDescription* d) const noexcept { pango_font_description_free(d); }
};
struct GObjectDeleter {
  void operator()(void* o) const noexcept { g_object_unref(o); }
};

using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;
using FontOptions = std::unique_ptr<cairo_font_options_t, FontOptionsDeleter>;
using FontDescription = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;

void check(cairo_status_t status, const std::string& what) {
  if (status != CAIRO_STATUS_SUCCESS) throw OutputError(what + ": " + cairo_status_to_string(status));
}

/// A Pango layout for `text` in DejaVu Sans at `size` points, metrics unhinted so that a text
/// measures the same at every resolution and in every format.
LayoutPtr make_layout(cairo_t* cr, const std::string& text, double size, bool bold) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  FontOptions options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  PangoContext* context = pango_layout_get_context(layout.get());
  pango_cairo_context_set_font_options(context, options.get());
  pango_cairo_context_set_resolution(context, 72);
  pango_layout_context_changed(layout.get());
  FontDescription font(pango_font_description_new());
  pango_font_description_set_family(font.get(), font_family);
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

Box logical_box(PangoLayout* layout) {
  PangoRectangle ink{};
  PangoRectangle logical{};
  pango_layout_get_extents(layout, &ink, &logical);
  return {0, 0, pango_units_to_double(logical.width), pango_units_to_double(logical.height)};
}

struct Rgb {
  double r = 0, g = 0, b = 0;
};

Rgb parse_colour(const std::string& colour) {
  if (colour.size() != 7 || colour[0] != '#') return {};
  const auto channel = [&](std::size_t at) {
    return static_cast<double>(std::stoi(colour.substr(at, 2), nullptr, 16)) / 255.0;
  };
  return {channel(1), channel(3), channel(5)};
}

void set_colour(cairo_t* cr, const std::string& colour, double opacity) {
  const Rgb c = parse_colour(colour);
  cairo_set_source_rgba(cr, c.r, c.g, c.b, std::clamp(opacity, 0.0, 1.0));
}

void fill_and_stroke(cairo_t* cr, const std::string& fill, const std::string& stroke, double width,
                     double opacity) {
  if (!fill.empty()) {
    set_colour(cr, fill, opacity);
    if (!stroke.empty() && width > 0)
      cairo_fill_preserve(cr);
    else
      cairo_fill(cr);
  }
  if (!stroke.empty() && width > 0) {
    set_colour(cr, stroke, opacity);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
}

/// Whether cairo can draw `dash`: cairo puts the context in an error state (and the file would
/// fail) for a negative length or a pattern of total length 0, so such a pattern is drawn solid.
bool drawable_dash(const std::vector<double>& dash) {
  double total = 0;
  for (const double d : dash) {
    if (!std::isfinite(d) || d < 0) return false;
    total += d;
  }
  return total > 0;
}

void draw_primitive(cairo_t* cr, const Primitive& primitive) {
  std::visit(
      [cr](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, Circle>) {
          cairo_new_path(cr);
          cairo_arc(cr, p.cx, p.cy, p.r, 0, 2 * std::numbers::pi);
          fill_and_stroke(cr, p.fill, p.stroke, p.stroke_width, p.opacity);
        } else if constexpr (std::is_same_v<T, Line>) {
          if (p.points.size() < 2 || p.colour.empty()) return;
          cairo_new_path(cr);
          cairo_move_to(cr, p.points.front().x, p.points.front().y);
          for (std::size_t i = 1; i < p.points.size(); ++i)
            cairo_line_to(cr, p.points[i].x, p.points[i].y);
          set_colour(cr, p.colour, p.opacity);
          cairo_set_line_width(cr, p.width);
          cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
          cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
          const bool dashed = drawable_dash(p.dash);
          if (dashed) cairo_set_dash(cr, p.dash.data(), static_cast<int>(p.dash.size()), 0);
          cairo_stroke(cr);
          if (dashed) cairo_set_dash(cr, nullptr, 0, 0);
        } else if constexpr (std::is_same_v<T, Polygon>) {
          if (p.points.size() < 3 || p.fill.empty()) return;
          cairo_new_path(cr);
          cairo_move_to(cr, p.points.front().x, p.points.front().y);
          for (std::size_t i = 1; i < p.points.size(); ++i)
            cairo_line_to(cr, p.points[i].x, p.points[i].y);
          cairo_close_path(cr);
          set_colour(cr, p.fill, p.opacity);
          cairo_fill(cr);
        } else if constexpr (std::is_same_v<T, Rect>) {
          cairo_new_path(cr);
          cairo_rectangle(cr, p.box.x, p.box.y, p.box.width, p.box.height);
          fill_and_stroke(cr, p.fill, p.stroke, p.stroke_width, p.opacity);
        } else {
          if (p.text.empty()) return;
          const LayoutPtr layout = make_layout(cr, p.text, p.size, p.bold);
          const Box box = logical_box(layout.get());
          double x = p.x;
          if (p.anchor == Anchor::middle) x -= box.width / 2;
          if (p.anchor == Anchor::end) x -= box.width;
          cairo_move_to(cr, x, p.y - box.height / 2);
          set_colour(cr, p.colour, 1);
          pango_cairo_show_layout(cr, layout.get());
          cairo_new_path(cr);
        }
      },
      primitive);
}

void draw_scene(cairo_t* cr, const Scene& scene) {
  if (!scene.background.empty()) {
    cairo_rectangle(cr, 0, 0, scene.width, scene.height);
    set_colour(cr, scene.background, 1);
    cairo_fill(cr);
  }
  for (const Group& group : scene.groups)
    for (const Primitive& p : group.items)
      draw_primitive(cr, p);
}

/// Cairo draws text as glyph outlines, so the SVG holds no text; a <title> element names the
/// figure for screen readers and for search.
void add_svg_title(std::string& svg, const std::string& title) {
  if (title.empty()) return;
  const auto root = svg.find("<svg");
  const auto end = root == std::string::npos ? root : svg.find('>', root);
  if (end == std::string::npos) return;
  std::string escaped;
  for (const char c : title) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      default: escaped += c;
    }
  }
  svg.insert(end + 1, "\n<title>" + escaped + "</title>");
}

/// Cairo names an SVG's groups after a process-wide surface counter ("surface218"), so the same
/// scene would get other ids depending on what was drawn before and on which thread. Renumbers them
/// from 1 in order of appearance: the same scene gives the same bytes.
void canonical_surface_ids(std::string& svg) {
  static constexpr std::string_view word = "surface";
  std::map<std::string, std::string, std::less<>> renamed;
  std::string out;
  out.reserve(svg.size());
  std::size_t at = 0;
  while (true) {
    const std::size_t found = svg.find(word, at);
    if (found == std::string::npos) break;
    std::size_t end = found + word.size();
    while (end < svg.size() && svg[end] >= '0' && svg[end] <= '9')
      ++end;
    out.append(svg, at, found - at);
    if (end == found + word.size()) {
      out.append(word);
    } else {
      const std::string old = svg.substr(found, end - found);
      auto [it, added] = renamed.try_emplace(old, std::string(word) + std::to_string(renamed.size() + 1));
      out.append(it->second);
    }
    at = end;
  }
  out.append(svg, at, std::string::npos);
  svg = std::move(out);
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::pair<int, int> png_size(const Scene& scene, double dpi) {
  return {static_cast<int>(std::lround(scene.width * dpi / 72)),
          static_cast<int>(std::lround(scene.height * dpi / 72))};
}

namespace {

/// The PDF of `pages` (none empty or of no size), one page per scene at its own size. Shared by
/// `encode` (one page) and `encode_pdf_pages` so the metadata and the bytes follow one rule.
std::string pdf_bytes(const std::vector<const Scene*>& pages, const std::string& where) {
  std::string bytes;
  Surface surface(
      cairo_pdf_surface_create_for_stream(append, &bytes, pages.front()->width, pages.front()->height));
  check(cairo_surface_status(surface.get()), where);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "clusterscope");
  // No creation date: the same scene gives the same bytes on every run (the manifest records when).
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "");
  if (!pages.front()->title.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, pages.front()->title.c_str());
  {
    Context cr(cairo_create(surface.get()));
    for (const Scene* page : pages) {
      // The size of a page must be set before anything is drawn on it.
      cairo_pdf_surface_set_size(surface.get(), page->width, page->height);
      draw_scene(cr.get(), *page);
      cairo_show_page(cr.get());
      check(cairo_status(cr.get()), where);
    }
  }
  cairo_surface_finish(surface.get());
  check(cairo_surface_status(surface.get()), where);
  return bytes;
}

/// The creator mark by which clusterscope recognises its own SVG (io::is_own_file): a comment
/// after the XML declaration.
void mark_svg(std::string& bytes) {
  const std::size_t end = bytes.find("?>\n");
  if (bytes.rfind("<?xml", 0) != 0 || end == std::string::npos) return;
  bytes.insert(end + 3, "<!-- clusterscope " CLUSTERSCOPE_VERSION " -->\n");
}

/// The same for PNG: a tEXt chunk "Software: clusterscope" after the IHDR chunk (PNG spec 11.3.4).
void mark_png(std::string& bytes) {
  constexpr std::size_t after_header = 8 + 4 + 4 + 13 + 4;  // signature, IHDR length, type, data, CRC
  if (bytes.size() < after_header) return;
  const std::string data = std::string("tEXtSoftware", 12) + '\0' + "clusterscope " CLUSTERSCOPE_VERSION;
  const std::uint32_t length = static_cast<std::uint32_t>(data.size() - 4);
  const auto crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  const auto big_endian = [](std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
      out += static_cast<char>((v >> shift) & 0xFF);
  };
  std::string chunk;
  big_endian(chunk, length);
  chunk += data;
  big_endian(chunk, crc);
  bytes.insert(after_header, chunk);
}

}  // namespace

std::string encode(const Scene& scene, const std::string& ext, double dpi) {
  const std::string where = "figure '" + scene.title + "' (" + ext + ")";
  if (!(scene.width > 0 && scene.height > 0)) throw OutputError(where + ": the figure has no size");
  if (ext == ".pdf") return pdf_bytes({&scene}, where);
  std::string bytes;
  if (ext == ".svg") {
    Surface surface(cairo_svg_surface_create_for_stream(append, &bytes, scene.width, scene.height));
    check(cairo_surface_status(surface.get()), where);
    {
      Context cr(cairo_create(surface.get()));
      draw_scene(cr.get(), scene);
      check(cairo_status(cr.get()), where);
    }
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()), where);
    canonical_surface_ids(bytes);
    add_svg_title(bytes, scene.title);
    mark_svg(bytes);
  } else if (ext == ".png") {
    if (!(dpi > 0 && dpi <= 2400)) throw OutputError(where + ": dpi must be in (0, 2400]");
    const auto [w, h] = png_size(scene, dpi);
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, std::max(w, 1), std::max(h, 1)));
    check(cairo_surface_status(surface.get()), where);
    {
      Context cr(cairo_create(surface.get()));
      cairo_scale(cr.get(), dpi / 72, dpi / 72);
      draw_scene(cr.get(), scene);
      check(cairo_status(cr.get()), where);
    }
    cairo_surface_flush(surface.get());
    check(cairo_surface_write_to_png_stream(surface.get(), append, &bytes), where);
    mark_png(bytes);
  } else {
    throw OutputError(where + ": unknown figure format '" + ext + "' (expected .svg, .pdf or .png)");
  }
  return bytes;
}

std::string encode_pdf_pages(const std::vector<Scene>& pages) {
  const std::string where = "document '" + (pages.empty() ? std::string() : pages.front().title) + "' (.pdf)";
  if (pages.empty()) throw OutputError(where + ": no pages");
  std::vector<const Scene*> pointers;
  pointers.reserve(pages.size());
  for (std::size_t k = 0; k < pages.size(); ++k) {
    if (!(pages[k].width > 0 && pages[k].height > 0))
      throw OutputError(where + ": page " + std::to_string(k + 1) + " has no size");
    pointers.push_back(&pages[k]);
  }
  return pdf_bytes(pointers, where);
}

void draw(const Scene& scene, const std::filesystem::path& out, double dpi) {
  const std::string ext = io::format_extension(out);
  if (ext != ".svg" && ext != ".pdf" && ext != ".png")
    throw OutputError(out.string() + ": unknown figure format '" + ext + "' (expected .svg, .pdf or .png)");
  std::string bytes;
  try {
    bytes = encode(scene, ext, dpi);
  } catch (const OutputError& e) {
    throw OutputError(out.string() + ": " + e.what());
  }
  io::write_file_atomically(out, bytes);
}

void draw_all(const std::vector<DrawJob>& jobs, unsigned threads) {
  // At most one worker per core (each holds a Cairo surface of its figure); the bytes do not
  // depend on the count.
  threads = worker_count(threads);
  // Longest first: a PNG of many primitives costs about twice its PDF, an SVG less.
  std::vector<std::size_t> order(jobs.size());
  std::vector<double> cost(jobs.size(), 0);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    order[i] = i;
    if (jobs[i].scene == nullptr) continue;
    cost[i] = static_cast<double>(primitive_count(*jobs[i].scene));
    const std::string ext = io::format_extension(jobs[i].out);
    cost[i] *= ext == ".png" ? 2.0 : ext == ".pdf" ? 1.0 : 0.8;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
  std::vector<std::exception_ptr> errors(jobs.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t k = next++; k < order.size(); k = next++) {
      const DrawJob& job = jobs[order[k]];
      try {
        if (job.scene == nullptr) throw std::invalid_argument("draw_all: a job without a scene");
        draw(*job.scene, job.out, job.dpi);
      } catch (...) {
        errors[order[k]] = std::current_exception();
      }
    }
  };
  core::run_workers(std::min<unsigned>(threads, static_cast<unsigned>(jobs.size())),
                    [&](unsigned) { work(); });
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
}

std::vector<std::pair<std::string, std::string>> library_versions() {
  return {{"cairo", cairo_version_string()}, {"pango", pango_version_string()}};
}

struct PangoMeasure::Impl {
  Surface surface{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)};
  Context cr{cairo_create(surface.get())};
};

PangoMeasure::PangoMeasure() : impl_(std::make_unique<Impl>()) {}
PangoMeasure::~PangoMeasure() = default;

Box PangoMeasure::measure(const std::string& utf8, double size, bool bold) const {
  if (utf8.empty()) return {0, 0, 0, 1.2 * size};
  const LayoutPtr layout = make_layout(impl_->cr.get(), utf8, size, bold);
  return logical_box(layout.get());
}

}  // namespace clusterscope::render

#if defined(__SANITIZE_ADDRESS__)
// fontconfig keeps its configuration and font cache for the life of the process (Pango holds them), which
// LeakSanitizer reports as leaks at exit. They are not ours; suppress exactly that library. The hook is
// here, not in a CI file, so every binary that renders (tests, the CLI) carries it.
// The statistics of matched suppressions would go to standard error at exit, where a --quiet run
// must stay silent: not printed.
extern "C" const char* __lsan_default_options();
extern "C" const char* __lsan_default_options() {
  return "print_suppressions=0";
}
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
#endif
