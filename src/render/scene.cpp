#include "clusterscope/render/scene.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "clusterscope/core/text.hpp"

namespace clusterscope::render {

bool overlaps(const Box& a, const Box& b) noexcept {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

bool overlaps(const Box& box, double cx, double cy, double r) noexcept {
  const double nx = std::clamp(cx, box.x, box.right());
  const double ny = std::clamp(cy, box.y, box.bottom());
  const double dx = cx - nx;
  const double dy = cy - ny;
  return dx * dx + dy * dy < r * r;
}

bool segment_hits_box(const Point& a, const Point& b, const Box& box) noexcept {
  double t0 = 0, t1 = 1;
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - box.x, box.right() - a.x, a.y - box.y, box.bottom() - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

bool inside(const Box& inner, const Box& outer) noexcept {
  return inner.x >= outer.x - 1e-9 && inner.y >= outer.y - 1e-9 && inner.right() <= outer.right() + 1e-9 &&
         inner.bottom() <= outer.bottom() + 1e-9;
}

Group& Scene::group(const std::string& name) {
  for (auto& g : groups)
    if (g.name == name) return g;
  groups.push_back(Group{name, {}});
  return groups.back();
}

Box bounds(const Primitive& primitive) {
  return std::visit(
      [](const auto& p) -> Box {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, Circle>) {
          const double r = p.r + (p.stroke.empty() ? 0.0 : p.stroke_width / 2);
          return {p.cx - r, p.cy - r, 2 * r, 2 * r};
        } else if constexpr (std::is_same_v<T, Line> || std::is_same_v<T, Polygon>) {
          if (p.points.empty()) return {};
          double x0 = p.points.front().x, x1 = x0, y0 = p.points.front().y, y1 = y0;
          for (const auto& q : p.points) {
            x0 = std::min(x0, q.x);
            x1 = std::max(x1, q.x);
            y0 = std::min(y0, q.y);
            y1 = std::max(y1, q.y);
          }
          double h = 0;
          if constexpr (std::is_same_v<T, Line>) h = p.width / 2;
          return {x0 - h, y0 - h, x1 - x0 + 2 * h, y1 - y0 + 2 * h};
        } else if constexpr (std::is_same_v<T, Rect>) {
          const double h = p.stroke.empty() ? 0.0 : p.stroke_width / 2;
          return {p.box.x - h, p.box.y - h, p.box.width + 2 * h, p.box.height + 2 * h};
        } else {
          return p.box;
        }
      },
      primitive);
}

Box FixedMeasure::measure(const std::string& utf8, double size, bool bold) const {
  std::size_t points = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t n = core::utf8_sequence(utf8, i);
    i += n == 0 ? 1 : n;
    ++points;
  }
  return {0, 0, static_cast<double>(points) * size * (bold ? 0.6 : 0.55), 1.2 * size};
}

Text make_text(const TextMeasure& measure, std::string text, double x, double y, double size, Anchor anchor,
               bool bold, std::string colour) {
  Text t;
  t.box = measure.measure(text, size, bold);
  t.text = std::move(text);
  t.x = x;
  t.y = y;
  t.size = size;
  t.bold = bold;
  t.anchor = anchor;
  t.colour = std::move(colour);
  switch (anchor) {
    case Anchor::start: t.box.x = x; break;
    case Anchor::middle: t.box.x = x - t.box.width / 2; break;
    case Anchor::end: t.box.x = x - t.box.width; break;
  }
  t.box.y = y - t.box.height / 2;
  return t;
}

namespace {

std::string num(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string s = buffer;
  if (s == "-0.00") s = "0.00";
  return s;
}

std::string str(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const char* anchor_name(Anchor anchor) {
  switch (anchor) {
    case Anchor::start: return "start";
    case Anchor::middle: return "middle";
    case Anchor::end: return "end";
  }
  return "start";
}

std::string box_json(const Box& b) {
  return "[" + num(b.x) + ", " + num(b.y) + ", " + num(b.width) + ", " + num(b.height) + "]";
}

std::string points_json(const std::vector<Point>& points) {
  std::string out;
  for (const auto& q : points) {
    if (!out.empty()) out += ", ";
    out += "[" + num(q.x) + ", " + num(q.y) + "]";
  }
  return out;
}

std::string numbers_json(const std::vector<double>& values) {
  std::string out;
  for (const double v : values) {
    if (!out.empty()) out += ", ";
    out += num(v);
  }
  return out;
}

std::string primitive_json(const Primitive& primitive) {
  return std::visit(
      [](const auto& p) -> std::string {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, Circle>) {
          return "{\"circle\": [" + num(p.cx) + ", " + num(p.cy) + ", " + num(p.r) +
                 "], \"fill\": " + str(p.fill) + ", \"stroke\": " + str(p.stroke) +
                 ", \"stroke_width\": " + num(p.stroke_width) + ", \"opacity\": " + num(p.opacity) + "}";
        } else if constexpr (std::is_same_v<T, Line>) {
          // "dash" only for dashed lines, so the goldens of solid lines stay as they were.
          return "{\"line\": [" + points_json(p.points) + "], \"width\": " + num(p.width) +
                 ", \"colour\": " + str(p.colour) + ", \"opacity\": " + num(p.opacity) +
                 (p.dash.empty() ? std::string() : ", \"dash\": [" + numbers_json(p.dash) + "]") + "}";
        } else if constexpr (std::is_same_v<T, Polygon>) {
          return "{\"polygon\": [" + points_json(p.points) + "], \"fill\": " + str(p.fill) +
                 ", \"opacity\": " + num(p.opacity) + "}";
        } else if constexpr (std::is_same_v<T, Rect>) {
          return "{\"rect\": " + box_json(p.box) + ", \"fill\": " + str(p.fill) +
                 ", \"stroke\": " + str(p.stroke) + ", \"stroke_width\": " + num(p.stroke_width) +
                 ", \"opacity\": " + num(p.opacity) + "}";
        } else {
          return "{\"text\": " + str(p.text) + ", \"at\": [" + num(p.x) + ", " + num(p.y) +
                 "], \"size\": " + num(p.size) + ", \"bold\": " + (p.bold ? "true" : "false") +
                 ", \"anchor\": \"" + anchor_name(p.anchor) + "\", \"colour\": " + str(p.colour) +
                 ", \"box\": " + box_json(p.box) + "}";
        }
      },
      primitive);
}

}  // namespace

std::string scene_json(const Scene& scene) {
  std::string out = "{\n  \"title\": " + str(scene.title) + ",\n  \"width\": " + num(scene.width) +
                    ",\n  \"height\": " + num(scene.height) + ",\n  \"margins\": [" + num(scene.margins.top) +
                    ", " + num(scene.margins.right) + ", " + num(scene.margins.bottom) + ", " +
                    num(scene.margins.left) + "],\n  \"background\": " + str(scene.background) +
                    ",\n  \"groups\": [";
  for (std::size_t g = 0; g < scene.groups.size(); ++g) {
    const Group& group = scene.groups[g];
    out += g == 0 ? "\n" : ",\n";
    out += "    {\"name\": " + str(group.name) + ", \"items\": [";
    for (std::size_t i = 0; i < group.items.size(); ++i) {
      out += i == 0 ? "\n" : ",\n";
      out += "      " + primitive_json(group.items[i]);
    }
    out += group.items.empty() ? "]}" : "\n    ]}";
  }
  out += scene.groups.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::size_t primitive_count(const Scene& scene) {
  std::size_t n = 0;
  for (const Group& group : scene.groups)
    n += group.items.size();
  return n;
}

bool add_node_label(Group& group, const TextMeasure& measure, const std::string& text, const Box& box,
                    double pad, double size, Point node, double radius, double clearance, Point end) {
  const double lx = end.x - node.x, ly = end.y - node.y;
  const double length = std::hypot(lx, ly);
  const bool leader = length > clearance + 1;
  if (leader) {
    Line line;
    line.points = {{node.x + lx / length * radius, node.y + ly / length * radius}, end};
    line.width = 0.4;
    line.colour = "#444444";
    group.items.emplace_back(std::move(line));
  }
  Rect halo;
  halo.box = box;
  halo.fill = "#ffffff";
  halo.opacity = 0.75;
  group.items.emplace_back(halo);
  group.items.emplace_back(
      make_text(measure, text, box.x + pad, box.y + box.height / 2, size, Anchor::start, false, "#222222"));
  return leader;
}

}  // namespace clusterscope::render
