#pragma once
// Type mixing (docs/metrics/mixing.md): the type × type tie matrix and Krackhardt & Stern's E-I
// index with a seeded, reproducible permutation test. Pure C++, exact.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "clusterscope/model/network.hpp"
#include "clusterscope/model/tie_view.hpp"

namespace clusterscope::metrics {

struct TypeMixing {
  /// Row/column order: every term of the network's vocabulary (in vocabulary order, also when no
  /// stakeholder has it, so layouts agree across networks), then the other types met, sorted by
  /// name (byte order; the empty type "" comes first of these).
  std::vector<std::string> types;
  /// ties[i][j]: number of aggregated edges between type i and type j. Undirected: symmetric,
  /// each edge counted once (off-diagonal in both cells; the diagonal holds internal ties).
  /// Directed: edges from type i to type j.
  std::vector<std::vector<double>> ties;
  std::vector<std::vector<double>> weight;  ///< the same with summed aggregated weights
  /// (E − I)/(E + I), E = edges joining two types, I = edges within one type; NaN without edges.
  double ei_index = 0.0;
  /// Expected E-I index when the types are shuffled over the stakeholders (exact, not simulated):
  /// 1 − 2·Σ_t n_t(n_t − 1) / (N(N − 1)), n_t = stakeholders of type t, N = all stakeholders.
  double ei_expected = 0.0;
  /// Per type in `types` order: (E_t − I_t)/(E_t + I_t) over the edges incident to its members
  /// (E_t: one end of type t, I_t: both ends); NaN for a type without edges.
  std::vector<double> ei_by_type;
  /// Two-sided permutation p-value,
  ///   p = (1 + #{k : |I_k − E[I]| ≥ |I_obs − E[I]|}) / (1 + permutations),
  /// the same as comparing |EI_k − ei_expected| ≥ |EI_obs − ei_expected| (I = internal edges;
  /// compared exactly in integers). NaN when there are no edges or no permutations.
  double ei_p_value = 0.0;
  std::size_t permutations = 0;
  std::uint64_t seed = 0;
};

/// E-I index (Krackhardt & Stern 1988) and mixing matrix over the aggregated ties `edges`
/// (aggregate_ties(network); endpoints < network.size(), std::out_of_range otherwise).
/// Directed networks count each ordered pair's edge once (a mutual pair is two ties).
/// Self-loops are ignored. Significance: `permutations` times, the types are shuffled over all
/// stakeholders (isolates included; the type counts are kept) with a Fisher–Yates shuffle driven
/// by std::mt19937_64(seed) and unbiased rejection sampling — the same p-value for the same seed
/// with every standard library.
/// Complexity: O(N + m·log T) for the matrix (T types), O(permutations · (N + m)) for the test.
TypeMixing type_mixing(const Network& network, const std::vector<AggregatedEdge>& edges,
                       std::size_t permutations, std::uint64_t seed);
/// The same with the types already interned (`types` of `network`).
TypeMixing type_mixing(const Network& network, const std::vector<AggregatedEdge>& edges,
                       const TypeIndex& types, std::size_t permutations, std::uint64_t seed);

}  // namespace clusterscope::metrics
