// Path-based centralities (include/clusterscope/metrics/paths.hpp): Brandes' accumulation over
// single-source shortest-path searches, one search per source, sources spread over threads.
//
// Three search kernels, chosen per graph (classify_lengths):
// - "bfs": every edge has the same length — breadth-first search, O(m) per source.
// - "bucket": every length is a small multiple of a common unit — Dial's bucket queue
//   (Dial 1969, doi:10.1145/363269.363610) over exact integer distances, O(m + D) per source
//   where D ≤ the eccentricity in units (empty buckets are skipped with a bitmap).
// - "heap": anything else — binary-heap Dijkstra with igraph's tolerant comparison of lengths,
//   O(m log m) per source.
// Before the searches the graph is renumbered for cache locality (locality_order) and, for
// integer lengths, arcs on no shortest path are dropped (prune_dominated); neither changes a
// result. Brandes' dependency accumulation (Brandes 2001, doi:10.1080/0022250X.2001.9990249) runs
// over predecessor lists recorded during the search, so it touches only shortest-path DAG arcs
// (about n of them in weighted graphs) instead of scanning all m arcs a second time.
// Memory: O(n + m) for the prepared graph plus O(n) per thread (about 60 bytes per vertex).

#include "clusterscope/metrics/paths.hpp"
#include "clusterscope/core/run.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "clusterscope/core/threads.hpp"

namespace clusterscope::metrics {

namespace {

using Vertex = std::int32_t;

constexpr std::size_t ix(std::int32_t v) noexcept {
  return static_cast<std::size_t>(v);
}
constexpr std::size_t ix(std::int64_t v) noexcept {
  return static_cast<std::size_t>(v);
}

/// Sources per work unit. A block is always processed by one thread in source order, so its
/// floating-point sums do not depend on the schedule; 32 keeps 2 threads balanced on graphs of a
/// few hundred vertices while the per-block flush (O(n)) stays negligible.
constexpr std::size_t kBlock = 32;

/// igraph 0.10's igraph_cmp_epsilon (src/math/utils.c), the relative comparison its weighted
/// betweenness applies to "distance + 1" with eps = IGRAPH_SHORTEST_PATH_EPSILON = 1e-10.
int cmp_epsilon(double a, double b) noexcept {
  constexpr double eps = 1e-10;
  if (a == b) return 0;
  const double diff = a - b;
  const double abs_diff = std::fabs(diff);
  const double sum = std::fabs(a) + std::fabs(b);
  if (a == 0 || b == 0 || sum < DBL_MIN) return abs_diff < eps * DBL_MIN ? 0 : (diff < 0 ? -1 : 1);
  if (!std::isfinite(sum)) {
    return abs_diff < eps * std::fabs(a) + eps * std::fabs(b) ? 0 : (diff < 0 ? -1 : 1);
  }
  return abs_diff / sum < eps ? 0 : (diff < 0 ? -1 : 1);
}

/// Sums of non-negative doubles in 128-bit fixed point (value·2^e as two 64-bit words). Integer
/// addition is associative, so the totals are the same bits whatever the order in which threads
/// add their blocks — which makes the results independent of the thread count. Each addend is
/// rounded down to a multiple of 2^-e; e is chosen so that the largest possible total still fits.
class FixedSum {
 public:
  FixedSum() = default;
  /// `bound`: an upper bound of any total.
  FixedSum(std::size_t n, double bound)
      : hi_(n, 0),
        lo_(n, 0),
        exponent_(std::clamp(126 - static_cast<int>(std::ceil(std::log2(bound + 1.0))), -900, 200)),
        to_hi_(std::ldexp(1.0, exponent_ - 64)),
        to_lo_(std::ldexp(1.0, 64)) {}

  void add(std::size_t i, double x) noexcept {
    const double y = x * to_hi_;  // exact: scaling by a power of two
    const auto h = static_cast<std::uint64_t>(y);
    const auto l = static_cast<std::uint64_t>((y - static_cast<double>(h)) * to_lo_);  // y − h is exact
    const std::uint64_t s = lo_[i] + l;
    hi_[i] += h + (s < l ? 1U : 0U);
    lo_[i] = s;
  }
  void merge(const FixedSum& other) noexcept {
    for (std::size_t i = 0; i < hi_.size(); ++i) {
      const std::uint64_t s = lo_[i] + other.lo_[i];
      hi_[i] += other.hi_[i] + (s < other.lo_[i] ? 1U : 0U);
      lo_[i] = s;
    }
  }
  [[nodiscard]] double value(std::size_t i) const noexcept {
    return static_cast<double>(hi_[i]) * std::ldexp(1.0, 64 - exponent_) +
           static_cast<double>(lo_[i]) * std::ldexp(1.0, -exponent_);
  }

 private:
  std::vector<std::uint64_t> hi_, lo_;
  int exponent_ = 64;
  double to_hi_ = 1.0;
  double to_lo_ = 1.0;
};

// ---------------------------------------------------------------------------------------------
// Length classification

enum class KernelKind { bfs, bucket, heap };

struct Lengths {
  KernelKind kind = KernelKind::heap;
  double unit = 1.0;                           ///< real length of one integer unit (bfs, bucket)
  std::uint32_t max_units = 1;                 ///< longest arc in units (bucket)
  std::vector<std::uint32_t> units, in_units;  ///< per arc of g, in units (bucket)
};

/// The best rational approximation p/q of x > 0 with q ≤ qmax (continued fractions), accepted
/// when |x − p/q| ≤ 1e-13·x. That tolerance is far below igraph's 1e-10: a path's length in
/// floating point then differs from the exact rational sum by at most ~1e-13 relative (all terms
/// are positive), so paths of equal rational length are equal for igraph too.
bool rational(double x, std::uint64_t qmax, std::uint64_t& p, std::uint64_t& q) {
  if (!(x > 0) || x > 4e9) return false;
  std::uint64_t h0 = 1, h1 = 0, k0 = 0, k1 = 1;  // convergents h/k (h0/k0 the latest)
  double r = x;
  for (int i = 0; i < 64; ++i) {
    const double a_real = std::floor(r);
    if (a_real > 4e9) return false;
    const auto a = static_cast<std::uint64_t>(a_real);
    const std::uint64_t h = a * h0 + h1;
    const std::uint64_t k = a * k0 + k1;
    if (k > qmax) return false;
    h1 = h0;
    k1 = k0;
    h0 = h;
    k0 = k;
    if (std::fabs(x - static_cast<double>(h) / static_cast<double>(k)) <= 1e-13 * x) {
      p = h;
      q = k;
      return true;
    }
    const double frac = r - a_real;
    if (frac <= 0) return false;
    r = 1.0 / frac;
  }
  return false;
}

/// Decides the kernel. Integer units are used only when they provably give igraph's answer:
/// every length is (to 1e-13) a multiple of one unit u, and two different multiples of u up to the
/// longest possible distance Dmax = (n−1)·max length are never within igraph's tolerance, i.e.
/// u / (2·(1 + Dmax)) ≥ 2e-10 (twice igraph's eps: its comparison is |a−b| / (a+b) on
/// distance + 1). Then exact integer comparison makes the same tie decisions igraph makes.
Lengths classify_lengths(const CsrGraph& g, bool allow_integer) {
  Lengths out;
  if (!g.weighted()) {
    out.kind = KernelKind::bfs;
    return out;
  }
  if (!allow_integer || g.n < 2) return out;
  std::vector<double> distinct(g.lengths);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (distinct.empty() || distinct.size() > 4096) return out;
  constexpr std::uint64_t kMaxLcm = std::uint64_t{1} << 24;
  std::vector<std::uint64_t> num(distinct.size()), den(distinct.size());
  std::uint64_t lcm = 1;
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    if (!rational(distinct[i], kMaxLcm, num[i], den[i])) return out;
    lcm = std::lcm(lcm, den[i]);
    if (lcm > kMaxLcm) return out;
  }
  std::vector<std::uint64_t> scaled(distinct.size());
  std::uint64_t divisor = 0;
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    scaled[i] = num[i] * (lcm / den[i]);
    if (scaled[i] > (std::uint64_t{1} << 31)) return out;
    divisor = std::gcd(divisor, scaled[i]);
  }
  std::uint64_t min_units = std::numeric_limits<std::uint64_t>::max(), max_units = 0;
  for (auto& s : scaled) {
    s /= divisor;
    min_units = std::min(min_units, s);
    max_units = std::max(max_units, s);
  }
  // 32-bit distances up to (n − 1)·max_units; a bucket ring of max_units + 1 entries.
  const double n1 = static_cast<double>(g.n - 1);
  if (n1 * static_cast<double>(max_units) >= 4.0e9 || max_units > 4095) return out;
  const double unit = static_cast<double>(divisor) / static_cast<double>(lcm);
  const double dmax = n1 * static_cast<double>(max_units) * unit;
  if (unit / (2.0 * (1.0 + dmax)) < 2e-10) return out;

