#pragma once
// The recommendation scorer: everything about the network that scoring a query reads, built
// once (adjacency, roles, sector relatedness, keyword indexes, groups), and the per-query pass that
// scores every partner in reach. Shared by recommend(), evaluate() and fit_weights().

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "clusterscope/recommend/recommend.hpp"

namespace clusterscope::recommend::detail {

/// An index as a size (the vectors here are indexed by stakeholder and by CSR position).
constexpr std::size_t at(std::int32_t i) noexcept {
  return static_cast<std::size_t>(i);
}

enum Role : std::int8_t { no_role = -1, firm = 0, academia = 1, support = 2, government = 3 };
inline constexpr std::int32_t kRoles = 4;

/// One partner in reach of a query with its parts (unweighted) and the baseline sums.
struct Scored {
  VertexId partner = 0;
  PartValues parts{};
  std::int32_t shared = 0;  ///< common neighbours
  double adamic_adar = 0;
  double resource_allocation = 0;
  std::int8_t steps = 0;  ///< 2 or 3; 0 beyond max_steps (reached through a need or a group)
};

/// Per-thread scratch of the query pass.
struct Scratch {
  std::vector<double> common;
  std::vector<double> paths;
  std::vector<double> adamic_adar;
  std::vector<double> resource_allocation;
  std::vector<std::int32_t> shared;
  std::vector<std::int8_t> steps;
  std::vector<std::uint8_t> mark;  ///< 1: self or neighbour, 2: in the pool
  std::vector<VertexId> pool;
  std::vector<double> matches_needs;
  std::vector<VertexId> neighbours;
};

class Scorer {
 public:
  Scorer(const RecommendInput& input, const RecommendConfig& config, std::vector<std::uint8_t> eligible = {});

  [[nodiscard]] Scratch scratch() const;
  /// Every eligible partner of `query` in reach (no tie yet), in stakeholder order.
  std::vector<Scored> score(VertexId query, Scratch& s) const;

  /// The full recommendation (reason, introducer, matches) of one scored partner.
  [[nodiscard]] Recommendation explain(VertexId query, const Scored& scored, double score) const;
  /// The row of a query without a possible partner.
  [[nodiscard]] Recommendation nobody(VertexId query) const;

  [[nodiscard]] const Network& network() const { return *network_; }
  [[nodiscard]] std::int32_t degree(VertexId v) const { return offsets_[at(v) + 1] - offsets_[at(v)]; }
  [[nodiscard]] bool is_neighbour(VertexId u, VertexId v) const;
  /// The partners of `v` in the undirected view, sorted.
  [[nodiscard]] std::span<const VertexId> neighbours(VertexId v) const {
    return {targets_.data() + offsets_[at(v)], static_cast<std::size_t>(degree(v))};
  }
  [[nodiscard]] std::int8_t role(VertexId v) const { return role_[at(v)]; }
  [[nodiscard]] bool eligible(VertexId v) const { return eligible_.empty() || eligible_[at(v)] != 0; }
  /// Stakeholders in order of unweighted degree, highest first (ties by id): preferential attachment.
  [[nodiscard]] const std::vector<VertexId>& by_degree() const { return by_degree_; }
  /// True when stakeholder id of `a` sorts before that of `b`.
  [[nodiscard]] bool id_less(VertexId a, VertexId b) const { return rank_[at(a)] < rank_[at(b)]; }

 private:
  const Network* network_;
  const RecommendConfig* config_;
  const RecommendInput* input_;
  std::int32_t n_ = 0;
  std::vector<std::int32_t> offsets_;
  std::vector<VertexId> targets_;
  std::vector<double> weights_;
  std::vector<double> strength_;
  std::vector<std::int8_t> role_;
  std::vector<std::int32_t> sector_;  ///< −1: none
  std::vector<std::string> sector_names_;
  std::vector<std::vector<double>> sector_lift_;                  ///< 0 where there is too little evidence
  std::vector<std::vector<std::string>> need_keys_, offer_keys_;  ///< per stakeholder, folded
  std::map<std::string, std::vector<VertexId>, std::less<>> offered_by_, needed_by_;
  std::vector<std::vector<std::int32_t>> groups_of_;  ///< per stakeholder, sorted group indices
  double log_max_degree_ = 0;
  bool several_countries_ = false;
  std::vector<std::uint8_t> eligible_;
  std::vector<VertexId> by_degree_;
  std::vector<std::int32_t> rank_;  ///< position of each stakeholder in id order

  [[nodiscard]] std::string name(VertexId v) const;
  [[nodiscard]] double space(VertexId a, VertexId b) const;
  [[nodiscard]] std::vector<Match> matches(VertexId query, VertexId partner) const;
};

/// Runs work(i, scratch) for i = 0 … count − 1 on up to `threads` workers (0: one per core), each
/// with its own scratch, taking the next index in turn; each result must land in its own place,
/// so nothing depends on the number of workers.
void for_each_query(const Scorer& scorer, std::size_t count, unsigned threads,
                    const std::function<void(std::size_t, Scratch&)>& work);

/// Σ weight × part / Σ weight.
double combine(const PartValues& parts, const PartValues& weights) noexcept;

/// The `k` best of `scored` under `weights` (score > 0), best first, ties by id: indices into scored.
std::vector<std::size_t> top_k(const Scorer& scorer, const std::vector<Scored>& scored,
                               const PartValues& weights, std::int32_t k);

std::string role_name(std::int8_t role);

/// A stakeholder as the reasons name it: its name, or its id when it has none.
const std::string& display_name(const Network& network, VertexId v);

/// The `top` best recommendations of each query, best first, a row saying so for a query with
/// none: recommend() over a scorer already built.
std::vector<Recommendation> recommend_with(const Scorer& scorer, const std::vector<VertexId>& queries,
                                           const PartValues& weights, std::int32_t top, unsigned threads);

/// `value` with `decimals` digits after the point ("0.2500").
std::string fixed(double value, int decimals);

}  // namespace clusterscope::recommend::detail
