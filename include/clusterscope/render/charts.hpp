#pragma once
// Charts as Scenes (docs/figures.md, "Charts"). Inputs are plain data — vectors and names — so the
// charts do not depend on how other modules compute them.

#include <cstdint>
#include <string>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::render {

struct ChartOptions {
  double width = 500;  ///< page size in points
  double height = 340;
  double margin = 18;
  std::string title;
  std::string caption;
  std::string x_label;
  std::string y_label;
  double title_size = 12;
  double text_size = 7.5;  ///< ticks, values, category names
};

/// Degree distribution on log-log axes: one point per degree k ≥ 1 at (k, number of stakeholders
/// with degree k). Degree 0 is counted in the caption, not plotted (log 0).
Scene degree_distribution_scene(const std::vector<std::int64_t>& degrees, const ChartOptions& options,
                                const TextMeasure& measure);

/// Horizontal bars for the `top_n` largest values (ties broken by input order), names shortened.
Scene top_bars_scene(const std::vector<std::string>& names, const std::vector<double>& values,
                     std::size_t top_n, const ChartOptions& options, const TextMeasure& measure);

/// A types × types matrix (e.g. tie counts between types) as a heatmap with the values printed.
Scene mixing_heatmap_scene(const std::vector<std::string>& types,
                           const std::vector<std::vector<double>>& matrix, const ChartOptions& options,
                           const TextMeasure& measure);

/// One stacked bar per community: counts[c][t] members of community c with type t, coloured by
/// `type_colours` (one "#rrggbb" per type).
Scene community_composition_scene(const std::vector<std::string>& communities,
                                  const std::vector<std::string>& types,
                                  const std::vector<std::string>& type_colours,
                                  const std::vector<std::vector<double>>& counts, const ChartOptions& options,
                                  const TextMeasure& measure);

/// A tie between two communities, weight summed over the ties joining them.
struct CommunityLink {
  std::int32_t a = 0;
  std::int32_t b = 0;
  double weight = 0;
};

/// Communities as discs on a circle (area ∝ members; community k in community_palette() colour k,
/// k = ids[i] when `ids` is given — the community ids, so that a chart of some communities keeps
/// the colours of the network figure — else the position i),
/// ties between them as lines whose width and opacity follow the weight.
Scene community_graph_scene(const std::vector<std::string>& names, const std::vector<double>& members,
                            const std::vector<CommunityLink>& links, const ChartOptions& options,
                            const TextMeasure& measure, const std::vector<std::int32_t>& ids = {});

/// A one-page card for a cluster-initiative candidate: its members' subgraph (anchors ringed in
/// black, the coordinator in orange), its score parts as bars beside it, its reason and gaps as text.
/// `edges` is aggregate_ties(network). Members are placed by `layout` (the network figure's
/// positions, scaled to the card) when it is given and holds finite positions for all of them,
/// else evenly on a circle.
Scene candidate_card_scene(const Network& network, const std::vector<AggregatedEdge>& edges,
                           const candidates::Candidate& candidate, const ChartOptions& options,
                           const TextMeasure& measure, const Layout* layout = nullptr);

}  // namespace clusterscope::render
