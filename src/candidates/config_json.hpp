#pragma once
// The configuration as an ordered JSON object (declaration order), for candidates_json.

#include <nlohmann/json.hpp>

#include "clusterscope/candidates/candidates.hpp"

namespace clusterscope::candidates::detail {

nlohmann::ordered_json config_ordered(const CandidateConfig& config);

}  // namespace clusterscope::candidates::detail
