// compare's figures (src/pipeline/compare_content.hpp, docs/compare.md "Figures").

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "clusterscope/render/change.hpp"
#include "clusterscope/render/charts.hpp"
#include "clusterscope/render/figure.hpp"
#include "compare_content.hpp"

namespace clusterscope::pipeline {
namespace {

/// Above this many ties a panel draws only the strongest (the caption says how many).
constexpr std::size_t kMaxPanelEdges = 60000;

/// Above this many newcomers in a period the figure rings none of them.
constexpr std::size_t kMaxRings = 2000;

/// Communities drawn as their own block in each column of the flow chart; the rest are one block.
constexpr std::size_t kMaxFlowBlocks = 15;

using PairKey = std::pair<VertexId, VertexId>;

/// The aggregated pairs of snapshot s in drawn-network vertices, with their analysis weights.
std::map<PairKey, double> drawn_pairs(const Comparison& c, std::size_t s) {
  std::map<PairKey, double> out;
  const change::Snapshot& snap = c.snapshots[s];
  for (const AggregatedEdge& e : c.structures[s].ties.undirected) {
    VertexId a = c.drawn.index[static_cast<std::size_t>(snap.base[static_cast<std::size_t>(e.source)])];
    VertexId b = c.drawn.index[static_cast<std::size_t>(snap.base[static_cast<std::size_t>(e.target)])];
    if (b < a) std::swap(a, b);
    out[{a, b}] += e.weight;
  }
  return out;
}

render::Scene network_change(const Comparison& c, const std::map<std::int32_t, std::string>& names,
                             const render::TextMeasure& measure) {
  const Network& drawn = c.drawn.network;
  const std::size_t n = drawn.size();
  std::map<std::int32_t, std::size_t> shown;  // tracked ids drawn, for the legend
  std::vector<render::ChangePanel> panels;
  std::map<PairKey, double> previous;
  std::size_t thinned = 0;
  std::size_t newcomers = 0;
  for (std::size_t s = 0; s < c.snapshots.size(); ++s) {
    render::ChangePanel panel;
    panel.title = c.snapshots[s].label;
    panel.present.assign(n, false);
    // Colours: each stakeholder's tracked community in this period.
    panel.colours.assign(n, render::other_colour);
    for (const VertexId v : c.snapshots[s].base) {
      const auto d = static_cast<std::size_t>(c.drawn.index[static_cast<std::size_t>(v)]);
      panel.present[d] = true;
      const std::int32_t id = c.tracking.id_of[s][static_cast<std::size_t>(v)];
      panel.colours[d] = tracked_colour(c, id);
      if (id != 0) ++shown[id];
    }
    const std::map<PairKey, double> pairs = drawn_pairs(c, s);
    for (const auto& [key, weight] : pairs) {
      const bool before = s > 0 && previous.count(key) != 0;
      panel.edges.push_back(
          {key.first, key.second, weight,
           s == 0 || before ? render::ChangeEdge::Status::kept : render::ChangeEdge::Status::added});
    }
    for (const auto& [key, weight] : previous)
      if (pairs.count(key) == 0)
        panel.edges.push_back({key.first, key.second, weight, render::ChangeEdge::Status::lost});
    {
      std::size_t present = 0, kept = 0, added = 0, lost = 0;
      for (const bool x : panel.present)
        present += x ? 1 : 0;
      for (const render::ChangeEdge& e : panel.edges) {
        kept += e.status == render::ChangeEdge::Status::kept ? 1 : 0;
        added += e.status == render::ChangeEdge::Status::added ? 1 : 0;
        lost += e.status == render::ChangeEdge::Status::lost ? 1 : 0;
      }
      panel.counts =
          std::to_string(present) + " stakeholders · " + std::to_string(kept + added) + " tied pairs";
      if (s > 0)
        panel.counts += " · +" + std::to_string(added) + " new · \u2212" + std::to_string(lost) + " lost";
      if (s > 0) newcomers = std::max(newcomers, c.steps[s - 1].entered.size());
    }
    if (panel.edges.size() > kMaxPanelEdges) {
      // The strongest ties of each status in proportion; ties broken by pair order (stable).
      std::stable_sort(
          panel.edges.begin(), panel.edges.end(),
          [](const render::ChangeEdge& a, const render::ChangeEdge& b) { return a.weight > b.weight; });
      thinned = std::max(thinned, panel.edges.size());
      panel.edges.resize(kMaxPanelEdges);
    }
    panels.push_back(std::move(panel));
    previous = pairs;
  }
  std::vector<std::pair<std::string, std::string>> legend;
  for (const auto& [id, count] : shown)
    if (tracked_colour(c, id) != render::other_colour)
      legend.emplace_back(names.at(id), tracked_colour(c, id));
  legend.emplace_back("other communities", render::other_colour);
  render::ChangeFigureOptions options;
  options.title = "The network in each period";
  options.caption =
      "One layout for every period: a stakeholder keeps its place. Grey: ties in this period and the "
      "previous one; orange: new ties; dashed: ties lost since the previous period; ringed: "
      "newcomers. Colours: communities followed across periods (the same id keeps its colour).";
  // Thousands of rings make a blot: above kMaxRings newcomers in a panel they are not ringed.
  options.ring_newcomers = newcomers <= kMaxRings;
  if (!options.ring_newcomers) {
    const std::string ringed = "; ringed: newcomers";
    if (const auto at = options.caption.find(ringed); at != std::string::npos)
      options.caption.erase(at, ringed.size());
    options.caption += " Newcomers (up to " + std::to_string(newcomers) + " per period) are not ringed.";
  }
  if (thinned > 0)
    options.caption += " Each panel draws its " + std::to_string(kMaxPanelEdges) +
                       " strongest ties of up to " + std::to_string(thinned) + ".";
  const std::vector<std::string> colours(n, render::other_colour);  // every panel has its own
  return render::change_network_scene(drawn, c.positions, colours, {}, panels, legend, options, measure);
}

render::Scene flows(const Comparison& c, const std::map<std::int32_t, std::string>& names,
                    const render::TextMeasure& measure) {
  std::vector<std::string> labels;
  std::vector<std::vector<render::FlowBlock>> blocks;
  std::vector<std::set<std::int32_t>> shown(c.snapshots.size());  // ids drawn as their own block
  for (std::size_t s = 0; s < c.snapshots.size(); ++s) {
    labels.push_back(c.snapshots[s].label);
    std::vector<render::FlowBlock> column;
    for (const change::TrackedCommunity& t : c.tracking.snapshots[s]) {
      if (t.id == 0) continue;
      column.push_back(
          {t.id, names.at(t.id), static_cast<double>(t.members.size()), tracked_colour(c, t.id)});
    }
    // Largest first, so the main communities lead each column; beyond kMaxFlowBlocks one block.
    std::stable_sort(column.begin(), column.end(),
                     [](const render::FlowBlock& a, const render::FlowBlock& b) { return a.size > b.size; });
    if (column.size() > kMaxFlowBlocks) {
      double rest = 0;
      for (std::size_t i = kMaxFlowBlocks; i < column.size(); ++i)
        rest += column[i].size;
      const std::size_t others = column.size() - kMaxFlowBlocks;
      column.resize(kMaxFlowBlocks);
      column.push_back({-1, std::to_string(others) + " smaller communities", rest, render::other_colour});
    }
    for (const render::FlowBlock& b : column)
      shown[s].insert(b.id);
    blocks.push_back(std::move(column));
  }
  std::map<std::tuple<std::size_t, std::int32_t, std::int32_t>, double> merged;
  for (const change::Flow& f : c.tracking.flows) {
    const std::int32_t from = shown[f.from_snapshot].count(f.from) != 0 ? f.from : -1;
    const std::int32_t to = shown[f.from_snapshot + 1].count(f.to) != 0 ? f.to : -1;
    merged[{f.from_snapshot, from, to}] += static_cast<double>(f.members);
  }
  std::vector<render::FlowLink> links;
  for (const auto& [key, members] : merged)
    links.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), members});
  render::ChartOptions options;
  options.width = 640;
  options.height = 420;
  options.title = "Community flows between periods";
  options.caption =
      "Blocks: the communities of each period followed across periods (height ∝ members"
      ", the " +
      std::to_string(kMaxFlowBlocks) +
      " largest of each period on their own). Bands: stakeholders present in both periods, "
      "from their community before to their community after.";
  return render::community_flow_scene(labels, blocks, links, options, measure);
}

