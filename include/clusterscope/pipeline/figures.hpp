#pragma once
// The standard set of figures analyze writes into figures/ (docs/figures.md): the network by type
// and by community, the degree distribution, the top stakeholders, the type-mixing heatmap, the
// community composition and super-graph, and one card per leading candidate.

#include <string>
#include <utility>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/tie_view.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::pipeline {

struct NamedScene {
  std::string name;  ///< file name without extension, e.g. "network-types"
  render::Scene scene;
};

/// Builds every standard figure. A community is named by its dominant sector (sector_share() with
/// `sector_min_share`); `cards`: how many leading candidates get a card.
std::vector<NamedScene> standard_figures(const Network& network, const TieView& view, const Layout& layout,
                                         const metrics::MetricsResult& metrics,
                                         const communities::CommunityResult& communities,
                                         const std::vector<candidates::Candidate>& found,
                                         const render::TextMeasure& measure, const std::string& layout_title,
                                         double sector_min_share, std::size_t cards = 3);

/// Lays `network` out as analyze and render do: starting from the positions in `initial_file`
/// (id,x,y as layout_csv writes it; empty: none), with `communities` for the grouped layout. A
/// layout the network does not allow (geo without coordinates, kk too large, …) is a UsageError
/// naming `--layout`.
Layout lay_out(const Network& network, const TieView& view, layout::LayoutOptions options,
               const std::string& initial_file, const Partition* communities);

/// `id,x,y` — the layout as a table (render -o FILE.csv, and for anchoring the next snapshot).
std::string layout_csv(const Network& network, const Layout& layout);
/// Reads `id,x,y` written by layout_csv for the stakeholders of `network` (others ignored; missing
/// ones get NaN, which layouts place beside their partners). Bad rows → InputError at file:line:col.
Layout read_layout_csv(const Network& network, const std::string& path);

}  // namespace clusterscope::pipeline
