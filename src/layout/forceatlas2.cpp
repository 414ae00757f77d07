// ForceAtlas2 (Jacomy, Venturini, Heymann, Bastian 2014, PLoS ONE 9(6):e98679,
// doi:10.1371/journal.pone.0098679), following the reference implementation in Gephi: repulsion
// kr·(deg₁+1)(deg₂+1)/d, attraction w·d (LinLog: w·log(1+d)), gravity kr·kg·(deg+1) towards the
// origin, the global adaptive speed from swinging and traction, anti-collision with radii.
//
// Determinism: the quadtree is built on one thread; each vertex's force is summed by that vertex
// alone in a fixed order (tree traversal, then its neighbours ascending); the global sums run in
// vertex order. Threads only split the vertices into blocks, so any thread count gives the same
// bits.

#include <algorithm>
#include <cmath>

#include "clusterscope/core/parallel.hpp"
#include "clusterscope/core/threads.hpp"
#include "detail.hpp"

namespace clusterscope::layout::detail {

namespace {

constexpr std::int32_t kLeafSize = 4;
constexpr int kMaxDepth = 40;                // coincident points end up together in a leaf
constexpr std::int32_t kParallelFrom = 512;  // fewer stakeholders: threads cost more than they save

struct Cell {
  double mass = 0;
  double cx = 0;  ///< centre of mass
  double cy = 0;
  double x0 = 0;  ///< lower-left corner of the square
  double y0 = 0;
  double size = 0;
  std::int32_t child = -1;  ///< first of four children, −1 for a leaf
  std::int32_t begin = 0;   ///< points order[begin … end)
  std::int32_t end = 0;
};

/// A stakeholder in the tree's order: leaves read their points from one contiguous block.
struct Point {
  double x = 0;
  double y = 0;
  double mass = 0;
  std::int32_t id = 0;
};

/// Barnes–Hut quadtree over the current positions, rebuilt every iteration.
class QuadTree {
 public:
  void build(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& mass) {
    const auto n = static_cast<std::int32_t>(x.size());
    order_.assign(x.size(), 0);
    for (std::int32_t v = 0; v < n; ++v)
      order_[static_cast<std::size_t>(v)] = v;
    scratch_.assign(x.size(), 0);
    cells_.clear();
    double lo_x = x[0];
    double hi_x = x[0];
    double lo_y = y[0];
    double hi_y = y[0];
    for (std::size_t v = 1; v < x.size(); ++v) {
      lo_x = std::min(lo_x, x[v]);
      hi_x = std::max(hi_x, x[v]);
      lo_y = std::min(lo_y, y[v]);
      hi_y = std::max(hi_y, y[v]);
    }
    const double side = std::max(hi_x - lo_x, hi_y - lo_y);
    Cell root;
    root.x0 = lo_x;
    root.y0 = lo_y;
    root.size = side * (1.0 + 1e-9) + 1e-9;
    root.begin = 0;
    root.end = n;
    cells_.push_back(root);
    split(0, 0, x, y, mass);
    points_.assign(x.size(), Point{});
    for (std::size_t i = 0; i < x.size(); ++i) {
      const auto u = static_cast<std::size_t>(order_[i]);
      points_[i] = Point{x[u], y[u], mass[u], order_[i]};
    }
  }

  [[nodiscard]] const std::vector<Cell>& cells() const noexcept { return cells_; }
  [[nodiscard]] const std::vector<std::int32_t>& order() const noexcept { return order_; }
  [[nodiscard]] const std::vector<Point>& points() const noexcept { return points_; }

 private:
  std::vector<Cell> cells_;
  std::vector<std::int32_t> order_;
  std::vector<std::int32_t> scratch_;
  std::vector<Point> points_;