  out.unit = unit;
  out.max_units = static_cast<std::uint32_t>(max_units);
  if (min_units == max_units) {  // one length: hop counts times the unit
    out.kind = KernelKind::bfs;
    return out;
  }
  out.kind = KernelKind::bucket;
  const auto to_units = [&](const std::vector<double>& lengths) {
    std::vector<std::uint32_t> units(lengths.size());
    for (std::size_t a = 0; a < lengths.size(); ++a) {
      const auto it = std::lower_bound(distinct.begin(), distinct.end(), lengths[a]);
      units[a] = static_cast<std::uint32_t>(scaled[static_cast<std::size_t>(it - distinct.begin())]);
    }
    return units;
  };
  out.units = to_units(g.lengths);
  out.in_units = to_units(g.in_lengths);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The graph as the kernels read it

struct BucketArc {
  Vertex target;
  std::uint32_t units;
};

/// Adjacency in kernel numbering, arcs of a vertex sorted by target.
struct Prepared {
  KernelKind kind = KernelKind::heap;
  double unit = 1.0;
  std::uint32_t max_units = 1;
  std::vector<Vertex> to_new;  ///< kernel number of each vertex of g
  std::vector<std::int64_t> offsets, in_offsets;
  std::vector<Vertex> targets, in_targets;  ///< bfs, heap
  std::vector<double> lengths, in_lengths;  ///< heap
  std::vector<BucketArc> arcs, in_arcs;     ///< bucket
  std::size_t pruned = 0;                   ///< arcs dropped as on no shortest path
};

/// Renumbers the vertices so that densely knit groups get consecutive numbers: a few rounds of
/// label propagation (Raghavan, Albert & Kumara 2007, doi:10.1103/PhysRevE.76.036106), run in a
/// fixed order with ties to the smallest label so that it is deterministic, then vertices sorted
/// by (label, old number). A search then finds most neighbours of a vertex close by in memory,
/// so its distance and count arrays are served from the L1/L2 caches. It changes no result
/// beyond the rounding of sums. O(rounds·m).
std::vector<Vertex> locality_order(std::size_t n, const std::vector<std::int64_t>& offsets,
                                   const std::vector<Vertex>& targets) {
  std::vector<Vertex> label(n);
  std::iota(label.begin(), label.end(), 0);
  std::vector<std::uint32_t> count(n, 0);
  std::vector<Vertex> seen;
  for (int round = 0; round < 5; ++round) {
    bool changed = false;
    for (std::size_t v = 0; v < n; ++v) {
      seen.clear();
      for (std::size_t a = ix(offsets[v]); a < ix(offsets[v + 1]); ++a) {
        const Vertex l = label[ix(targets[a])];
        if (count[ix(l)]++ == 0) seen.push_back(l);
      }
      // The most frequent neighbour label; the own label wins ties, then the smallest.
      std::uint32_t most = 0;
      for (const Vertex l : seen)
        most = std::max(most, count[ix(l)]);
      Vertex best = label[v];
      if (most > 0 && count[ix(best)] != most) {
        best = std::numeric_limits<Vertex>::max();
        for (const Vertex l : seen) {
          if (count[ix(l)] == most) best = std::min(best, l);
        }
      }
      for (const Vertex l : seen)
        count[ix(l)] = 0;
      if (best != label[v]) {
        label[v] = best;
        changed = true;
      }
    }
    if (!changed) break;
  }
  std::vector<Vertex> old_of(n);
  std::iota(old_of.begin(), old_of.end(), 0);
  std::stable_sort(old_of.begin(), old_of.end(),
                   [&](Vertex a, Vertex b) { return label[ix(a)] < label[ix(b)]; });
  std::vector<Vertex> to_new(n);
  for (std::size_t i = 0; i < n; ++i)
    to_new[ix(old_of[i])] = static_cast<Vertex>(i);
  return to_new;
}

/// Copies one adjacency into kernel numbering, each vertex's arcs sorted by target.
template <class Arc, class MakeArc>
void renumber(std::size_t n, const std::vector<Vertex>& to_new, const std::vector<std::int64_t>& offsets,
              MakeArc make_arc, std::vector<std::int64_t>& new_offsets, std::vector<Arc>& new_arcs) {
  std::vector<Vertex> old_of(n);
  for (std::size_t v = 0; v < n; ++v)
    old_of[ix(to_new[v])] = static_cast<Vertex>(v);
  new_offsets.assign(n + 1, 0);
  for (std::size_t x = 0; x < n; ++x) {
    const std::size_t v = ix(old_of[x]);
    new_offsets[x + 1] = new_offsets[x] + (offsets[v + 1] - offsets[v]);
  }
  new_arcs.resize(ix(new_offsets[n]));
  for (std::size_t x = 0; x < n; ++x) {
    const std::size_t v = ix(old_of[x]);
    Arc* out = new_arcs.data() + new_offsets[x];
    for (std::size_t a = ix(offsets[v]); a < ix(offsets[v + 1]); ++a)
      *out++ = make_arc(a);
    std::sort(new_arcs.data() + new_offsets[x], out, [](const Arc& p, const Arc& q) {
      if constexpr (std::is_same_v<Arc, Vertex>) {
        return p < q;
      } else {
        return p.target < q.target;
      }
    });
  }
}

/// Drops arcs that lie on no shortest path: u → v of length ℓ when some other path from u to v
/// is strictly shorter. Any path using such an arc could swap it for the shorter path, so no
/// shortest path uses it and removing it changes no distance, no shortest-path count and no
/// dependency — while every search from every source no longer scans it. (With tie strengths
/// 1/w, most weak ties between vertices that share strong neighbours are such arcs.) One
/// truncated bucket-queue search per vertex u, to radius max ℓ(u) − min ℓ and at most
/// 32·deg(u) + 512 arc scans: a tentative distance is the length of a real path, so a search cut
/// short only proves fewer arcs redundant. Integer lengths only (exact comparison).
void prune_dominated(Prepared& p, std::size_t n, unsigned threads) {
  std::uint32_t min_units = std::numeric_limits<std::uint32_t>::max();
  for (const BucketArc& arc : p.arcs)
    min_units = std::min(min_units, arc.units);
  std::vector<std::uint8_t> useless(p.arcs.size(), 0);
  std::atomic<std::size_t> next{0};
  constexpr std::size_t kChunk = 256;
  const auto work = [&]() {
    constexpr std::uint32_t kInf = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> dist(n, kInf);
    std::vector<Vertex> touched;
    const std::size_t ring = std::size_t{p.max_units} + 1;
    std::vector<std::vector<Vertex>> buckets(ring);
    for (;;) {
      const std::size_t begin = next.fetch_add(kChunk);
      if (begin >= n) break;
      for (std::size_t u = begin; u < std::min(n, begin + kChunk); ++u) {
        const std::size_t first = ix(p.offsets[u]), last = ix(p.offsets[u + 1]);
        if (first == last) continue;
        std::uint32_t longest = 0;
        for (std::size_t a = first; a < last; ++a)
          longest = std::max(longest, p.arcs[a].units);
        std::int64_t budget = 32 * static_cast<std::int64_t>(last - first) + 512;
        dist[u] = 0;
        touched.push_back(static_cast<Vertex>(u));
        buckets[0].push_back(static_cast<Vertex>(u));
        std::size_t pending = 1;
        // Only vertices settled below longest − min_units can relax an arc to below longest.
        for (std::uint32_t d = 0; pending > 0 && d + min_units < longest && budget > 0; ++d) {
          std::vector<Vertex>& bucket = buckets[d % ring];
          for (std::size_t i = 0; i < bucket.size() && budget > 0; ++i) {
            const Vertex x = bucket[i];
            if (dist[ix(x)] != d) continue;
            budget -= p.offsets[ix(x) + 1] - p.offsets[ix(x)];
            for (std::size_t a = ix(p.offsets[ix(x)]); a < ix(p.offsets[ix(x) + 1]); ++a) {
              const Vertex y = p.arcs[a].target;
              const std::uint32_t nd = d + p.arcs[a].units;
              if (nd < longest && nd < dist[ix(y)]) {
                if (dist[ix(y)] == kInf) touched.push_back(y);
                dist[ix(y)] = nd;
                buckets[nd % ring].push_back(y);
                ++pending;
              }
            }
          }
          pending -= bucket.size();
          bucket.clear();
        }
        for (std::size_t a = first; a < last; ++a) {
          if (dist[ix(p.arcs[a].target)] < p.arcs[a].units) useless[a] = 1;
        }
        for (auto& bucket : buckets)
          bucket.clear();
        for (const Vertex x : touched)
          dist[ix(x)] = kInf;
        touched.clear();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
  for (auto& thread : pool)
    thread.join();

  std::size_t kept = 0;
  std::int64_t previous = 0;
  for (std::size_t u = 0; u < n; ++u) {
    const std::int64_t end = p.offsets[u + 1];
    for (std::size_t a = ix(previous); a < ix(end); ++a) {
      if (useless[a] == 0) p.arcs[kept++] = p.arcs[a];
    }
    previous = end;
    p.offsets[u + 1] = static_cast<std::int64_t>(kept);
  }
  p.pruned = p.arcs.size() - kept;
  p.arcs.resize(kept);
}

/// `prune`: drop dominated arcs (worth it when many searches follow: it costs about as much as
/// ~100 of them and saves ~15–20% of each on tie-strength graphs).
Prepared prepare(const CsrGraph& g, bool allow_integer, bool prune, unsigned threads) {
  const std::size_t n = ix(g.n);
  Lengths lengths = classify_lengths(g, allow_integer);
  Prepared p;
  p.kind = lengths.kind;
  p.unit = lengths.unit;
  p.max_units = lengths.max_units;
  p.to_new = locality_order(n, g.offsets, g.targets);
  switch (p.kind) {
    case KernelKind::bfs:
      renumber(
          n, p.to_new, g.offsets, [&](std::size_t a) { return p.to_new[ix(g.targets[a])]; }, p.offsets,
          p.targets);
      if (g.directed) {
        renumber(
            n, p.to_new, g.in_offsets, [&](std::size_t a) { return p.to_new[ix(g.in_targets[a])]; },
            p.in_offsets, p.in_targets);
      }
      break;
    case KernelKind::bucket:
      renumber(
          n, p.to_new, g.offsets,
          [&](std::size_t a) {
            return BucketArc{p.to_new[ix(g.targets[a])], lengths.units[a]};
          },
          p.offsets, p.arcs);
      if (g.directed) {
        renumber(
            n, p.to_new, g.in_offsets,
            [&](std::size_t a) {
              return BucketArc{p.to_new[ix(g.in_targets[a])], lengths.in_units[a]};
            },
            p.in_offsets, p.in_arcs);
      }
      if (prune) prune_dominated(p, n, threads);
      break;
    case KernelKind::heap: {
      // Targets and lengths travel together through the sort, then split.
      const auto split = [&](const std::vector<std::int64_t>& offsets, const std::vector<Vertex>& targets,
                             const std::vector<double>& lens, std::vector<std::int64_t>& new_offsets,
                             std::vector<Vertex>& new_targets, std::vector<double>& new_lengths) {
        struct Pair {
          Vertex target;
          double length;
        };
        std::vector<Pair> pairs;
        renumber(
            n, p.to_new, offsets,
            [&](std::size_t a) {
              return Pair{p.to_new[ix(targets[a])], lens[a]};
            },
            new_offsets, pairs);
        new_targets.resize(pairs.size());
        new_lengths.resize(pairs.size());
        for (std::size_t a = 0; a < pairs.size(); ++a) {
          new_targets[a] = pairs[a].target;
          new_lengths[a] = pairs[a].length;
        }
      };
      split(g.offsets, g.targets, g.lengths, p.offsets, p.targets, p.lengths);
      if (g.directed)
        split(g.in_offsets, g.in_targets, g.in_lengths, p.in_offsets, p.in_targets, p.in_lengths);
      break;
    }
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Per-thread search state

struct PredLink {
  Vertex vertex;
  std::int32_t next;
};

/// Brandes' per-vertex state, one 32-byte record so that a vertex's touch costs one cache line
/// (separate arrays cost up to five on the random accesses of the search and the accumulation).
struct Node {
  double sigma = 0;        ///< number of shortest paths from the source
  double delta = 0;        ///< dependency of the source on this vertex
  double block = 0;        ///< Σ delta over the sources of the current block
  Vertex pred = -1;        ///< first shortest-path predecessor
  std::int32_t more = -1;  ///< further predecessors (ties): pool entry, −1 = none
};

/// Arrays of one thread, indexed by vertex. Between searches dist = infinity and delta = 0.
template <class Dist>
struct Workspace {
  std::vector<Dist> dist;     ///< compact and apart from Node: read on every arc
  std::vector<Node> node;     ///< betweenness only
  std::vector<Vertex> order;  ///< settled vertices, by non-decreasing distance
  std::size_t reached = 0;
  std::vector<PredLink> pool;

  std::vector<double> block;  ///< Σ delta over the current block, for kernels without node records

  /// `records`: the kernel keeps Brandes' state in `node` (else in its own arrays, and `block`).
  Workspace(std::size_t n, Dist infinity, bool brandes, bool records)
      : dist(n, infinity), node(brandes && records ? n : 0), order(n), block(brandes && !records ? n : 0) {}

  void add_tie(Vertex v, Vertex u) {
    pool.push_back({u, node[ix(v)].more});
    node[ix(v)].more = static_cast<std::int32_t>(pool.size() - 1);
  }
};

/// One length (unweighted graphs, or all lengths equal): breadth-first search, distances in hops.
/// Betweenness keeps no per-vertex predecessor lists here (with one length a vertex often has
/// several predecessors, and linked lists cost a cache miss per link). Instead the search appends
/// each vertex's successors — the out-neighbours one hop further — to one flat array, in the
/// order the vertices are settled, and the dependency pass reads that array backwards as a
/// stream, touching only shortest-path-DAG arcs. The append is branch-free (write, then advance
/// by the comparison's outcome): with few distinct distances the outcome is a coin toss for the
/// branch predictor.
template <class DistT>
struct BfsKernel {
  using Dist = DistT;
  static constexpr Dist kInfinity = std::numeric_limits<Dist>::max();
  static constexpr bool kPullsDependencies = true;
  const std::int64_t* offsets = nullptr;
  const Vertex* targets = nullptr;
  double unit = 1.0;
  std::vector<double> sigma;                  ///< shortest-path counts (betweenness)
  std::vector<double> coef;                   ///< (1 + δ(w)) / σ(w) of the vertices already accumulated
  std::vector<Vertex> successors;             ///< DAG arcs of the last search, by settled vertex
  std::vector<std::int64_t> first_successor;  ///< per settled position, + 1 sentinel

  BfsKernel(const std::int64_t* offs, const Vertex* tgts, double unit_length, std::size_t n, bool brandes)
      : offsets(offs),
        targets(tgts),
        unit(unit_length),
        sigma(brandes ? n : 0),
        coef(brandes ? n : 0),
        successors(brandes ? ix(offs[n]) + 1 : 0),
        first_successor(brandes ? n + 1 : 0) {}
  [[nodiscard]] double length(Dist d) const noexcept { return static_cast<double>(d) * unit; }

  template <bool kBrandes>
  void search(Vertex s, Workspace<Dist>& w) {
    Dist* const dist = w.dist.data();
    double* const sig = sigma.data();
    Vertex* const succ = successors.data();
    std::int64_t* const first = first_successor.data();
    Vertex* const order = w.order.data();
    std::size_t head = 0, tail = 0;
    std::int64_t k = 0;
    dist[s] = 0;
    order[tail++] = s;
    if constexpr (kBrandes) sig[s] = 1.0;
    const std::int64_t* const offs = offsets;
    const Vertex* const target = targets;
    while (head < tail) {
      if (head + 4 < tail) __builtin_prefetch(offs + order[head + 4]);  // see BucketKernel
      if (head + 2 < tail) __builtin_prefetch(target + offs[order[head + 2]]);
      if constexpr (kBrandes) first[head] = k;
      const Vertex u = order[head++];
      const auto du = static_cast<Dist>(dist[u] + 1);
      const std::int64_t end = offs[u + 1];
      const std::int64_t from = k;
      for (std::int64_t a = offs[u]; a < end; ++a) {
        const Vertex v = target[a];
        const Dist dv = dist[v];
        if (dv == kInfinity) {  // rare: once per vertex, against deg(v) arcs into it
          dist[v] = du;
          order[tail++] = v;
          if constexpr (kBrandes) {
            sig[v] = 0.0;
            succ[k++] = v;
          }
        } else if constexpr (kBrandes) {
          succ[k] = v;
          k += dv == du ? 1 : 0;
        }
      }
      if constexpr (kBrandes) {
        // σ(u) is final (its predecessors were all settled before it): pass it on along the
        // DAG arcs only, not along every arc.
        const double su = sig[u];
        for (std::int64_t j = from; j < k; ++j)
          sig[succ[j]] += su;
      }
    }
    if constexpr (kBrandes) first[head] = k;
    w.reached = tail;
  }

  /// Brandes' dependencies, pulled: in reverse order of distance, δ(v) = σ(v)·Σ_w c(w) over v's
  /// successors w, with c(w) = (1 + δ(w)) / σ(w) (every successor comes later in the order, so
  /// its c is already set). Each vertex writes only its own entries; nothing needs clearing.
  void accumulate(Vertex s, Workspace<Dist>& w) {
    double* const block = w.block.data();
    const double* const sig = sigma.data();
    double* const c = coef.data();
    const Vertex* const succ = successors.data();
    const std::int64_t* const first = first_successor.data();
    const Vertex* const order = w.order.data();
    for (std::size_t i = w.reached; i-- > 0;) {
      const Vertex v = order[i];
      // Two running sums, so that consecutive additions do not wait for each other.
      double pulled0 = 0.0, pulled1 = 0.0;
      std::int64_t a = first[i];
      const std::int64_t end = first[i + 1];
      for (; a + 1 < end; a += 2) {
        pulled0 += c[succ[a]];
        pulled1 += c[succ[a + 1]];
      }
      if (a < end) pulled0 += c[succ[a]];
      const double delta = sig[v] * (pulled0 + pulled1);
      c[v] = (1.0 + delta) / sig[v];
      if (v != s) block[v] += delta;
    }
  }
  void reset(Vertex v, Workspace<Dist>& w) const noexcept { w.dist[ix(v)] = kInfinity; }
};

/// Integer lengths: Dial's bucket queue over a ring of max_units + 1 buckets. Every pending
/// entry's distance lies in [D, D + max_units] for the current distance D, so the ring never
/// wraps onto itself; entries whose vertex has since got shorter are skipped when met (lazy
/// deletion). Exact integer distances decide ties exactly. O(m + D) per source.
struct BucketKernel {
  using Dist = std::uint32_t;
  static constexpr Dist kInfinity = std::numeric_limits<Dist>::max();
  const std::int64_t* offsets = nullptr;
  const BucketArc* arcs = nullptr;
  double unit = 1.0;
  std::size_t ring = 2;
  std::vector<std::vector<Vertex>> buckets;
  std::vector<std::uint64_t> nonempty;  ///< bit per bucket, to jump over empty ones

  BucketKernel(const std::int64_t* offs, const BucketArc* arc_data, double unit_length,
               std::uint32_t max_units)
      : offsets(offs),
        arcs(arc_data),
        unit(unit_length),
        ring(std::size_t{max_units} + 1),
        buckets(ring),
        nonempty((ring + 63) / 64, 0) {}
  [[nodiscard]] double length(Dist d) const noexcept { return static_cast<double>(d) * unit; }

  /// The next non-empty bucket after b (cyclically); some bucket must be non-empty.
  [[nodiscard]] std::size_t next_nonempty(std::size_t b) const noexcept {
    std::size_t i = b + 1 == ring ? 0 : b + 1;
    for (;;) {
      const std::size_t word = i / 64;
      const std::uint64_t bits = nonempty[word] >> (i % 64);
      if (bits != 0) return i + static_cast<std::size_t>(__builtin_ctzll(bits));
      i = (word + 1) * 64;
      if (i >= ring) i = 0;
    }
  }

  template <bool kBrandes>
  void search(Vertex s, Workspace<Dist>& w) {
    // Locals, not members: stores through dist/sigma could alias members, forcing reloads.
    Dist* const dist = w.dist.data();
    Node* const node = w.node.data();
    Vertex* const order = w.order.data();
    const std::int64_t* const offs = offsets;
    const BucketArc* const arc = arcs;
    const std::size_t ring_size = ring;
    std::size_t tail = 0;
    dist[s] = 0;
    if constexpr (kBrandes) {
      node[s].sigma = 1.0;
      node[s].pred = -1;
      node[s].more = -1;
    }
    buckets[0].push_back(s);
    nonempty[0] |= 1;
    std::size_t pending = 1;
    Dist distance = 0;
    std::size_t b = 0;
    while (pending > 0) {
      std::vector<Vertex>& bucket = buckets[b];
      if (bucket.empty()) {
        const std::size_t nb = next_nonempty(b);
        distance += static_cast<Dist>(nb > b ? nb - b : nb + ring_size - b);
        b = nb;
        continue;
      }
      // Relaxations push only into other buckets (1 ≤ length < ring), so this one is stable.
      const Vertex* const items = bucket.data();
      const std::size_t count = bucket.size();
      for (std::size_t i = 0; i < count; ++i) {
        // The entries' offsets, distances and first arcs are scattered: fetch them ahead (this
        // halves the time of a search on graphs larger than the L1 cache).
        if (i + 4 < count) {
          __builtin_prefetch(offs + items[i + 4]);
          __builtin_prefetch(dist + items[i + 4]);
        }
        if (i + 2 < count) __builtin_prefetch(arc + offs[items[i + 2]]);
        const Vertex u = items[i];
        if (dist[u] != distance) continue;  // stale entry
        order[tail++] = u;
        const double su = kBrandes ? node[u].sigma : 0.0;
        const std::int64_t end = offs[u + 1];
        for (std::int64_t a = offs[u]; a < end; ++a) {
          const Vertex v = arc[a].target;
          const Dist nd = distance + arc[a].units;
          const Dist dv = dist[v];
          if (nd < dv) {
            dist[v] = nd;
            std::size_t nb = b + arc[a].units;
            if (nb >= ring_size) nb -= ring_size;
            buckets[nb].push_back(v);
            nonempty[nb / 64] |= std::uint64_t{1} << (nb % 64);
            ++pending;
            if constexpr (kBrandes) {
              node[v].sigma = su;
              node[v].pred = u;
              node[v].more = -1;
            }
          } else if (kBrandes && nd == dv) {
            node[v].sigma += su;
            w.add_tie(v, u);
          }
        }
      }
      pending -= count;
      bucket.clear();
      nonempty[b / 64] &= ~(std::uint64_t{1} << (b % 64));
      ++distance;
      b = b + 1 == ring_size ? 0 : b + 1;
    }
    w.reached = tail;
  }
  void reset(Vertex v, Workspace<Dist>& w) const noexcept { w.dist[ix(v)] = kInfinity; }
};

/// Any positive lengths: Dijkstra with a binary heap and lazy deletion, replicating igraph 0.10's
/// igraph_i_sspf_weighted: distances are stored plus one, a new path is shorter when
/// cmp_epsilon(alt, cur) < 0 and equally short when it is 0. O(m log m) per source.
struct HeapKernel {
  using Dist = double;
  static constexpr Dist kInfinity = std::numeric_limits<double>::infinity();
  const std::int64_t* offsets;
  const Vertex* targets;
  const double* lengths;
  std::vector<std::uint8_t> settled;
  std::vector<std::pair<double, Vertex>> heap;

  HeapKernel(const std::int64_t* offs, const Vertex* tgts, const double* lens, std::size_t n)
      : offsets(offs), targets(tgts), lengths(lens), settled(n, 0) {}
  [[nodiscard]] double length(Dist d) const noexcept { return d - 1.0; }

  template <bool kBrandes>
  void search(Vertex s, Workspace<Dist>& w) {
    Dist* dist = w.dist.data();
    Node* const node = w.node.data();
    Vertex* order = w.order.data();
    std::size_t tail = 0;
    const auto later = [](const std::pair<double, Vertex>& a, const std::pair<double, Vertex>& b) {
      return a.first > b.first;
    };
    dist[s] = 1.0;
    if constexpr (kBrandes) {
      node[s].sigma = 1.0;
      node[s].pred = -1;
      node[s].more = -1;
    }
    heap.clear();
    heap.emplace_back(1.0, s);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), later);
      const auto [key, u] = heap.back();
      heap.pop_back();
      if (settled[ix(u)] != 0 || key != dist[u]) continue;  // stale entry
      settled[ix(u)] = 1;
      order[tail++] = u;
      const double du = dist[u];
      const double su = kBrandes ? node[u].sigma : 0.0;
      const std::int64_t end = offsets[u + 1];
      for (std::int64_t a = offsets[u]; a < end; ++a) {
        const Vertex v = targets[a];
        const double alt = du + lengths[a];
        const double cur = dist[v];
        const int cmp = cur == kInfinity ? -1 : cmp_epsilon(alt, cur);
        if (cmp < 0 && settled[ix(v)] == 0) {
          dist[v] = alt;
          heap.emplace_back(alt, v);
          std::push_heap(heap.begin(), heap.end(), later);
          if constexpr (kBrandes) {
            node[v].sigma = su;
            node[v].pred = u;
            node[v].more = -1;
          }
        } else if (kBrandes && cmp == 0) {
          node[v].sigma += su;
          w.add_tie(v, u);
        }
      }
    }
    w.reached = tail;
  }
  void reset(Vertex v, Workspace<Dist>& w) noexcept {
    w.dist[ix(v)] = kInfinity;
    settled[ix(v)] = 0;
  }
};

// ---------------------------------------------------------------------------------------------
// Workers

/// Everything the threads share: read-only inputs and the per-source outputs, which each source
/// writes at its own index only.
struct Job {
  std::size_t n = 0;
  bool directed = false;
  bool betweenness = false;
  bool closeness = false;
  bool sampled = false;
  const std::vector<Vertex>* sources = nullptr;
  std::vector<std::uint8_t> is_source;  ///< sampled mode
  double max_length = 1.0;              ///< longest arc, for the fixed-point bounds
  double min_length = 1.0;
  std::atomic<std::size_t> next_block{0};
  std::atomic<std::size_t> done_blocks{0};
  const std::function<void(double)>* progress = nullptr;
  // Exact per-source values (closeness of the source itself).
  std::vector<double> closeness_out, harmonic_out;
  std::vector<std::int32_t> reachable_out;
};

/// Sampled-mode accumulators of one thread: distances from the sampled sources to every vertex.
struct SampleSums {
  FixedSum distance, inverse;
  std::vector<std::int64_t> count;
};

/// Whether a kernel computes Brandes' dependencies itself (BfsKernel) instead of through the
/// predecessor lists its search recorded.
template <class Kernel, class = void>
constexpr bool kPulls = false;
template <class Kernel>
constexpr bool kPulls<Kernel, std::void_t<decltype(Kernel::kPullsDependencies)>> = Kernel::kPullsDependencies;

template <class Kernel>
class Worker {
 public:
  using Dist = typename Kernel::Dist;

  Worker(Job& job, Kernel forward, Kernel* reverse)
      : job_(job),
        forward_(std::move(forward)),
        reverse_(reverse),
        ws_(job.n, Kernel::kInfinity, job.betweenness, !kPulls<Kernel>) {
    const double k = static_cast<double>(job.sources->size());
    const double n = static_cast<double>(job.n);
    if (job.betweenness) betweenness_ = FixedSum(job.n, k * n);
    if (job.sampled && job.closeness) {
      sums_.distance = FixedSum(job.n, k * n * job.max_length);
      sums_.inverse = FixedSum(job.n, k / job.min_length);
      sums_.count.assign(job.n, 0);
      block_distance_.assign(job.n, 0.0);
      block_inverse_.assign(job.n, 0.0);
    }
  }

  void run() {
    const std::vector<Vertex>& sources = *job_.sources;
    const std::size_t blocks = (sources.size() + kBlock - 1) / kBlock;
    for (;;) {
      const std::size_t block = job_.next_block.fetch_add(1, std::memory_order_relaxed);
      if (block >= blocks) break;
      const std::size_t end = std::min(sources.size(), (block + 1) * kBlock);
      for (std::size_t i = block * kBlock; i < end; ++i)
        source(sources[i]);
      flush();
      const std::size_t done = job_.done_blocks.fetch_add(1, std::memory_order_relaxed) + 1;
      if (job_.progress != nullptr && *job_.progress)
        (*job_.progress)(static_cast<double>(done) / static_cast<double>(blocks));
    }
  }

  FixedSum& betweenness() noexcept { return betweenness_; }
  SampleSums& sums() noexcept { return sums_; }

 private:
  Job& job_;
  Kernel forward_;
  Kernel* reverse_;  ///< directed sampled closeness: searches over the reverse arcs
  Workspace<Dist> ws_;
  std::vector<double> block_distance_, block_inverse_;
  FixedSum betweenness_;
  SampleSums sums_;

  void source(Vertex s) {
    if (job_.betweenness) {
      forward_.template search<true>(s, ws_);
      if constexpr (kPulls<Kernel>) {
        forward_.accumulate(s, ws_);
      } else {
        accumulate(s);
      }
    } else {
      forward_.template search<false>(s, ws_);
    }
    if (job_.closeness) own_closeness(s);
    // Undirected: d(s, v) = d(v, s), so the same search estimates every vertex's closeness.
    if (job_.closeness && job_.sampled && !job_.directed) collect_distances(forward_);
    for (std::size_t i = 0; i < ws_.reached; ++i)
      forward_.reset(ws_.order[i], ws_);
    ws_.pool.clear();
    if (job_.closeness && job_.sampled && job_.directed) {
      reverse_->template search<false>(s, ws_);
      collect_distances(*reverse_);
      for (std::size_t i = 0; i < ws_.reached; ++i)
        reverse_->reset(ws_.order[i], ws_);
    }
  }

  /// Brandes' dependencies δ_s(v) = Σ_{w: v ∈ P_s(w)} σ_sv / σ_sw · (1 + δ_s(w)), vertices in
  /// reverse order of distance, as igraph computes them (coefficient (1 + δ(w)) / σ(w)).
  void accumulate(Vertex s) {
    Node* const node = ws_.node.data();
    const Vertex* const order = ws_.order.data();
    const PredLink* const pool = ws_.pool.data();
    for (std::size_t i = ws_.reached; i-- > 0;) {
      if (i >= 8) __builtin_prefetch(node + order[i - 8]);  // scattered records: fetch ahead
      if (i >= 4 && node[order[i - 4]].pred >= 0) __builtin_prefetch(node + node[order[i - 4]].pred);
      Node& nw = node[order[i]];
      const double coefficient = (1.0 + nw.delta) / nw.sigma;
      if (nw.pred >= 0) {
        Node& np = node[nw.pred];
        np.delta += np.sigma * coefficient;
        for (std::int32_t e = nw.more; e >= 0; e = pool[e].next) {
          Node& nq = node[pool[e].vertex];
          nq.delta += nq.sigma * coefficient;
        }
      }
      if (order[i] != s) nw.block += nw.delta;
    }
    for (std::size_t i = 0; i < ws_.reached; ++i)
      node[order[i]].delta = 0.0;
  }

  /// Calls f(first, last, length) for each run of equal distance in order[from, reached): the
  /// settled order is sorted by distance, so per-distance work (a division) happens once a run.
  template <class Kernel2, class F>
  void for_each_distance(const Kernel2& kernel, std::size_t from, F f) const {
    const Vertex* const order = ws_.order.data();
    const Dist* const dist = ws_.dist.data();
    std::size_t i = from;
    while (i < ws_.reached) {
      const Dist d = dist[order[i]];
      std::size_t j = i + 1;
      while (j < ws_.reached && dist[order[j]] == d)
        ++j;
      f(i, j, kernel.length(d));
      i = j;
    }
  }

  /// Closeness, harmonic and reachable of the source itself, exactly (distances from s).
  void own_closeness(Vertex s) {
    double total = 0.0;
    double inverse = 0.0;
    for_each_distance(forward_, 1, [&](std::size_t first, std::size_t last, double d) {  // order[0] is s
      const auto count = static_cast<double>(last - first);
      total += count * d;
      inverse += count / d;
    });
    const std::size_t others = ws_.reached - 1;
    job_.closeness_out[ix(s)] = others > 0 ? 1.0 / total : std::numeric_limits<double>::quiet_NaN();
    job_.harmonic_out[ix(s)] = inverse;
    job_.reachable_out[ix(s)] = static_cast<std::int32_t>(others);
  }

  /// Sampled closeness: d(v, s) for every vertex v that reaches s.
  void collect_distances(const Kernel& kernel) {
    const Vertex* const order = ws_.order.data();
    for_each_distance(kernel, 1, [&](std::size_t first, std::size_t last, double d) {  // order[0] is s
      const double inverse = 1.0 / d;
      for (std::size_t i = first; i < last; ++i) {
        const std::size_t v = ix(order[i]);
        block_distance_[v] += d;
        block_inverse_[v] += inverse;
        ++sums_.count[v];
      }
    });
  }

  void flush() {
    for (std::size_t v = 0; v < ws_.node.size(); ++v) {
      if (ws_.node[v].block != 0.0) {
        betweenness_.add(v, ws_.node[v].block);
        ws_.node[v].block = 0.0;
      }
    }
    for (std::size_t v = 0; v < ws_.block.size(); ++v) {
      if (ws_.block[v] != 0.0) {
        betweenness_.add(v, ws_.block[v]);
        ws_.block[v] = 0.0;
      }
    }
    for (std::size_t v = 0; v < block_distance_.size(); ++v) {
      if (block_distance_[v] != 0.0) {
        sums_.distance.add(v, block_distance_[v]);
        sums_.inverse.add(v, block_inverse_[v]);
        block_distance_[v] = 0.0;
        block_inverse_[v] = 0.0;
      }
    }
  }
};

/// Runs `make_worker(thread)` workers on `threads` threads (the calling thread included) and
/// returns them after all finished; an exception in any thread is rethrown here.
template <class WorkerT, class Make>
std::vector<std::unique_ptr<WorkerT>> run_workers(unsigned threads, Make make_worker) {
  std::vector<std::unique_ptr<WorkerT>> workers(threads);
  std::vector<std::exception_ptr> errors(threads);
  const auto body = [&](unsigned t) {
    try {
      workers[t] = make_worker();
      workers[t]->run();
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads > 0 ? threads - 1 : 0);
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(body, t);
  body(0);
  for (auto& thread : pool)
    thread.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return workers;
}

/// k distinct vertices drawn uniformly (partial Fisher–Yates over std::mt19937_64, whose output
/// the standard fixes; bounded integers by rejection, so no library-specific distribution),
/// sorted.
std::vector<Vertex> sample_sources(std::int32_t n, std::size_t k, std::uint64_t seed) {
  std::vector<Vertex> all(ix(n));
  std::iota(all.begin(), all.end(), 0);
  std::mt19937_64 rng(seed);
  for (std::size_t i = 0; i < k; ++i) {
    const std::uint64_t range = static_cast<std::uint64_t>(all.size() - i);
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t x = rng();
    while (x >= limit)
      x = rng();
    std::swap(all[i], all[i + static_cast<std::size_t>(x % range)]);
  }
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

template <class Kernel, class MakeKernel>
void run_kernel(Job& job, unsigned threads, MakeKernel make_kernel, PathCentralities& out) {
  using W = Worker<Kernel>;
  // One reverse kernel per thread (it owns bucket/heap state), held outside the worker.
  std::vector<std::unique_ptr<Kernel>> reverse(threads);
  std::atomic<unsigned> next_id{0};
  auto workers = run_workers<W>(threads, [&]() {
    const unsigned id = next_id.fetch_add(1);
    if (job.directed && job.sampled && job.closeness)
      reverse[id] = std::make_unique<Kernel>(make_kernel(true));
    return std::make_unique<W>(job, make_kernel(false), reverse[id].get());
  });
  const std::size_t n = job.n;
  const double k = static_cast<double>(job.sources->size());
  const double nd = static_cast<double>(n);
  if (job.betweenness) {
    FixedSum& total = workers[0]->betweenness();
    for (unsigned t = 1; t < threads; ++t)
      total.merge(workers[t]->betweenness());
    // Exact: Σ over all sources; sampled: the unbiased n/k·Σ over the sample. Undirected graphs
    // count every pair from both ends, so halve as igraph does.
    const double scale = (job.sampled ? nd / k : 1.0) * (job.directed ? 1.0 : 0.5);
    out.betweenness.resize(n);
    for (std::size_t v = 0; v < n; ++v)
      out.betweenness[v] = total.value(v) * scale;
  }
  if (job.closeness) {
    out.closeness = std::move(job.closeness_out);
    out.harmonic = std::move(job.harmonic_out);
    out.reachable = std::move(job.reachable_out);
    if (job.sampled) {
      SampleSums& total = workers[0]->sums();
      for (unsigned t = 1; t < threads; ++t) {
        SampleSums& other = workers[t]->sums();
        total.distance.merge(other.distance);
        total.inverse.merge(other.inverse);
        for (std::size_t v = 0; v < n; ++v)
          total.count[v] += other.count[v];
      }
      // Vertices not sampled: each sampled source is a uniform draw from the n − 1 others, so
      // (n − 1)/k times the sample sum estimates the sum over all others (Eppstein & Wang 2004).
      const double factor = (nd - 1.0) / k;
      for (std::size_t v = 0; v < n; ++v) {
        if (job.is_source[v] != 0) continue;
        const double distance = total.distance.value(v) * factor;
        out.reachable[v] =
            static_cast<std::int32_t>(std::llround(static_cast<double>(total.count[v]) * factor));
        out.closeness[v] = total.count[v] > 0 ? 1.0 / distance : std::numeric_limits<double>::quiet_NaN();
        out.harmonic[v] = total.inverse.value(v) * factor;
      }
    }
  }
}

/// Multi-source breadth-first search (Then et al. 2014, "The More the Merrier: Efficient
/// Multi-Source Graph Traversal", PVLDB 8(4):449–460, doi:10.14778/2735496.2735507) from every
/// vertex of the CSR `offs`/`target` (n vertices), 64 consecutive sources per traversal, batches
/// shared among `threads` threads. Every vertex carries a 64-bit word of the sources that have
/// reached it, and one scan of a vertex's arcs advances all sources whose frontier holds the
/// vertex at that level: a vertex is scanned once per distinct distance at which the batch
/// reaches it (a few, on small-world graphs) instead of once per source.
/// After each level, `on_level(first, k, level, count)` gets count[i] = the vertices at distance
/// `level` from source first + i (i < k), in increasing level order per source; a source belongs
/// to one batch, so callbacks that write per-source slots never race.
template <class OnLevel>
void bit_parallel_bfs(std::size_t n, const std::int64_t* offs, const Vertex* target, unsigned threads,
                      OnLevel on_level) {
  constexpr std::size_t kWidth = 64;
  const std::size_t batches = (n + kWidth - 1) / kWidth;
  std::atomic<std::size_t> next_batch{0};
  struct State {
    std::vector<std::uint64_t> seen, frontier, reach;
  };
  // Allocated here, so that an allocation failure surfaces in the calling thread; one state per
  // worker that has a batch to take, at most one per core (three n-long arrays each).
  std::vector<State> states(std::max<std::size_t>(1, std::min<std::size_t>(worker_count(threads), batches)));
  for (State& st : states) {
    st.seen.assign(n, 0);
    st.frontier.assign(n, 0);
    st.reach.assign(n, 0);
  }
  const auto work = [&](State& st) noexcept {
    std::vector<std::uint64_t>& seen = st.seen;
    std::vector<std::uint64_t>& frontier = st.frontier;
    std::vector<std::uint64_t>& reach = st.reach;
    std::array<std::int64_t, kWidth> count{};
    for (;;) {
      const std::size_t batch = next_batch.fetch_add(1, std::memory_order_relaxed);
      if (batch >= batches) break;
      const std::size_t first = batch * kWidth;
      const std::size_t k = std::min(kWidth, n - first);
      std::fill(seen.begin(), seen.end(), 0);
      std::fill(frontier.begin(), frontier.end(), 0);
      for (std::size_t i = 0; i < k; ++i)
        seen[first + i] = frontier[first + i] = std::uint64_t{1} << i;
      for (std::uint32_t level = 1;; ++level) {
        for (std::size_t u = 0; u < n; ++u) {  // push the frontier one hop
          const std::uint64_t f = frontier[u];
          if (f == 0) continue;
          for (std::int64_t a = offs[u]; a < offs[u + 1]; ++a)
            reach[ix(target[a])] |= f;
        }
        bool any = false;
        count.fill(0);
        for (std::size_t v = 0; v < n; ++v) {  // settle: sources new at v are at distance `level`
          std::uint64_t fresh = reach[v] & ~seen[v];
          reach[v] = 0;
          frontier[v] = fresh;
          if (fresh == 0) continue;
          seen[v] |= fresh;
          any = true;
          for (; fresh != 0; fresh &= fresh - 1)
            ++count[static_cast<std::size_t>(__builtin_ctzll(fresh))];
        }
        if (!any) break;
        on_level(first, k, level, count);
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < std::min<std::size_t>(states.size(), batches); ++t)
    pool.emplace_back(work, std::ref(states[t]));
  work(states[0]);
  for (auto& thread : pool)
    thread.join();
}

/// Exact closeness, harmonic centrality and reachable counts of every vertex on the "bfs" kernel
/// (one length) by bit_parallel_bfs. The per-source sums are formed as own_closeness forms them
/// (count · distance, count / distance, by increasing distance), so the values are bit-identical
/// to the single-source searches.
void multi_source_closeness(const Prepared& p, Job& job, unsigned threads) {
  const std::size_t n = job.n;
  std::vector<double> total(n, 0.0), inverse(n, 0.0);
  std::vector<std::int64_t> reached(n, 0);
  bit_parallel_bfs(n, p.offsets.data(), p.targets.data(), threads,
                   [&](std::size_t first, std::size_t k, std::uint32_t level, const auto& count) {
                     const double d = static_cast<double>(level) * p.unit;  // BfsKernel::length
                     for (std::size_t i = 0; i < k; ++i) {
                       if (count[i] == 0) continue;
                       const auto c = static_cast<double>(count[i]);
                       total[first + i] += c * d;
                       inverse[first + i] += c / d;
                       reached[first + i] += count[i];
                     }
                   });
  for (std::size_t v = 0; v < n; ++v) {
    job.closeness_out[v] = reached[v] > 0 ? 1.0 / total[v] : std::numeric_limits<double>::quiet_NaN();
    job.harmonic_out[v] = inverse[v];
    job.reachable_out[v] = static_cast<std::int32_t>(reached[v]);
  }
}

}  // namespace

CsrGraph make_csr(std::int32_t n, const std::vector<AggregatedEdge>& edges, bool directed,
                  WeightMeaning meaning) {
  if (n < 0) throw std::invalid_argument("make_csr: negative vertex count");
  CsrGraph g;
  g.n = n;
  g.directed = directed;
  const bool weighted = meaning != WeightMeaning::none;
  std::vector<std::int64_t> out_degree(ix(n) + 1, 0), in_degree(ix(n) + 1, 0);
  for (const AggregatedEdge& e : edges) {
    if (e.source < 0 || e.source >= n || e.target < 0 || e.target >= n) {
      throw std::out_of_range("make_csr: edge endpoint out of range");
    }
    if (weighted && !(std::isfinite(e.weight) && e.weight > 0)) {
      throw std::invalid_argument("make_csr: weights must be finite and > 0 (got " +
                                  std::to_string(e.weight) + ")");
    }
    if (e.source == e.target) continue;
    ++out_degree[ix(e.source) + 1];
    if (directed) {
      ++in_degree[ix(e.target) + 1];
    } else {
      ++out_degree[ix(e.target) + 1];
    }
  }
  const auto length_of = [meaning](double weight) {
    return meaning == WeightMeaning::strength ? 1.0 / weight : weight;
  };
  const auto fill = [&](std::vector<std::int64_t>& degree, std::vector<std::int64_t>& offsets,
                        std::vector<std::int32_t>& targets, std::vector<double>& lengths, bool reverse) {
    std::partial_sum(degree.begin(), degree.end(), degree.begin());
    offsets = degree;
    targets.resize(ix(offsets.back()));
    if (weighted) lengths.resize(targets.size());
    std::vector<std::int64_t> cursor(offsets.begin(), offsets.end() - 1);
    const auto put = [&](Vertex from, Vertex to, double weight) {
      const auto at = ix(cursor[ix(from)]++);
      targets[at] = to;
      if (weighted) {
        const double length = length_of(weight);
        if (!(length > 0) || !std::isfinite(length)) {
          throw std::invalid_argument("make_csr: an edge length is not finite and > 0");
        }
        lengths[at] = length;
      }
    };
    for (const AggregatedEdge& e : edges) {
      if (e.source == e.target) continue;
      if (reverse) {
        put(e.target, e.source, e.weight);
      } else {
        put(e.source, e.target, e.weight);
        if (!directed) put(e.target, e.source, e.weight);
      }
    }
  };
  fill(out_degree, g.offsets, g.targets, g.lengths, false);
  if (directed) fill(in_degree, g.in_offsets, g.in_targets, g.in_lengths, true);
  return g;
}

PathCentralities path_centralities(const CsrGraph& g, const PathOptions& options) {
  const std::size_t n = ix(std::max<std::int32_t>(g.n, 0));
  if (g.offsets.size() != n + 1 || (g.weighted() && g.lengths.size() != g.targets.size()) ||
      (n > 0 && ix(g.offsets.back()) != g.targets.size())) {
    throw std::invalid_argument("path_centralities: malformed CsrGraph");
  }
  if (g.directed && (g.in_offsets.size() != n + 1 || g.in_targets.size() != g.targets.size())) {
    throw std::invalid_argument("path_centralities: a directed CsrGraph needs its reverse arcs");
  }
  if (!(options.failure_probability > 0 && options.failure_probability < 1)) {
    throw std::invalid_argument("path_centralities: failure_probability must be in (0, 1)");
  }
  PathCentralities out;
  const double nd = static_cast<double>(n);
  const double m = static_cast<double>(g.edges());

  bool sampled = options.mode == PathOptions::Mode::sampled ||
                 (options.mode == PathOptions::Mode::automatic && nd * m > options.exact_limit);
  std::size_t k = n;
  if (sampled) {
    if (options.samples > 0) {
      k = std::min(options.samples, n);
    } else {
      const double budget = std::ceil(options.exact_limit / std::max(m, 1.0));
      k = std::min(n,
                   std::max(std::min<std::size_t>(n, 1000), static_cast<std::size_t>(std::min(budget, nd))));
    }
    if (k >= n) sampled = false;  // the whole population: exact
  }
  std::vector<Vertex> sources;
  if (sampled) {
    sources = sample_sources(g.n, k, core::stream_seed(options.seed, core::SeedStream::sampled_sources));
  } else {
    sources.resize(n);
    std::iota(sources.begin(), sources.end(), 0);
  }
  out.sampled = sampled;
  out.sources = sources.size();
  if (sampled && options.betweenness) {
    // Serfling's inequality (Serfling 1974, doi:10.1214/aos/1176342611, Cor. 1.1) for a sample of
    // k drawn without replacement from the n values δ_s(v) ∈ [0, n − 2]: the sample mean misses
    // the population mean by ≥ t with probability ≤ 2·exp(−2kt² / ((1 − (k−1)/n)(n − 2)²)).
    // A union bound over the n vertices at failure probability p gives, simultaneously for all v,
    //   |n/k·Σ_S δ_s(v) − Σ_V δ_s(v)| ≤ n (n − 2) √( ln(2n/p) (1 − (k−1)/n) / (2k) ),
    // halved for undirected graphs as the betweenness itself is.
    const double kd = static_cast<double>(k);
    const double t = (nd - 2.0) * std::sqrt(std::log(2.0 * nd / options.failure_probability) *
                                            (1.0 - (kd - 1.0) / nd) / (2.0 * kd));
    out.error_bound = nd * t * (g.directed ? 1.0 : 0.5);
  }
  if (n == 0 || (!options.betweenness && !options.closeness)) return out;

  Job job;
  job.progress = &options.progress;
  job.n = n;
  job.directed = g.directed;
  job.betweenness = options.betweenness;
  job.closeness = options.closeness;
  job.sampled = sampled;
  job.sources = &sources;
  if (g.weighted() && !g.lengths.empty()) {
    job.max_length = *std::max_element(g.lengths.begin(), g.lengths.end());
    job.min_length = *std::min_element(g.lengths.begin(), g.lengths.end());
  }
  if (options.closeness) {
    job.closeness_out.assign(n, std::numeric_limits<double>::quiet_NaN());
    job.harmonic_out.assign(n, 0.0);
    job.reachable_out.assign(n, 0);
  }

  const std::size_t blocks = (sources.size() + kBlock - 1) / kBlock;
  const auto threads = static_cast<unsigned>(
      std::max<std::size_t>(1, std::min<std::size_t>(worker_count(options.threads), blocks)));

  const Prepared p = prepare(g, options.integer_lengths, !sampled || sources.size() >= 512, threads);
  for (Vertex& s : sources)
    s = p.to_new[ix(s)];  // the source list keeps its order
  if (sampled) {
    job.is_source.assign(n, 0);
    for (const Vertex s : sources)
      job.is_source[ix(s)] = 1;
  }
  switch (p.kind) {
    case KernelKind::bfs: {
      out.kernel = "bfs";
      job.max_length = job.min_length = p.unit;
      if (job.closeness && !job.betweenness && !job.sampled) {
        out.kernel = "bfs-multi";
        multi_source_closeness(p, job, threads);
        out.closeness = std::move(job.closeness_out);
        out.harmonic = std::move(job.harmonic_out);
        out.reachable = std::move(job.reachable_out);
        break;
      }
      // Hop counts stay below n: with fewer than 65,535 stakeholders 16-bit distances do, and
      // the distance array (read on every arc) then fits the L1 cache up to ~20,000 of them.
      const auto run_bfs = [&](auto zero) {
        using K = BfsKernel<decltype(zero)>;
        run_kernel<K>(
            job, threads,
            [&](bool reverse) {
              return reverse ? K(p.in_offsets.data(), p.in_targets.data(), p.unit, n, false)
                             : K(p.offsets.data(), p.targets.data(), p.unit, n, job.betweenness);
            },
            out);
      };
      if (n < std::numeric_limits<std::uint16_t>::max()) {
        run_bfs(std::uint16_t{0});
      } else {
        run_bfs(std::uint32_t{0});
      }
      break;
    }
    case KernelKind::bucket: {
      out.kernel = "bucket";
      run_kernel<BucketKernel>(
          job, threads,
          [&](bool reverse) {
            return reverse ? BucketKernel(p.in_offsets.data(), p.in_arcs.data(), p.unit, p.max_units)
                           : BucketKernel(p.offsets.data(), p.arcs.data(), p.unit, p.max_units);
          },
          out);
      break;
    }
    case KernelKind::heap: {
      out.kernel = "heap";
      run_kernel<HeapKernel>(
          job, threads,
          [&](bool reverse) {
            return reverse ? HeapKernel(p.in_offsets.data(), p.in_targets.data(), p.in_lengths.data(), n)
                           : HeapKernel(p.offsets.data(), p.targets.data(), p.lengths.data(), n);
          },
          out);
      break;
    }
  }
  // Back from kernel numbering to g's.
  const auto back = [&](auto& values) {
    if (values.empty()) return;
    auto copy = values;
    for (std::size_t v = 0; v < n; ++v)
      values[v] = copy[ix(p.to_new[v])];
  };
  back(out.betweenness);
  back(out.closeness);
  back(out.harmonic);
  back(out.reachable);
  return out;
}

HopSummary hop_summary(const CsrGraph& g, unsigned threads) {
  const auto n = static_cast<std::size_t>(g.n);
  threads = worker_count(threads);
  std::vector<std::uint32_t> eccentricity(n, 0);
  std::vector<std::int64_t> hops(n, 0), pairs(n, 0);
  bit_parallel_bfs(n, g.offsets.data(), g.targets.data(), threads,
                   [&](std::size_t first, std::size_t k, std::uint32_t level, const auto& count) {
                     for (std::size_t i = 0; i < k; ++i) {
                       if (count[i] == 0) continue;
                       eccentricity[first + i] = level;
                       hops[first + i] += count[i] * static_cast<std::int64_t>(level);
                       pairs[first + i] += count[i];
                     }
                   });
  HopSummary out;
  std::int64_t total_hops = 0, total_pairs = 0;
  std::uint32_t diameter = 0;
  for (std::size_t v = 0; v < n; ++v) {
    total_hops += hops[v];
    total_pairs += pairs[v];
    diameter = std::max(diameter, eccentricity[v]);
  }
  out.pairs = total_pairs;
  out.diameter = total_pairs > 0 ? static_cast<double>(diameter) : std::numeric_limits<double>::quiet_NaN();
  out.average_path_length = total_pairs > 0
                                ? static_cast<double>(total_hops) / static_cast<double>(total_pairs)
                                : std::numeric_limits<double>::quiet_NaN();
  return out;
}

}  // namespace clusterscope::metrics
