// Fruchterman–Reingold, Kamada–Kawai and DrL through igraph (graph/layout.hpp): each connected
// component is laid out on its own (seeded per component) and the components are packed in rows,
// largest first, so isolates and small components sit beside the main one instead of drifting
// away. With initial positions each component starts from them (igraph's use_seed) and is moved
// back so its centre stays where it was.

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "clusterscope/graph/layout.hpp"
#include "detail.hpp"

namespace clusterscope::layout::detail {

namespace {

/// kk keeps an n × n distance matrix: refuse components that would need gigabytes.
constexpr std::size_t kKamadaKawaiLimit = 5000;

struct Box {
  double lo_x = 0;
  double hi_x = 0;
  double lo_y = 0;
  double hi_y = 0;
};

Box box_of(const Layout& l) {
  Box b{l.x[0], l.x[0], l.y[0], l.y[0]};
  for (std::size_t i = 1; i < l.x.size(); ++i) {
    b.lo_x = std::min(b.lo_x, l.x[i]);
    b.hi_x = std::max(b.hi_x, l.x[i]);
    b.lo_y = std::min(b.lo_y, l.y[i]);
    b.hi_y = std::max(b.hi_y, l.y[i]);
  }
  return b;
}

/// Moves, turns and scales `l` (one similarity transform) to lie as close as possible to `target`
/// in least squares (2-D Procrustes): igraph's layouts may drift, turn or grow from their start,
/// and a snapshot should keep its stakeholders where they were.
void align(Layout& l, const Layout& target) {
  const std::size_t n = l.x.size();
  double px = 0;
  double py = 0;
  double qx = 0;
  double qy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    px += l.x[i];
    py += l.y[i];
    qx += target.x[i];
    qy += target.y[i];
  }
  const auto count = static_cast<double>(n);
  px /= count;
  py /= count;
  qx /= count;
  qy /= count;
  double a = 0;
  double b = 0;
  double norm = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = l.x[i] - px;
    const double y = l.y[i] - py;
    const double u = target.x[i] - qx;
    const double v = target.y[i] - qy;
    a += x * u + y * v;
    b += x * v - y * u;
    norm += x * x + y * y;
  }
  // Best rotation-and-scale as one complex factor (a + ib) / norm.
  const double c = norm > 0 ? a / norm : 1.0;
  const double s = norm > 0 ? b / norm : 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = l.x[i] - px;
    const double y = l.y[i] - py;
    l.x[i] = qx + c * x - s * y;
    l.y[i] = qy + s * x + c * y;
  }
}

}  // namespace

