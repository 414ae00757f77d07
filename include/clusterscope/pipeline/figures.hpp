#pragma once
// The standard set of figures analyze writes into figures/ (docs/figures.md): the network by type
// and by community, the degree distribution, the top stakeholders, the type-mixing heatmap, the
// community composition and super-graph, and one card per leading candidate.

#include <string>
#include <utility>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::pipeline {

struct NamedScene {
  std::string name;  ///< file name without extension, e.g. "network-types"
  render::Scene scene;
};

/// Builds every standard figure. `cards`: how many leading candidates get a card.
std::vector<NamedScene> standard_figures(const Network& network, const Layout& layout,
                                         const metrics::MetricsResult& metrics,
                                         const communities::CommunityResult& communities,
                                         const std::vector<candidates::Candidate>& found,
                                         const render::TextMeasure& measure, const std::string& layout_title,
                                         std::size_t cards = 3);

/// `id,x,y` — the layout as a table (render -o FILE.csv, and for anchoring the next snapshot).
std::string layout_csv(const Network& network, const Layout& layout);
/// Reads `id,x,y` written by layout_csv for the stakeholders of `network` (others ignored; missing
/// ones get NaN, which layouts place beside their partners). Bad rows → InputError at file:line:col.
Layout read_layout_csv(const Network& network, const std::string& path);

}  // namespace clusterscope::pipeline
