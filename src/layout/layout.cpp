#include "clusterscope/layout/layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "clusterscope/core/run.hpp"
#include "detail.hpp"

namespace clusterscope::layout {

namespace detail {

Adjacency adjacency(std::int32_t n, const std::vector<AggregatedEdge>& edges) {
  Adjacency a;
  a.n = n;
  const auto count = static_cast<std::size_t>(n);
  a.offsets.assign(count + 1, 0);
  for (const AggregatedEdge& e : edges) {
    ++a.offsets[static_cast<std::size_t>(e.source) + 1];
    ++a.offsets[static_cast<std::size_t>(e.target) + 1];
  }
  for (std::size_t v = 0; v < count; ++v)
    a.offsets[v + 1] += a.offsets[v];
  a.neighbours.assign(edges.size() * 2, 0);
  a.weights.assign(edges.size() * 2, 0.0);
  std::vector<std::int64_t> fill(a.offsets.begin(), a.offsets.end() - 1);
  // Edges sorted by (source, target) give ascending rows: a row receives its smaller neighbours
  // (as target) before its larger ones (as source), each group ascending.
  for (const AggregatedEdge& e : edges) {
    const auto s = static_cast<std::size_t>(e.source);
    const auto t = static_cast<std::size_t>(e.target);
    const auto i = static_cast<std::size_t>(fill[t]++);
    a.neighbours[i] = e.source;
    a.weights[i] = e.weight;
    const auto j = static_cast<std::size_t>(fill[s]++);
    a.neighbours[j] = e.target;
    a.weights[j] = e.weight;
  }
  // Callers may pass edges in another order: sort any row that is not ascending.
  std::vector<std::pair<std::int32_t, double>> row;
  for (std::size_t v = 0; v < count; ++v) {
    const auto b = static_cast<std::size_t>(a.offsets[v]);
    const auto e = static_cast<std::size_t>(a.offsets[v + 1]);
    if (std::is_sorted(a.neighbours.begin() + static_cast<std::ptrdiff_t>(b),
                       a.neighbours.begin() + static_cast<std::ptrdiff_t>(e)))
      continue;
    row.clear();
    for (std::size_t i = b; i < e; ++i)
      row.emplace_back(a.neighbours[i], a.weights[i]);
    std::sort(row.begin(), row.end());
    for (std::size_t i = b; i < e; ++i) {
      a.neighbours[i] = row[i - b].first;
      a.weights[i] = row[i - b].second;
    }
  }
  return a;
}

std::uint64_t mix(std::uint64_t seed, std::uint64_t salt) {
  return core::splitmix(seed + 0x9e3779b97f4a7c15ULL * (salt + 1));
}

double unit(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

Layout random_positions(std::int32_t n, std::uint64_t seed, double side) {
  std::mt19937_64 rng(seed);
  Layout out;
  out.x.assign(static_cast<std::size_t>(n), 0.0);
  out.y.assign(static_cast<std::size_t>(n), 0.0);
  for (std::size_t v = 0; v < out.x.size(); ++v) {
    out.x[v] = (unit(rng) - 0.5) * side;
    out.y[v] = (unit(rng) - 0.5) * side;
  }
  return out;
}

std::vector<std::vector<std::int32_t>> components(const Adjacency& adjacency) {
  const auto count = static_cast<std::size_t>(adjacency.n);
  std::vector<bool> seen(count, false);
  std::vector<std::vector<std::int32_t>> out;
  std::vector<std::int32_t> queue;
  for (std::size_t start = 0; start < count; ++start) {
    if (seen[start]) continue;
    seen[start] = true;
    queue.assign(1, static_cast<std::int32_t>(start));
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const auto v = static_cast<std::size_t>(queue[head]);
      for (auto e = adjacency.offsets[v]; e < adjacency.offsets[v + 1]; ++e) {
        const auto u = static_cast<std::size_t>(adjacency.neighbours[static_cast<std::size_t>(e)]);
        if (!seen[u]) {
          seen[u] = true;
          queue.push_back(static_cast<std::int32_t>(u));
        }
      }
    }
    std::sort(queue.begin(), queue.end());
    out.push_back(queue);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

Layout complete_initial(const Layout& initial, const Adjacency& adjacency, std::uint64_t seed,
                        Strays strays) {
  const auto count = static_cast<std::size_t>(adjacency.n);
  if (initial.x.size() != count || initial.y.size() != count)
    throw std::invalid_argument("layout: initial positions must have one entry per stakeholder (" +
                                std::to_string(count) + "), not " + std::to_string(initial.x.size()));
  Layout out = initial;
  std::vector<bool> placed(count, false);
  double lo_x = std::numeric_limits<double>::infinity();
  double hi_x = -lo_x;
  double lo_y = lo_x;
  double hi_y = -lo_x;
  std::size_t placed_count = 0;
  for (std::size_t v = 0; v < count; ++v) {
    if (std::isfinite(out.x[v]) && std::isfinite(out.y[v])) {
      placed[v] = true;
      ++placed_count;
      lo_x = std::min(lo_x, out.x[v]);
      hi_x = std::max(hi_x, out.x[v]);
      lo_y = std::min(lo_y, out.y[v]);
      hi_y = std::max(hi_y, out.y[v]);
    }
  }
  if (placed_count == 0) {
    double mass = 0;
    for (std::size_t v = 0; v < count; ++v)
      mass += adjacency.degree(static_cast<std::int32_t>(v)) + 1.0;
    return random_positions(adjacency.n, seed, std::sqrt(mass));
  }
  if (placed_count == count) return out;
  double extent = std::max(hi_x - lo_x, hi_y - lo_y);
  if (!(extent > 0)) extent = 1.0;
  const double offset = 0.02 * extent;
  const double golden = std::numbers::pi * (3.0 - std::sqrt(5.0));
  struct Placement {
    std::size_t v;
    double x;
    double y;
  };
  std::vector<Placement> batch;
  for (;;) {
    batch.clear();
    for (std::size_t v = 0; v < count; ++v) {
      if (placed[v]) continue;
      double sx = 0;
      double sy = 0;
      std::int32_t k = 0;
      for (auto e = adjacency.offsets[v]; e < adjacency.offsets[v + 1]; ++e) {
        const auto u = static_cast<std::size_t>(adjacency.neighbours[static_cast<std::size_t>(e)]);
        if (!placed[u]) continue;
        sx += out.x[u];
        sy += out.y[u];
        ++k;
      }
      if (k == 0) continue;
      const double angle = golden * static_cast<double>(v);
      batch.push_back({v, sx / k + offset * std::cos(angle), sy / k + offset * std::sin(angle)});
    }
    if (batch.empty()) break;
    for (const Placement& p : batch) {
      out.x[p.v] = p.x;
      out.y[p.v] = p.y;
      placed[p.v] = true;
      placed_count += 1;
    }
  }
  if (placed_count < count) {
    // Not tied to any placed stakeholder: a ring around the placed ones, or beside them.
    const bool beside = strays == Strays::beside;
    const double ring = beside ? 0.1 * extent : 0.6 * extent;
    const double cx = beside ? hi_x + 0.1 * extent + ring : (lo_x + hi_x) / 2;
    const double cy = (lo_y + hi_y) / 2;
    const double missing = static_cast<double>(count - placed_count);
    double i = 0;
    for (std::size_t v = 0; v < count; ++v) {
      if (placed[v]) continue;
      const double angle = 2 * std::numbers::pi * i / missing;
      out.x[v] = cx + ring * std::cos(angle);
      out.y[v] = cy + ring * std::sin(angle);
      i += 1;
    }
  }
  return out;
}

Fa2Settings fa2_settings(const LayoutOptions& options) {
  Fa2Settings s;
  s.iterations = options.iterations;
  s.linlog = options.linlog;
  s.prevent_overlap = options.prevent_overlap;
  s.weighted = options.weighted;
  s.gravity = options.gravity;
  s.scaling = options.scaling;
  s.barnes_hut_above = options.barnes_hut_above;
  s.threads = options.threads;
  return s;
}

Layout fa2_layout(const Adjacency& adjacency, const LayoutOptions& options) {
  const auto count = static_cast<std::size_t>(adjacency.n);
  std::vector<double> mass(count, 1.0);
  double total = 0;
  for (std::size_t v = 0; v < count; ++v) {
    mass[v] = adjacency.degree(static_cast<std::int32_t>(v)) + 1.0;
    total += mass[v];
  }
  std::vector<double> radius = options.node_sizes;
  if (radius.empty()) radius.assign(count, 1.0);
  Layout start = options.initial != nullptr
                     ? complete_initial(*options.initial, adjacency, mix(options.seed, 1))
                     : random_positions(adjacency.n, mix(options.seed, 1), std::sqrt(total));
  forceatlas2(adjacency, mass, radius, fa2_settings(options), start.x, start.y);
  return start;
}

}  // namespace detail

Algorithm parse_algorithm(const std::string& name) {
  if (const auto algorithm = core::find_name(kAlgorithmNames, name)) return *algorithm;
  throw std::invalid_argument("unknown layout '" + name + "' (expected " + core::choices(kAlgorithmNames) +
                              ")");
}

std::string algorithm_name(Algorithm algorithm) {
  return std::string(core::name_of(kAlgorithmNames, algorithm));
}

std::string algorithm_title(Algorithm algorithm) {
  return std::string(core::name_of(kAlgorithmTitles, algorithm));
}

namespace {

/// Moves the stakeholders without ties (and without an initial position) onto a grid below the
/// bounding box of the others, spaced like the others' typical spacing, in stakeholder order.
void shelve_isolates(const detail::Adjacency& adjacency, const Layout* initial, Layout& layout) {
  std::vector<std::size_t> isolates;
  double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin, ymin = xmin, ymax = -xmin;
  std::size_t placed = 0;
  for (std::int32_t v = 0; v < adjacency.n; ++v) {
    const auto i = static_cast<std::size_t>(v);
    const bool kept = initial != nullptr && std::isfinite(initial->x[i]) && std::isfinite(initial->y[i]);
    if (adjacency.degree(v) == 0 && !kept) {
      isolates.push_back(i);
      continue;
    }
    xmin = std::min(xmin, layout.x[i]), xmax = std::max(xmax, layout.x[i]);
    ymin = std::min(ymin, layout.y[i]), ymax = std::max(ymax, layout.y[i]);
    ++placed;
  }
  if (isolates.empty()) return;
  if (placed == 0) {  // nothing but isolates: one square grid
    xmin = ymin = ymax = 0;
    xmax = std::sqrt(static_cast<double>(isolates.size()));
  }
  const double width = std::max(xmax - xmin, 1e-9);
  const double height = std::max(ymax - ymin, 1e-9);
  // The others' typical spacing: the side of a square of their area per stakeholder.
  const double spacing =
      placed > 1 ? std::sqrt(width * height / static_cast<double>(placed)) : std::max(width, height) / 10.0;
  const auto columns = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(width / spacing)) + 1);
  for (std::size_t k = 0; k < isolates.size(); ++k) {
    layout.x[isolates[k]] = xmin + spacing * static_cast<double>(k % columns);
    layout.y[isolates[k]] = ymin - spacing * (1.5 + static_cast<double>(k / columns));
  }
}

}  // namespace

Layout compute_layout(const Network& network, const LayoutOptions& options) {
  return compute_layout(network, make_tie_view(network), options);
}

Layout compute_layout(const Network& network, const TieView& view, const LayoutOptions& options) {
  const auto count = network.size();
  if (count > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw std::invalid_argument("layout: too many stakeholders");
  if (static_cast<std::size_t>(view.n) != count)
    throw std::invalid_argument("layout: the tie view is of another network");
  if (options.iterations < 0) throw std::invalid_argument("layout: iterations must not be negative");
  if (!(options.gravity >= 0) || !std::isfinite(options.gravity))
    throw std::invalid_argument("layout: gravity must be a finite number ≥ 0");
  if (!(options.scaling > 0) || !std::isfinite(options.scaling))
    throw std::invalid_argument("layout: scaling must be a finite number > 0");
  if (!options.node_sizes.empty()) {
    if (options.node_sizes.size() != count)
      throw std::invalid_argument("layout: node_sizes must have one entry per stakeholder");
    for (const double r : options.node_sizes)
      if (!(r >= 0) || !std::isfinite(r))
        throw std::invalid_argument("layout: node sizes must be finite and ≥ 0");
  }
  if (options.initial != nullptr &&
      (options.initial->x.size() != count || options.initial->y.size() != count))
    throw std::invalid_argument("layout: initial positions must have one entry per stakeholder");
  if (options.algorithm == Algorithm::grouped) {
    if (options.communities == nullptr) throw std::invalid_argument("layout: grouped needs communities");
    if (options.communities->membership.size() != count)
      throw std::invalid_argument("layout: communities must cover every stakeholder");
    for (const CommunityId c : options.communities->membership)
      if (c < 0) throw std::invalid_argument("layout: community labels must not be negative");
  }
  const auto n = static_cast<std::int32_t>(count);
  const detail::Adjacency adjacency = detail::adjacency(n, view.undirected);
  if (n == 0) return {};
  Layout out;
  switch (options.algorithm) {
    case Algorithm::fa2: out = detail::fa2_layout(adjacency, options); break;
    case Algorithm::fr:
    case Algorithm::kk:
    case Algorithm::drl: out = detail::igraph_layout(adjacency, options); break;
    case Algorithm::grouped: out = detail::grouped_layout(adjacency, options); break;
    case Algorithm::geo: return detail::geo_layout(network, adjacency);
  }
  if (options.shelve_isolates) shelve_isolates(adjacency, options.initial, out);
  return out;
}

double intra_inter_ratio(const Network& network, const Layout& layout,
                         const std::vector<std::int32_t>& membership) {
  const auto count = network.size();
  if (layout.x.size() != count || layout.y.size() != count)
    throw std::invalid_argument("intra_inter_ratio: the layout must have one position per stakeholder");
  if (membership.size() != count)
    throw std::invalid_argument("intra_inter_ratio: membership must have one entry per stakeholder");
  double intra = 0;
  double inter = 0;
  std::int64_t intra_count = 0;
  std::int64_t inter_count = 0;
  for (const AggregatedEdge& e : undirected_pairs(aggregate_ties(network))) {
    const auto s = static_cast<std::size_t>(e.source);
    const auto t = static_cast<std::size_t>(e.target);
    const double length = std::hypot(layout.x[s] - layout.x[t], layout.y[s] - layout.y[t]);
    if (membership[s] == membership[t]) {
      intra += length;
      ++intra_count;
    } else {
      inter += length;
      ++inter_count;
    }
  }
  if (intra_count == 0 || inter_count == 0 || !(inter > 0)) return std::numeric_limits<double>::quiet_NaN();
  return (intra / static_cast<double>(intra_count)) / (inter / static_cast<double>(inter_count));
}

}  // namespace clusterscope::layout
