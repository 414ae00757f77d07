#include "clusterscope/render/change.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "clusterscope/render/figure.hpp"
#include "clusterscope/render/layout_helpers.hpp"

namespace clusterscope::render {

namespace {

/// Gaps between panels and bands, in points.
constexpr double kColumnGap = 14;
constexpr double kRowGap = 10;
constexpr double kBandGap = 6;
/// The dash of a lost tie and the ring of a new stakeholder.
const std::vector<double> kLostDash = {2, 2};
constexpr const char* kRingColour = "#222222";
constexpr double kRingWidth = 0.8;

/// One entry of the legend row at the bottom: a line sample, a ringed disc or a colour swatch.
struct LegendItem {
  enum class Kind { line, ring, swatch } kind = Kind::swatch;
  std::string text;
  std::string colour;
  std::vector<double> dash;
  double width = 1;
  double opacity = 1;
};

/// A legend laid out left to right, wrapping into rows no wider than the page.
class LegendRow {
 public:
  LegendRow(const TextMeasure& measure, double size, double width)
      : measure_(measure), size_(size), width_(width) {}
  void add(LegendItem item, bool group_start = false) {
    const double w = symbol_width(item) + 3 + measure_.measure(item.text, size_, false).width;
    const double spacing = group_start ? 18 : 10;
    if (rows_.empty() || (x_ > 0 && x_ + spacing + w > width_)) {
      rows_.emplace_back();
      x_ = 0;
    } else if (x_ > 0) {
      x_ += spacing;
    }
    rows_.back().push_back({std::move(item), x_});
    x_ += w;
  }
  [[nodiscard]] double row_height() const { return measure_.measure("0", size_, false).height + 2; }
  [[nodiscard]] double height() const { return static_cast<double>(rows_.size()) * row_height(); }
  void emit(Group& group, double left, double top) const {
    const double h = row_height();
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      const double mid = top + h * (static_cast<double>(r) + 0.5);
      for (const auto& [item, offset] : rows_[r]) {
        const double x = left + offset;
        const double sw = symbol_width(item);
        switch (item.kind) {
          case LegendItem::Kind::line: {
            Line l;
            // Inset by half the width: a line's bounds reach that far past its ends.
            l.points = {{x + item.width / 2, mid}, {x + sw - item.width / 2, mid}};
            l.width = item.width;
            l.colour = item.colour;
            l.opacity = item.opacity;
            l.dash = item.dash;
            group.items.emplace_back(std::move(l));
            break;
          }
          case LegendItem::Kind::ring:
          case LegendItem::Kind::swatch: {
            Circle c;
            c.cx = x + sw / 2;
            c.cy = mid;
            c.r = sw / 2 - (item.kind == LegendItem::Kind::ring ? kRingWidth / 2 : 0);
            c.fill = item.colour;
            if (item.kind == LegendItem::Kind::ring) {
              c.stroke = kRingColour;
              c.stroke_width = kRingWidth;
            }
            group.items.emplace_back(c);
            break;
          }
        }
        group.items.emplace_back(
            make_text(measure_, item.text, x + sw + 3, mid, size_, Anchor::start, false, "#222222"));
      }
    }
  }

