#pragma once
// The network figure (docs/figures.md): stakeholders as discs placed by a Layout, coloured by type,
// community, sector or any attribute, sized by a metric; ties as lines whose width and opacity follow
// their weight; labels for the top stakeholders that never overlap each other or a node; a legend,
// a title and a caption — all fitted inside the page margins.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clusterscope/core/names.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/partition.hpp"
#include "clusterscope/model/tie_view.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::render {

/// Okabe & Ito (2008) categorical colours, black left out (it is the text colour): orange, sky blue,
/// bluish green, yellow, blue, vermillion, reddish purple.
const std::vector<std::string>& categorical_palette();
/// Paul Tol's "muted" qualitative scheme (colour-blind safe, 9 colours) for communities: community
/// k gets colour k, so a community keeps its colour across runs of the canonical labelling.
const std::vector<std::string>& community_palette();
/// The colour of categories beyond a palette and of missing values.
inline constexpr const char* other_colour = "#BBBBBB";

enum class ColourBy { type, community, sector, attribute };
/// --color-by's own names; any other value names a stakeholder attribute (ColourBy::attribute,
/// which has no name of its own).
inline constexpr std::array<core::Name<ColourBy>, 3> kColourByNames = {{
    {ColourBy::type, "type"},
    {ColourBy::community, "community"},
    {ColourBy::sector, "sector"},
}};

struct FigureOptions {
  double width = 600;  ///< page size in points
  double height = 450;
  double margin = 18;
  std::string title;
  std::string caption;
  double title_size = 12;
  double caption_size = 7.5;

  ColourBy colour_by = ColourBy::type;
  Partition communities;  ///< used when colour_by == community
  /// Legend names of the communities by id (e.g. "0 machine-tool"); missing entries: "Community k".
  std::vector<std::string> community_names;
  std::string attribute;  ///< used when colour_by == attribute: a canonical field or an extra column

  /// Node size: area proportional to the value (negative or NaN values get the minimum radius).
  /// Empty: every node gets `node_radius` (0: chosen from the number of stakeholders).
  std::vector<double> size_by;
  std::string size_label = "size";
  double min_radius = 1.5;
  double max_radius = 9;
  double node_radius = 0;

  /// Labels for the `labels` stakeholders with the highest `label_by` (empty: size_by, else
  /// weighted degree), ties broken by stakeholder order.
  std::vector<double> label_by;
  std::size_t labels = 15;
  double label_size = 7;
  std::size_t label_chars = 28;

  bool legend = true;
  double legend_size = 7.5;
  std::size_t legend_max_entries = 12;  ///< categories beyond are summarised as "other"
};

/// Drops trailing legal-form suffixes ("Sp. z o.o.", "S.A.", "GmbH", "AB", …) and then cuts the
/// name to at most `max_chars` code points, preferably at a word boundary, ending it with "…".
std::string shorten_name(std::string_view name, std::size_t max_chars = 28);

/// Edge opacity for a network with `edges` edges before the weight factor: 0.6·√(150/m) clamped to
/// [0.05, 0.6] — the ink of overlapping lines grows with m, so opacity falls with it (docs/figures.md).
double edge_base_opacity(std::size_t edges) noexcept;

/// The colour ("#RRGGBB") network_scene gives each stakeholder under `options`.
std::vector<std::string> node_colours(const Network& network, const FigureOptions& options);
/// The radius (points) network_scene gives each of the `n` stakeholders under `options`.
std::vector<double> node_radii(const FigureOptions& options, std::size_t n);

/// Builds the figure. `layout` must hold one position per stakeholder. Vectors in `options` must be
/// empty or hold one value per stakeholder (std::invalid_argument otherwise). O(n + m + N log n).
Scene network_scene(const Network& network, const Layout& layout, const FigureOptions& options,
                    const TextMeasure& measure);
/// The same over a tie view already built (its pairs and types).
Scene network_scene(const Network& network, const TieView& view, const Layout& layout,
                    const FigureOptions& options, const TextMeasure& measure);

/// A trivial deterministic layout: stakeholders evenly on a circle in stakeholder order (for tests
/// and as a fallback until a real layout is chosen).
Layout circle_layout(std::size_t n);

}  // namespace clusterscope::render