Layout igraph_layout(const Adjacency& adjacency, const LayoutOptions& options) {
  const auto count = static_cast<std::size_t>(adjacency.n);
  graph::LayoutCall call;
  call.method = options.algorithm == Algorithm::kk    ? graph::LayoutMethod::kamada_kawai
                : options.algorithm == Algorithm::drl ? graph::LayoutMethod::drl
                                                      : graph::LayoutMethod::fruchterman_reingold;
  call.iterations = options.iterations;
  call.weighted = options.weighted;
  const std::vector<std::vector<std::int32_t>> parts = components(adjacency);
  if (call.method == graph::LayoutMethod::kamada_kawai && parts.front().size() > kKamadaKawaiLimit)
    throw std::invalid_argument("layout: kk keeps an n × n matrix; use it for components of at most " +
                                std::to_string(kKamadaKawaiLimit) + " stakeholders (fa2 or drl otherwise)");
  Layout start;
  if (options.initial != nullptr) start = complete_initial(*options.initial, adjacency, mix(options.seed, 1));

  std::vector<std::int32_t> local(count, -1);
  std::vector<Layout> placed;
  placed.reserve(parts.size());
  double length_sum = 0;
  std::int64_t length_count = 0;
  for (std::size_t c = 0; c < parts.size(); ++c) {
    const std::vector<std::int32_t>& part = parts[c];
    const auto k = static_cast<std::int32_t>(part.size());
    for (std::size_t i = 0; i < part.size(); ++i)
      local[static_cast<std::size_t>(part[i])] = static_cast<std::int32_t>(i);
    Layout initial;
    if (options.initial != nullptr) {
      for (const std::int32_t v : part) {
        initial.x.push_back(start.x[static_cast<std::size_t>(v)]);
        initial.y.push_back(start.y[static_cast<std::size_t>(v)]);
      }
    }
    if (k == 1) {
      placed.push_back(options.initial != nullptr ? initial : Layout{{0.0}, {0.0}});
      continue;
    }
    std::vector<AggregatedEdge> edges;
    for (const std::int32_t v : part) {
      const auto row = static_cast<std::size_t>(v);
      for (auto e = adjacency.offsets[row]; e < adjacency.offsets[row + 1]; ++e) {
        const auto i = static_cast<std::size_t>(e);
        const std::int32_t u = adjacency.neighbours[i];
        if (u > v) edges.push_back({local[row], local[static_cast<std::size_t>(u)], adjacency.weights[i], 1});
      }
    }
    const graph::Graph g(k, edges, false);
    if (options.initial != nullptr && call.method == graph::LayoutMethod::fruchterman_reingold)
      call.start_temperature = std::sqrt(static_cast<double>(k)) / 100.0;  // small moves from the start
    Layout result =
        graph::layout(g, call, mix(options.seed, 2 + c), options.initial != nullptr ? &initial : nullptr);
    for (const AggregatedEdge& e : edges) {
      const auto s = static_cast<std::size_t>(e.source);
      const auto t = static_cast<std::size_t>(e.target);
      length_sum += std::hypot(result.x[s] - result.x[t], result.y[s] - result.y[t]);
      ++length_count;
    }
    if (options.initial != nullptr) {
      align(result, initial);
    }
    placed.push_back(std::move(result));
  }

  Layout out;
  out.x.assign(count, 0.0);
  out.y.assign(count, 0.0);
  if (options.initial != nullptr) {
    for (std::size_t c = 0; c < parts.size(); ++c)
      for (std::size_t i = 0; i < parts[c].size(); ++i) {
        out.x[static_cast<std::size_t>(parts[c][i])] = placed[c].x[i];
        out.y[static_cast<std::size_t>(parts[c][i])] = placed[c].y[i];
      }
    return out;
  }

  // Shelf packing: rows about as wide as the square root of the total area, one mean edge length
  // between boxes; a box is at least one mean edge length wide and high.
  double unit = length_count > 0 ? length_sum / static_cast<double>(length_count) : 1.0;
  if (!(unit > 0) || !std::isfinite(unit)) unit = 1.0;
  std::vector<Box> boxes;
  double area = 0;
  double widest = 0;
  for (const Layout& l : placed) {
    boxes.push_back(box_of(l));
    const double w = std::max(boxes.back().hi_x - boxes.back().lo_x, unit);
    const double h = std::max(boxes.back().hi_y - boxes.back().lo_y, unit);
    area += (w + unit) * (h + unit);
    widest = std::max(widest, w);
  }
  const double row_width = std::max(widest, std::sqrt(area));
  double cursor_x = 0;
  double cursor_y = 0;
  double row_height = 0;
  for (std::size_t c = 0; c < parts.size(); ++c) {
    const Box& b = boxes[c];
    const double bw = b.hi_x - b.lo_x;
    const double bh = b.hi_y - b.lo_y;
    const double w = std::max(bw, unit);
    const double h = std::max(bh, unit);
    if (cursor_x > 0 && cursor_x + w > row_width) {
      cursor_y -= row_height + unit;
      cursor_x = 0;
      row_height = 0;
    }
    const double shift_x = cursor_x + (w - bw) / 2 - b.lo_x;
    const double shift_y = cursor_y - h + (h - bh) / 2 - b.lo_y;
    for (std::size_t i = 0; i < parts[c].size(); ++i) {
      out.x[static_cast<std::size_t>(parts[c][i])] = placed[c].x[i] + shift_x;
      out.y[static_cast<std::size_t>(parts[c][i])] = placed[c].y[i] + shift_y;
    }
    cursor_x += w + unit;
    row_height = std::max(row_height, h);
  }
  return out;
}

}  // namespace clusterscope::layout::detail