 private:
  [[nodiscard]] double symbol_width(const LegendItem& item) const {
    return item.kind == LegendItem::Kind::line ? 2.4 * size_ : 0.8 * size_;
  }
  struct Placed {
    LegendItem item;
    double x = 0;
  };
  const TextMeasure& measure_;
  double size_;
  double width_;
  double x_ = 0;
  std::vector<std::vector<Placed>> rows_;
};

/// Lines of `text` wrapped to `width`, with their total height.
struct Lines {
  std::vector<std::string> text;
  double height = 0;
};

Lines wrapped(const TextMeasure& measure, const std::string& text, double size, bool bold, double width) {
  Lines out;
  out.text = wrap_text(measure, text, size, bold, width);
  for (const auto& line : out.text)
    out.height += measure.measure(line, size, bold).height;
  return out;
}

/// Emits `lines` from `top` downwards at `x`; returns the y below them.
double emit_lines(Group& group, const TextMeasure& measure, const Lines& lines, double x, double top,
                  double size, bool bold, const std::string& colour) {
  for (const auto& line : lines.text) {
    const Box b = measure.measure(line, size, bold);
    group.items.push_back(make_text(measure, line, x, top + b.height / 2, size, Anchor::start, bold, colour));
    top += b.height;
  }
  return top;
}

/// `text` shortened until it is at most `width` wide at `size`.
std::string fit_width(const TextMeasure& measure, const std::string& text, double size, bool bold,
                      double width) {
  std::string s = text;
  for (std::size_t chars = 60; measure.measure(s, size, bold).width > width && chars > 2; --chars)
    s = shorten_name(text, chars);
  return s;
}

/// The change counts of a panel: "210 stakeholders · 540 ties · +34 new · −12 lost".
std::string panel_counts(const ChangePanel& panel, std::size_t index) {
  if (!panel.counts.empty()) return panel.counts;
  std::size_t present = 0, kept = 0, added = 0, lost = 0;
  for (const bool p : panel.present)
    present += p ? 1 : 0;
  for (const ChangeEdge& e : panel.edges) {
    if (e.status == ChangeEdge::Status::kept) ++kept;
    if (e.status == ChangeEdge::Status::added) ++added;
    if (e.status == ChangeEdge::Status::lost) ++lost;
  }
  std::string out = std::to_string(present) + (present == 1 ? " stakeholder · " : " stakeholders · ") +
                    std::to_string(kept + added) + (kept + added == 1 ? " tie" : " ties");
  if (index > 0 || added > 0 || lost > 0)
    out += " · +" + std::to_string(added) + " new · \u2212" + std::to_string(lost) + " lost";
  return out;
}

}  // namespace

