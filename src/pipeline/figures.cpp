#include "clusterscope/pipeline/figures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "clusterscope/render/charts.hpp"
#include "clusterscope/render/figure.hpp"

namespace clusterscope::pipeline {

namespace {

std::size_t ix(std::int32_t v) {
  return static_cast<std::size_t>(v);
}

std::string area_name(const Network& network) {
  return network.name.empty() ? std::string("the network") : network.name;
}

}  // namespace

std::vector<NamedScene> standard_figures(const Network& network, const TieView& view, const Layout& layout,
                                         const metrics::MetricsResult& metrics,
                                         const communities::CommunityResult& communities,
                                         const std::vector<candidates::Candidate>& found,
                                         const render::TextMeasure& measure, const std::string& layout_title,
                                         double sector_min_share, std::size_t cards) {
  std::vector<NamedScene> out;
  const std::string area = area_name(network);
  const std::vector<double>& betweenness = metrics.column("betweenness");
  const std::vector<double>& degree = metrics.column("degree");

  render::FigureOptions by_type;
  by_type.title = area + ": stakeholders by type";
  by_type.caption = "Node area: betweenness (brokerage on shortest paths); labels: the 15 highest. Layout: " +
                    layout_title + ", seed recorded in manifest.";
  by_type.size_by = betweenness;
  by_type.size_label = "betweenness";
  out.push_back({"network-types", render::network_scene(network, view, layout, by_type, measure)});

  // "3 tourism-spa": a community's id and, when most members share one, their sector — in the
  // network legend and in the community charts alike.
  const auto members = communities.partition.members();
  std::vector<std::string> names_by_id(members.size());
  for (std::size_t c = 0; c < members.size(); ++c) {
    const SectorShare sectors = sector_share(network, members[c], sector_min_share);
    names_by_id[c] = std::to_string(c);
    if (!sectors.dominant.empty()) names_by_id[c] += " " + sectors.dominant;
  }

  render::FigureOptions by_community = by_type;
  by_community.community_names = names_by_id;
  by_community.title = area + ": communities";
  by_community.caption = "Colour: consensus community of " + std::to_string(communities.runs) +
                         " seeded runs (the same community keeps its colour). Node area: betweenness.";
  by_community.colour_by = render::ColourBy::community;
  by_community.communities = communities.partition;
  out.push_back({"network-communities", render::network_scene(network, view, layout, by_community, measure)});

  render::ChartOptions chart;
  chart.title = area + ": degree distribution";
  chart.x_label = "degree (partners)";
  chart.y_label = "stakeholders";
  std::vector<std::int64_t> degrees(degree.size());
  for (std::size_t v = 0; v < degree.size(); ++v)
    degrees[v] = std::isfinite(degree[v]) ? static_cast<std::int64_t>(std::llround(degree[v])) : 0;
  out.push_back({"degree-distribution", render::degree_distribution_scene(degrees, chart, measure)});

  std::vector<std::string> names;
  names.reserve(network.size());
  for (const Stakeholder& s : network.stakeholders)
    names.push_back(s.name.empty() ? s.id : s.name);
  chart = {};
  chart.title = area + ": the 15 strongest brokers";
  chart.x_label = "betweenness";
  out.push_back({"top-betweenness", render::top_bars_scene(names, betweenness, 15, chart, measure)});

  chart = {};
  chart.title = area + ": ties between stakeholder types";
  chart.caption = "Aggregated ties (pairs) between and within types.";
  out.push_back({"type-mixing",
                 render::mixing_heatmap_scene(metrics.mixing.types, metrics.mixing.ties, chart, measure)});

  // Community composition and super-graph: communities of two or more members.
  std::vector<std::string> type_names, type_colours;
  for (std::size_t t = 0; t < view.types.listed; ++t) {
    const TypeTerm& term = network.vocabulary[ix(view.types.term[t])];
    type_names.push_back(term.label.empty() ? term.name : term.label);
    type_colours.push_back(term.colour);
  }
  std::vector<std::string> community_names;
  std::vector<std::vector<double>> counts;
  std::vector<double> sizes;
  std::vector<std::int32_t> ids;
  std::vector<std::int32_t> shown(members.size(), -1);
  for (std::size_t c = 0; c < members.size(); ++c) {
    if (members[c].size() < 2) continue;
    shown[c] = static_cast<std::int32_t>(community_names.size());
    community_names.push_back(names_by_id[c]);
    ids.push_back(static_cast<std::int32_t>(c));
    sizes.push_back(static_cast<double>(members[c].size()));
    std::vector<double> row(view.types.listed, 0.0);
    for (const VertexId v : members[c]) {
      const std::int32_t type = view.types.of[ix(v)];
      if (view.types.is_listed(type)) row[ix(type)] += 1;
    }
    counts.push_back(std::move(row));
  }
  chart = {};
  chart.title = area + ": who is in each community";
  chart.x_label = "community";
  chart.y_label = "members";
  out.push_back(
      {"community-composition", render::community_composition_scene(community_names, type_names, type_colours,
                                                                    counts, chart, measure)});
  std::map<std::pair<std::int32_t, std::int32_t>, double> between;
  for (const AggregatedEdge& e : view.pairs) {
    const std::int32_t a = shown[ix(communities.partition.membership[ix(e.source)])];
    const std::int32_t b = shown[ix(communities.partition.membership[ix(e.target)])];
    if (a < 0 || b < 0 || a == b) continue;
    between[{std::min(a, b), std::max(a, b)}] += e.weight;
  }
  std::vector<render::CommunityLink> links;
  for (const auto& [pair, weight] : between)
    links.push_back({pair.first, pair.second, weight});
  chart = {};
  chart.title = area + ": ties between communities";
  chart.caption = "Disc area: members; line width: summed tie weight between two communities.";
  out.push_back(
      {"community-graph", render::community_graph_scene(community_names, sizes, links, chart, measure, ids)});

  for (std::size_t i = 0; i < std::min(cards, found.size()); ++i) {
    chart = {};
    chart.title = "Candidate " + std::to_string(found[i].rank) + ": " +
                  (found[i].sector.empty() ? std::string("mixed group") : found[i].sector) + " (" +
                  candidates::level_name(found[i].level) + ")";
    out.push_back({"candidate-" + std::to_string(found[i].rank),
                   render::candidate_card_scene(network, view.pairs, found[i], chart, measure, &layout)});
  }
  return out;
}

Layout lay_out(const Network& network, const TieView& view, layout::LayoutOptions options,
               const std::string& initial_file, const Partition* communities) {
  Layout initial;
  if (!initial_file.empty()) {
    initial = read_layout_csv(network, initial_file);
    options.initial = &initial;
  }
  options.communities = communities;
  try {
    return layout::compute_layout(network, view, options);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--layout " + layout::algorithm_name(options.algorithm) + ": " + e.what());
  }
}

std::string layout_csv(const Network& network, const Layout& layout) {
  std::string out;
  io::append_csv_row(out, {"id", "x", "y"});
  for (std::size_t v = 0; v < network.size(); ++v)
    io::append_csv_row(
        out, {network.stakeholders[v].id, io::format_number(layout.x[v]), io::format_number(layout.y[v])});
  return out;
}

Layout read_layout_csv(const Network& network, const std::string& path) {
  Diagnostics diagnostics;
  const io::SourceText source = io::read_source(path, diagnostics);
  if (diagnostics.has_errors()) throw InputError(diagnostics.entries());
  Layout layout;
  layout.x.assign(network.size(), std::numeric_limits<double>::quiet_NaN());
  layout.y.assign(network.size(), std::numeric_limits<double>::quiet_NaN());
  io::CsvReader reader(source, diagnostics);
  io::CsvRow row;
  if (!reader.next(row) || row.size < 3 || row[0].text != "id" || row[1].text != "x" || row[2].text != "y") {
    throw InputError(Location{path, 1, 1}, "a layout table starts with the header id,x,y");
  }
  while (reader.next(row)) {
    if (row.size == 1 && row[0].text.empty()) continue;
    if (row.size < 3) {
      diagnostics.error(reader.where(row.line, 1),
                        "expected 3 fields id,x,y, got " + std::to_string(row.size));
      continue;
    }
    double xy[2] = {0, 0};
    bool ok = true;
    for (std::size_t k = 1; k <= 2; ++k) {
      const std::string& text = row[k].text;
      std::size_t used = 0;
      double value = 0;
      try {
        value = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (text.empty() || used != text.size() || !std::isfinite(value)) {
        diagnostics.error(reader.where(row[k].line, row[k].column),
                          std::string(k == 1 ? "x" : "y") + " is '" + text + "'; expected a finite number");
        ok = false;
      }
      xy[k - 1] = value;
    }
    const auto v = network.find(row[0].text);
    if (!ok || !v) continue;  // stakeholders not in this network are ignored (another snapshot)
    layout.x[ix(*v)] = xy[0];
    layout.y[ix(*v)] = xy[1];
  }
  if (diagnostics.has_errors()) throw InputError(diagnostics.entries());
  return layout;
}

}  // namespace clusterscope::pipeline
