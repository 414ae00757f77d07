#include "clusterscope/render/figure.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numbers>
#include <stdexcept>

#include "clusterscope/core/text.hpp"
#include "clusterscope/render/layout_helpers.hpp"

namespace clusterscope::render {

const std::vector<std::string>& categorical_palette() {
  // Okabe, M. & Ito, K. (2008) Color Universal Design — How to make figures and presentations that
  // are friendly to colorblind people. https://jfly.uni-koeln.de/color/
  static const std::vector<std::string> palette = {"#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                                   "#0072B2", "#D55E00", "#CC79A7"};
  return palette;
}

const std::vector<std::string>& community_palette() {
  // Tol, P. (2021) Colour Schemes, SRON/EPS/TN/09-002, "muted" qualitative scheme.
  static const std::vector<std::string> palette = {"#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE",
                                                   "#882255", "#44AA99", "#999933", "#AA4499"};
  return palette;
}

namespace {

std::size_t code_points(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = core::utf8_sequence(s, i);
    i += n == 0 ? 1 : n;
    ++count;
  }
  return count;
}

/// Byte offset of code point `k` in `s` (s.size() when s is shorter).
std::size_t byte_offset(std::string_view s, std::size_t k) {
  std::size_t i = 0;
  for (std::size_t c = 0; c < k && i < s.size(); ++c) {
    const std::size_t n = core::utf8_sequence(s, i);
    i += n == 0 ? 1 : n;
  }
  return i;
}

std::string_view trim_trailing(std::string_view s, std::string_view chars) {
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos)
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string shorten_name(std::string_view name, std::size_t max_chars) {
  static const std::vector<std::string> suffixes = [] {
    std::vector<std::string> s = {"Sp. z o.o. Sp. k.",
                                  "sp. z o.o. sp. k.",
                                  "Sp. z o.o.",
                                  "sp. z o.o.",
                                  "Sp. z o. o.",
                                  "spółka z o.o.",
                                  "S.A.",
                                  "SA",
                                  "S.K.A.",
                                  "Sp. j.",
                                  "sp. j.",
                                  "sp.j.",
                                  "Sp. k.",
                                  "sp. k.",
                                  "sp.k.",
                                  "s.c.",
                                  "AB (publ)",
                                  "AB",
                                  "HB",
                                  "KB",
                                  "Oyj",
                                  "Oy",
                                  "A/S",
                                  "ASA",
                                  "AS",
                                  "ApS",
                                  "GmbH & Co. KG",
                                  "GmbH",
                                  "AG",
                                  "KG",
                                  "e.V.",
                                  "Ltd.",
                                  "Ltd",
                                  "Limited",
                                  "LLC",
                                  "Inc.",
                                  "Inc",
                                  "plc",
                                  "PLC",
                                  "S.r.l.",
                                  "S.p.A.",
                                  "SARL",
                                  "SAS",
                                  "B.V.",
                                  "N.V.",
                                  "s.r.o.",
                                  "a.s."};
    std::stable_sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return s;
  }();
  std::string_view s = core::trim(name);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& suffix : suffixes) {
      if (s.size() <= suffix.size() + 1 || !s.ends_with(suffix)) continue;
      const char before = s[s.size() - suffix.size() - 1];
      if (before != ' ' && before != ',') continue;
      const std::string_view rest = trim_trailing(s.substr(0, s.size() - suffix.size()), " ,");
      if (rest.empty()) continue;
      s = rest;
      changed = true;
      break;
    }
  }
  if (max_chars < 2 || code_points(s) <= max_chars) return std::string(s);
  std::string_view cut = s.substr(0, byte_offset(s, max_chars - 1));
  // Prefer a word boundary in the last third of what is kept.
  const std::size_t space = cut.rfind(' ');
  if (space != std::string_view::npos && code_points(cut.substr(0, space)) * 3 >= (max_chars - 1) * 2)
    cut = cut.substr(0, space);
  cut = trim_trailing(cut, " ,.;:-\"'(");
  return std::string(cut) + "…";
}