  void split(std::int32_t index, int depth, const std::vector<double>& x, const std::vector<double>& y,
             const std::vector<double>& mass) {
    const Cell cell = cells_[static_cast<std::size_t>(index)];
    if (cell.end - cell.begin <= kLeafSize || depth >= kMaxDepth) {
      double m = 0;
      double sx = 0;
      double sy = 0;
      for (std::int32_t i = cell.begin; i < cell.end; ++i) {
        const auto u = static_cast<std::size_t>(order_[static_cast<std::size_t>(i)]);
        m += mass[u];
        sx += mass[u] * x[u];
        sy += mass[u] * y[u];
      }
      Cell& c = cells_[static_cast<std::size_t>(index)];
      c.mass = m;
      c.cx = m > 0 ? sx / m : 0;
      c.cy = m > 0 ? sy / m : 0;
      return;
    }
    const double half = cell.size / 2;
    const double mid_x = cell.x0 + half;
    const double mid_y = cell.y0 + half;
    const auto quadrant = [&](std::int32_t u) {
      const auto k = static_cast<std::size_t>(u);
      return (x[k] >= mid_x ? 1 : 0) + (y[k] >= mid_y ? 2 : 0);
    };
    std::int32_t counts[4] = {0, 0, 0, 0};
    for (std::int32_t i = cell.begin; i < cell.end; ++i)
      ++counts[quadrant(order_[static_cast<std::size_t>(i)])];
    std::int32_t starts[4] = {cell.begin, 0, 0, 0};
    for (int q = 1; q < 4; ++q)
      starts[q] = starts[q - 1] + counts[q - 1];
    std::int32_t fill[4] = {starts[0], starts[1], starts[2], starts[3]};
    for (std::int32_t i = cell.begin; i < cell.end; ++i) {
      const std::int32_t u = order_[static_cast<std::size_t>(i)];
      scratch_[static_cast<std::size_t>(fill[quadrant(u)]++)] = u;
    }
    for (std::int32_t i = cell.begin; i < cell.end; ++i)
      order_[static_cast<std::size_t>(i)] = scratch_[static_cast<std::size_t>(i)];
    const auto first = static_cast<std::int32_t>(cells_.size());
    for (int q = 0; q < 4; ++q) {
      Cell child;
      child.x0 = cell.x0 + ((q & 1) != 0 ? half : 0.0);
      child.y0 = cell.y0 + ((q & 2) != 0 ? half : 0.0);
      child.size = half;
      child.begin = starts[q];
      child.end = starts[q] + counts[q];
      cells_.push_back(child);
    }
    cells_[static_cast<std::size_t>(index)].child = first;
    double m = 0;
    double sx = 0;
    double sy = 0;
    for (std::int32_t q = 0; q < 4; ++q) {
      split(first + q, depth + 1, x, y, mass);
      const Cell& c = cells_[static_cast<std::size_t>(first + q)];
      m += c.mass;
      sx += c.mass * c.cx;
      sy += c.mass * c.cy;
    }
    Cell& c = cells_[static_cast<std::size_t>(index)];
    c.mass = m;
    c.cx = m > 0 ? sx / m : 0;
    c.cy = m > 0 ? sy / m : 0;
  }
};

/// Everything one iteration's force computation reads.
struct ForceInput {
  const Adjacency& adjacency;
  const std::vector<double>& mass;
  const std::vector<double>& radius;
  const std::vector<double>& x;
  const std::vector<double>& y;
  const QuadTree* tree;  ///< nullptr: exact repulsion over all pairs
  double scaling;
  double gravity;
  double theta2;
  bool linlog;
  bool overlap;
  bool weighted;
};

/// Repulsion of u (at xu, yu, mass mu) on v, added to (fx, fy).
inline void repulse_at(const ForceInput& in, std::size_t v, double xu, double yu, double mu, std::size_t u,
                       double& fx, double& fy) {
  double dx = in.x[v] - xu;
  double dy = in.y[v] - yu;
  double d2 = dx * dx + dy * dy;
  if (d2 <= 0) {
    // Coincident: push apart along x, the lower index to the left, as if one unit apart.
    dx = v < u ? -1.0 : 1.0;
    dy = 0;
    d2 = 1;
  }
  const double mm = in.scaling * in.mass[v] * mu;
  double f = 0;
  if (!in.overlap) {
    f = mm / d2;
  } else {
    const double d = std::sqrt(d2);
    const double gap = d - in.radius[v] - in.radius[u];
    f = gap > 0 ? mm / (gap * d) : 100.0 * mm;
  }
  fx += dx * f;
  fy += dy * f;
}

inline void repulse(const ForceInput& in, std::size_t v, std::size_t u, double& fx, double& fy) {
  repulse_at(in, v, in.x[u], in.y[u], in.mass[u], u, fx, fy);
}

/// The whole force on v: repulsion, gravity, attraction.
void force_on(const ForceInput& in, std::int32_t vertex, std::vector<std::int32_t>& stack, double& out_x,
              double& out_y) {
  const auto v = static_cast<std::size_t>(vertex);
  double fx = 0;
  double fy = 0;
  const double xv = in.x[v];
  const double yv = in.y[v];
  if (in.tree == nullptr) {
    const std::size_t n = in.x.size();
    for (std::size_t u = 0; u < n; ++u)
      if (u != v) repulse(in, v, u, fx, fy);
  } else {
    const std::vector<Cell>& cells = in.tree->cells();
    const std::vector<Point>& points = in.tree->points();
    stack.clear();
    stack.push_back(0);
    while (!stack.empty()) {
      const Cell& cell = cells[static_cast<std::size_t>(stack.back())];
      stack.pop_back();
      if (cell.mass <= 0) continue;
      if (cell.child < 0) {
        for (std::int32_t i = cell.begin; i < cell.end; ++i) {
          const Point& p = points[static_cast<std::size_t>(i)];
          const auto u = static_cast<std::size_t>(p.id);
          if (u != v) repulse_at(in, v, p.x, p.y, p.mass, u, fx, fy);
        }
        continue;
      }
      const double dx = xv - cell.cx;
      const double dy = yv - cell.cy;
      const double d2 = dx * dx + dy * dy;
      const bool inside =
          xv >= cell.x0 && xv <= cell.x0 + cell.size && yv >= cell.y0 && yv <= cell.y0 + cell.size;
      if (!inside && d2 > 0 && cell.size * cell.size < in.theta2 * d2) {
        // Far enough: the cell acts as one body at its centre of mass (plain repulsion, as Gephi
        // does for regions also with anti-collision).
        const double f = in.scaling * in.mass[v] * cell.mass / d2;
        fx += dx * f;
        fy += dy * f;
      } else {
        for (std::int32_t q = 3; q >= 0; --q)
          stack.push_back(cell.child + q);
      }
    }
  }
  // Gravity: constant magnitude kr·kg·mass towards the origin.
  const double dist = std::sqrt(xv * xv + yv * yv);
  if (dist > 0) {
    const double f = in.scaling * in.gravity * in.mass[v] / dist;
    fx -= xv * f;
    fy -= yv * f;
  }
  // Attraction along the ties.
  const Adjacency& adj = in.adjacency;
  for (std::int64_t e = adj.offsets[v]; e < adj.offsets[v + 1]; ++e) {
    const auto i = static_cast<std::size_t>(e);
    const auto u = static_cast<std::size_t>(adj.neighbours[i]);
    const double w = in.weighted ? adj.weights[i] : 1.0;
    const double dx = xv - in.x[u];
    const double dy = yv - in.y[u];
    double f = 0;
    if (!in.overlap) {
      if (!in.linlog) {
        f = -w;
      } else {
        const double d = std::sqrt(dx * dx + dy * dy);
        f = d > 0 ? -w * std::log1p(d) / d : 0.0;
      }
    } else {
      const double gap = std::sqrt(dx * dx + dy * dy) - in.radius[v] - in.radius[u];
      if (gap > 0) f = in.linlog ? -w * std::log1p(gap) / gap : -w;
    }
    fx += dx * f;
    fy += dy * f;
  }
  out_x = fx;
  out_y = fy;
}

/// Runs body(begin, end) over [0, n) in `threads` contiguous blocks.
template <typename Body>
void parallel_blocks(std::int32_t n, unsigned threads, const Body& body) {
  if (threads <= 1 || n < kParallelFrom) {
    body(0, n);
    return;
  }
  const std::int32_t block =
      (n + static_cast<std::int32_t>(threads) - 1) / static_cast<std::int32_t>(threads);
  core::run_workers(threads, [&](unsigned t) {
    const std::int32_t begin = std::min(n, static_cast<std::int32_t>(t) * block);
    const std::int32_t end = std::min(n, begin + block);
    if (begin < end) body(begin, end);
  });
}

}  // namespace

std::int32_t automatic_fa2_iterations(std::int32_t n) {
  if (n <= 1000) return 400;
  if (n <= 10000) return 250;
  if (n <= 50000) return 150;
  return 100;
}

void forceatlas2(const Adjacency& adjacency, const std::vector<double>& mass,
                 const std::vector<double>& radius, const Fa2Settings& settings, std::vector<double>& x,
                 std::vector<double>& y) {
  const std::int32_t n = adjacency.n;
  if (n <= 1) {
    if (n == 1) x[0] = y[0] = 0;
    return;
  }
  const auto count = static_cast<std::size_t>(n);
  // At most one worker per core: more only cost thread start-ups (the blocks, and so the result,
  // do not depend on the count).
  const unsigned threads = worker_count(settings.threads);
  const bool barnes_hut = n > settings.barnes_hut_above;
  const std::int32_t iterations = settings.iterations > 0 ? settings.iterations : automatic_fa2_iterations(n);
  const std::int32_t overlap_from = settings.prevent_overlap ? iterations - iterations / 3 : iterations;

  std::vector<double> dx(count, 0.0);
  std::vector<double> dy(count, 0.0);
  std::vector<double> old_dx(count, 0.0);
  std::vector<double> old_dy(count, 0.0);
  QuadTree tree;
  double speed = 1.0;
  double speed_efficiency = 1.0;
  const double jitter_tolerance = 1.0;

  for (std::int32_t iteration = 0; iteration < iterations; ++iteration) {
    const bool overlap = iteration >= overlap_from;
    old_dx.swap(dx);
    old_dy.swap(dy);
    if (barnes_hut) tree.build(x, y, mass);
    const ForceInput in{adjacency,
                        mass,
                        radius,
                        x,
                        y,
                        barnes_hut ? &tree : nullptr,
                        settings.scaling,
                        settings.gravity,
                        settings.theta * settings.theta,
                        settings.linlog,
                        overlap,
                        settings.weighted};
    parallel_blocks(n, threads, [&](std::int32_t begin, std::int32_t end) {
      std::vector<std::int32_t> stack;
      // With the tree, vertices go in its order: neighbours in space follow each other and
      // traverse the same cells, which stay in cache. Each vertex's sum is its own, so the order
      // of vertices changes nothing in the result.
      for (std::int32_t i = begin; i < end; ++i) {
        const std::int32_t v = barnes_hut ? tree.order()[static_cast<std::size_t>(i)] : i;
        const auto k = static_cast<std::size_t>(v);
        force_on(in, v, stack, dx[k], dy[k]);
      }
    });

    // Adaptive speed (Gephi's ForceAtlas2.java): swinging is erratic movement, traction useful
    // movement; the global speed follows their ratio against the jitter tolerance.
    double total_swinging = 0;
    double total_traction = 0;
    for (std::size_t v = 0; v < count; ++v) {
      total_swinging += mass[v] * std::hypot(old_dx[v] - dx[v], old_dy[v] - dy[v]);
      total_traction += mass[v] * 0.5 * std::hypot(old_dx[v] + dx[v], old_dy[v] + dy[v]);
    }
    const double nodes = static_cast<double>(n);
    const double estimated_tolerance = 0.05 * std::sqrt(nodes);
    const double min_tolerance = std::sqrt(estimated_tolerance);
    double tolerance =
        jitter_tolerance *
        std::max(min_tolerance, std::min(10.0, estimated_tolerance * total_traction / (nodes * nodes)));
    const double min_efficiency = 0.05;
    if (total_traction > 0 && total_swinging / total_traction > 2.0) {
      if (speed_efficiency > min_efficiency) speed_efficiency *= 0.5;
      tolerance = std::max(tolerance, jitter_tolerance);
    }
    const double target_speed =
        total_swinging > 0 ? tolerance * speed_efficiency * total_traction / total_swinging : speed;
    if (total_swinging > tolerance * total_traction) {
      if (speed_efficiency > min_efficiency) speed_efficiency *= 0.7;
    } else if (speed < 1000) {
      speed_efficiency *= 1.3;
    }
    const double max_rise = 0.5;
    speed = speed + std::min(target_speed - speed, max_rise * speed);

    // Move: each vertex slowed by its own swinging; with anti-collision, steps capped at 10.
    const double step_speed = speed;
    parallel_blocks(n, threads, [&](std::int32_t begin, std::int32_t end) {
      for (std::int32_t vertex = begin; vertex < end; ++vertex) {
        const auto v = static_cast<std::size_t>(vertex);
        const double swinging = mass[v] * std::hypot(old_dx[v] - dx[v], old_dy[v] - dy[v]);
        double factor = step_speed / (1.0 + std::sqrt(step_speed * swinging));
        if (overlap) {
          factor *= 0.1;
          const double df = std::hypot(dx[v], dy[v]);
          if (df > 0) factor = std::min(factor * df, 10.0) / df;
        }
        x[v] += dx[v] * factor;
        y[v] += dy[v] * factor;
      }
    });
  }
}

}  // namespace clusterscope::layout::detail
