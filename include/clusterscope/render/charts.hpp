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

/// A community (or any group) in one period of an alluvial chart.
struct FlowBlock {
  std::int32_t id = 0;  ///< names the block in FlowLink, unique within its period
  std::string label;
  double size = 0;     ///< members; the block's height is proportional to it
  std::string colour;  ///< "#rrggbb"; empty: community_palette() colour `id`, else other_colour
};

/// Members that were in block `from` in period `period` and are in block `to` in period + 1.
struct FlowLink {
  std::size_t period = 0;
  std::int32_t from = 0;
  std::int32_t to = 0;
  double size = 0;
};

/// An alluvial chart of how communities change between periods: per period a column of blocks
/// stacked top to bottom in the given order (height ∝ size, one scale for every column; the block's
/// label and size written on it when they fit), and between consecutive columns one band per link
/// of size > 0 (thickness ∝ size, the source block's colour at 0.45 opacity). Members who leave or
/// arrive have no band. Period labels above the columns. Throws std::invalid_argument when
/// `blocks` does not hold one column per period label, an id repeats within a period, or a link
/// names a period or block that does not exist.
Scene community_flow_scene(const std::vector<std::string>& period_labels,
                           const std::vector<std::vector<FlowBlock>>& blocks,
                           const std::vector<FlowLink>& links, const ChartOptions& options,
                           const TextMeasure& measure);

/// Small multiples of measures over periods: one panel per measure with the periods as
/// categories along x and the measure's own y range (its finite values padded, round ticks), the
/// values as dots joined by lines and printed beside them. values[m][p] is measure m in period p;
/// NaN (not defined) leaves a gap in the line, marked "n/a". Throws std::invalid_argument when
/// `values` does not hold one row per measure and one value per period.
Scene measures_over_periods_scene(const std::vector<std::string>& period_labels,
                                  const std::vector<std::string>& measure_names,
                                  const std::vector<std::vector<double>>& values, const ChartOptions& options,
                                  const TextMeasure& measure);

}  // namespace clusterscope::render
