#pragma once
// A backend-free picture (docs/figures.md): primitives in page coordinates (points, origin at the
// top left, y growing downwards), grouped in z-order. Figures and charts build a Scene; the Cairo
// backend draws it to SVG, PDF or PNG; golden tests compare its canonical JSON, which does not
// depend on fonts when the text was measured with FixedMeasure.

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace clusterscope::render {

/// An axis-aligned box: top-left corner and size, in points.
struct Box {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  [[nodiscard]] double right() const noexcept { return x + width; }
  [[nodiscard]] double bottom() const noexcept { return y + height; }
};

/// True when the interiors of `a` and `b` intersect (touching edges do not count).
bool overlaps(const Box& a, const Box& b) noexcept;
/// True when the disc (cx, cy, r) and the interior of `box` intersect.
bool overlaps(const Box& box, double cx, double cy, double r) noexcept;

struct Point {
  double x = 0;
  double y = 0;
};

/// True when the segment a–b passes through `box` (Liang–Barsky clipping): a leader line that would
/// cross a label.
bool segment_hits_box(const Point& a, const Point& b, const Box& box) noexcept;
/// True when `inner` lies inside `outer` (edges may touch).
bool inside(const Box& inner, const Box& outer) noexcept;

/// Colours are "#rrggbb" strings; an empty colour means "none" (no fill or no stroke).
struct Circle {
  double cx = 0;
  double cy = 0;
  double r = 0;
  std::string fill = "#000000";
  std::string stroke;
  double stroke_width = 0;
  double opacity = 1;
};

/// A polyline (two points: a line segment).
struct Line {
  std::vector<Point> points;
  double width = 1;
  std::string colour = "#000000";
  double opacity = 1;
  /// Dash pattern: alternating on and off lengths in points, starting with "on"; empty: solid. A
  /// pattern with a negative or non-finite length, or of total length 0, is drawn solid.
  std::vector<double> dash;
};

struct Rect {
  Box box;
  std::string fill = "#000000";
  std::string stroke;
  double stroke_width = 0;
  double opacity = 1;
};

/// A closed filled polygon (no stroke): the points in order, the last joined back to the first.
struct Polygon {
  std::vector<Point> points;
  std::string fill = "#000000";
  double opacity = 1;
};

enum class Anchor { start, middle, end };

/// One line of text. (x, y) is the anchor point: x at the start, middle or end of the text, y at
/// its vertical middle. `box` is the extent measured when the scene was built.
struct Text {
  std::string text;  ///< UTF-8
  double x = 0;
  double y = 0;
  double size = 10;  ///< font size in points
  bool bold = false;
  Anchor anchor = Anchor::start;
  std::string colour = "#000000";
  Box box;
};

using Primitive = std::variant<Circle, Line, Rect, Text, Polygon>;

/// Primitives drawn in order; groups are drawn in the order they appear in the scene.
struct Group {
  std::string name;
  std::vector<Primitive> items;
};

struct Margins {
  double top = 24;
  double right = 24;
  double bottom = 24;
  double left = 24;
};

struct Scene {
  double width = 600;  ///< points (1/72 inch)
  double height = 450;
  Margins margins;
  std::string title;  ///< document title: the SVG <title> element and the PDF Title metadata
  std::string background = "#ffffff";
  std::vector<Group> groups;

  /// The group called `name`, appended when missing. The reference is invalidated when a later call
  /// appends another group.
  Group& group(const std::string& name);
};

/// The number of primitives of a scene (all groups): a figure's drawing cost.
std::size_t primitive_count(const Scene& scene);

/// The extent of a primitive (a line's box includes half its width; a text's is its measured box; a
/// polygon's is the box of its points).
Box bounds(const Primitive& primitive);

/// Canonical JSON: fixed key order, numbers with two decimals, one primitive per line, so golden
/// files diff readably.
std::string scene_json(const Scene& scene);

/// Measures one line of text: the returned box has x = y = 0 and the text's width and height.
struct TextMeasure {
  TextMeasure() = default;
  TextMeasure(const TextMeasure&) = delete;
  TextMeasure& operator=(const TextMeasure&) = delete;
  virtual ~TextMeasure() = default;
  [[nodiscard]] virtual Box measure(const std::string& utf8, double size, bool bold) const = 0;
};

/// Deterministic measure for golden tests: width = 0.55 × size per code point (0.6 when bold),
/// height = 1.2 × size. Independent of installed fonts.
struct FixedMeasure final : TextMeasure {
  [[nodiscard]] Box measure(const std::string& utf8, double size, bool bold) const override;
};

/// The real measure: Pango with fontconfig and the font the backend draws with ("DejaVu Sans").
/// Not thread-safe: use one per thread.
class PangoMeasure final : public TextMeasure {
 public:
  PangoMeasure();
  ~PangoMeasure() override;
  [[nodiscard]] Box measure(const std::string& utf8, double size, bool bold) const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The font family every backend uses.
inline constexpr const char* font_family = "DejaVu Sans";

/// A Text with its box measured. (x, y) is the anchor point (see Text).
Text make_text(const TextMeasure& measure, std::string text, double x, double y, double size,
               Anchor anchor = Anchor::start, bool bold = false, std::string colour = "#000000");

/// Draws a placed node label into `group`: a leader line from the edge of the disc (`node`,
/// `radius`) to `end` when `end` lies more than `clearance` + 1 away from the centre, then a white
/// halo behind `box` and the text `pad` inside its left edge. Returns whether a leader was drawn.
bool add_node_label(Group& group, const TextMeasure& measure, const std::string& text, const Box& box,
                    double pad, double size, Point node, double radius, double clearance, Point end);

/// Draws `scene` to `out`, the format chosen by extension: .svg, .pdf or .png (raster at dpi / 72
/// pixels per point). Text is laid out with Pango, so every script shapes correctly. The file is
/// written atomically (temporary file, then rename). Throws OutputError for an unknown extension
/// or when the file cannot be written.
void draw(const Scene& scene, const std::filesystem::path& out, double dpi = 150);

/// The bytes `draw` would write for `ext` (".svg", ".pdf" or ".png"), without writing a file — for
/// embedding a figure in a report. Throws OutputError for an unknown extension or a bad dpi.
std::string encode(const Scene& scene, const std::string& ext, double dpi = 150);

/// One PDF of `pages.size()` pages, page k drawn from `pages[k]` at that scene's size — for the
/// multi-page report. Creator "clusterscope", Title from the first page's title and, as for
/// `encode`, no creation date: the same pages give the same bytes. Throws OutputError when there
/// are no pages or a page has no size.
std::string encode_pdf_pages(const std::vector<Scene>& pages);

/// Appends the groups of `figure` to `page` (named "figure/<group>"), every primitive scaled
/// uniformly — positions, radii, line and stroke widths, dash lengths, text sizes and text boxes — so that
/// the figure fits `into` keeping its aspect ratio, centred in it. The figure's background becomes a Rect
/// behind its groups. Opacity and colours are kept.
void embed(const Scene& figure, const Box& into, Scene& page);

/// One file to draw: a scene (which must outlive the call), its path and, for PNG, its resolution.
struct DrawJob {
  const Scene* scene = nullptr;
  std::filesystem::path out;
  double dpi = 150;
};

/// Draws every job, `threads` at a time (0: one per core), each exactly as `draw` would — the
/// bytes do not depend on the number of threads. The largest jobs (by primitive count, PNG first)
/// start first. When jobs fail, the first failure in job order is rethrown after all have stopped;
/// files already written stay (callers write into a temporary folder).
void draw_all(const std::vector<DrawJob>& jobs, unsigned threads = 0);

/// Versions of the drawing libraries in use, e.g. {"cairo", "1.16.0"}, {"pango", "1.50.12"}.
std::vector<std::pair<std::string, std::string>> library_versions();

/// Pixel size of the PNG `draw` writes for `scene` at `dpi`: round(points × dpi / 72).
std::pair<int, int> png_size(const Scene& scene, double dpi);

}  // namespace clusterscope::render
