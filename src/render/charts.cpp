#include "clusterscope/render/charts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "clusterscope/render/figure.hpp"
#include "clusterscope/render/layout_helpers.hpp"

namespace clusterscope::render {

namespace {

/// Page, title band and caption band; `plot` is what remains.
struct Frame {
  Scene scene;
  Box plot;
};

Frame begin_chart(const ChartOptions& options, const TextMeasure& measure) {
  Frame f;
  f.scene.width = options.width;
  f.scene.height = options.height;
  f.scene.margins = {options.margin, options.margin, options.margin, options.margin};
  f.scene.groups.reserve(8);
  f.scene.title = options.title;
  const Box page{options.margin, options.margin, options.width - 2 * options.margin,
                 options.height - 2 * options.margin};
  double top = page.y;
  Group& title = f.scene.group("title");
  for (const auto& line : wrap_text(measure, options.title, options.title_size, true, page.width)) {
    const Box b = measure.measure(line, options.title_size, true);
    title.items.push_back(
        make_text(measure, line, page.x, top + b.height / 2, options.title_size, Anchor::start, true));
    top += b.height;
  }
  if (top > page.y) top += 6;
  const double caption_size = options.text_size;
  const auto lines = wrap_text(measure, options.caption, caption_size, false, page.width);
  double height = 0;
  for (const auto& line : lines)
    height += measure.measure(line, caption_size, false).height;
  Group& caption = f.scene.group("caption");
  double y = page.bottom() - height;
  for (const auto& line : lines) {
    const Box b = measure.measure(line, caption_size, false);
    caption.items.push_back(
        make_text(measure, line, page.x, y + b.height / 2, caption_size, Anchor::start, false, "#444444"));
    y += b.height;
  }
  const double bottom = page.bottom() - height - (height > 0 ? 6 : 0);
  f.plot = {page.x, top, page.width, std::max(bottom - top, 1.0)};
  return f;
}

Line segment(double x0, double y0, double x1, double y1, double width, const std::string& colour,
             double opacity = 1) {
  Line l;
  l.points = {{x0, y0}, {x1, y1}};
  l.width = width;
  l.colour = colour;
  l.opacity = opacity;
  return l;
}

Rect rect(const Box& box, const std::string& fill, double opacity = 1) {
  Rect r;
  r.box = box;
  r.fill = fill;
  r.opacity = opacity;
  return r;
}

/// `text` shortened until it is at most `width` wide.
std::string fit(const TextMeasure& measure, const std::string& text, double size, double width,
                std::size_t chars = 28) {
  std::string s = shorten_name(text, chars);
  for (std::size_t c = std::min<std::size_t>(chars, 60);
       measure.measure(s, size, false).width > width && c > 2; --c)
    s = shorten_name(text, c);
  return s;
}

void no_data(Frame& f, const TextMeasure& measure, const ChartOptions& options, const std::string& what) {
  f.scene.group("plot").items.push_back(make_text(measure, what, f.plot.x + f.plot.width / 2,
                                                  f.plot.y + f.plot.height / 2, options.text_size,
                                                  Anchor::middle, false, "#444444"));
}

std::string mix(double t) {
  // White → Okabe–Ito blue (#0072B2).
  t = std::clamp(t, 0.0, 1.0);
  const auto channel = [&](double to) { return static_cast<int>(std::lround(255 + (to - 255) * t)); };
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", channel(0x00), channel(0x72), channel(0xB2));
  return buffer;
}

/// Black or white, whichever contrasts more with the background colour "#rrggbb" (WCAG relative
/// luminance): a number stays readable on every shade of a heatmap.
std::string text_on(const std::string& background) {
  if (background.size() != 7 || background[0] != '#') return "#000000";
  const auto linear = [&](std::size_t at) {
    const double c = std::stoi(background.substr(at, 2), nullptr, 16) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  const double l = 0.2126 * linear(1) + 0.7152 * linear(3) + 0.0722 * linear(5);
  return (1.05 / (l + 0.05)) > ((l + 0.05) / 0.05) ? "#ffffff" : "#000000";
}

}  // namespace

Scene degree_distribution_scene(const std::vector<std::int64_t>& degrees, const ChartOptions& options,
                                const TextMeasure& measure) {
  Frame f = begin_chart(options, measure);
  std::map<std::int64_t, double> counts;
  std::size_t isolated = 0;
  for (const auto d : degrees) {
    if (d <= 0)
      ++isolated;
    else
      counts[d] += 1;
  }
  if (counts.empty()) {
    no_data(f, measure, options, "no stakeholder has a tie");
    return f.scene;
  }
  const double s = options.text_size;
  const double kmax = static_cast<double>(counts.rbegin()->first);
  double cmax = 0;
  for (const auto& [k, c] : counts)
    cmax = std::max(cmax, c);
  const int x_decades = std::max(1, static_cast<int>(std::ceil(std::log10(kmax) - 1e-9)));
  const int y_decades = std::max(1, static_cast<int>(std::ceil(std::log10(cmax) - 1e-9)));
  // Axis area: tick labels left and below, axis titles above (y) and below (x).
  const double tick_w = measure.measure(short_number(std::pow(10.0, y_decades)), s, false).width + 4;
  const double line_h = measure.measure("0", s, false).height;
  const Box area{f.plot.x + tick_w, f.plot.y + line_h + 4, f.plot.width - tick_w - 6,
                 f.plot.height - 2 * line_h - 10 - line_h - 4};
  const auto X = [&](double k) { return area.x + area.width * std::log10(k) / x_decades; };
  const auto Y = [&](double c) { return area.bottom() - area.height * std::log10(c) / y_decades; };
  Group& axes = f.scene.group("axes");
  axes.items.push_back(segment(area.x, area.bottom(), area.right(), area.bottom(), 0.8, "#000000"));
  axes.items.push_back(segment(area.x, area.y, area.x, area.bottom(), 0.8, "#000000"));
  for (int i = 0; i <= x_decades; ++i) {
    const double x = X(std::pow(10.0, i));
    axes.items.push_back(segment(x, area.bottom(), x, area.bottom() + 3, 0.6, "#000000"));
    axes.items.push_back(make_text(measure, short_number(std::pow(10.0, i)), x,
                                   area.bottom() + 4 + line_h / 2, s,
                                   i == x_decades ? Anchor::end : Anchor::middle));
  }
  for (int i = 0; i <= y_decades; ++i) {
    const double y = Y(std::pow(10.0, i));
    axes.items.push_back(segment(area.x - 3, y, area.x, y, 0.6, "#000000"));
    axes.items.push_back(make_text(measure, short_number(std::pow(10.0, i)), area.x - 4, y, s, Anchor::end));
  }
  const std::string x_label = options.x_label.empty() ? "degree k" : options.x_label;
  const std::string y_label = options.y_label.empty() ? "stakeholders with degree k" : options.y_label;
  axes.items.push_back(make_text(measure, x_label, area.x + area.width / 2, area.bottom() + 6 + 1.5 * line_h,
                                 s, Anchor::middle));
  axes.items.push_back(make_text(measure, y_label, f.plot.x, f.plot.y + line_h / 2, s, Anchor::start));
  if (isolated > 0)
    axes.items.push_back(make_text(measure, std::to_string(isolated) + " without ties (not shown)",
                                   area.right(), f.plot.y + line_h / 2, s, Anchor::end, false, "#444444"));
  Group& points = f.scene.group("points");
  for (const auto& [k, c] : counts) {
    Circle circle;
    circle.cx = X(static_cast<double>(k));
    circle.cy = Y(c);
    circle.r = 2.2;
    circle.fill = "#0072B2";
    circle.opacity = 0.85;
    points.items.push_back(circle);
  }
  return f.scene;
}

Scene top_bars_scene(const std::vector<std::string>& names, const std::vector<double>& values,
                     std::size_t top_n, const ChartOptions& options, const TextMeasure& measure) {
  if (names.size() != values.size()) throw std::invalid_argument("bar chart: one name per value");
  Frame f = begin_chart(options, measure);
  std::vector<std::size_t> order(values.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  const auto key = [&](std::size_t i) { return std::isfinite(values[i]) ? values[i] : -HUGE_VAL; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  order.resize(std::min(top_n, order.size()));
  if (order.empty()) {
    no_data(f, measure, options, "no values");
    return f.scene;
  }
  const double s = options.text_size;
  double vmax = 0;
  double name_w = 0, value_w = 0;
  std::vector<std::string> labels;
  for (const auto i : order) {
    vmax = std::max(vmax, key(i));
    labels.push_back(fit(measure, names[i], s, f.plot.width * 0.4));
    name_w = std::max(name_w, measure.measure(labels.back(), s, false).width);
    value_w = std::max(value_w, measure.measure(short_number(values[i]), s, false).width);
  }
  const double line_h = measure.measure("0", s, false).height;
  const double head = options.x_label.empty() ? 0 : line_h + 4;
  const double row = std::min(f.plot.height - head, 2.2 * s * static_cast<double>(order.size())) /
                     static_cast<double>(order.size());
  const double x0 = f.plot.x + name_w + 6;
  const double bar_w = std::max(f.plot.right() - value_w - 4 - x0, 1.0);
  Group& bars = f.scene.group("bars");
  if (!options.x_label.empty())
    bars.items.push_back(
        make_text(measure, options.x_label, x0, f.plot.y + line_h / 2, s, Anchor::start, true));
  for (std::size_t r = 0; r < order.size(); ++r) {
    const std::size_t i = order[r];
    const double y = f.plot.y + head + row * static_cast<double>(r);
    const double len = vmax > 0 ? bar_w * std::max(key(i), 0.0) / vmax : 0;
    bars.items.push_back(make_text(measure, labels[r], x0 - 6, y + row / 2, s, Anchor::end));
    bars.items.push_back(rect({x0, y + row * 0.15, len, row * 0.7}, "#0072B2"));
    bars.items.push_back(make_text(measure, short_number(values[i]), x0 + len + 4, y + row / 2, s,
                                   Anchor::start, false, "#444444"));
  }
  return f.scene;
}

Scene mixing_heatmap_scene(const std::vector<std::string>& types,
                           const std::vector<std::vector<double>>& matrix, const ChartOptions& options,
                           const TextMeasure& measure) {
  const std::size_t k = types.size();
  if (matrix.size() != k) throw std::invalid_argument("heatmap: one row per type");
  for (const auto& r : matrix)
    if (r.size() != k) throw std::invalid_argument("heatmap: one column per type");
  Frame f = begin_chart(options, measure);
  if (k == 0) {
    no_data(f, measure, options, "no types");
    return f.scene;
  }
  const double s = options.text_size;
  double name_w = 0;
  std::vector<std::string> rows;
  for (const auto& t : types) {
    rows.push_back(fit(measure, t, s, f.plot.width * 0.3, 20));
    name_w = std::max(name_w, measure.measure(rows.back(), s, false).width);
  }
  const double line_h = measure.measure("0", s, false).height;
  const double cell = std::min((f.plot.width - name_w - 6) / static_cast<double>(k),
                               (f.plot.height - line_h - 4) / static_cast<double>(k));
  const double x0 = f.plot.x + name_w + 6, y0 = f.plot.y;
  double vmax = 0;
  for (const auto& r : matrix)
    for (const double v : r)
      if (std::isfinite(v)) vmax = std::max(vmax, v);
  Group& cells = f.scene.group("cells");
  for (std::size_t i = 0; i < k; ++i) {
    const double y = y0 + cell * static_cast<double>(i);
    cells.items.push_back(make_text(measure, rows[i], x0 - 6, y + cell / 2, s, Anchor::end));
    for (std::size_t j = 0; j < k; ++j) {
      const double x = x0 + cell * static_cast<double>(j);
      const double v = std::isfinite(matrix[i][j]) ? matrix[i][j] : 0;
      const double t = vmax > 0 ? v / vmax : 0;
      const std::string fill = mix(t);
      Rect r = rect({x, y, cell, cell}, fill);
      r.stroke = "#ffffff";
      r.stroke_width = 0.5;
      // Keep the stroke inside the page: inset by half its width.
      r.box = {x + 0.25, y + 0.25, cell - 0.5, cell - 0.5};
      cells.items.push_back(r);
      const std::string value = short_number(v);
      if (measure.measure(value, s, false).width < cell - 2)
        cells.items.push_back(
            make_text(measure, value, x + cell / 2, y + cell / 2, s, Anchor::middle, false, text_on(fill)));
    }
  }
  const double yb = y0 + cell * static_cast<double>(k) + 2 + line_h / 2;
  for (std::size_t j = 0; j < k; ++j)
    cells.items.push_back(make_text(measure, fit(measure, types[j], s, cell - 2, 20),
                                    x0 + cell * (static_cast<double>(j) + 0.5), yb, s, Anchor::middle));
  return f.scene;
}

Scene community_composition_scene(const std::vector<std::string>& communities,
                                  const std::vector<std::string>& types,
                                  const std::vector<std::string>& type_colours,
                                  const std::vector<std::vector<double>>& counts, const ChartOptions& options,
                                  const TextMeasure& measure) {
  if (type_colours.size() != types.size()) throw std::invalid_argument("composition: one colour per type");
  if (counts.size() != communities.size()) throw std::invalid_argument("composition: one row per community");
  for (const auto& r : counts)
    if (r.size() != types.size()) throw std::invalid_argument("composition: one count per type");
  Frame f = begin_chart(options, measure);
  if (communities.empty()) {
    no_data(f, measure, options, "no communities");
    return f.scene;
  }
  const double s = options.text_size;
  Legend legend;
  legend.add_title(measure, "Type", s);
  for (std::size_t t = 0; t < types.size(); ++t)
    legend.add_swatch(measure, shorten_name(types[t], 24), type_colours[t], s);
  const double legend_x = f.plot.right() - legend.width();
  legend.emit(f.scene.group("legend"), legend_x, f.plot.y, f.plot.bottom());
  double name_w = 0, total_w = 0, vmax = 0;
  std::vector<std::string> names;
  for (std::size_t c = 0; c < communities.size(); ++c) {
    names.push_back(fit(measure, communities[c], s, f.plot.width * 0.25, 20));
    name_w = std::max(name_w, measure.measure(names.back(), s, false).width);
    double total = 0;
    for (const double v : counts[c])
      total += std::max(v, 0.0);
    vmax = std::max(vmax, total);
    total_w = std::max(total_w, measure.measure(short_number(total), s, false).width);
  }
  const double x0 = f.plot.x + name_w + 6;
  const double bar_w = std::max(legend_x - 10 - total_w - 4 - x0, 1.0);
  const auto n = static_cast<double>(communities.size());
  const double row = std::min(f.plot.height, 2.2 * s * n) / n;
  Group& bars = f.scene.group("bars");
  for (std::size_t c = 0; c < communities.size(); ++c) {
    const double y = f.plot.y + row * static_cast<double>(c);
    bars.items.push_back(make_text(measure, names[c], x0 - 6, y + row / 2, s, Anchor::end));
    double x = x0, total = 0;
    for (std::size_t t = 0; t < types.size(); ++t) {
      const double v = std::max(counts[c][t], 0.0);
      total += v;
      const double w = vmax > 0 ? bar_w * v / vmax : 0;
      if (w > 0) bars.items.push_back(rect({x, y + row * 0.15, w, row * 0.7}, type_colours[t]));
      x += w;
    }
    bars.items.push_back(
        make_text(measure, short_number(total), x + 4, y + row / 2, s, Anchor::start, false, "#444444"));
  }
  return f.scene;
}

Scene community_graph_scene(const std::vector<std::string>& names, const std::vector<double>& members,
                            const std::vector<CommunityLink>& links, const ChartOptions& options,
                            const TextMeasure& measure, const std::vector<std::int32_t>& ids) {
  if (names.size() != members.size()) throw std::invalid_argument("community graph: one size per community");
  if (!ids.empty() && ids.size() != names.size())
    throw std::invalid_argument("community graph: one id per community");
  Frame f = begin_chart(options, measure);
  const std::size_t k = names.size();
  if (k == 0) {
    no_data(f, measure, options, "no communities");
    return f.scene;
  }
  const double s = options.text_size;
  double mmax = 0, label_w = 0;
  std::vector<std::string> labels;
  for (std::size_t c = 0; c < k; ++c) {
    if (std::isfinite(members[c])) mmax = std::max(mmax, members[c]);
    labels.push_back(shorten_name(names[c], 20) + " (" + short_number(members[c]) + ")");
    label_w = std::max(label_w, measure.measure(labels.back(), s, false).width);
  }
  const double line_h = measure.measure("0", s, false).height;
  const double rmax = std::clamp(
      std::min(f.plot.width, f.plot.height) / (k > 1 ? 3.0 * std::sqrt(static_cast<double>(k)) : 4.0), 4.0,
      40.0);
  const double cx = f.plot.x + f.plot.width / 2, cy = f.plot.y + f.plot.height / 2;
  const double ring =
      std::max(std::min(f.plot.width / 2 - rmax - label_w - 4, f.plot.height / 2 - rmax - line_h - 4), 0.0);
  std::vector<double> x(k), y(k), r(k);
  for (std::size_t c = 0; c < k; ++c) {
    // Community 0 at the top, then clockwise: deterministic and stable as communities are added.
    const double angle =
        -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(c) / static_cast<double>(k);
    x[c] = k == 1 ? cx : cx + ring * std::cos(angle);
    y[c] = k == 1 ? cy : cy + ring * std::sin(angle);
    r[c] = mmax > 0 && members[c] > 0 ? std::max(2.0, rmax * std::sqrt(members[c] / mmax)) : 2.0;
  }
  double wmax = 0;
  for (const auto& l : links)
    wmax = std::max(wmax, l.weight);
  Group& edges = f.scene.group("edges");
  for (const auto& l : links) {
    if (l.a == l.b || l.a < 0 || l.b < 0 || static_cast<std::size_t>(l.a) >= k ||
        static_cast<std::size_t>(l.b) >= k)
      continue;
    const double t = wmax > 0 ? l.weight / wmax : 0;
    const auto a = static_cast<std::size_t>(l.a), b = static_cast<std::size_t>(l.b);
    edges.items.push_back(segment(x[a], y[a], x[b], y[b], 0.5 + 5.5 * t, "#555555", 0.25 + 0.5 * t));
  }
  Group& nodes = f.scene.group("nodes");
  Group& text = f.scene.group("labels");
  const auto& palette = community_palette();
  for (std::size_t c = 0; c < k; ++c) {
    Circle circle;
    circle.cx = x[c];
    circle.cy = y[c];
    circle.r = r[c];
    const auto colour = ids.empty() ? c : static_cast<std::size_t>(std::max(ids[c], 0));
    circle.fill = colour < palette.size() ? palette[colour] : other_colour;
    circle.stroke = "#ffffff";
    circle.stroke_width = 0.8;
    nodes.items.push_back(circle);
    const double dx = x[c] - cx, dy = y[c] - cy;
    const double len = std::hypot(dx, dy);
    const double ux = len > 0 ? dx / len : 0, uy = len > 0 ? dy / len : 1;
    const Anchor anchor = ux > 0.3 ? Anchor::start : ux < -0.3 ? Anchor::end : Anchor::middle;
    const double gap = r[c] + 3;
    const double ly = y[c] + uy * (gap + (std::abs(ux) <= 0.3 ? line_h / 2 : 0));
    text.items.push_back(make_text(measure, labels[c], x[c] + ux * gap, ly, s, anchor));
  }
  return f.scene;
}

Scene candidate_card_scene(const Network& network, const std::vector<AggregatedEdge>& edges,
                           const candidates::Candidate& candidate, const ChartOptions& options,
                           const TextMeasure& measure, const Layout* layout) {
  ChartOptions o = options;
  if (o.title.empty())
    o.title = "Candidate " + std::to_string(candidate.rank) + " — " +
              candidates::level_name(candidate.level) + " (score " + short_number(candidate.score) + ")";
  Frame f = begin_chart(o, measure);
  const double s = o.text_size;
  const double line_h = measure.measure("0", s, false).height;
  const std::size_t n = network.size();
  // Left: the members' subgraph, placed by the network layout or on a circle.
  const Box graph{f.plot.x, f.plot.y, f.plot.width * 0.45, f.plot.height};
  std::vector<std::int32_t> index(n, -1);
  std::vector<VertexId> members;
  for (const VertexId v : candidate.members)
    if (v >= 0 && static_cast<std::size_t>(v) < n && index[static_cast<std::size_t>(v)] < 0) {
      index[static_cast<std::size_t>(v)] = static_cast<std::int32_t>(members.size());
      members.push_back(v);
    }
  const std::size_t m = members.size();
  const double rnode =
      std::clamp(80.0 / std::sqrt(static_cast<double>(std::max<std::size_t>(m, 1))), 1.5, 6.0);
  const double ring = std::max(std::min(graph.width, graph.height - 2 * line_h) / 2 - rnode - 3, 0.0);
  const double gx = graph.x + graph.width / 2, gy = graph.y + graph.height / 2;
  std::vector<double> px(m), py(m);
  for (std::size_t i = 0; i < m; ++i) {
    const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) /
                                                     static_cast<double>(std::max<std::size_t>(m, 1));
    px[i] = m == 1 ? gx : gx + ring * std::cos(angle);
    py[i] = m == 1 ? gy : gy + ring * std::sin(angle);
  }
  const bool placed = layout != nullptr && layout->x.size() == n && layout->y.size() == n && m > 1 &&
                      std::all_of(members.begin(), members.end(), [&](VertexId v) {
                        const auto k = static_cast<std::size_t>(v);
                        return std::isfinite(layout->x[k]) && std::isfinite(layout->y[k]);
                      });
  if (placed) {
    // Fit the members' bounding box into the circle's square, keeping the aspect ratio.
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const VertexId v : members) {
      const auto k = static_cast<std::size_t>(v);
      x0 = std::min(x0, layout->x[k]);
      x1 = std::max(x1, layout->x[k]);
      y0 = std::min(y0, layout->y[k]);
      y1 = std::max(y1, layout->y[k]);
    }
    const double span = std::max(x1 - x0, y1 - y0);
    const double scale = span > 0 ? 2 * ring / span : 0;
    for (std::size_t i = 0; i < m; ++i) {
      const auto k = static_cast<std::size_t>(members[i]);
      px[i] = gx + (layout->x[k] - (x0 + x1) / 2) * scale;
      py[i] = gy + (layout->y[k] - (y0 + y1) / 2) * scale;
    }
  }
  Group& lines = f.scene.group("edges");
  std::size_t internal = 0;
  for (const auto& e : edges) {
    const auto a = index[static_cast<std::size_t>(e.source)], b = index[static_cast<std::size_t>(e.target)];
    if (a >= 0 && b >= 0 && a != b) ++internal;
  }
  const double opacity = edge_base_opacity(internal);
  for (const auto& e : edges) {
    const auto a = index[static_cast<std::size_t>(e.source)], b = index[static_cast<std::size_t>(e.target)];
    if (a < 0 || b < 0 || a == b) continue;
    lines.items.push_back(segment(px[static_cast<std::size_t>(a)], py[static_cast<std::size_t>(a)],
                                  px[static_cast<std::size_t>(b)], py[static_cast<std::size_t>(b)], 0.6,
                                  "#555555", opacity));
  }
  std::map<std::string, std::string> colour_of;
  for (const auto& t : network.vocabulary)
    colour_of[t.name] = t.colour;
  Group& nodes = f.scene.group("nodes");
  const auto is_anchor = [&](VertexId v) {
    return std::find(candidate.anchors.begin(), candidate.anchors.end(), v) != candidate.anchors.end();
  };
  for (std::size_t i = 0; i < m; ++i) {
    const VertexId v = members[i];
    const auto it = colour_of.find(network.stakeholders[static_cast<std::size_t>(v)].type);
    Circle c;
    c.cx = px[i];
    c.cy = py[i];
    c.r = rnode;
    c.fill = it == colour_of.end() ? other_colour : it->second;
    if (v == candidate.coordinator) {
      c.r = rnode + 1.5;
      c.stroke = "#D55E00";
      c.stroke_width = 2;
    } else if (is_anchor(v)) {
      c.r = rnode + 1;
      c.stroke = "#000000";
      c.stroke_width = 1.5;
    }
    nodes.items.push_back(c);
  }
  Group& notes = f.scene.group("graph notes");
  notes.items.push_back(
      make_text(measure, std::to_string(m) + " members, " + std::to_string(internal) + " ties inside",
                graph.x, graph.bottom() - line_h / 2, s, Anchor::start, false, "#444444"));

  // Right: score parts as bars, then anchors, coordinator, reason and gaps.
  const double rx = graph.right() + 14, rw = f.plot.right() - rx;
  Group& bars = f.scene.group("score parts");
  const std::vector<std::pair<std::string, double>> parts = {
      {"cohesion", candidate.parts.cohesion},       {"composition", candidate.parts.composition},
      {"stability", candidate.parts.stability},     {"critical mass", candidate.parts.mass},
      {"coordinator", candidate.parts.coordinator}, {"geography", candidate.parts.geography}};
  double name_w = 0;
  for (const auto& p : parts)
    name_w = std::max(name_w, measure.measure(p.first, s, false).width);
  const double value_w = measure.measure("0.00", s, false).width;
  const double bx = rx + name_w + 6, bw = std::max(rw - name_w - 6 - value_w - 4, 1.0);
  double y = f.plot.y;
  bars.items.push_back(make_text(measure, "Score parts (0–1)", rx, y + line_h / 2, s, Anchor::start, true));
  y += line_h + 2;
  for (const auto& [name, value] : parts) {
    const double v = std::clamp(std::isfinite(value) ? value : 0.0, 0.0, 1.0);
    bars.items.push_back(make_text(measure, name, bx - 6, y + line_h / 2, s, Anchor::end));
    bars.items.push_back(rect({bx, y + 1, bw, line_h - 2}, "#eeeeee"));
    bars.items.push_back(rect({bx, y + 1, bw * v, line_h - 2}, "#0072B2"));
    bars.items.push_back(make_text(measure, short_number(std::round(v * 100) / 100), bx + bw + 4,
                                   y + line_h / 2, s, Anchor::start, false, "#444444"));
    y += line_h + 2;
  }
  y += 6;
  Group& text = f.scene.group("text");
  const auto name_of = [&](VertexId v) {
    const Stakeholder& st = network.stakeholders[static_cast<std::size_t>(v)];
    return shorten_name(st.name.empty() ? st.id : st.name);
  };
  const auto paragraph = [&](const std::string& body, bool bold, const std::string& colour) {
    for (const auto& line : wrap_text(measure, body, s, bold, rw)) {
      if (y + line_h > f.plot.bottom()) return;
      text.items.push_back(make_text(measure, line, rx, y + line_h / 2, s, Anchor::start, bold, colour));
      y += line_h;
    }
    y += 3;
  };
  std::string anchors;
  for (const VertexId v : candidate.anchors)
    if (v >= 0 && static_cast<std::size_t>(v) < n) anchors += (anchors.empty() ? "" : "; ") + name_of(v);
  paragraph("Anchors (black rings): " + (anchors.empty() ? std::string("none") : anchors), false, "#000000");
  paragraph("Coordinator (orange ring): " +
                (candidate.coordinator >= 0 && static_cast<std::size_t>(candidate.coordinator) < n
                     ? name_of(candidate.coordinator)
                     : std::string("none")),
            false, "#000000");
  if (!candidate.sector.empty()) paragraph("Sector: " + candidate.sector, false, "#000000");
  paragraph(candidate.reason, false, "#222222");
  if (!candidate.gaps.empty()) {
    paragraph("Gaps", true, "#000000");
    for (const auto& gap : candidate.gaps)
      paragraph("• " + gap, false, "#D55E00");
  }
  return f.scene;
}

namespace {

/// A point of the cubic Bézier from a to d with control points b and c, at t in [0, 1].
Point bezier(const Point& a, const Point& b, const Point& c, const Point& d, double t) {
  const double u = 1 - t;
  return {u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x,
          u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y};
}

/// An alluvial band from the right side of one block (y from ys to ys + hs at x0) to the left side
/// of another (yt to yt + ht at x1): both edges S-curves with horizontal ends, each sampled into 16
/// segments.
Polygon band(double x0, double ys, double hs, double x1, double yt, double ht, const std::string& fill) {
  constexpr int steps = 16;
  const double xm = (x0 + x1) / 2;
  Polygon out;
  out.fill = fill;
  out.opacity = 0.45;
  out.points.reserve(2 * (steps + 1));
  for (int i = 0; i <= steps; ++i)
    out.points.push_back(bezier({x0, ys}, {xm, ys}, {xm, yt}, {x1, yt}, static_cast<double>(i) / steps));
  for (int i = 0; i <= steps; ++i)
    out.points.push_back(
        bezier({x1, yt + ht}, {xm, yt + ht}, {xm, ys + hs}, {x0, ys + hs}, static_cast<double>(i) / steps));
  return out;
}

/// Code points of a UTF-8 string.
std::size_t glyphs(const std::string& utf8) {
  return static_cast<std::size_t>(std::count_if(
      utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

double positive(double v) {
  return std::isfinite(v) && v > 0 ? v : 0.0;
}

}  // namespace

Scene community_flow_scene(const std::vector<std::string>& period_labels,
                           const std::vector<std::vector<FlowBlock>>& blocks,
                           const std::vector<FlowLink>& links, const ChartOptions& options,
                           const TextMeasure& measure) {
  const std::size_t periods = period_labels.size();
  if (blocks.size() != periods) throw std::invalid_argument("flow chart: one column of blocks per period");
  // index[p][id]: the block's position in its column.
  std::vector<std::map<std::int32_t, std::size_t>> index(periods);
  for (std::size_t p = 0; p < periods; ++p)
    for (std::size_t b = 0; b < blocks[p].size(); ++b)
      if (!index[p].emplace(blocks[p][b].id, b).second)
        throw std::invalid_argument("flow chart: block " + std::to_string(blocks[p][b].id) +
                                    " repeats in period " + std::to_string(p + 1));
  for (const FlowLink& l : links) {
    if (l.period + 1 >= periods)
      throw std::invalid_argument("flow chart: a link leaves period " + std::to_string(l.period + 1) +
                                  ", which has no next period");
    if (!index[l.period].contains(l.from) || !index[l.period + 1].contains(l.to))
      throw std::invalid_argument("flow chart: a link names a block that its period does not have");
  }
  Frame f = begin_chart(options, measure);
  double total = 0;
  for (const auto& column : blocks)
    for (const FlowBlock& b : column)
      total += positive(b.size);
  if (periods == 0 || !(total > 0)) {
    no_data(f, measure, options, "no members");
    return f.scene;
  }
  const double s = options.text_size;
  const double line_h = measure.measure("0", s, false).height;
  const auto label_of = [](const FlowBlock& b) { return b.label.empty() ? std::to_string(b.id) : b.label; };

  // Columns: wide enough for the longest label (within reason), leaving at least half the width to
  // the bands.
  double widest = 0;
  for (const auto& column : blocks)
    for (const FlowBlock& b : column)
      widest = std::max(widest, measure.measure(shorten_name(label_of(b), 20), s, false).width);
  const auto count = static_cast<double>(periods);
  const double bar_w = std::clamp(widest + 8, std::min(28.0, f.plot.width / count),
                                  std::max(f.plot.width * (periods > 1 ? 0.5 : 0.4) / count, 1.0));
  const double pitch = periods > 1 ? (f.plot.width - bar_w) / (count - 1) : 0;
  const auto column_x = [&](std::size_t p) {
    return periods > 1 ? f.plot.x + pitch * static_cast<double>(p) : f.plot.x + (f.plot.width - bar_w) / 2;
  };

  // One vertical scale for every column, so a block's height is its size in every period.
  const double top = f.plot.y + line_h + 6;
  const double area_h = std::max(f.plot.bottom() - top, 1.0);
  std::size_t most = 1;
  for (const auto& column : blocks)
    most = std::max<std::size_t>(
        most, static_cast<std::size_t>(std::count_if(
                  column.begin(), column.end(), [](const FlowBlock& b) { return positive(b.size) > 0; })));
  const double gap = std::min(6.0, 0.3 * area_h / static_cast<double>(most));
  double scale = std::numeric_limits<double>::infinity();
  std::vector<double> sums(periods, 0);
  std::vector<std::size_t> shown(periods, 0);
  for (std::size_t p = 0; p < periods; ++p) {
    for (const FlowBlock& b : blocks[p]) {
      sums[p] += positive(b.size);
      if (positive(b.size) > 0) ++shown[p];
    }
    if (sums[p] > 0) scale = std::min(scale, (area_h - gap * static_cast<double>(shown[p] - 1)) / sums[p]);
  }
  scale = std::max(scale, 0.0);
  std::vector<std::vector<Box>> box(periods);
  for (std::size_t p = 0; p < periods; ++p) {
    const double used = sums[p] * scale + gap * static_cast<double>(shown[p] > 0 ? shown[p] - 1 : 0);
    double y = top + (area_h - used) / 2;
    for (const FlowBlock& b : blocks[p]) {
      const double h = positive(b.size) * scale;
      box[p].push_back({column_x(p), y, bar_w, h});
      if (h > 0) y += h + gap;
    }
  }
  const auto colour_of = [](const FlowBlock& b) {
    if (!b.colour.empty()) return b.colour;
    const auto& palette = community_palette();
    return b.id >= 0 && static_cast<std::size_t>(b.id) < palette.size()
               ? palette[static_cast<std::size_t>(b.id)]
               : std::string(other_colour);
  };

  // Bands: out of each block in the order of their targets, into each block in the order of their
  // sources, so that bands of one block do not cross at its side. A block whose links add up to more
  // than its size has its bands narrowed to fit it.
  Group& bands = f.scene.group("bands");
  for (std::size_t p = 0; p + 1 < periods; ++p) {
    std::vector<const FlowLink*> out;
    for (const FlowLink& l : links)
      if (l.period == p && positive(l.size) > 0) {
        const std::size_t a = index[p].at(l.from), b = index[p + 1].at(l.to);
        if (box[p][a].height > 0 && box[p + 1][b].height > 0) out.push_back(&l);
      }
    const auto from = [&](const FlowLink* l) { return index[p].at(l->from); };
    const auto to = [&](const FlowLink* l) { return index[p + 1].at(l->to); };
    std::vector<double> out_sum(blocks[p].size(), 0), in_sum(blocks[p + 1].size(), 0);
    for (const FlowLink* l : out) {
      out_sum[from(l)] += l->size;
      in_sum[to(l)] += l->size;
    }
    const auto fit_factor = [](double block, double sum) {
      return sum > block && sum > 0 ? block / sum : 1.0;
    };
    std::vector<double> out_at(blocks[p].size(), 0), in_at(blocks[p + 1].size(), 0);
    std::vector<std::size_t> by_source(out.size()), by_target(out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
      by_source[i] = by_target[i] = i;
    std::stable_sort(by_source.begin(), by_source.end(), [&](std::size_t a, std::size_t b) {
      return std::pair(from(out[a]), to(out[a])) < std::pair(from(out[b]), to(out[b]));
    });
    std::stable_sort(by_target.begin(), by_target.end(), [&](std::size_t a, std::size_t b) {
      return std::pair(to(out[a]), from(out[a])) < std::pair(to(out[b]), from(out[b]));
    });
    std::vector<double> ys(out.size()), hs(out.size()), yt(out.size()), ht(out.size());
    for (const std::size_t i : by_source) {
      const std::size_t a = from(out[i]);
      hs[i] = out[i]->size * scale * fit_factor(positive(blocks[p][a].size), out_sum[a]);
      ys[i] = box[p][a].y + out_at[a];
      out_at[a] += hs[i];
    }
    for (const std::size_t i : by_target) {
      const std::size_t b = to(out[i]);
      ht[i] = out[i]->size * scale * fit_factor(positive(blocks[p + 1][b].size), in_sum[b]);
      yt[i] = box[p + 1][b].y + in_at[b];
      in_at[b] += ht[i];
    }
    for (const std::size_t i : by_source)
      bands.items.emplace_back(band(box[p][from(out[i])].right(), ys[i], hs[i], box[p + 1][to(out[i])].x,
                                    yt[i], ht[i], colour_of(blocks[p][from(out[i])])));
  }

  // Blocks with their label and size written on them when they fit.
  Group& rects = f.scene.group("blocks");
  Group& text = f.scene.group("labels");
  for (std::size_t p = 0; p < periods; ++p)
    for (std::size_t b = 0; b < blocks[p].size(); ++b) {
      const Box& r = box[p][b];
      if (!(r.height > 0)) continue;
      const std::string fill = colour_of(blocks[p][b]);
      rects.items.push_back(rect(r, fill));
      const std::string ink = text_on(fill);
      const std::string label = label_of(blocks[p][b]);
      const std::string size = short_number(blocks[p][b].size);
      const double room = r.width - 6;
      const double cx = r.x + r.width / 2, cy = r.y + r.height / 2;
      // A shortened name is written only when it keeps at least four letters before its "…".
      const std::string full = shorten_name(label, 20);
      const auto fitted = [&](double width) {
        std::string name = fit(measure, label, s, width, 20);
        const bool ok = measure.measure(name, s, false).width <= width && (name == full || glyphs(name) >= 5);
        return ok ? name : std::string();
      };
      const std::string name = fitted(room);
      if (r.height >= 2 * line_h + 2 && !name.empty()) {
        text.items.push_back(make_text(measure, name, cx, cy - line_h / 2, s, Anchor::middle, false, ink));
        text.items.push_back(make_text(measure, size, cx, cy + line_h / 2, s, Anchor::middle, false, ink));
      } else if (r.height >= line_h + 1) {
        const std::string beside = fitted(room - measure.measure(" " + size, s, false).width);
        const std::string one = beside.empty() ? size : beside + " " + size;
        if (measure.measure(one, s, false).width <= room)
          text.items.push_back(make_text(measure, one, cx, cy, s, Anchor::middle, false, ink));
      }
    }

  // Period labels above the columns, kept inside the plot.
  Group& heads = f.scene.group("periods");
  for (std::size_t p = 0; p < periods; ++p) {
    const double room = periods > 1 ? std::max(pitch - 4, bar_w) : f.plot.width;
    const std::string label = fit(measure, period_labels[p], s, room, 40);
    const double w = measure.measure(label, s, true).width;
    const double x =
        std::clamp(column_x(p) + bar_w / 2 - w / 2, f.plot.x, std::max(f.plot.right() - w, f.plot.x));
    heads.items.push_back(make_text(measure, label, x, f.plot.y + line_h / 2, s, Anchor::start, true));
  }
  return f.scene;
}

namespace {

/// Round ticks for the range [lo, hi]: about four, at 1, 2 or 5 × 10^k (whole numbers only when
/// `whole`), with the decimals the step needs.
struct Ticks {
  std::vector<double> at;
  int decimals = 0;
};

Ticks round_ticks(double lo, double hi, bool whole) {
  Ticks out;
  const double raw = (hi - lo) / 4;
  if (!(raw > 0) || !std::isfinite(raw)) return out;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / magnitude;
  double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
  if (whole) step = std::max(step, 1.0);
  out.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
    out.at.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return out;
}

/// Labels of categories `pitch` apart along an axis.
struct CategoryLabels {
  std::vector<std::vector<std::string>> lines;  ///< per category; empty when it is not labelled
  std::size_t rows = 1;                         ///< the most lines of a label
};

/// Each label wrapped into at most two lines, a lone connector ("…", "–", "-") kept with the word
/// after it ("2014-01 … 2014-06" → "2014-01" / "… 2014-06"); every k-th category labelled, k the
/// smallest at which every labelled one fits whole. When none does, every label is shortened to fit.
CategoryLabels category_labels(const TextMeasure& measure, const std::vector<std::string>& labels,
                               double size, double pitch) {
  const std::size_t count = labels.size();
  const auto glue = [](std::string text) {
    for (const std::string connector : {" … ", " – ", " - "}) {
      const std::string joined = connector.substr(0, connector.size() - 1) + "\u00A0";
      for (std::size_t at = text.find(connector); at != std::string::npos; at = text.find(connector, at + 1))
        text.replace(at, connector.size(), joined);
    }
    return text;
  };
  const auto whole = [&](const std::vector<std::string>& lines, const std::string& text, double room) {
    std::string joined;
    for (const auto& line : lines) {
      if (measure.measure(line, size, false).width > room) return false;
      joined += (joined.empty() ? "" : " ") + line;
    }
    return lines.size() <= 2 && joined == text;
  };
  CategoryLabels out;
  out.lines.assign(count, {});
  for (std::size_t stride = 1; stride <= std::max<std::size_t>(count, 1); ++stride) {
    const double room = pitch * static_cast<double>(stride) - 2;
    bool fits = true;
    for (std::size_t p = 0; p < count && fits; p += stride) {
      std::istringstream words(glue(labels[p]));
      std::string word, text;
      while (words >> word)
        text += (text.empty() ? "" : " ") + word;
      out.lines[p] = wrap_text(measure, text, size, false, room);
      fits = whole(out.lines[p], text, room);
    }
    if (!fits) continue;
    for (std::size_t p = 0; p < count; ++p)
      if (p % stride != 0) out.lines[p].clear();
    for (const auto& lines : out.lines)
      out.rows = std::max(out.rows, lines.size());
    return out;
  }
  // Nothing fits whole: every label on one line, shortened to its category's width.
  for (std::size_t p = 0; p < count; ++p)
    out.lines[p] = {fit(measure, labels[p], size, pitch - 2, 40)};
  out.rows = 1;
  return out;
}

std::string fixed_decimals(double value, int decimals) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  if (s.starts_with("-") && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

}  // namespace

Scene measures_over_periods_scene(const std::vector<std::string>& period_labels,
                                  const std::vector<std::string>& measure_names,
                                  const std::vector<std::vector<double>>& values, const ChartOptions& options,
                                  const TextMeasure& measure) {
  const std::size_t periods = period_labels.size(), count = measure_names.size();
  if (values.size() != count) throw std::invalid_argument("measures chart: one row of values per measure");
  for (const auto& row : values)
    if (row.size() != periods) throw std::invalid_argument("measures chart: one value per period");
  Frame f = begin_chart(options, measure);
  if (count == 0 || periods == 0) {
    no_data(f, measure, options, count == 0 ? "no measures" : "no periods");
    return f.scene;
  }
  const double s = options.text_size;
  const double line_h = measure.measure("0", s, false).height;
  const std::size_t columns = count <= 3 ? count : count == 4 ? 2 : 3;
  const std::size_t rows = (count + columns - 1) / columns;
  constexpr double gap_x = 18, gap_y = 12;
  const double cell_w =
      (f.plot.width - gap_x * static_cast<double>(columns - 1)) / static_cast<double>(columns);
  const double cell_h = (f.plot.height - gap_y * static_cast<double>(rows - 1)) / static_cast<double>(rows);
  const std::string ink = "#0072B2";
  Group& frames = f.scene.group("axes");
  Group& lines = f.scene.group("lines");
  Group& dots = f.scene.group("points");
  Group& text = f.scene.group("values");
  for (std::size_t m = 0; m < count; ++m) {
    const Box cell{f.plot.x + static_cast<double>(m % columns) * (cell_w + gap_x),
                   f.plot.y + static_cast<double>(m / columns) * (cell_h + gap_y), cell_w, cell_h};
    frames.items.push_back(make_text(measure, fit(measure, measure_names[m], s, cell.width, 40), cell.x,
                                     cell.y + line_h / 2, s, Anchor::start, true));
    const std::vector<double>& row = values[m];
    double vmin = std::numeric_limits<double>::infinity(), vmax = -vmin;
    for (const double v : row)
      if (std::isfinite(v)) {
        vmin = std::min(vmin, v);
        vmax = std::max(vmax, v);
      }
    if (!(vmin <= vmax)) {
      frames.items.push_back(make_text(measure, "not defined", cell.x + cell.width / 2,
                                       cell.y + cell.height / 2, s, Anchor::middle, false, "#444444"));
      continue;
    }
    // The y range: the values padded by a tenth of their spread, not below 0 for values that are not
    // negative (nor above 0 for values that are not positive).
    const double pad = vmax > vmin ? 0.1 * (vmax - vmin) : vmax != 0 ? 0.1 * std::abs(vmax) : 1.0;
    double lo = vmin - pad, hi = vmax + pad;
    if (vmin >= 0 && lo < 0) lo = 0;
    if (vmax <= 0 && hi > 0) hi = 0;
    const bool whole =
        std::all_of(row.begin(), row.end(), [](double v) { return !std::isfinite(v) || v == std::round(v); });
    const Ticks ticks = round_ticks(lo, hi, whole);
    double tick_w = 0;
    for (const double t : ticks.at)
      tick_w = std::max(tick_w, measure.measure(fixed_decimals(t, ticks.decimals), s, false).width);
    const double left = cell.x + tick_w + 5, right = cell.right() - 2;
    const double pitch = std::max(right - left, 1.0) / static_cast<double>(periods);
    const CategoryLabels names = category_labels(measure, period_labels, s, pitch);
    const std::size_t label_lines = names.rows;
    const double bottom = cell.bottom() - static_cast<double>(label_lines) * line_h - 3;
    const double top = cell.y + line_h + 4;
    if (!(bottom > top)) continue;
    const auto X = [&](std::size_t p) { return left + pitch * (static_cast<double>(p) + 0.5); };
    // Room above the highest and below the lowest dot for its value.
    constexpr double r = 2.2;
    const double room = line_h + r + 1;
    const double y0 = bottom - room, y1 = std::min(top + room, y0);
    const auto Y = [&](double v) { return y0 - (y0 - y1) * (v - lo) / (hi - lo); };
    for (const double t : ticks.at) {
      frames.items.push_back(segment(left, Y(t), right, Y(t), 0.5, "#E5E5E5"));
      frames.items.push_back(make_text(measure, fixed_decimals(t, ticks.decimals), left - 4, Y(t), s,
                                       Anchor::end, false, "#444444"));
    }
    frames.items.push_back(segment(left, bottom, right, bottom, 0.6, "#000000"));
    for (std::size_t p = 0; p < periods; ++p) {
      frames.items.push_back(segment(X(p), bottom, X(p), bottom + 2, 0.5, "#000000"));
      for (std::size_t k = 0; k < names.lines[p].size(); ++k) {
        // Centred under the tick, moved inwards at the panel's edges.
        const double w = measure.measure(names.lines[p][k], s, false).width;
        const double x = std::clamp(X(p), cell.x + w / 2, std::max(cell.right() - w / 2, cell.x + w / 2));
        frames.items.push_back(make_text(measure, names.lines[p][k], x,
                                         bottom + 3 + line_h * (static_cast<double>(k) + 0.5), s,
                                         Anchor::middle, false, "#222222"));
      }
    }
    // The line in runs of defined values: a gap at every NaN.
    Line run;
    const auto flush = [&] {
      if (run.points.size() >= 2) lines.items.push_back(run);
      run.points.clear();
    };
    run.width = 1.2;
    run.colour = ink;
    std::vector<Box> placed;
    std::vector<std::pair<Point, Point>> drawn;  // the segments of the line
    for (std::size_t p = 0; p < periods; ++p) {
      const double v = row[p];
      if (!std::isfinite(v)) {
        flush();
        const Text na =
            make_text(measure, "n/a", X(p), bottom - line_h / 2 - 1, s, Anchor::middle, false, "#888888");
        placed.push_back(na.box);
        text.items.push_back(na);
        continue;
      }
      if (!run.points.empty()) drawn.emplace_back(run.points.back(), Point{X(p), Y(v)});
      run.points.push_back({X(p), Y(v)});
      Circle dot;
      dot.cx = X(p);
      dot.cy = Y(v);
      dot.r = r;
      dot.fill = ink;
      dot.stroke = "#ffffff";
      dot.stroke_width = 0.6;
      dots.items.push_back(dot);
    }
    flush();
    // Values beside their dots: above a peak, below a trough (the side away from the line), else
    // the other side or beside; never on another value or on the line, when they fit at all.
    const auto defined = [&](std::size_t p) { return std::isfinite(row[p]); };
    for (std::size_t p = 0; p < periods; ++p) {
      if (!defined(p)) continue;
      const double v = row[p];
      double around = 0;
      int neighbours = 0;
      for (const std::size_t q : {p - 1, p + 1})  // p - 1 wraps to a huge index at p = 0
        if (q < periods && defined(q)) {
          around += row[q];
          ++neighbours;
        }
      const bool above = neighbours == 0 || v >= around / neighbours;
      const std::string label = short_number(v);
      const double half = measure.measure(label, s, false).height / 2;
      const Point at{X(p), Y(v)};
      const std::vector<Text> candidates = {
          make_text(measure, label, at.x, at.y + (above ? -1 : 1) * (r + 1 + half), s, Anchor::middle, false,
                    "#222222"),
          make_text(measure, label, at.x, at.y + (above ? 1 : -1) * (r + 1 + half), s, Anchor::middle, false,
                    "#222222"),
          make_text(measure, label, at.x + r + 2, at.y - r - half, s, Anchor::start, false, "#222222"),
          make_text(measure, label, at.x - r - 2, at.y - r - half, s, Anchor::end, false, "#222222"),
          make_text(measure, label, at.x + r + 2, at.y + r + half, s, Anchor::start, false, "#222222"),
          make_text(measure, label, at.x - r - 2, at.y + r + half, s, Anchor::end, false, "#222222")};
      const Box panel{cell.x, cell.y + line_h + 1, cell.width, bottom - 0.5 - (cell.y + line_h + 1)};
      const auto free = [&](const Text& t, bool line_too) {
        return inside(t.box, panel) &&
               std::none_of(placed.begin(), placed.end(), [&](const Box& o) { return overlaps(t.box, o); }) &&
               (!line_too || std::none_of(drawn.begin(), drawn.end(), [&](const auto& segment_) {
                 return segment_hits_box(segment_.first, segment_.second, t.box);
               }));
      };
      const Text* chosen = nullptr;
      for (const bool line_too : {true, false}) {
        for (const Text& t : candidates)
          if (free(t, line_too)) {
            chosen = &t;
            break;
          }
        if (chosen != nullptr) break;
      }
      if (chosen == nullptr) continue;
      placed.push_back(chosen->box);
      text.items.push_back(*chosen);
    }
  }
  return f.scene;
}

}  // namespace clusterscope::render