Scene change_network_scene(const Network& network, const Layout& layout,
                           const std::vector<std::string>& node_colours,
                           const std::vector<double>& node_radius, const std::vector<ChangePanel>& panels,
                           const std::vector<std::pair<std::string, std::string>>& legend,
                           const ChangeFigureOptions& options, const TextMeasure& measure) {
  const std::size_t n = network.size();
  if (layout.x.size() != n || layout.y.size() != n)
    throw std::invalid_argument("change figure: the layout must hold one position per stakeholder");
  if (node_colours.size() != n)
    throw std::invalid_argument("change figure: node_colours must hold one colour per stakeholder");
  if (!node_radius.empty() && node_radius.size() != n)
    throw std::invalid_argument(
        "change figure: node_radius must be empty or hold one radius per stakeholder");
  for (std::size_t p = 0; p < panels.size(); ++p) {
    if (panels[p].present.size() != n)
      throw std::invalid_argument("change figure: panel " + std::to_string(p + 1) +
                                  " must mark every stakeholder present or not");
    if (!panels[p].colours.empty() && panels[p].colours.size() != n)
      throw std::invalid_argument("change figure: panel " + std::to_string(p + 1) +
                                  " colours must be empty or hold one colour per stakeholder");
    for (const ChangeEdge& e : panels[p].edges)
      if (e.source < 0 || e.target < 0 || static_cast<std::size_t>(e.source) >= n ||
          static_cast<std::size_t>(e.target) >= n)
        throw std::invalid_argument("change figure: a tie of panel " + std::to_string(p + 1) +
                                    " names no stakeholder");
  }

  const std::size_t count = panels.size();
  const std::size_t columns = std::max<std::size_t>(
      1, std::min(options.columns > 0 ? options.columns : 3, std::max<std::size_t>(count, 1)));
  const std::size_t rows = (count + columns - 1) / columns;
  const double margin = options.margin;
  const double page_w = std::max(options.width - 2 * margin, 1.0);
  const double panel_w =
      std::max((page_w - kColumnGap * static_cast<double>(columns - 1)) / static_cast<double>(columns), 1.0);

  // Bands: title, panel headers, panels, legend, caption.
  const Lines title = wrapped(measure, options.title, options.title_size, true, page_w);
  const Lines caption = wrapped(measure, options.caption, options.caption_size, false, page_w);
  const double counts_size = 0.85 * options.panel_title_size;
  std::vector<std::string> heads(count);
  std::vector<Lines> counts(count);
  double header_h = 0;
  for (std::size_t p = 0; p < count; ++p) {
    heads[p] = fit_width(measure, panels[p].title, options.panel_title_size, true, panel_w);
    counts[p] = wrapped(measure, panel_counts(panels[p], p), counts_size, false, panel_w);
    header_h = std::max(
        header_h, measure.measure(heads[p], options.panel_title_size, true).height + counts[p].height + 3);
  }

  // Edge styles over all panels, so that the same tie looks the same in every panel: one weight
  // range, and per status one opacity from edge_base_opacity of the most ties of that status in a
  // panel (the ink of many overlapping lines grows with their number). New ties are drawn at 1.5×
  // and lost ones at 1.2× that opacity (at most 0.9 and 0.8), above the kept ones.
  double wmin = std::numeric_limits<double>::infinity(), wmax = -wmin;
  std::size_t most_kept = 0, most_added = 0, most_lost = 0;
  for (const ChangePanel& panel : panels) {
    std::size_t kept = 0, added = 0, lost = 0;
    for (const ChangeEdge& e : panel.edges) {
      if (std::isfinite(e.weight)) {
        wmin = std::min(wmin, e.weight);
        wmax = std::max(wmax, e.weight);
      }
      switch (e.status) {
        case ChangeEdge::Status::kept: ++kept; break;
        case ChangeEdge::Status::added: ++added; break;
        case ChangeEdge::Status::lost: ++lost; break;
      }
    }
    most_kept = std::max(most_kept, kept);
    most_added = std::max(most_added, added);
    most_lost = std::max(most_lost, lost);
  }
  const double base = edge_base_opacity(most_kept);
  const double added_opacity = std::min(0.9, 1.5 * edge_base_opacity(most_added));
  const double lost_opacity = std::min(0.8, 1.2 * edge_base_opacity(most_lost));
  const auto weight_factor = [&](double w) {
    return wmax > wmin && std::isfinite(w) ? std::clamp((w - wmin) / (wmax - wmin), 0.0, 1.0) : 0.3;
  };
  const std::string& added_colour = options.added_colour;

  LegendRow legend_row(measure, options.legend_size, page_w);
  legend_row.add(
      {LegendItem::Kind::line, "tie kept", options.kept_colour, {}, 0.8, std::max(base * 0.8, 0.5)});
  legend_row.add({LegendItem::Kind::line, "new tie", added_colour, {}, 1.4, 0.9});
  legend_row.add({LegendItem::Kind::line, "tie lost", options.lost_colour, kLostDash, 0.9, 0.9});
  if (options.ring_newcomers)
    legend_row.add({LegendItem::Kind::ring, "new stakeholder", "#ffffff", {}, 1, 1});
  for (std::size_t i = 0; i < legend.size(); ++i)
    legend_row.add({LegendItem::Kind::swatch, shorten_name(legend[i].first, 28), legend[i].second, {}, 1, 1},
                   i == 0);

  // Radii and the shared bounding box of every stakeholder present in some panel (or at the end of
  // a lost tie, which is drawn even when its stakeholder has gone).
  std::vector<bool> shown(n, false);
  std::size_t most_present = 0;
  for (const ChangePanel& panel : panels) {
    std::size_t present = 0;
    for (std::size_t v = 0; v < n; ++v)
      if (panel.present[v]) {
        shown[v] = true;
        ++present;
      }
    most_present = std::max(most_present, present);
    for (const ChangeEdge& e : panel.edges)
      if (e.status == ChangeEdge::Status::lost) {
        shown[static_cast<std::size_t>(e.source)] = true;
        shown[static_cast<std::size_t>(e.target)] = true;
      }
  }
  const double default_r = std::clamp(
      60.0 / std::sqrt(static_cast<double>(std::max<std::size_t>(most_present, 1))) * panel_w / 450, 0.6,
      4.5);
  std::vector<double> radius(n, default_r);
  if (!node_radius.empty())
    for (std::size_t v = 0; v < n; ++v)
      radius[v] = std::isfinite(node_radius[v]) ? std::max(node_radius[v], 0.5) : 0.5;
  double max_r = 0;
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (std::size_t v = 0; v < n; ++v) {
    if (!shown[v]) continue;
    max_r = std::max(max_r, radius[v]);
    if (!std::isfinite(layout.x[v]) || !std::isfinite(layout.y[v])) continue;
    x0 = std::min(x0, layout.x[v]);
    x1 = std::max(x1, layout.x[v]);
    y0 = std::min(y0, layout.y[v]);
    y1 = std::max(y1, layout.y[v]);
  }
  if (!(x0 <= x1)) x0 = x1 = y0 = y1 = 0;
  const double inset = max_r + kRingWidth / 2 + 1;
  const double inner_w = std::max(panel_w - 2 * inset, 0.0);

  // The page height: given, or from the rows of panels at the layout's aspect ratio.
  const double title_band = title.height + (title.height > 0 ? 4 : 0);
  const double caption_band = caption.height + (caption.height > 0 ? 4 : 0);
  const double legend_band = legend_row.height() + kBandGap;
  const double fixed = 2 * margin + title_band + legend_band + caption_band +
                       static_cast<double>(rows) * header_h +
                       kRowGap * static_cast<double>(rows > 0 ? rows - 1 : 0);
  double panel_h = 0;
  double height = options.height;
  if (height > 0) {
    panel_h = rows > 0 ? std::max((height - fixed) / static_cast<double>(rows), 1.0) : 0;
  } else {
    const double aspect = x1 - x0 > 0 ? std::clamp((y1 - y0) / (x1 - x0), 0.5, 1.25) : 1.0;
    panel_h = rows > 0 ? inner_w * aspect + 2 * inset : 0;
    height = fixed + (rows > 0 ? static_cast<double>(rows) * panel_h : 3 * options.legend_size);
  }
  const double inner_h = std::max(panel_h - 2 * inset, 0.0);

  Scene scene;
  scene.title = options.title;
  scene.width = options.width;
  scene.height = height;
  scene.margins = {margin, margin, margin, margin};
  scene.groups.reserve(4 + 6 * count);  // title, panel titles, 6 per panel, legend, caption
  emit_lines(scene.group("title"), measure, title, margin, margin, options.title_size, true, "#000000");
  const double panels_top = margin + title_band;

  // One scale for every panel: the positions relative to a panel's corner are the same in all.
  double scale = 0;
  if (x1 - x0 > 0) scale = inner_w / (x1 - x0);
  if (y1 - y0 > 0) scale = scale > 0 ? std::min(scale, inner_h / (y1 - y0)) : inner_h / (y1 - y0);
  const double mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  std::vector<double> rx(n), ry(n);
  for (std::size_t v = 0; v < n; ++v) {
    rx[v] = panel_w / 2 + ((std::isfinite(layout.x[v]) ? layout.x[v] : mx) - mx) * scale;
    ry[v] = panel_h / 2 - ((std::isfinite(layout.y[v]) ? layout.y[v] : my) - my) * scale;
  }

  // Nodes are drawn largest first, then in stakeholder order.
  std::vector<std::size_t> order(n);
  for (std::size_t v = 0; v < n; ++v)
    order[v] = v;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return radius[a] > radius[b]; });
  const double white_stroke = most_present > 2000 ? 0.0 : 0.3;

  scene.group("panel titles");
  for (std::size_t p = 0; p < count; ++p) {
    const ChangePanel& panel = panels[p];
    const std::size_t col = p % columns, row = p / columns;
    const double ox = margin + static_cast<double>(col) * (panel_w + kColumnGap);
    const double top = panels_top + static_cast<double>(row) * (header_h + panel_h + kRowGap);
    const double oy = top + header_h;
    const Box plot{ox, oy, panel_w, panel_h};
    const auto at = [&](std::size_t v) { return Point{ox + rx[v], oy + ry[v]}; };

    const Box head = measure.measure(heads[p], options.panel_title_size, true);
    Group& headers = scene.group("panel titles");
    headers.items.push_back(make_text(measure, heads[p], ox, top + head.height / 2, options.panel_title_size,
                                      Anchor::start, true, "#000000"));
    emit_lines(headers, measure, counts[p], ox, top + head.height, counts_size, false, "#444444");

    const std::string prefix = "panel " + std::to_string(p + 1) + "/";
    Group& frame = scene.group(prefix + "frame");
    Rect border;
    border.box = {ox + 0.25, oy + 0.25, panel_w - 0.5, panel_h - 0.5};
    border.fill = "";
    border.stroke = "#D9D9D9";
    border.stroke_width = 0.5;
    frame.items.emplace_back(border);

    // Ties: kept (lightest first), then lost, then added on top.
    const auto draw_ties = [&](ChangeEdge::Status status, const std::string& name) {
      std::vector<const ChangeEdge*> ties;
      for (const ChangeEdge& e : panel.edges) {
        if (e.status != status || e.source == e.target) continue;
        const auto s = static_cast<std::size_t>(e.source), t = static_cast<std::size_t>(e.target);
        // A lost tie is drawn where it used to be, even when a stakeholder of it has gone.
        if (status != ChangeEdge::Status::lost && (!panel.present[s] || !panel.present[t])) continue;
        ties.push_back(&e);
      }
      std::stable_sort(ties.begin(), ties.end(),
                       [](const ChangeEdge* a, const ChangeEdge* b) { return a->weight < b->weight; });
      Group& group = scene.group(prefix + name);
      group.items.reserve(ties.size());
      for (const ChangeEdge* e : ties) {
        const double f = weight_factor(e->weight);
        Line line;
        line.points = {at(static_cast<std::size_t>(e->source)), at(static_cast<std::size_t>(e->target))};
        switch (status) {
          case ChangeEdge::Status::kept:
            line.width = 0.3 + 1.2 * f;
            line.colour = options.kept_colour;
            line.opacity = base * (0.35 + 0.65 * f);
            break;
          case ChangeEdge::Status::lost:
            line.width = 0.5 + 0.8 * f;
            line.colour = options.lost_colour;
            line.opacity = lost_opacity;
            line.dash = kLostDash;
            break;
          case ChangeEdge::Status::added:
            line.width = 0.6 + 1.4 * f;
            line.colour = added_colour;
            line.opacity = added_opacity;
            break;
        }
        group.items.emplace_back(std::move(line));
      }
    };
    draw_ties(ChangeEdge::Status::kept, "kept ties");
    draw_ties(ChangeEdge::Status::lost, "lost ties");
    draw_ties(ChangeEdge::Status::added, "new ties");

    Group& nodes = scene.group(prefix + "nodes");
    std::vector<std::size_t> drawn;
    for (const std::size_t v : order) {
      if (!panel.present[v]) continue;
      const bool fresh = options.ring_newcomers && p > 0 && !panels[p - 1].present[v];
      Circle c;
      c.cx = ox + rx[v];
      c.cy = oy + ry[v];
      c.r = radius[v];
      c.fill = panel.colours.empty() ? node_colours[v] : panel.colours[v];
      c.stroke = fresh ? kRingColour : white_stroke > 0 ? "#ffffff" : "";
      c.stroke_width = fresh ? kRingWidth : white_stroke;
      nodes.items.emplace_back(std::move(c));
      drawn.push_back(v);
    }

    // Labels: the stakeholders with the most new ties here, greedy around each node.
    std::vector<double> added(n, 0);
    for (const ChangeEdge& e : panel.edges)
      if (e.status == ChangeEdge::Status::added && e.source != e.target) {
        const auto s = static_cast<std::size_t>(e.source), t = static_cast<std::size_t>(e.target);
        if (!panel.present[s] || !panel.present[t]) continue;
        added[s] += 1;
        added[t] += 1;
      }
    std::vector<std::size_t> ranked;
    for (std::size_t v = 0; v < n; ++v)
      if (added[v] > 0) ranked.push_back(v);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](std::size_t a, std::size_t b) { return added[a] > added[b]; });
    if (ranked.size() > options.labels) ranked.resize(options.labels);
    Group& labels = scene.group(prefix + "labels");
    std::vector<Box> placed;
    std::vector<std::pair<Point, Point>> leaders;
    const double pad = 1.0;
    const auto hits_node = [&](const Box& box) {
      return std::any_of(drawn.begin(), drawn.end(), [&](std::size_t u) {
        return overlaps(box, ox + rx[u], oy + ry[u], radius[u] + kRingWidth / 2);
      });
    };
    for (const std::size_t v : ranked) {
      const Stakeholder& s = network.stakeholders[v];
      const std::string text = shorten_name(s.name.empty() ? s.id : s.name, options.label_chars);
      const Box size = measure.measure(text, options.label_size, false);
      const double w = size.width + 2 * pad, h = size.height + 2 * pad;
      const Point c = at(v);
      const double r = radius[v] + kRingWidth / 2 + 1;
      const double d = 0.7071 * r;
      std::vector<std::pair<Box, Point>> candidates = {
          {{c.x + r, c.y - h / 2, w, h}, c},     {{c.x - r - w, c.y - h / 2, w, h}, c},
          {{c.x - w / 2, c.y - r - h, w, h}, c}, {{c.x - w / 2, c.y + r, w, h}, c},
          {{c.x + d, c.y - d - h, w, h}, c},     {{c.x - d - w, c.y - d - h, w, h}, c},
          {{c.x + d, c.y + d, w, h}, c},         {{c.x - d - w, c.y + d, w, h}, c}};
      // Further out, joined to the node by a leader line: sixteen directions at distances growing by
      // 1.35× up to 35 % of the panel's larger side, as in the network figure.
      const double reach = 0.35 * std::max(panel_w, panel_h);
      for (double distance = 6.0; distance <= reach; distance *= 1.35)
        for (int k = 0; k < 16; ++k) {
          const double ux = std::cos(k * std::numbers::pi / 8), uy = std::sin(k * std::numbers::pi / 8);
          const Point end{c.x + ux * (r + distance), c.y + uy * (r + distance)};
          const double bx = ux > 0.3 ? end.x : ux < -0.3 ? end.x - w : end.x - w / 2;
          const double by = uy > 0.3 ? end.y : uy < -0.3 ? end.y - h : end.y - h / 2;
          candidates.push_back({{bx, by, w, h}, end});
        }
      for (const auto& [box, end] : candidates) {
        if (!inside(box, plot) || hits_node(box)) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const Box& other) { return overlaps(box, other); }))
          continue;
        if (std::any_of(placed.begin(), placed.end(),
                        [&](const Box& other) { return segment_hits_box(c, end, other); }))
          continue;
        if (std::any_of(leaders.begin(), leaders.end(),
                        [&](const auto& l) { return segment_hits_box(l.first, l.second, box); }))
          continue;
        placed.push_back(box);
        if (add_node_label(labels, measure, text, box, pad, options.label_size, c, radius[v], r, end))
          leaders.emplace_back(c, end);
        break;
      }
    }
  }
  if (count == 0)
    scene.group("panel titles")
        .items.push_back(make_text(measure, "no periods", margin + page_w / 2,
                                   panels_top + 1.5 * options.legend_size, options.legend_size,
                                   Anchor::middle, false, "#444444"));

  const double caption_top = height - margin - caption.height;
  const double legend_top = caption_top - (caption.height > 0 ? 4 : 0) - legend_row.height();
  legend_row.emit(scene.group("legend"), margin, legend_top);
  emit_lines(scene.group("caption"), measure, caption, margin, caption_top, options.caption_size, false,
             "#444444");
  return scene;
}

}  // namespace clusterscope::render
