// Grouped layout: each community is laid out on its own (ForceAtlas2 on the ties inside it) and
// centred; the communities are then placed as discs by ForceAtlas2 on the community graph (one
// vertex per community, mass = members, edge weights = the ties between communities, with
// anti-collision on the disc radii), pulled together until the closest two discs are one mean
// edge length apart, and any overlap left is pushed apart. Members keep their position inside
// their community's disc.

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "detail.hpp"

namespace clusterscope::layout::detail {

namespace {

/// Pushes overlapping discs apart, pairs in index order, until none overlap (or 500 sweeps).
/// O(k²) per sweep.
void separate(std::vector<double>& x, std::vector<double>& y, const std::vector<double>& radius, double gap) {
  const std::size_t k = x.size();
  const double golden = std::numbers::pi * (3.0 - std::sqrt(5.0));
  for (int sweep = 0; sweep < 500; ++sweep) {
    bool moved = false;
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = i + 1; j < k; ++j) {
        const double need = radius[i] + radius[j] + gap;
        double dx = x[j] - x[i];
        double dy = y[j] - y[i];
        double d = std::hypot(dx, dy);
        if (d >= need) continue;
        if (d <= 0) {
          const double angle = golden * static_cast<double>(j);
          dx = std::cos(angle);
          dy = std::sin(angle);
          d = 1;
        }
        const double push = (need - d) / 2 * (1 + 1e-6) / d;
        x[i] -= dx * push;
        y[i] -= dy * push;
        x[j] += dx * push;
        y[j] += dy * push;
        moved = true;
      }
    if (!moved) return;
  }
}

}  // namespace

