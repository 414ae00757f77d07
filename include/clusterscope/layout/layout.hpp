#pragma once
// Layouts: positions of the stakeholders for figures (docs/layout.md). ForceAtlas2 is our own
// (deterministic, Barnes–Hut, optionally on two cores); Fruchterman–Reingold, Kamada–Kawai and
// DrL come from igraph through graph/layout.hpp; grouped and geographic layouts are built here.
// Same network, options and seed → the same Layout, bit for bit.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "clusterscope/core/names.hpp"
#include "clusterscope/core/run.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/partition.hpp"
#include "clusterscope/model/tie_view.hpp"

namespace clusterscope::layout {

enum class Algorithm {
  fa2,      ///< ForceAtlas2 (Jacomy et al. 2014, doi:10.1371/journal.pone.0098679)
  fr,       ///< Fruchterman–Reingold (igraph)
  kk,       ///< Kamada–Kawai (igraph), O(n²) memory: small networks only
  drl,      ///< DrL (igraph)
  grouped,  ///< communities placed apart, members inside their community's disc
  geo,      ///< longitude/latitude, equirectangular, north up
};

/// --layout and the layout names of outputs; the notes are --help's.
inline constexpr std::array<core::Name<Algorithm>, 6> kAlgorithmNames = {{
    {Algorithm::fa2, "fa2", "ForceAtlas2"},
    {Algorithm::fr, "fr"},
    {Algorithm::kk, "kk"},
    {Algorithm::drl, "drl"},
    {Algorithm::grouped, "grouped", "communities apart"},
    {Algorithm::geo, "geo", "lat/lon"},
}};
/// The names for people, in captions and the report.
inline constexpr std::array<core::Name<Algorithm>, 6> kAlgorithmTitles = {{
    {Algorithm::fa2, "ForceAtlas2"},
    {Algorithm::fr, "Fruchterman–Reingold"},
    {Algorithm::kk, "Kamada–Kawai"},
    {Algorithm::drl, "DrL"},
    {Algorithm::grouped, "grouped by community"},
    {Algorithm::geo, "geographic (longitude, latitude)"},
}};

/// A name of kAlgorithmNames; std::invalid_argument otherwise.
Algorithm parse_algorithm(const std::string& name);
/// The name parse_algorithm accepts.
std::string algorithm_name(Algorithm algorithm);
/// The name for people (kAlgorithmTitles).
std::string algorithm_title(Algorithm algorithm);

struct LayoutOptions {
  Algorithm algorithm = Algorithm::fa2;
  std::uint64_t seed = core::default_seed;
  std::int32_t iterations = 0;   ///< 0 = automatic (fa2: by size; fr 500; kk 50·n; drl: igraph's schedule)
  bool linlog = false;           ///< fa2: LinLog attraction, log(1 + d)
  bool prevent_overlap = false;  ///< fa2: anti-collision during the last third of the iterations
  bool weighted = true;          ///< tie weights pull harder (fa2, fr, drl; kk: shorter ideal length)
  double gravity = 1.0;          ///< fa2: pull towards the centre, keeps isolates and components near
  double scaling = 2.0;          ///< fa2: repulsion strength (larger spreads the layout)
  std::int32_t barnes_hut_above = 1000;  ///< fa2: Barnes–Hut for more stakeholders than this
  unsigned threads = 0;                  ///< fa2: 0 = all cores; the result is the same for any count
  /// Start from these positions (snapshots keep stakeholders in place). Same size as the network;
  /// NaN marks a stakeholder without a previous position (placed beside its tie partners).
  const Layout* initial = nullptr;
  const Partition* communities = nullptr;  ///< grouped layout (required there)
  std::vector<double> node_sizes;          ///< prevent_overlap radii per stakeholder; empty: 1 each
  /// Stakeholders without any tie go on a compact grid below the rest (fa2, fr, kk, drl,
  /// grouped), in stakeholder order, instead of wherever the forces leave them (FA2 rings them
  /// far out, which shrinks the connected part of a figure). Isolates with an `initial` position
  /// keep it.
  bool shelve_isolates = true;
};

/// Lays out `network` (ties aggregated per pair, directions ignored). Throws std::invalid_argument
/// for inconsistent options (sizes, negative values, grouped without communities, geo without any
/// coordinates).
Layout compute_layout(const Network& network, const LayoutOptions& options);
/// The same over a tie view already built (its undirected pairs).
Layout compute_layout(const Network& network, const TieView& view, const LayoutOptions& options);

/// Layout quality: mean length of edges inside communities / mean length of edges between
/// communities (lower = communities better apart), over the aggregated ties, each pair counted
/// once and unweighted. NaN when there are no edges inside or none between communities.
double intra_inter_ratio(const Network& network, const Layout& layout,
                         const std::vector<std::int32_t>& membership);

}  // namespace clusterscope::layout
