#pragma once
// The dataset summary `analyze` writes until the analysis stages land: stakeholders by type,
// ties by kind, period covered, isolates.

#include <string>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::io {

/// Summary as canonical JSON (fixed key order, two-space indent, trailing newline).
std::string summary_json(const Network& network, const Diagnostics& diagnostics);
/// The same for people, as Markdown.
std::string summary_markdown(const Network& network, const Diagnostics& diagnostics);
/// A dataset.json describing the normalised stakeholders.csv / ties.csv (and referrals.csv when the
/// network has referrals) written beside it.
std::string normalised_manifest(const Network& network);

}  // namespace clusterscope::io
