// Gould–Fernandez brokerage roles and Burt's effective size (docs/metrics/brokerage.md).

#include "clusterscope/metrics/brokerage.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

namespace clusterscope::metrics {

namespace {

/// Compressed rows: the neighbours of v are target[offset[v] .. offset[v + 1]), sorted, distinct.
struct Adjacency {
  std::vector<std::size_t> offset;
  std::vector<VertexId> target;
  std::vector<double> weight;  ///< summed weight per (v, target); empty when not requested

  [[nodiscard]] std::size_t begin(VertexId v) const { return offset[static_cast<std::size_t>(v)]; }
  [[nodiscard]] std::size_t end(VertexId v) const { return offset[static_cast<std::size_t>(v) + 1]; }
  [[nodiscard]] std::size_t degree(VertexId v) const { return end(v) - begin(v); }
};

void check_endpoints(std::int32_t n, const std::vector<AggregatedEdge>& edges, const char* what) {
  for (const AggregatedEdge& e : edges) {
    if (e.source < 0 || e.source >= n || e.target < 0 || e.target >= n) {
      throw std::out_of_range(std::string(what) + ": edge " + std::to_string(e.source) + " - " +
                              std::to_string(e.target) + " outside 0.." + std::to_string(n - 1));
    }
  }
}

/// Builds rows from the edges: source → target always, and target → source too when `both_ways`.
/// Self-loops are dropped; repeated (v, target) entries are merged, summing their weights (1 per
/// edge unless `use_weights`). O(n + m log m).
Adjacency build_adjacency(std::int32_t n, const std::vector<AggregatedEdge>& edges, bool both_ways,
                          bool keep_weights, bool use_weights) {
  const auto size = static_cast<std::size_t>(n);
  std::vector<std::size_t> count(size + 1, 0);
  for (const AggregatedEdge& e : edges) {
    if (e.source == e.target) continue;
    ++count[static_cast<std::size_t>(e.source) + 1];
    if (both_ways) ++count[static_cast<std::size_t>(e.target) + 1];
  }
  for (std::size_t v = 0; v < size; ++v)
    count[v + 1] += count[v];
  std::vector<std::pair<VertexId, double>> slots(count[size]);
  std::vector<std::size_t> fill(count.begin(), count.end() - 1);
  for (const AggregatedEdge& e : edges) {
    if (e.source == e.target) continue;
    const double w = use_weights ? e.weight : 1.0;
    slots[fill[static_cast<std::size_t>(e.source)]++] = {e.target, w};
    if (both_ways) slots[fill[static_cast<std::size_t>(e.target)]++] = {e.source, w};
  }
  Adjacency adjacency;
  adjacency.offset.assign(size + 1, 0);
  adjacency.target.reserve(slots.size());
  if (keep_weights) adjacency.weight.reserve(slots.size());
  for (std::size_t v = 0; v < size; ++v) {
    const auto first = slots.begin() + static_cast<std::ptrdiff_t>(count[v]);
    const auto last = slots.begin() + static_cast<std::ptrdiff_t>(count[v + 1]);
    std::sort(first, last, [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = first; it != last; ++it) {
      if (adjacency.target.size() > adjacency.offset[v] && adjacency.target.back() == it->first) {
        if (keep_weights) adjacency.weight.back() += it->second;
        continue;
      }
      adjacency.target.push_back(it->first);
      if (keep_weights) adjacency.weight.push_back(it->second);
    }
    adjacency.offset[v + 1] = adjacency.target.size();
  }
  return adjacency;
}

}  // namespace

BrokerageRoles brokerage(const Network& network, const std::vector<AggregatedEdge>& edges) {
  const auto n = static_cast<std::int32_t>(network.size());
  const auto size = static_cast<std::size_t>(n);
  check_endpoints(n, edges, "brokerage");

  // Group of each stakeholder: one id per distinct type string ("" included). O(n).
  std::vector<std::int32_t> group(size);
  std::unordered_map<std::string, std::int32_t> group_of;
  for (std::size_t v = 0; v < size; ++v) {
    const auto next = static_cast<std::int32_t>(group_of.size());
    group[v] = group_of.try_emplace(network.stakeholders[v].type, next).first->second;
  }

  // Out-neighbours; an undirected tie is read as reciprocated (both arcs), as sna does.
  const Adjacency out = build_adjacency(n, edges, !network.directed, false, false);

  enum Role : std::size_t { coordinator, gatekeeper, representative, consultant, liaison };
  std::vector<std::array<std::int64_t, 5>> count(size, {0, 0, 0, 0, 0});
  // marker[c] == a  ⇔  a → c. Every two-path a → b → c is visited once from its first vertex a:
  // O(Σ_b indeg(b) · outdeg(b)) in all.
  std::vector<VertexId> marker(size, -1);
  for (VertexId a = 0; a < n; ++a) {
    for (std::size_t i = out.begin(a); i < out.end(a); ++i)
      marker[static_cast<std::size_t>(out.target[i])] = a;
    const std::int32_t ga = group[static_cast<std::size_t>(a)];
    for (std::size_t i = out.begin(a); i < out.end(a); ++i) {
      const VertexId b = out.target[i];
      const std::int32_t gb = group[static_cast<std::size_t>(b)];
      auto& roles = count[static_cast<std::size_t>(b)];
      for (std::size_t j = out.begin(b); j < out.end(b); ++j) {
        const VertexId c = out.target[j];
        if (c == a || marker[static_cast<std::size_t>(c)] == a) continue;  // a = c, or closed by a → c
        const std::int32_t gc = group[static_cast<std::size_t>(c)];
        if (ga == gb) {
          ++roles[gb == gc ? coordinator : representative];
        } else if (gb == gc) {
          ++roles[gatekeeper];
        } else if (ga == gc) {
          ++roles[consultant];
        } else {
          ++roles[liaison];
        }
      }
    }
  }

  BrokerageRoles result;
  for (auto* column : {&result.coordinator, &result.gatekeeper, &result.representative, &result.consultant,
                       &result.liaison}) {
    column->resize(size);
  }
  for (std::size_t v = 0; v < size; ++v) {
    result.coordinator[v] = static_cast<double>(count[v][coordinator]);
    result.gatekeeper[v] = static_cast<double>(count[v][gatekeeper]);
    result.representative[v] = static_cast<double>(count[v][representative]);
    result.consultant[v] = static_cast<double>(count[v][consultant]);
    result.liaison[v] = static_cast<double>(count[v][liaison]);
  }
  return result;
}

std::vector<double> effective_size(std::int32_t n, const std::vector<AggregatedEdge>& edges, bool directed,
                                   bool weighted) {
  if (n < 0) throw std::invalid_argument("effective_size: negative vertex count");
  check_endpoints(n, edges, "effective_size");
  const auto size = static_cast<std::size_t>(n);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> result(size, nan);

  // All neighbours (in and out) with the mutual weight mw(u, v) = w(u → v) + w(v → u) when
  // directed. For undirected edges networkx's mutual weight is 2w; the factor cancels in both
  // normalisations (and doubling is exact in floating point), so w is used.
  const Adjacency all = build_adjacency(n, edges, true, true, weighted);

  if (!directed && !weighted) {
    // Borgatti: n − 2t/n, t = ties among the neighbours, counted with a marker array
    // (each tie among neighbours is seen from both of its ends). O(Σ deg²).
    std::vector<VertexId> marker(size, -1);
    for (VertexId u = 0; u < n; ++u) {
      const std::size_t degree = all.degree(u);
      if (degree == 0) continue;
      for (std::size_t i = all.begin(u); i < all.end(u); ++i)
        marker[static_cast<std::size_t>(all.target[i])] = u;
      std::size_t twice_t = 0;
      for (std::size_t i = all.begin(u); i < all.end(u); ++i) {
        const VertexId v = all.target[i];
        for (std::size_t j = all.begin(v); j < all.end(v); ++j) {
          if (marker[static_cast<std::size_t>(all.target[j])] == u) ++twice_t;
        }
      }
      const auto k = static_cast<double>(degree);
      result[static_cast<std::size_t>(u)] = k - static_cast<double>(twice_t) / k;
    }
    return result;
  }

  // Burt's formula with networkx's normalisations. Per vertex: sum and max of its mutual weights.
  std::vector<double> total(size, 0.0);
  std::vector<double> largest(size, 0.0);
  for (VertexId v = 0; v < n; ++v) {
    double sum = 0.0;
    double max = -std::numeric_limits<double>::infinity();
    for (std::size_t i = all.begin(v); i < all.end(v); ++i) {
      sum += all.weight[i];
      max = std::max(max, all.weight[i]);
    }
    total[static_cast<std::size_t>(v)] = sum;
    largest[static_cast<std::size_t>(v)] = all.degree(v) == 0 ? 0.0 : max;
  }
  // p[w] = p_uw while u is processed (0 for non-neighbours of u, and for u itself).
  // e(u) = Σ_{v∈N(u)} (1 − Σ_{w∈N(v)} p_uw · mw(v,w) / max_v): O(Σ_u Σ_{v∈N(u)} deg v) = O(Σ deg²).
  std::vector<double> p(size, 0.0);
  for (VertexId u = 0; u < n; ++u) {
    if (all.degree(u) == 0) continue;
    const double sum_u = total[static_cast<std::size_t>(u)];
    for (std::size_t i = all.begin(u); i < all.end(u); ++i) {
      p[static_cast<std::size_t>(all.target[i])] = sum_u == 0.0 ? 0.0 : all.weight[i] / sum_u;
    }
    double size_u = 0.0;
    for (std::size_t i = all.begin(u); i < all.end(u); ++i) {
      const VertexId v = all.target[i];
      const double max_v = largest[static_cast<std::size_t>(v)];
      double redundancy = 0.0;
      if (max_v != 0.0) {
        for (std::size_t j = all.begin(v); j < all.end(v); ++j) {
          redundancy += p[static_cast<std::size_t>(all.target[j])] * (all.weight[j] / max_v);
        }
      }
      size_u += 1.0 - redundancy;
    }
    for (std::size_t i = all.begin(u); i < all.end(u); ++i)
      p[static_cast<std::size_t>(all.target[i])] = 0.0;
    result[static_cast<std::size_t>(u)] = size_u;
  }
  return result;
}

}  // namespace clusterscope::metrics
