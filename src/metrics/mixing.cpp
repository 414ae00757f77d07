// Type mixing matrix and the E-I index with a reproducible permutation test (docs/metrics/mixing.md).

#include "clusterscope/metrics/mixing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "clusterscope/core/run.hpp"

namespace clusterscope::metrics {

namespace {

// Exact integer comparison of |I·D − m·S| needs up to ~2^94; GCC and Clang provide __int128 on
// every 64-bit target (__extension__ keeps -Wpedantic quiet).
__extension__ using Int128 = __int128;

/// Uniform integer in [0, bound), bound ≥ 1, from the raw 64-bit output of the engine by
/// rejection (unbiased, and — unlike std::uniform_int_distribution — the same on every standard
/// library): values below 2^64 mod bound are rejected, the rest reduced modulo bound.
std::uint64_t uniform_below(std::mt19937_64& engine, std::uint64_t bound) {
  const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
  for (;;) {
    const std::uint64_t x = engine();
    if (x >= threshold) return x % bound;
  }
}

/// Fisher–Yates: for i = n−1 down to 1, swap element i with element j uniform in [0, i]. O(n).
void shuffle(std::vector<std::int32_t>& values, std::mt19937_64& engine) {
  for (std::size_t i = values.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(uniform_below(engine, static_cast<std::uint64_t>(i)));
    std::swap(values[i - 1], values[j]);
  }
}

Int128 abs128(Int128 x) {
  return x < 0 ? -x : x;
}

double ratio(double e, double i) {
  return e + i == 0.0 ? std::numeric_limits<double>::quiet_NaN() : (e - i) / (e + i);
}

}  // namespace

TypeMixing type_mixing(const Network& network, const std::vector<AggregatedEdge>& edges,
                       std::size_t permutations, std::uint64_t seed) {
  return type_mixing(network, edges, index_types(network), permutations, seed);
}

TypeMixing type_mixing(const Network& network, const std::vector<AggregatedEdge>& edges,
                       const TypeIndex& types, std::size_t permutations, std::uint64_t seed) {
  const std::size_t n = network.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const AggregatedEdge& e : edges) {
    if (e.source < 0 || static_cast<std::size_t>(e.source) >= n || e.target < 0 ||
        static_cast<std::size_t>(e.target) >= n) {
      throw std::out_of_range("type_mixing: edge " + std::to_string(e.source) + " - " +
                              std::to_string(e.target) + " outside the network's " + std::to_string(n) +
                              " stakeholders");
    }
  }
  if (types.of.size() != n) throw std::invalid_argument("type_mixing: the type index is of another network");

  TypeMixing result;
  result.permutations = permutations;
  result.seed = seed;
  // Type order: vocabulary, then the other types met, by name (TypeIndex).
  result.types = types.names;
  const std::size_t t = result.types.size();
  const std::vector<std::int32_t>& type_of = types.of;
  std::vector<std::int64_t> members(t, 0);
  for (std::size_t v = 0; v < n; ++v)
    ++members[static_cast<std::size_t>(type_of[v])];

  // Matrices, internal/external counts. O(m).
  result.ties.assign(t, std::vector<double>(t, 0.0));
  result.weight.assign(t, std::vector<double>(t, 0.0));
  std::vector<double> internal_of(t, 0.0);
  std::vector<double> external_of(t, 0.0);
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;  // non-loop edges, for the permutations
  pairs.reserve(edges.size());
  std::int64_t internal = 0;
  for (const AggregatedEdge& e : edges) {
    if (e.source == e.target) continue;
    pairs.emplace_back(e.source, e.target);
    const auto a = static_cast<std::size_t>(type_of[static_cast<std::size_t>(e.source)]);
    const auto b = static_cast<std::size_t>(type_of[static_cast<std::size_t>(e.target)]);
    result.ties[a][b] += 1.0;
    result.weight[a][b] += e.weight;
    if (a == b) {
      ++internal;
      internal_of[a] += 1.0;
    } else {
      if (!network.directed) {
        result.ties[b][a] += 1.0;
        result.weight[b][a] += e.weight;
      }
      external_of[a] += 1.0;
      external_of[b] += 1.0;
    }
  }
  const auto m = static_cast<std::int64_t>(pairs.size());
  result.ei_index = ratio(static_cast<double>(m - internal), static_cast<double>(internal));
  result.ei_by_type.resize(t);
  for (std::size_t k = 0; k < t; ++k)
    result.ei_by_type[k] = ratio(external_of[k], internal_of[k]);

  // Under a random relabelling an edge u ≠ v is internal with probability S / D,
  // S = Σ n_t(n_t − 1), D = N(N − 1); E + I = m is fixed, so E[EI] = 1 − 2 S / D exactly.
  Int128 s = 0;
  for (const std::int64_t c : members)
    s += static_cast<Int128>(c) * (c - 1);
  const Int128 d = static_cast<Int128>(n) * (static_cast<Int128>(n) - 1);
  result.ei_expected = d == 0 ? nan : 1.0 - 2.0 * static_cast<double>(s) / static_cast<double>(d);

  // Permutation test. |EI_k − E[EI]| = 2|I_k − m S/D| / m, so compare |I_k·D − m·S| exactly.
  // O(permutations · (N + m)).
  if (m == 0 || permutations == 0) {
    result.ei_p_value = nan;
    return result;
  }
  const Int128 ms = static_cast<Int128>(m) * s;
  const Int128 observed = abs128(static_cast<Int128>(internal) * d - ms);
  std::mt19937_64 engine(core::stream_seed(seed, core::SeedStream::permutation_test));
  std::vector<std::int32_t> labels = type_of;  // each shuffle continues from the previous order
  std::size_t as_extreme = 0;
  for (std::size_t k = 0; k < permutations; ++k) {
    shuffle(labels, engine);
    std::int64_t internal_k = 0;
    for (const auto& [u, v] : pairs) {
      internal_k += labels[static_cast<std::size_t>(u)] == labels[static_cast<std::size_t>(v)] ? 1 : 0;
    }
    if (abs128(static_cast<Int128>(internal_k) * d - ms) >= observed) ++as_extreme;
  }
  result.ei_p_value = static_cast<double>(1 + as_extreme) / static_cast<double>(1 + permutations);
  return result;
}

}  // namespace clusterscope::metrics
