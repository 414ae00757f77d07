#pragma once
// Cluster-initiative candidates (docs/candidates.md): groups of stakeholders scored on cohesion,
// composition, stability, critical mass, anchors, a coordinator and geographic concentration,
// levelled (initiative-ready / emerging / weak), each with a plain-language reason and its gaps.
// Pure scoring over results already computed: no igraph, no file I/O.

#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "clusterscope/core/names.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/partition.hpp"
#include "clusterscope/model/tie_view.hpp"

namespace clusterscope::candidates {

/// Everything settable (the `candidates` section of a config file; docs/candidates.md gives
/// each default and why).
struct CandidateConfig {
  // Score weights (normalised to sum 1 when used).
  double weight_cohesion = 0.30;
  double weight_composition = 0.25;
  double weight_stability = 0.15;
  double weight_mass = 0.15;
  double weight_coordinator = 0.10;
  double weight_geography = 0.05;
  // Type roles (type vocabulary terms).
  std::vector<std::string> firm_types = {"enterprise"};
  std::vector<std::string> academia_types = {"university", "research"};
  std::vector<std::string> government_types = {"government"};
  std::vector<std::string> coordinator_types = {"support", "cluster"};
  // Levels.
  std::int32_t ready_min_members = 15;
  std::int32_t ready_min_types = 2;
  bool ready_needs_coordinator = true;
  double ready_min_score = 0.55;
  std::int32_t emerging_min_members = 8;
  double emerging_min_score = 0.35;
  std::int32_t min_members = 4;  ///< smaller groups are not candidates at all
  std::int32_t anchors = 3;      ///< most central members reported
  double merge_jaccard = 0.5;    ///< a sector group and a community this alike are one
  double sector_group_min_share = default_sector_min_share;  ///< a sector "dominates" from this share on
  // Added with the implementation (docs/candidates.md, "Configuration").
  bool ready_needs_sector = true;           ///< initiative-ready needs a dominant sector
  std::int32_t emerging_min_types = 2;      ///< helix roles an emerging group needs (firms + one more)
  double ready_min_cohesion = 0.5;          ///< cohesion part an initiative-ready group needs
  double emerging_min_cohesion = 0.25;      ///< cohesion part an emerging group needs
  double coordinator_min_reach = 0.25;      ///< share of the other members a coordinator ties to
  double mass_employees_full = 1000;        ///< firms' employees that give the full employment term
  double geography_radius_km = 25;          ///< members within this distance of the centre count
  std::int32_t sector_member_min_ties = 2;  ///< ties to the sector's firms a non-firm needs
  double sector_member_min_focus = 0.5;     ///< …and share of its firm partners in the sector
  double cohesion_z_full = 3;               ///< community z at which cohesion is not discounted
  double unstable_below = 0.5;              ///< stability below this is reported as a gap
};

/// Throws std::invalid_argument naming the first offending key (e.g. "candidates.min_members:
/// expected a whole number ≥ 2, got 1"). find_candidates calls it.
void check_config(const CandidateConfig& config);

/// Reads the `candidates` object of a config file: every key optional, unknown keys and wrong
/// types rejected with std::invalid_argument naming the key; values checked as check_config does.
CandidateConfig candidate_config_from_json(const nlohmann::json& object);
/// The same from JSON text (a parse error is a std::invalid_argument too).
CandidateConfig candidate_config_from_json(const std::string& text);
/// Every key, in declaration order (nlohmann::json sorts object keys, so the order is alphabetical
/// here; candidates_json writes them in declaration order).
nlohmann::json candidate_config_to_json(const CandidateConfig& config);

/// What the scoring reads. Vectors are indexed by stakeholder (VertexId).
struct CandidateInput {
  const Network* network = nullptr;
  const std::vector<AggregatedEdge>* edges = nullptr;  ///< aggregate_ties(*network)
  const Partition* communities = nullptr;              ///< consensus partition
  std::vector<double> node_stability;                  ///< per stakeholder, 0–1 (empty: 1)
  std::vector<double> community_stability;             ///< per community, 0–1 (empty: 1)
  std::vector<std::int32_t> community_recovered_runs;  ///< per community (may be empty)
  std::int32_t runs = 1;
  std::vector<double> community_z;  ///< internal ties vs null (may be empty)
  std::vector<double> centrality;   ///< for anchors, e.g. betweenness (empty: strength)
  unsigned threads = 0;  ///< of the coordinators' betweenness (0: all cores; no result depends on it)
};

struct ScoreParts {
  double cohesion = 0;
  double composition = 0;
  double stability = 0;
  double mass = 0;
  double coordinator = 0;
  double geography = 0;
};

/// A candidate's level, best first (candidates rank by it before their score).
enum class Level { initiative_ready, emerging, weak };
/// Where a candidate's group comes from: a community, a sector group, or a community that a
/// sector group coincides with.
enum class Origin { community, sector, community_and_sector };

/// The levels as every output writes them.
inline constexpr std::array<core::Name<Level>, 3> kLevelNames = {{
    {Level::initiative_ready, "initiative-ready"},
    {Level::emerging, "emerging"},
    {Level::weak, "weak"},
}};
/// The origins as candidates.json writes them.
inline constexpr std::array<core::Name<Origin>, 3> kOriginNames = {{
    {Origin::community, "community"},
    {Origin::sector, "sector"},
    {Origin::community_and_sector, "community+sector"},
}};

/// The name of kLevelNames.
inline std::string level_name(Level level) {
  return std::string(core::name_of(kLevelNames, level));
}
/// The name of kOriginNames.
inline std::string origin_name(Origin origin) {
  return std::string(core::name_of(kOriginNames, origin));
}

struct Candidate {
  std::int32_t rank = 0;  ///< 1 = best
  Level level = Level::weak;
  double score = 0;  ///< Σ weight × part, 0–1
  ScoreParts parts;
  Origin origin = Origin::community;
  std::int32_t community = -1;    ///< consensus community, −1 for a pure sector group
  std::string sector;             ///< dominant sector ("" if none)
  double sector_share = 0;        ///< share of the members with a sector that are in it
  std::vector<VertexId> members;  ///< stakeholder order
  std::vector<VertexId> anchors;  ///< most central members, best first
  VertexId coordinator = -1;      ///< −1: none (a gap)
  double coordinator_share = 0;   ///< share of the group's outside ties it holds
  double density = 0;
  double conductance = 0;
  double stability = 0;
  std::int32_t stable_runs = 0;
  double employees = 0;           ///< Σ known employees of the member firms
  std::string reason;             ///< one plain-language paragraph
  std::vector<std::string> gaps;  ///< e.g. "no research institute", "no coordinator"
  // Added with the implementation.
  std::string top_sector;                   ///< most frequent sector even below sector_group_min_share
  std::vector<std::string> merged_sectors;  ///< sector groups merged into this community
  double sector_jaccard = 0;                ///< best Jaccard of a merged sector group (0: none)
  double coordinator_reach = 0;             ///< share of the other members the coordinator ties to
  std::int32_t internal_pairs = 0;          ///< aggregated pairs inside
  std::int32_t outside_pairs = 0;           ///< aggregated pairs with one end inside
  double density_ratio = 0;                 ///< density / network density (0 when the network has none)
  double z = 0;                             ///< community_z used (NaN: none given)
  std::int32_t runs = 1;                    ///< runs the stability refers to
  std::int32_t firms = 0;                   ///< members of firm_types
  std::int32_t employees_known = 0;         ///< firms with a known employee count
  std::int32_t roles = 0;         ///< helix roles present (firms, academia, government, coordinator)
  bool geography_known = false;   ///< false: no locations, the geography part is left out
  std::string municipality;       ///< most frequent municipality ("" if none known)
  double municipality_share = 0;  ///< its share among members with a municipality
};

std::vector<Candidate> find_candidates(const CandidateInput& input, const CandidateConfig& config);

/// The shape docs/candidates.md ("Outputs") documents: {"candidates": [{"rank", "level", "score",
/// "score_parts", "members": [ids], "anchors", "coordinator", "reason", "gaps", …}, …]}, members and anchors
/// as stakeholder ids.
std::string candidates_json(const Network& network, const std::vector<Candidate>& candidates,
                            const CandidateConfig& config);
/// A ranked document for people: a summary table, then one section per candidate (reason, gaps,
/// score parts, anchors and coordinator by name, members).
std::string candidates_markdown(const Network& network, const std::vector<Candidate>& candidates);

}  // namespace clusterscope::candidates
