#pragma once
// The recommendation outputs of analyze and of the visits command (docs/recommend.md): the
// recommendation input built from the candidates, the visit plan, and visit-plan.pdf — one A4
// page per visit, drawn with the report's page machinery.

#include <string>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/recommend/recommend.hpp"

namespace clusterscope::pipeline {

/// The candidates as recommendation groups ("candidate group 2 (machine-tool)"), with the
/// consensus communities. The network, view and result must outlive the input.
recommend::RecommendInput recommend_input(const Network& network, const TieView& view,
                                          const communities::CommunityResult& communities,
                                          const std::vector<candidates::Candidate>& found);

/// The candidates as the visit plan reads them: leading = initiative-ready or emerging; leaders =
/// coordinator and anchors.
std::vector<recommend::VisitGroup> visit_groups(const std::vector<candidates::Candidate>& found);

/// visit-plan.pdf: a title page with the list, then one page per visit (why, needs, the partners
/// to recommend with their reasons and introducers). Deterministic bytes.
std::string visit_plan_pdf(const Network& network, const std::vector<recommend::Visit>& visits);

}  // namespace clusterscope::pipeline
