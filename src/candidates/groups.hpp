#pragma once
// Private pieces shared by the candidates sources: the undirected pair view of the network, the
// helix roles of the configured types, and wording helpers.

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"

namespace clusterscope::candidates::detail {

/// The aggregated edges as one undirected pair each (directed pairs u→v and v→u summed),
/// self-loops dropped; neighbours sorted by id.
struct PairGraph {
  std::vector<std::vector<std::pair<VertexId, double>>> adjacency;
  std::vector<double> strength;  ///< Σ weights of the pairs at each stakeholder
  double total_weight = 0;       ///< Σ pair weights
  std::int64_t pairs = 0;
};
PairGraph pair_graph(std::size_t n, const std::vector<AggregatedEdge>& edges);

/// The four helix roles a type can play (docs/candidates.md, "Composition").
enum Role : std::int32_t { firm = 0, academia = 1, government = 2, coordinator = 3 };
inline constexpr std::size_t kRoles = 4;

/// Which role each type has, from the config's type lists.
class RoleMap {
 public:
  explicit RoleMap(const CandidateConfig& config);
  /// −1 when the type has no helix role (ngo, other, …).
  [[nodiscard]] std::int32_t role(const std::string& type) const;
  /// Roles whose type list is not empty (the denominator of helix coverage).
  [[nodiscard]] std::int32_t configured() const noexcept { return configured_; }
  [[nodiscard]] const std::vector<std::string>& types(Role r) const {
    return types_[static_cast<std::size_t>(r)];
  }

 private:
  std::array<std::vector<std::string>, kRoles> types_;
  std::int32_t configured_ = 0;
};

/// Members per type: vocabulary order, then the other types alphabetically (types without a
/// member left out).
std::vector<std::pair<std::string, std::int64_t>> members_by_type(const Network& network,
                                                                  const std::vector<VertexId>& members);
/// "1 university", "25 enterprises", "2 local or regional governments".
std::string counted(std::int64_t count, const std::string& label);
/// "a", "a or b", "a, b or c".
std::string joined_or(const std::vector<std::string>& items);
/// Round half away from zero to an integer percentage.
long long percent(double share);
/// printf-style with the C locale's fixed notation ("%.2f").
std::string fixed(double value, int decimals);
/// "Name (id)", or "id" when the stakeholder has no name.
std::string display_name(const Stakeholder& s);

}  // namespace clusterscope::candidates::detail
