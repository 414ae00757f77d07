// Composing scenes: a finished figure placed, scaled, inside a page (the PDF report's figures).

#include <algorithm>
#include <type_traits>
#include <utility>

#include "clusterscope/render/scene.hpp"

namespace clusterscope::render {

namespace {

/// A uniform scale followed by a translation: p ↦ p × scale + offset.
struct Placement {
  double scale = 1;
  double dx = 0;
  double dy = 0;
  [[nodiscard]] double x(double v) const noexcept { return v * scale + dx; }
  [[nodiscard]] double y(double v) const noexcept { return v * scale + dy; }
  [[nodiscard]] Box box(const Box& b) const noexcept {
    return {x(b.x), y(b.y), b.width * scale, b.height * scale};
  }
};

Primitive placed(const Primitive& primitive, const Placement& at) {
  return std::visit(
      [&at](const auto& original) -> Primitive {
        using T = std::decay_t<decltype(original)>;
        T p = original;
        if constexpr (std::is_same_v<T, Circle>) {
          p.cx = at.x(p.cx);
          p.cy = at.y(p.cy);
          p.r *= at.scale;
          p.stroke_width *= at.scale;
        } else if constexpr (std::is_same_v<T, Line>) {
          for (Point& q : p.points)
            q = {at.x(q.x), at.y(q.y)};
          p.width *= at.scale;
          for (double& d : p.dash)
            d *= at.scale;
        } else if constexpr (std::is_same_v<T, Polygon>) {
          for (Point& q : p.points)
            q = {at.x(q.x), at.y(q.y)};
        } else if constexpr (std::is_same_v<T, Rect>) {
          p.box = at.box(p.box);
          p.stroke_width *= at.scale;
        } else {
          p.x = at.x(p.x);
          p.y = at.y(p.y);
          p.size *= at.scale;
          p.box = at.box(p.box);
        }
        return p;
      },
      primitive);
}

}  // namespace

void embed(const Scene& figure, const Box& into, Scene& page) {
  if (!(figure.width > 0 && figure.height > 0) || !(into.width > 0 && into.height > 0)) return;
  Placement at;
  at.scale = std::min(into.width / figure.width, into.height / figure.height);
  at.dx = into.x + (into.width - figure.width * at.scale) / 2;
  at.dy = into.y + (into.height - figure.height * at.scale) / 2;
  if (!figure.background.empty()) {
    Rect background;
    background.box = at.box({0, 0, figure.width, figure.height});
    background.fill = figure.background;
    page.groups.push_back(Group{"figure/background", {background}});
  }
  for (const Group& group : figure.groups) {
    Group copy{"figure/" + group.name, {}};
    copy.items.reserve(group.items.size());
    for (const Primitive& p : group.items)
      copy.items.push_back(placed(p, at));
    page.groups.push_back(std::move(copy));
  }
}

}  // namespace clusterscope::render