double edge_base_opacity(std::size_t edges) noexcept {
  if (edges == 0) return 0.6;
  return std::clamp(0.6 * std::sqrt(150.0 / static_cast<double>(edges)), 0.05, 0.6);
}

Layout circle_layout(std::size_t n) {
  Layout layout;
  layout.x.assign(n, 0.0);
  layout.y.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double angle =
        2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(std::max<std::size_t>(n, 1));
    layout.x[i] = std::cos(angle);
    layout.y[i] = std::sin(angle);
  }
  return layout;
}

namespace {

struct Category {
  std::string label;
  std::string colour;
};

/// Colour of every stakeholder and the legend entries.
struct Colouring {
  std::vector<std::string> colour;  ///< per stakeholder
  std::vector<Category> legend;
  std::string title;
};

std::string field_value(const Stakeholder& s, const std::string& field) {
  if (field == "type") return s.type;
  if (field == "sector") return s.sector;
  if (field == "municipality") return s.municipality;
  if (field == "region") return s.region;
  if (field == "country") return s.country;
  if (field == "parent") return s.parent;
  if (field == "id") return s.id;
  const auto it = s.attributes.find(field);
  return it == s.attributes.end() ? std::string() : it->second;
}

/// The radius of a stakeholder with size value `value` (`vmax`: the largest finite one).
double radius_for(const FigureOptions& options, std::size_t n, double vmax, double value) {
  if (options.size_by.empty()) {
    if (options.node_radius > 0) return options.node_radius;
    return std::clamp(60.0 / std::sqrt(static_cast<double>(std::max<std::size_t>(n, 1))), 0.6, 5.0);
  }
  if (!(vmax > 0) || !std::isfinite(value) || value <= 0) return options.min_radius;
  return std::max(options.min_radius, options.max_radius * std::sqrt(value / vmax));
}

Colouring colour_nodes(const Network& network, const TypeIndex& types, const FigureOptions& options) {
  const std::size_t n = network.size();
  Colouring out;
  out.colour.assign(n, other_colour);
  switch (options.colour_by) {
    case ColourBy::type: {
      out.title = "Type";
      std::vector<bool> present(types.listed, false);
      bool unknown = false;
      for (std::size_t v = 0; v < n; ++v) {
        const std::int32_t type = types.of[v];
        if (!types.is_listed(type)) {
          unknown = true;
          continue;
        }
        present[static_cast<std::size_t>(type)] = true;
        out.colour[v] =
            network.vocabulary[static_cast<std::size_t>(types.term[static_cast<std::size_t>(type)])].colour;
      }
      for (std::size_t t = 0; t < types.listed; ++t) {
        if (!present[t]) continue;
        const TypeTerm& tt = network.vocabulary[static_cast<std::size_t>(types.term[t])];
        out.legend.push_back({tt.label.empty() ? tt.name : tt.label, tt.colour});
      }
      if (unknown) out.legend.push_back({"unknown type", other_colour});
      break;
    }
    case ColourBy::community: {
      out.title = "Community";
      const Partition& p = options.communities;
      if (p.membership.size() != n)
        throw std::invalid_argument("network figure: the partition must hold one community per stakeholder");
      const auto& palette = community_palette();
      for (std::size_t v = 0; v < n; ++v) {
        const auto k = static_cast<std::size_t>(std::max(p.membership[v], 0));
        if (k < palette.size()) out.colour[v] = palette[k];
      }
      const auto shown = std::min(static_cast<std::size_t>(std::max(p.count, 0)), palette.size());
      for (std::size_t k = 0; k < shown; ++k)
        out.legend.push_back({k < options.community_names.size() && !options.community_names[k].empty()
                                  ? options.community_names[k]
                                  : "Community " + std::to_string(k),
                              palette[k]});
      if (static_cast<std::size_t>(std::max(p.count, 0)) > palette.size())
        out.legend.push_back({"other communities", other_colour});
      break;
    }
    case ColourBy::sector:
    case ColourBy::attribute: {
      const std::string field = options.colour_by == ColourBy::sector ? "sector" : options.attribute;
      out.title = field.empty() ? "Attribute" : field;
      if (!out.title.empty())
        out.title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out.title[0])));
      std::map<std::string, std::size_t> categories;
      std::vector<std::string> values(n);
      for (std::size_t v = 0; v < n; ++v) {
        values[v] = field_value(network.stakeholders[v], field);
        if (!values[v].empty()) categories.emplace(values[v], 0);
      }
      const auto& palette = categorical_palette();
      std::size_t index = 0;
      for (auto& [name, k] : categories)
        k = index++;
      bool other = false;
      for (std::size_t v = 0; v < n; ++v) {
        if (values[v].empty()) {
          other = true;
          continue;
        }
        const std::size_t k = categories.at(values[v]);
        if (k < palette.size())
          out.colour[v] = palette[k];
        else
          other = true;
      }
      for (const auto& [name, k] : categories)
        if (k < palette.size()) out.legend.push_back({name, palette[k]});
      if (other)
        out.legend.push_back({categories.size() > palette.size() ? "other or none" : "none", other_colour});
      break;
    }
  }
  return out;
}

