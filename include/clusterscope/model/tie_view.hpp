#pragma once
// The tie view (docs/ARCHITECTURE.md, "model/"): what every stage reads of a loaded network's
// ties and types, built once after loading by make_tie_view() and passed by const reference —
// the aggregated pairs, the undirected view, each stakeholder's tie strength and its type as an
// index. No stage aggregates the ties again.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clusterscope/model/network.hpp"

namespace clusterscope {

/// Stakeholder types interned: the vocabulary's terms in order, then the other types the data
/// holds, in byte order of their names ("" — no type — among them). Every list, table and chart
/// by type uses this order.
struct TypeIndex {
  std::vector<std::string> names;  ///< each type once
  std::size_t listed = 0;          ///< names[0, listed) are vocabulary terms (vocabulary order)
  std::vector<std::int32_t> of;    ///< per stakeholder: its index in `names`
  /// Per name in `names`: its vocabulary position, or -1 for a type the vocabulary does not list.
  std::vector<std::int32_t> term;

  [[nodiscard]] bool is_listed(std::int32_t type) const noexcept {
    return type >= 0 && static_cast<std::size_t>(type) < listed;
  }
  /// The index of type `name`, or -1 when no stakeholder has it and the vocabulary lacks it.
  [[nodiscard]] std::int32_t find(std::string_view name) const;
};

struct TieView {
  std::int32_t n = 0;  ///< stakeholders
  bool directed = false;
  /// aggregate_ties(): one edge per pair (per ordered pair when directed), sorted by (source,
  /// target), self-loops kept.
  std::vector<AggregatedEdge> pairs;
  /// The pairs with directions merged (source < target; weights and tie counts summed) and
  /// self-loops dropped, sorted — what community detection and layout read. For an undirected
  /// network, `pairs` without its self-loops.
  std::vector<AggregatedEdge> undirected;
  /// Per stakeholder: Σ weight of the pairs it is in (a self-loop counts twice), the weighted
  /// degree of docs/metrics.md.
  std::vector<double> strength;
  TypeIndex types;
};

/// Builds the view. Throws InputError as aggregate_ties() does.
TieView make_tie_view(const Network& network);

/// Merges the directions of `pairs` (sorted or not) into undirected pairs without self-loops,
/// sorted by (source, target), weights and tie counts summed.
std::vector<AggregatedEdge> undirected_pairs(const std::vector<AggregatedEdge>& pairs);

/// The interned types of `network` (see TypeIndex).
TypeIndex index_types(const Network& network);

/// The one sector rule of every output (docs/candidates.md, "composition"): among the `members`
/// that have a sector — members without one count neither for nor against — the most frequent
/// sector (ties to the alphabetically first) and its share of them. It dominates the group when
/// that share is at least `min_share` (the candidates' `sector_group_min_share`).
struct SectorShare {
  std::string top;  ///< the most frequent sector; "" when no member has one
  std::int32_t in_top = 0;
  std::int32_t with_sector = 0;
  double share = 0;      ///< in_top / with_sector; 0 when no member has a sector
  std::string dominant;  ///< `top` when share ≥ min_share, else "" (a mixed group)
};
inline constexpr double default_sector_min_share = 0.5;
SectorShare sector_share(const Network& network, const std::vector<VertexId>& members,
                         double min_share = default_sector_min_share);

/// A type's label as the vocabulary gives it ("Research institute"), the type itself when the
/// vocabulary has no label for it, "unknown type" for none.
std::string type_label(const Network& network, std::string_view type);
/// The label mid-sentence: "research institute", while "NGO" stays "NGO" (core::sentence_case).
std::string type_label_in_text(const Network& network, std::string_view type);

}  // namespace clusterscope