Layout grouped_layout(const Adjacency& adjacency, const LayoutOptions& options) {
  const auto count = static_cast<std::size_t>(adjacency.n);
  const std::vector<CommunityId>& membership = options.communities->membership;
  const auto k = static_cast<std::size_t>(*std::max_element(membership.begin(), membership.end())) + 1;
  std::vector<std::vector<std::int32_t>> members(k);
  std::vector<std::int32_t> local(count, 0);
  for (std::size_t v = 0; v < count; ++v) {
    auto& list = members[static_cast<std::size_t>(membership[v])];
    local[v] = static_cast<std::int32_t>(list.size());
    list.push_back(static_cast<std::int32_t>(v));
  }
  Layout start;
  if (options.initial != nullptr) start = complete_initial(*options.initial, adjacency, mix(options.seed, 1));

  // Inside each community.
  Fa2Settings inner = fa2_settings(options);
  std::vector<Layout> inside(k);
  std::vector<double> reach(k, 0.0);
  double length_sum = 0;
  std::int64_t length_count = 0;
  for (std::size_t c = 0; c < k; ++c) {
    const std::vector<std::int32_t>& part = members[c];
    Layout& l = inside[c];
    l.x.assign(part.size(), 0.0);
    l.y.assign(part.size(), 0.0);
    if (part.size() < 2) continue;
    std::vector<AggregatedEdge> edges;
    for (const std::int32_t v : part) {
      const auto row = static_cast<std::size_t>(v);
      for (auto e = adjacency.offsets[row]; e < adjacency.offsets[row + 1]; ++e) {
        const auto i = static_cast<std::size_t>(e);
        const auto u = static_cast<std::size_t>(adjacency.neighbours[i]);
        if (adjacency.neighbours[i] > v && membership[u] == membership[row])
          edges.push_back({local[row], local[u], adjacency.weights[i], 1});
      }
    }
    const Adjacency sub = detail::adjacency(static_cast<std::int32_t>(part.size()), edges);
    std::vector<double> mass(part.size(), 1.0);
    double total = 0;
    for (std::size_t i = 0; i < part.size(); ++i) {
      mass[i] = sub.degree(static_cast<std::int32_t>(i)) + 1.0;
      total += mass[i];
    }
    std::vector<double> radius(part.size(), 1.0);
    if (!options.node_sizes.empty())
      for (std::size_t i = 0; i < part.size(); ++i)
        radius[i] = options.node_sizes[static_cast<std::size_t>(part[i])];
    if (options.initial != nullptr) {
      for (std::size_t i = 0; i < part.size(); ++i) {
        l.x[i] = start.x[static_cast<std::size_t>(part[i])];
        l.y[i] = start.y[static_cast<std::size_t>(part[i])];
      }
    } else {
      l = random_positions(static_cast<std::int32_t>(part.size()), mix(options.seed, 3 + c),
                           std::sqrt(total));
    }
    forceatlas2(sub, mass, radius, inner, l.x, l.y);
    double cx = 0;
    double cy = 0;
    for (std::size_t i = 0; i < part.size(); ++i) {
      cx += l.x[i];
      cy += l.y[i];
    }
    cx /= static_cast<double>(part.size());
    cy /= static_cast<double>(part.size());
    for (std::size_t i = 0; i < part.size(); ++i) {
      l.x[i] -= cx;
      l.y[i] -= cy;
      reach[c] = std::max(reach[c], std::hypot(l.x[i], l.y[i]));
    }
    for (const AggregatedEdge& e : edges) {
      const auto s = static_cast<std::size_t>(e.source);
      const auto t = static_cast<std::size_t>(e.target);
      length_sum += std::hypot(l.x[s] - l.x[t], l.y[s] - l.y[t]);
      ++length_count;
    }
  }
  double unit = length_count > 0 ? length_sum / static_cast<double>(length_count) : 1.0;
  if (!(unit > 0) || !std::isfinite(unit)) unit = 1.0;
  std::vector<double> disc(k, 0.0);
  for (std::size_t c = 0; c < k; ++c)
    disc[c] = std::max(reach[c], unit / 2);

  // The community graph.
  std::vector<AggregatedEdge> between;
  for (std::size_t v = 0; v < count; ++v)
    for (auto e = adjacency.offsets[v]; e < adjacency.offsets[v + 1]; ++e) {
      const auto i = static_cast<std::size_t>(e);
      const auto u = static_cast<std::size_t>(adjacency.neighbours[i]);
      if (u <= v || membership[u] == membership[v]) continue;
      between.push_back({std::min(membership[u], membership[v]), std::max(membership[u], membership[v]),
                         adjacency.weights[i], 1});
    }
  std::sort(between.begin(), between.end(), [](const AggregatedEdge& a, const AggregatedEdge& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
  });
  std::vector<AggregatedEdge> merged;
  for (const AggregatedEdge& e : between) {
    if (!merged.empty() && merged.back().source == e.source && merged.back().target == e.target) {
      merged.back().weight += e.weight;
      merged.back().ties += 1;
    } else {
      merged.push_back(e);
    }
  }
  const Adjacency super = detail::adjacency(static_cast<std::int32_t>(k), merged);
  std::vector<double> mass(k, 1.0);
  std::vector<double> radius(k, 0.0);
  double total = 0;
  for (std::size_t c = 0; c < k; ++c) {
    mass[c] = static_cast<double>(members[c].size());
    radius[c] = disc[c] + unit / 2;
    total += mass[c];
  }
  Layout centres;
  if (options.initial != nullptr) {
    centres.x.assign(k, 0.0);
    centres.y.assign(k, 0.0);
    for (std::size_t c = 0; c < k; ++c) {
      for (const std::int32_t v : members[c]) {
        centres.x[c] += start.x[static_cast<std::size_t>(v)];
        centres.y[c] += start.y[static_cast<std::size_t>(v)];
      }
      if (!members[c].empty()) {
        centres.x[c] /= static_cast<double>(members[c].size());
        centres.y[c] /= static_cast<double>(members[c].size());
      }
    }
  } else {
    centres = random_positions(static_cast<std::int32_t>(k), mix(options.seed, 2), std::sqrt(total) * unit);
  }
  Fa2Settings outer = fa2_settings(options);
  outer.prevent_overlap = true;
  outer.iterations = 0;
  forceatlas2(super, mass, radius, outer, centres.x, centres.y);

  // Pull together until the two closest discs are one unit apart, then remove any overlap.
  double worst = 0;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = i + 1; j < k; ++j) {
      const double d = std::hypot(centres.x[i] - centres.x[j], centres.y[i] - centres.y[j]);
      const double need = disc[i] + disc[j] + unit;
      worst = d > 0 ? std::max(worst, need / d) : std::numeric_limits<double>::infinity();
    }
  if (worst > 0 && worst < 1) {
    for (std::size_t c = 0; c < k; ++c) {
      centres.x[c] *= worst;
      centres.y[c] *= worst;
    }
  }
  separate(centres.x, centres.y, disc, unit);

  Layout out;
  out.x.assign(count, 0.0);
  out.y.assign(count, 0.0);
  for (std::size_t c = 0; c < k; ++c)
    for (std::size_t i = 0; i < members[c].size(); ++i) {
      const auto v = static_cast<std::size_t>(members[c][i]);
      out.x[v] = centres.x[c] + inside[c].x[i];
      out.y[v] = centres.y[c] + inside[c].y[i];
    }
  return out;
}

}  // namespace clusterscope::layout::detail