double finite_or(double value, double fallback) {
  return std::isfinite(value) ? value : fallback;
}

/// Uniform grid over the plot area holding the node discs, so that a label's candidate box is
/// checked against the few discs near it: O(n) to build, O(discs per cell) per query.
class DiscGrid {
 public:
  DiscGrid(const Box& area, double cell, std::size_t n) : area_(area), cell_(cell) {
    nx_ = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(area.width / cell)));
    ny_ = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(area.height / cell)));
    cells_.assign(nx_ * ny_, {});
    x_.reserve(n);
  }
  void add(double cx, double cy, double r) {
    const auto id = static_cast<std::int32_t>(x_.size());
    x_.push_back(cx);
    y_.push_back(cy);
    r_.push_back(r);
    visit({cx - r, cy - r, 2 * r, 2 * r}, [&](std::size_t c) { cells_[c].push_back(id); });
  }
  [[nodiscard]] bool hits(const Box& box) const {
    bool hit = false;
    visit(box, [&](std::size_t c) {
      for (const std::int32_t i : cells_[c]) {
        const auto k = static_cast<std::size_t>(i);
        if (!hit && overlaps(box, x_[k], y_[k], r_[k])) hit = true;
      }
    });
    return hit;
  }

 private:
  template <typename F>
  void visit(const Box& box, F f) const {
    const auto index = [&](double value, double origin, std::size_t count) {
      const double c = std::floor((value - origin) / cell_);
      return static_cast<std::size_t>(std::clamp(c, 0.0, static_cast<double>(count - 1)));
    };
    const std::size_t x0 = index(box.x, area_.x, nx_), x1 = index(box.right(), area_.x, nx_);
    const std::size_t y0 = index(box.y, area_.y, ny_), y1 = index(box.bottom(), area_.y, ny_);
    for (std::size_t y = y0; y <= y1; ++y)
      for (std::size_t x = x0; x <= x1; ++x)
        f(y * nx_ + x);
  }
  Box area_;
  double cell_;
  std::size_t nx_ = 1, ny_ = 1;
  std::vector<std::vector<std::int32_t>> cells_;
  std::vector<double> x_, y_, r_;
};