render::Scene measures_chart(const Comparison& c, const std::vector<MeasureRow>& measures,
                             const render::TextMeasure& measure) {
  std::vector<std::string> labels;
  for (const change::Snapshot& s : c.snapshots)
    labels.push_back(s.label);
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;
  for (const MeasureRow& row : measures) {
    if (row.name != "density" && row.name != "components" && row.name != "giant_share" &&
        row.name != "transitivity" && row.name != "ei_index" && row.name != "modularity")
      continue;
    names.push_back(row.label);
    values.push_back(row.values);
  }
  render::ChartOptions options;
  options.width = 600;
  options.height = 380;
  options.title = "Network measures over the periods";
  options.caption = "Each measure on its own scale; the values are printed by the points.";
  return render::measures_over_periods_scene(labels, names, values, options, measure);
}

}  // namespace

std::vector<NamedScene> comparison_figures(const Comparison& c, const std::vector<MeasureRow>& measures,
                                           const std::map<std::int32_t, std::string>& names) {
  const render::PangoMeasure measure;
  std::vector<NamedScene> out;
  out.push_back({"network-change", network_change(c, names, measure)});
  out.push_back({"measures-over-time", measures_chart(c, measures, measure)});
  out.push_back({"community-flows", flows(c, names, measure)});
  return out;
}

}  // namespace clusterscope::pipeline
