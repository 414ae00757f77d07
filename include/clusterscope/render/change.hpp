#pragma once
// The change-over-time network figure (docs/figures.md, "Change over time figures"): small
// multiples of the network, one panel per period, every panel drawn from one layout at one scale so
// that a stakeholder keeps its place in every panel; ties kept, added and lost since the previous
// panel drawn apart (grey, highlighted, dashed); stakeholders new in a panel ringed; a shared legend.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::render {

/// A tie drawn in one panel, with its change relative to the previous panel.
struct ChangeEdge {
  VertexId source = 0;
  VertexId target = 0;
  double weight = 1;  ///< width and opacity follow it, over the weights of all panels
  /// kept: in this period and the previous one; added: new in this period; lost: in the previous
  /// period only (drawn dashed where it used to be).
  enum class Status { kept, added, lost } status = Status::kept;
};

/// One period of the figure.
struct ChangePanel {
  std::string title;              ///< e.g. "2012" or "2014-01 … 2014-06"
  std::vector<bool> present;      ///< one per stakeholder of the network: drawn in this panel
  std::vector<ChangeEdge> edges;  ///< ties to draw (added and lost relative to the previous panel)
  /// This panel's node colours, one per stakeholder (a stakeholder that changed community changes
  /// colour); empty: the figure's node_colours.
  std::vector<std::string> colours;
  /// The counts line under the title; empty: counted from `present` and `edges` ("210
  /// stakeholders · 540 ties · +34 new · −12 lost"). A caller that thinned `edges` gives the
  /// real counts here.
  std::string counts;
};

struct ChangeFigureOptions {
  double width = 900;  ///< page width in points
  /// Page height in points; 0: from the number of rows of panels (each panel as high as the
  /// layout's aspect ratio asks, within 0.5–1.25 of its width).
  double height = 0;
  double margin = 18;
  std::string title;
  std::string caption;
  std::size_t columns = 0;  ///< panels per row (at most the number of panels); 0: up to 3
  std::string added_colour = "#D55E00";
  std::string kept_colour = "#7F7F7F";
  std::string lost_colour = "#7F7F7F";
  double title_size = 12;
  double caption_size = 7.5;
  double panel_title_size = 9;  ///< the period in bold; its counts below at 0.85 of this size
  double legend_size = 7.5;
  double label_size = 7;
  /// Per panel, labels for up to this many stakeholders with the most added ties there (at least
  /// one), ties broken by stakeholder order.
  std::size_t labels = 5;
  std::size_t label_chars = 24;  ///< names shortened with shorten_name to this many code points
  bool ring_newcomers = true;    ///< ring stakeholders absent from the previous panel
};

/// Builds the figure. `layout`, `node_colours` ("#rrggbb") and every panel's `present` hold one
/// entry per stakeholder; `node_radius` (points) one per stakeholder or none (then one radius for
/// all, chosen from the number of stakeholders and the panel size). `legend` lists the node
/// colours' meaning as (label, colour), e.g. the communities. Every panel shares one scale and one
/// bounding box, that of the stakeholders present in any panel. Throws std::invalid_argument when a
/// vector does not hold one entry per stakeholder or a tie names no stakeholder. O(P·(n + m) +
/// P·labels·(labels + n)) for P panels.
Scene change_network_scene(const Network& network, const Layout& layout,
                           const std::vector<std::string>& node_colours,
                           const std::vector<double>& node_radius, const std::vector<ChangePanel>& panels,
                           const std::vector<std::pair<std::string, std::string>>& legend,
                           const ChangeFigureOptions& options, const TextMeasure& measure);

}  // namespace clusterscope::render