/// Whether the segments a–b and c–d cross at a point inside both (touching ends do not count).
bool segments_cross(const Point& a, const Point& b, const Point& c, const Point& d) {
  const auto side = [](const Point& p, const Point& q, const Point& r) {
    return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  };
  const double d1 = side(c, d, a), d2 = side(c, d, b), d3 = side(a, b, c), d4 = side(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

}  // namespace

std::vector<std::string> node_colours(const Network& network, const FigureOptions& options) {
  return colour_nodes(network, index_types(network), options).colour;
}

std::vector<double> node_radii(const FigureOptions& options, std::size_t n) {
  double vmax = 0;
  for (const double v : options.size_by)
    if (std::isfinite(v)) vmax = std::max(vmax, v);
  std::vector<double> radius(n);
  for (std::size_t v = 0; v < n; ++v)
    radius[v] = radius_for(options, n, vmax, v < options.size_by.size() ? options.size_by[v] : 0.0);
  return radius;
}

Scene network_scene(const Network& network, const Layout& layout, const FigureOptions& options,
                    const TextMeasure& measure) {
  return network_scene(network, make_tie_view(network), layout, options, measure);
}

Scene network_scene(const Network& network, const TieView& view, const Layout& layout,
                    const FigureOptions& options, const TextMeasure& measure) {
  const std::size_t n = network.size();
  if (layout.x.size() != n || layout.y.size() != n)
    throw std::invalid_argument("network figure: the layout must hold one position per stakeholder");
  if (!options.size_by.empty() && options.size_by.size() != n)
    throw std::invalid_argument("network figure: size_by must hold one value per stakeholder");
  if (!options.label_by.empty() && options.label_by.size() != n)
    throw std::invalid_argument("network figure: label_by must hold one value per stakeholder");

  Scene scene;
  scene.groups.reserve(8);
  scene.title = options.title;
  scene.width = options.width;
  scene.height = options.height;
  scene.margins = {options.margin, options.margin, options.margin, options.margin};
  const Box page{options.margin, options.margin, options.width - 2 * options.margin,
                 options.height - 2 * options.margin};

  // Title and caption bands.
  double top = page.y;
  Group& title_group = scene.group("title");
  for (const std::string& line : wrap_text(measure, options.title, options.title_size, true, page.width)) {
    const Box b = measure.measure(line, options.title_size, true);
    title_group.items.push_back(make_text(measure, line, page.x, top + b.height / 2, options.title_size,
                                          Anchor::start, true, "#000000"));
    top += b.height;
  }
  if (top > page.y) top += 4;
  std::vector<std::string> caption_lines =
      wrap_text(measure, options.caption, options.caption_size, false, page.width);
  double caption_height = 0;
  for (const auto& line : caption_lines)
    caption_height += measure.measure(line, options.caption_size, false).height;
  double bottom = page.bottom() - caption_height - (caption_height > 0 ? 4 : 0);

  // Colours, radii and the legend, which takes a column at the right.
  if (static_cast<std::size_t>(view.n) != network.size())
    throw std::invalid_argument("network figure: the tie view is of another network");
  const Colouring colouring = colour_nodes(network, view.types, options);
  double vmax = 0;
  for (const double v : options.size_by)
    if (std::isfinite(v)) vmax = std::max(vmax, v);
  const auto radius_of = [&](double value) { return radius_for(options, n, vmax, value); };
  std::vector<double> radius(n);
  double max_r = 0;
  for (std::size_t v = 0; v < n; ++v) {
    radius[v] = radius_of(options.size_by.empty() ? 0.0 : options.size_by[v]);
    max_r = std::max(max_r, radius[v]);
  }

  Legend legend;
  if (options.legend) {
    legend.add_title(measure, colouring.title, options.legend_size);
    std::size_t shown = 0;
    for (const Category& c : colouring.legend) {
      if (shown + 1 == options.legend_max_entries && colouring.legend.size() > options.legend_max_entries) {
        legend.add_swatch(measure, "… " + std::to_string(colouring.legend.size() - shown) + " more",
                          other_colour, options.legend_size);
        break;
      }
      legend.add_swatch(measure, shorten_name(c.label, 24), c.colour, options.legend_size);
      ++shown;
    }
    if (!options.size_by.empty() && vmax > 0) {
      legend.add_gap(6);
      legend.add_title(measure, shorten_name(options.size_label, 24), options.legend_size);
      for (const double v : {vmax, vmax / 4, vmax / 16})
        legend.add_size(measure, short_number(v), radius_of(v), options.legend_size);
    }
  }
  double plot_right = page.right();
  if (!legend.empty()) plot_right -= legend.width() + 10;
  const Box plot{page.x, top, std::max(plot_right - page.x, 1.0), std::max(bottom - top, 1.0)};
  if (!legend.empty()) legend.emit(scene.group("legend"), plot.right() + 10, top, plot.bottom());

  // Fit the layout into the plot area inset by the largest radius (y grows upwards in a Layout).
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (std::size_t v = 0; v < n; ++v) {
    if (!std::isfinite(layout.x[v]) || !std::isfinite(layout.y[v])) continue;
    x0 = std::min(x0, layout.x[v]);
    x1 = std::max(x1, layout.x[v]);
    y0 = std::min(y0, layout.y[v]);
    y1 = std::max(y1, layout.y[v]);
  }
  if (!(x0 <= x1)) x0 = x1 = y0 = y1 = 0;
  const double inner_w = std::max(plot.width - 2 * max_r - 1, 0.0);
  const double inner_h = std::max(plot.height - 2 * max_r - 1, 0.0);
  const double span = std::max(x1 - x0, y1 - y0);
  double scale = 0;
  if (x1 - x0 > 0) scale = inner_w / (x1 - x0);
  if (y1 - y0 > 0) scale = scale > 0 ? std::min(scale, inner_h / (y1 - y0)) : inner_h / (y1 - y0);
  if (!(span > 0)) scale = 0;
  const double cx = plot.x + plot.width / 2, cy = plot.y + plot.height / 2;
  const double mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  std::vector<double> px(n), py(n);
  for (std::size_t v = 0; v < n; ++v) {
    px[v] = cx + (finite_or(layout.x[v], mx) - mx) * scale;
    py[v] = cy - (finite_or(layout.y[v], my) - my) * scale;
  }

  // Edges: lighter ones first so heavy ties are on top.
  std::vector<AggregatedEdge> edges = view.pairs;
  std::stable_sort(edges.begin(), edges.end(),
                   [](const AggregatedEdge& a, const AggregatedEdge& b) { return a.weight < b.weight; });
  Group& edge_group = scene.group("edges");
  edge_group.items.reserve(edges.size());
  const double base = edge_base_opacity(edges.size());
  const double wmin = edges.empty() ? 0 : edges.front().weight,
               wmax = edges.empty() ? 0 : edges.back().weight;
  for (const AggregatedEdge& e : edges) {
    const auto s = static_cast<std::size_t>(e.source), t = static_cast<std::size_t>(e.target);
    if (s == t) continue;
    const double f = wmax > wmin ? (e.weight - wmin) / (wmax - wmin) : 0.3;
    Line line;
    line.points = {{px[s], py[s]}, {px[t], py[t]}};
    line.width = 0.3 + 1.5 * f;
    line.colour = "#555555";
    line.opacity = base * (0.35 + 0.65 * f);
    edge_group.items.emplace_back(std::move(line));
  }

  // Nodes: largest first so small ones stay visible.
  std::vector<std::size_t> order(n);
  for (std::size_t v = 0; v < n; ++v)
    order[v] = v;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return radius[a] > radius[b]; });
  Group& node_group = scene.group("nodes");
  node_group.items.reserve(n);
  const double stroke = n > 2000 ? 0.0 : 0.4;
  DiscGrid grid(plot, std::max({4 * max_r, 2.4 * options.label_size, 8.0}), n);
  for (const std::size_t v : order) {
    Circle c;
    c.cx = px[v];
    c.cy = py[v];
    c.r = radius[v];
    c.fill = colouring.colour[v];
    c.stroke = stroke > 0 ? "#ffffff" : "";
    c.stroke_width = stroke;
    node_group.items.emplace_back(c);
    grid.add(c.cx, c.cy, c.r + stroke / 2);
  }

  // Labels: the top N by the metric, greedy over candidate positions around each node.
  std::vector<double> metric = options.label_by.empty() ? options.size_by : options.label_by;
  if (metric.empty()) {
    metric.assign(n, 0.0);
    for (const AggregatedEdge& e : edges) {
      metric[static_cast<std::size_t>(e.source)] += e.weight;
      metric[static_cast<std::size_t>(e.target)] += e.weight;
    }
  }
  const std::size_t top_n = std::min(options.labels, n);
  std::vector<std::size_t> ranked(n);
  for (std::size_t v = 0; v < n; ++v)
    ranked[v] = v;
  const auto key = [&](std::size_t v) {
    return std::isfinite(metric[v]) ? metric[v] : -std::numeric_limits<double>::infinity();
  };
  std::partial_sort(
      ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(top_n), ranked.end(),
      [&](std::size_t a, std::size_t b) { return key(a) > key(b) || (key(a) == key(b) && a < b); });
  Group& label_group = scene.group("labels");
  std::vector<Box> placed;
  std::vector<std::pair<Point, Point>> leaders;
  const double pad = 1.0;
  // Two passes: the first keeps leader lines from crossing each other; labels it could not place get
  // a second chance that allows crossing leaders (never overlapping labels, nodes or leaders on labels).
  std::vector<bool> labelled(n, false);
  for (const bool strict : {true, false})
    for (std::size_t i = 0; i < top_n; ++i) {
      const std::size_t v = ranked[i];
      if (labelled[v]) continue;
      const Stakeholder& s = network.stakeholders[v];
      const std::string text = shorten_name(s.name.empty() ? s.id : s.name, options.label_chars);
      const Box size = measure.measure(text, options.label_size, false);
      const double w = size.width + 2 * pad, h = size.height + 2 * pad;
      const double r = radius[v] + stroke / 2 + 1.0;
      const double d = 0.7071 * r;
      const std::vector<Point> corners = {{px[v] + r, py[v] - h / 2},
                                          {px[v] - r - w, py[v] - h / 2},
                                          {px[v] - w / 2, py[v] - r - h},
                                          {px[v] - w / 2, py[v] + r},
                                          {px[v] + d, py[v] - d - h},
                                          {px[v] - d - w, py[v] - d - h},
                                          {px[v] + d, py[v] + d},
                                          {px[v] - d - w, py[v] + d},
                                          {px[v] + r + h, py[v] - h / 2},
                                          {px[v] - r - h - w, py[v] - h / 2},
                                          {px[v] - w / 2, py[v] - r - 2 * h},
                                          {px[v] - w / 2, py[v] + r + h}};
      // Further out, joined to the node by a leader line: sixteen directions at widening distances, so
      // that a label of a node in a dense centre finds the nearest free spot outside the crowd.
      std::vector<std::pair<Box, Point>> candidates;
      for (const Point& corner : corners)
        candidates.push_back({Box{corner.x, corner.y, w, h}, Point{px[v], py[v]}});
      const double reach = 0.35 * std::max(plot.width, plot.height);
      for (double distance = 10.0; distance <= reach; distance *= 1.35)
        for (int k = 0; k < 16; ++k) {
          const double ux = std::cos(k * std::numbers::pi / 8), uy = std::sin(k * std::numbers::pi / 8);
          const Point at{px[v] + ux * (r + distance), py[v] + uy * (r + distance)};
          const double bx = ux > 0.3 ? at.x : ux < -0.3 ? at.x - w : at.x - w / 2;
          const double by = uy > 0.3 ? at.y : uy < -0.3 ? at.y - h : at.y - h / 2;
          candidates.push_back({Box{bx, by, w, h}, at});
        }
      for (const auto& [box, leader_end] : candidates) {
        if (!inside(box, plot) || grid.hits(box)) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const Box& other) { return overlaps(box, other); }))
          continue;
        // A leader never crosses another label, and a label never sits on another leader.
        const Point from{px[v], py[v]};
        if (std::any_of(placed.begin(), placed.end(),
                        [&](const Box& other) { return segment_hits_box(from, leader_end, other); }))
          continue;
        if (std::any_of(leaders.begin(), leaders.end(), [&](const auto& l) {
              return segment_hits_box(l.first, l.second, box) ||
                     (strict && segments_cross(l.first, l.second, from, leader_end));
            }))
          continue;
        placed.push_back(box);
        labelled[v] = true;
        if (add_node_label(label_group, measure, text, box, pad, options.label_size, from, radius[v], r,
                           leader_end))
          leaders.emplace_back(from, leader_end);
        break;
      }
    }

  Group& caption_group = scene.group("caption");
  double y = page.bottom() - caption_height;
  for (const auto& line : caption_lines) {
    const Box b = measure.measure(line, options.caption_size, false);
    caption_group.items.push_back(make_text(measure, line, page.x, y + b.height / 2, options.caption_size,
                                            Anchor::start, false, "#444444"));
    y += b.height;
  }
  return scene;
}

}  // namespace clusterscope::render
