#pragma once
// The files that present communities to people and to other tools: communities.csv (one row per
// community), the per-stakeholder community columns, and the JSON of a community result.

#include <string>
#include <vector>

#include "clusterscope/communities/communities.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/tie_view.hpp"

namespace clusterscope::pipeline {

/// `id,community,stability` — one row per stakeholder (the `communities -o FILE.csv` output).
std::string community_assignment_csv(const Network& network, const communities::CommunityResult& result);

/// communities.csv of `analyze`: one row per community — id, size, members by type (one column per
/// vocabulary term), internal ties, density, conductance, stability, stable runs, z-score of the
/// internal ties against the null networks, dominant and top sector with its share (sector_share()
/// with `sector_min_share`), and the `central` most connected members (by tie strength, ties to the
/// smaller id) as ids joined by ';'.
std::string community_table_csv(const Network& network, const TieView& view,
                                const communities::CommunityResult& result,
                                double sector_min_share = default_sector_min_share, std::size_t central = 3);

/// The whole result as JSON: settings, modularity and its z-score, the sweep, per-community rows
/// (as in communities.csv) and per-stakeholder community and stability. `comparison` is included
/// when `compared_with` is not empty.
std::string community_json(const Network& network, const TieView& view,
                           const communities::CommunityResult& result,
                           double sector_min_share = default_sector_min_share,
                           const std::string& compared_with = "",
                           const communities::Comparison& comparison = {}, std::size_t compared_count = 0);

/// Comparison of the partition with a stakeholder field or attribute (type, sector, region, …,
/// or any extra column): stakeholders with an empty value are left out. Returns the figures and
/// how many stakeholders were compared; throws UsageError for an unknown attribute.
communities::Comparison compare_with_attribute(const Network& network, const Partition& partition,
                                               const std::string& attribute, std::size_t& compared);

}  // namespace clusterscope::pipeline

#include "clusterscope/candidates/candidates.hpp"

namespace clusterscope::pipeline {

/// Scores the cluster-initiative candidates of a network from its consensus communities (with
/// their stability and null-model z-scores) and its sector groups; anchors are ranked by tie
/// strength (the view's).
std::vector<candidates::Candidate> find_candidates(const Network& network, const TieView& view,
                                                   const communities::CommunityResult& communities,
                                                   const candidates::CandidateConfig& config,
                                                   unsigned threads = 0);

}  // namespace clusterscope::pipeline
