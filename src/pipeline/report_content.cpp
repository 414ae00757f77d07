// The report's content (docs/report.md): what a strategist, a researcher and a report author read,
// in plain language, built from analyze's results. The renderers (report_html.cpp,
// report_pdf.cpp) only lay it out.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <stdexcept>

#include "clusterscope/layout/layout.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "clusterscope/pipeline/report.hpp"

#include "clusterscope/render/figure.hpp"
#include "compare_content.hpp"

namespace clusterscope::pipeline {

namespace {

std::size_t ix(VertexId v) {
  return static_cast<std::size_t>(v);
}

/// 12,345 — thousands separated by commas, as in the figures' captions.
std::string whole(double value) {
  if (!std::isfinite(value)) return "–";
  const auto n = static_cast<long long>(std::llround(value));
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return (n < 0 ? "-" : "") + digits;
}

/// A value with `decimals` places ("–" when undefined).
std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string percent(double share) {
  if (!std::isfinite(share)) return "–";
  return fixed(100 * share, share < 0.1 && share > 0 ? 1 : 0) + " %";
}

std::string name_of(const Stakeholder& s) {
  return s.name.empty() ? s.id : s.name;
}

/// "228 enterprises (71 %), 12 universities (4 %), …" by descending count.
std::string type_breakdown(const Network& network) {
  std::map<std::string, std::size_t> counts;
  for (const Stakeholder& s : network.stakeholders)
    ++counts[s.type];
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (const auto& [type, count] : sorted) {
    if (!out.empty()) out += ", ";
    out += whole(static_cast<double>(count)) + " " + type_label_in_text(network, type) + " (" +
           percent(static_cast<double>(count) / static_cast<double>(network.size())) + ")";
  }
  return out;
}

const NamedScene* figure_named(const ReportInput& in, const std::string& name) {
  if (in.figures == nullptr) return nullptr;
  for (const NamedScene& f : *in.figures)
    if (f.name == name) return &f;
  return nullptr;
}

void add_figure(ReportSection& section, const ReportInput& in, const std::string& name,
                const std::string& caption) {
  if (const NamedScene* f = figure_named(in, name))
    section.blocks.push_back(figure_block(name, &f->scene, caption));
}

/// Stakeholders ordered by `values` (descending; NaN last; ties by stakeholder order).
std::vector<std::size_t> ranked(const std::vector<double>& values, std::size_t count) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto key = [&](std::size_t v) { return std::isfinite(values[v]) ? values[v] : -INFINITY; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  order.resize(std::min(count, order.size()));
  return order;
}

/// The Gould–Fernandez role a stakeholder plays most often, or "".
std::string main_broker_role(const metrics::MetricsResult& m, std::size_t v) {
  static const std::pair<const char*, const char*> roles[] = {{"broker_coordinator", "coordinator"},
                                                              {"broker_gatekeeper", "gatekeeper"},
                                                              {"broker_representative", "representative"},
                                                              {"broker_consultant", "consultant"},
                                                              {"broker_liaison", "liaison"}};
  std::string best;
  double most = 0;
  for (const auto& [column, label] : roles) {
    const auto it = std::find_if(m.nodes.begin(), m.nodes.end(),
                                 [&](const metrics::MetricColumn& c) { return c.name == column; });
    if (it == m.nodes.end()) continue;
    const double value = it->values[v];
    if (std::isfinite(value) && value > most) {
      most = value;
      best = label;
    }
  }
  return best;
}

bool has_column(const metrics::MetricsResult& m, const std::string& name) {
  return std::any_of(m.nodes.begin(), m.nodes.end(),
                     [&](const metrics::MetricColumn& c) { return c.name == name; });
}

std::vector<double> column_or_nan(const metrics::MetricsResult& m, const std::string& name, std::size_t n) {
  return has_column(m, name) ? m.column(name) : std::vector<double>(n, std::nan(""));
}

std::string candidate_title(const candidates::Candidate& c) {
  std::string title = c.sector.empty()
                          ? (c.top_sector.empty() ? std::string("mixed group") : c.top_sector + " and others")
                          : c.sector;
  if (c.community >= 0) title += " (community " + std::to_string(c.community) + ")";
  return title;
}

std::string names_of(const Network& network, const std::vector<VertexId>& ids, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < std::min(most, ids.size()); ++i) {
    if (!out.empty()) out += "; ";
    out += name_of(network.stakeholders[ix(ids[i])]);
  }
  if (ids.size() > most) out += "; and " + std::to_string(ids.size() - most) + " more";
  return out;
}

ReportSection overview(const ReportInput& in) {
  const Network& net = *in.network;
  const metrics::MetricsResult& m = *in.metrics;
  ReportSection s{"overview", "The functional area in numbers", {}};
  std::int32_t groups = 0;
  for (const auto& c : in.communities->communities)
    groups += c.size >= 2 ? 1 : 0;
  std::int32_t ready = 0;
  for (const auto& c : *in.candidates)
    ready += c.level == candidates::Level::initiative_ready ? 1 : 0;
  s.blocks.push_back(
      key_figures({{whole(static_cast<double>(net.size())), "stakeholders"},
                   {whole(m.measure("pairs")), "tied pairs"},
                   {std::to_string(groups), "communities"},
                   {std::to_string(ready), candidates::level_name(candidates::Level::initiative_ready)}}));
  std::string text = net.name.empty() ? std::string("The network") : net.name;
  text += " holds " + whole(static_cast<double>(net.size())) + " stakeholders: " + type_breakdown(net) + ". ";
  text += whole(static_cast<double>(net.ties.size())) + " recorded ties join " + whole(m.measure("pairs")) +
          " pairs of stakeholders (density " + fixed(m.measure("density"), 3) + ": " +
          percent(m.measure("density")) + " of all possible pairs). ";
  const double giant = m.measure("giant_share");
  text += percent(giant) + " of the stakeholders are in one connected network";
  const double isolates = m.measure("isolates");
  if (std::isfinite(isolates) && isolates > 0)
    text += "; " + whole(isolates) + " have no tie at all and are candidates for outreach";
  text += ". ";
  const double path = m.measure("average_path_length");
  if (std::isfinite(path))
    text += "Two connected stakeholders are on average " + fixed(path, 1) + " steps apart (at most " +
            whole(m.measure("diameter")) + ").";
  s.blocks.push_back(paragraph(text));
  if (!net.description.empty()) {
    std::string description = net.description;
    if (description.back() != '.' && description.back() != '!' && description.back() != '?')
      description += '.';
    s.blocks.push_back(paragraph(description));
  }

  // Stakeholder types: counts and how connected each type is.
  const std::vector<double>& degree = m.column("degree");
  std::map<std::string, std::pair<std::size_t, double>> by_type;
  for (std::size_t v = 0; v < net.size(); ++v) {
    auto& [count, sum] = by_type[net.stakeholders[v].type];
    ++count;
    sum += std::isfinite(degree[v]) ? degree[v] : 0;
  }
  ReportTable t;
  t.name = "types";
  t.caption = "Stakeholders by type, with their mean number of partners";
  t.header = {"type", "stakeholders", "share", "mean partners"};
  t.numeric = {false, true, true, true};
  std::vector<std::pair<std::string, std::pair<std::size_t, double>>> rows(by_type.begin(), by_type.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  for (const auto& [type, cs] : rows)
    t.rows.push_back({type_label(net, type), whole(static_cast<double>(cs.first)),
                      percent(static_cast<double>(cs.first) / static_cast<double>(net.size())),
                      fixed(cs.second / static_cast<double>(cs.first), 1)});
  s.blocks.push_back(table_block(std::move(t)));
  return s;
}

ReportSection network_section(const ReportInput& in) {
  ReportSection s{"network", "The network", {}};
  s.blocks.push_back(paragraph(
      "Each disc is a stakeholder, coloured by its community and sized by betweenness (how often it lies "
      "on the shortest paths between others); lines are ties, darker for stronger ones. Stakeholders who "
      "work together are drawn close together, so dense coloured clouds are groups that cooperate among "
      "themselves; the large discs between them are the brokers who connect the groups."));
  add_figure(s, in, "network-communities",
             "The stakeholders coloured by community; the 15 strongest brokers named.");
  add_figure(s, in, "network-types", "The same network coloured by stakeholder type.");
  add_figure(s, in, "degree-distribution",
             "How many stakeholders have how many partners (log-log): a few hubs and many with few ties.");
  return s;
}

ReportSection actors(const ReportInput& in) {
  const Network& net = *in.network;
  const metrics::MetricsResult& m = *in.metrics;
  const std::size_t n = net.size();
  ReportSection s{"actors", "Key actors and brokers", {}};
  const std::vector<double>& degree = m.column("degree");
  const std::vector<double> strength = column_or_nan(m, "strength", n);
  const std::vector<double> betweenness = column_or_nan(m, "betweenness_norm", n);
  const std::vector<double> constraint = column_or_nan(m, "constraint", n);
  const std::vector<double> effective = column_or_nan(m, "effective_size", n);

  const auto top_degree = ranked(degree, 15);
  if (!top_degree.empty()) {
    const Stakeholder& first = net.stakeholders[top_degree.front()];
    s.blocks.push_back(paragraph(
        "Key actors are the stakeholders with the most partners; brokers are those on whom the others depend "
        "to reach each other. " +
        name_of(first) + " (" + type_label(net, first.type) +
        ") has the most partners: " + whole(degree[top_degree.front()]) + "."));
  }
  ReportTable actors_table;
  actors_table.name = "key-actors";
  actors_table.caption = "The 15 stakeholders with the most partners";
  actors_table.header = {"rank", "id", "stakeholder", "type", "partners", "tie strength", "betweenness"};
  actors_table.numeric = {true, false, false, false, true, true, true};
  for (std::size_t i = 0; i < top_degree.size(); ++i) {
    const std::size_t v = top_degree[i];
    const Stakeholder& st = net.stakeholders[v];
    actors_table.rows.push_back({std::to_string(i + 1), st.id, name_of(st), type_label(net, st.type),
                                 whole(degree[v]), fixed(strength[v], 1), fixed(betweenness[v], 3)});
  }
  s.blocks.push_back(table_block(std::move(actors_table)));

  const auto top_brokers = ranked(betweenness, 10);
  if (!top_brokers.empty() && std::isfinite(betweenness[top_brokers.front()])) {
    const Stakeholder& first = net.stakeholders[top_brokers.front()];
    s.blocks.push_back(paragraph(
        "The strongest broker is " + name_of(first) + " (" + type_label(net, first.type) + "): it lies on " +
        percent(betweenness[top_brokers.front()]) +
        " of the shortest paths between other stakeholders. Low constraint and a large effective size mean "
        "a broker's partners are not tied to each other — it bridges structural holes (Burt 1992). The role "
        "column gives the brokerage role between stakeholder types it plays most often (Gould & Fernandez "
        "1989): a liaison links two types other than its own, a gatekeeper lets outsiders into its own "
        "type."));
  }
  ReportTable brokers;
  brokers.name = "brokers";
  brokers.caption = "The 10 strongest brokers (normalised betweenness)";
  brokers.header = {"rank",        "id",         "stakeholder",    "type",
                    "betweenness", "constraint", "effective size", "main role"};
  brokers.numeric = {true, false, false, false, true, true, true, false};
  for (std::size_t i = 0; i < top_brokers.size(); ++i) {
    const std::size_t v = top_brokers[i];
    const Stakeholder& st = net.stakeholders[v];
    brokers.rows.push_back({std::to_string(i + 1), st.id, name_of(st), type_label(net, st.type),
                            fixed(betweenness[v], 3), fixed(constraint[v], 2), fixed(effective[v], 1),
                            main_broker_role(m, v)});
  }
  s.blocks.push_back(table_block(std::move(brokers)));
  add_figure(s, in, "top-betweenness", "The 15 strongest brokers by betweenness.");
  return s;
}

ReportSection communities_section(const ReportInput& in) {
  const Network& net = *in.network;
  const communities::CommunityResult& r = *in.communities;
  const metrics::MetricsResult& m = *in.metrics;
  ReportSection s{"communities", "Communities", {}};
  std::int32_t groups = 0, stable = 0;
  for (const auto& c : r.communities) {
    if (c.size < 2) continue;
    ++groups;
    stable += c.stability >= 0.5 ? 1 : 0;
  }
  std::string text =
      "Communities are groups of stakeholders with more ties among themselves than with the rest. "
      "The consensus of " +
      std::to_string(r.runs) + " seeded runs of " + communities::algorithm_name(r.algorithm) + " finds " +
      std::to_string(groups) + " communities of two or more members; " + std::to_string(stable) +
      " of them are recovered in at least half of the runs. ";
  text += "Modularity is " + fixed(r.modularity, 3);
  if (std::isfinite(r.modularity_z)) {
    text += "; against " + std::to_string(r.null_models) +
            " randomly rewired networks with the same numbers of partners the structure has z = " +
            fixed(r.modularity_z, 1) +
            (r.modularity_z > 3 ? " — far beyond chance: the groups are real."
                                : " — not clearly beyond chance: read the groups with care.");
  } else {
    text += " (no significance test: run with --null-models 20 or more).";
  }
  s.blocks.push_back(paragraph(text));

  const auto members = r.partition.members();
  const std::vector<double>& strength = in.ties->strength;
  const double sector_min_share = in.candidate_config->sector_group_min_share;
  ReportTable t;
  t.name = "communities";
  t.caption = "Communities of two or more members";
  t.header = {"community", "members", "main sector", "most central members", "density", "stability"};
  t.numeric = {true, true, false, false, true, true};
  for (const auto& c : r.communities) {
    if (c.size < 2) continue;
    const auto& ids = members[static_cast<std::size_t>(c.id)];
    const SectorShare sectors = sector_share(net, ids, sector_min_share);
    std::vector<VertexId> central(ids.begin(), ids.end());
    std::stable_sort(central.begin(), central.end(),
                     [&](VertexId a, VertexId b) { return strength[ix(a)] > strength[ix(b)]; });
    t.rows.push_back({std::to_string(c.id), std::to_string(c.size),
                      !sectors.dominant.empty() ? sectors.dominant + " (" + percent(sectors.share) + ")"
                      : sectors.top.empty()
                          ? std::string("–")
                          : "mixed (largest: " + sectors.top + ", " + percent(sectors.share) + ")",
                      names_of(net, central, 3), fixed(c.density, 2), percent(c.stability)});
  }
  s.blocks.push_back(table_block(std::move(t)));
  add_figure(s, in, "community-composition", "Who is in each community, by stakeholder type.");
  add_figure(s, in, "community-graph", "Communities and the ties between them.");

  // How types mix (the researcher's question).
  const double ei = m.measure("ei_index");
  const double p = m.measure("ei_p_value");
  const double assort = m.measure("type_assortativity");
  std::string mixing = "How do stakeholder types mix? ";
  if (std::isfinite(ei)) {
    mixing += "The E-I index of the types is " + fixed(ei, 2) +
              (ei < 0 ? " (more ties inside types than between them"
                      : " (more ties between types than inside them");
    if (std::isfinite(p)) mixing += "; permutation p = " + fixed(p, 3);
    mixing += ")";
  }
  if (std::isfinite(assort)) mixing += " and the type assortativity is " + fixed(assort, 2);
  mixing += ". The heatmap counts the tied pairs between every two types.";
  s.blocks.push_back(paragraph(mixing));
  add_figure(s, in, "type-mixing", "Tied pairs between and within stakeholder types.");
  return s;
}

ReportSection candidates_section(const ReportInput& in) {
  const Network& net = *in.network;
  const auto& found = *in.candidates;
  ReportSection s{"candidates", "Cluster-initiative candidates", {}};
  std::int32_t ready = 0, emerging = 0;
  for (const auto& c : found) {
    ready += c.level == candidates::Level::initiative_ready ? 1 : 0;
    emerging += c.level == candidates::Level::emerging ? 1 : 0;
  }
  s.blocks.push_back(paragraph(
      "Candidates are communities and sector groups that could carry a cluster initiative. Each is scored "
      "0–1 on six parts — cohesion, composition (firms, academia, government and a coordinator), stability, "
      "critical mass, a coordinator who brokers the group, and geography — and levelled " +
      core::choices(candidates::kLevelNames) + ". " + std::to_string(found.size()) + " candidates: " +
      std::to_string(ready) + " " + candidates::level_name(candidates::Level::initiative_ready) + ", " +
      std::to_string(emerging) + " " + candidates::level_name(candidates::Level::emerging) +
      ". The anchors and the coordinator of each are the first stakeholders "
      "to visit."));
  ReportTable all;
  all.name = "candidates";
  all.caption = "Every candidate, best first";
  all.header = {"rank", "candidate", "level", "score", "members", "coordinator", "gaps"};
  all.numeric = {true, false, false, true, true, false, false};
  for (const auto& c : found) {
    std::string gaps;
    for (const auto& g : c.gaps)
      gaps += (gaps.empty() ? "" : "; ") + g;
    all.rows.push_back({std::to_string(c.rank), candidate_title(c), candidates::level_name(c.level),
                        fixed(c.score, 2), std::to_string(c.members.size()),
                        c.coordinator >= 0 ? name_of(net.stakeholders[ix(c.coordinator)]) : "none",
                        gaps.empty() ? "–" : gaps});
  }
  s.blocks.push_back(table_block(std::move(all)));

  for (std::size_t i = 0; i < std::min(in.candidate_pages, found.size()); ++i) {
    const auto& c = found[i];
    if (c.level == candidates::Level::weak) break;
    s.blocks.push_back(page_break());
    s.blocks.push_back(subheading(std::to_string(c.rank) + ". " + candidate_title(c) + " — " +
                                  candidates::level_name(c.level) + ", score " + fixed(c.score, 2)));
    add_figure(s, in, "candidate-" + std::to_string(c.rank),
               "Members placed as in the network figure; anchors ringed black, the coordinator orange; score "
               "parts on the right.");
    s.blocks.push_back(paragraph(c.reason));
    std::vector<std::string> visit;
    if (c.coordinator >= 0)
      visit.push_back("Coordinator: " + name_of(net.stakeholders[ix(c.coordinator)]) + " (" +
                      net.stakeholders[ix(c.coordinator)].id + "), tied to " + percent(c.coordinator_reach) +
                      " of the other members");
    for (const VertexId a : c.anchors)
      if (a != c.coordinator)
        visit.push_back("Anchor: " + name_of(net.stakeholders[ix(a)]) + " (" + net.stakeholders[ix(a)].id +
                        ", " + type_label(net, net.stakeholders[ix(a)].type) + ")");
    if (!visit.empty()) {
      s.blocks.push_back(subheading("Whom to visit first"));
      s.blocks.push_back(bullets(visit));
    }
    if (!c.gaps.empty()) {
      s.blocks.push_back(subheading("Gaps to close"));
      s.blocks.push_back(bullets(c.gaps, "warning"));
    }
  }
  return s;
}

ReportSection visits_section(const ReportInput& in) {
  const Network& net = *in.network;
  ReportSection s{"visits", "Whom to visit, whom to introduce", {}};
  const auto& visits = *in.visits;
  const auto& recommended = *in.recommendations;
  s.blocks.push_back(paragraph(
      "Firms are ranked for a visit by documented criteria — membership of a leading candidate group without "
      "a "
      "tie to its coordinator or anchors, no tie to academia or business support, isolation, a recommended "
      "partner in another community, and size — and each visit comes with the partners to recommend: "
      "stakeholders the firm has no tie with yet, scored on shared partners, three-step paths, activity, the "
      "role its partners lack, related sectors, a common candidate group, needs matched by offers and "
      "proximity (recommendations.csv, visit-plan.csv; docs/recommend.md)."));
  ReportTable plan;
  plan.name = "visit-plan";
  plan.caption = "The first visits, and the partner to recommend first";
  plan.header = {"#", "firm", "why", "first partner to recommend"};
  plan.numeric = {true, false, false, false};
  for (const auto& v : visits) {
    std::string why;
    for (const std::string& label : v.labels)
      why += (why.empty() ? "" : "; ") + label;
    plan.rows.push_back(
        {std::to_string(v.rank), name_of(net.stakeholders[ix(v.firm)]), why,
         v.partners.empty() ? "–" : name_of(net.stakeholders[ix(v.partners.front().partner)])});
  }
  if (plan.rows.empty())
    s.blocks.push_back(paragraph("No firm meets a visit criterion."));
  else
    s.blocks.push_back(table_block(std::move(plan)));
  // The strongest introductions: first-ranked recommendations with an introducer, best score first.
  std::vector<const recommend::Recommendation*> strongest;
  for (const auto& r : recommended)
    if (r.partner >= 0 && r.rank == 1 && r.introducer >= 0) strongest.push_back(&r);
  std::stable_sort(strongest.begin(), strongest.end(),
                   [](const auto* a, const auto* b) { return a->score > b->score; });
  if (strongest.size() > 10) strongest.resize(10);
  if (!strongest.empty()) {
    ReportTable intro;
    intro.name = "introductions";
    intro.caption = "The strongest recommended introductions";
    intro.header = {"firm", "partner", "introduced by", "score", "reason"};
    intro.numeric = {false, false, false, true, false};
    for (const auto* r : strongest)
      intro.rows.push_back({name_of(net.stakeholders[ix(r->query)]),
                            name_of(net.stakeholders[ix(r->partner)]),
                            name_of(net.stakeholders[ix(r->introducer)]), fixed(r->score, 2), r->reason});
    s.blocks.push_back(table_block(std::move(intro)));
  }
  if (in.unmet_needs != nullptr && !in.unmet_needs->empty()) {
    s.blocks.push_back(subheading("Needs nobody in the area offers"));
    std::vector<std::string> items;
    for (const auto& u : *in.unmet_needs) {
      std::string who;
      for (std::size_t i = 0; i < u.needed_by.size() && i < 3; ++i)
        who += (i == 0 ? "" : ", ") + name_of(net.stakeholders[ix(u.needed_by[i])]);
      if (u.needed_by.size() > 3) who += " and " + std::to_string(u.needed_by.size() - 3) + " more";
      items.push_back(u.need + " — needed by " + who);
    }
    s.blocks.push_back(bullets(std::move(items), "warning"));
  }
  return s;
}

ReportSection methods(const ReportInput& in) {
  const communities::CommunityResult& r = *in.communities;
  const metrics::MetricsResult& m = *in.metrics;
  ReportSection s{"methods", "Methods and parameters", {}};
  std::string paths =
      m.sampled_paths
          ? "Betweenness is estimated from " + whole(static_cast<double>(m.path_sources)) +
                " sampled source stakeholders (error bound " + fixed(m.path_error_bound, 4) + ")"
          : std::string("Betweenness, closeness and harmonic centrality are exact (Brandes 2001)");
  paths +=
      "; tie weights count as strength (a stronger tie is a shorter path), unless set otherwise below. "
      "Brokerage roles follow Gould & Fernandez (1989), constraint and effective size Burt (1992).";
  s.blocks.push_back(paragraph(paths));
  s.blocks.push_back(paragraph("Communities: " + std::string(communities::algorithm_name(r.algorithm)) +
                               " (Traag et al. 2019), " + std::to_string(r.runs) + " runs seeded from " +
                               std::to_string(r.seed) + ", resolution " + fixed(r.resolution, 2) +
                               ", combined into a consensus (Lancichinetti & Fortunato 2012); a community's "
                               "stability is the share of runs "
                               "that recover it (Jaccard ≥ 0.5). Significance: modularity against " +
                               std::to_string(r.null_models) +
                               " degree-preserving rewired networks (Maslov & Sneppen 2002)."));
  s.blocks.push_back(paragraph(
      "Candidates: the score parts and level thresholds of docs/candidates.md, in the spirit of the European "
      "Cluster Collaboration Platform's cluster criteria; figures: " +
      (in.layout == layout::Algorithm::fa2 ? std::string("ForceAtlas2 layout (Jacomy et al. 2014)")
                                           : layout::algorithm_title(in.layout) + " layout") +
      ", colours from Okabe & Ito (2008) and Tol (2021), seed " + std::to_string(in.seed) +
      ". The same input, options and seed give the same files; manifest.json records the input checksums, "
      "every option and where it came from, the library versions and the timings."));
  if (!in.parameters.empty()) {
    ReportTable t;
    t.name = "parameters";
    t.caption = "Every option of this run, its value and where it came from";
    t.header = {"option", "value", "source"};
    t.numeric = {false, false, false};
    t.rows = in.parameters;
    s.blocks.push_back(table_block(std::move(t)));
  }
  return s;
}

}  // namespace

Report build_report(const ReportInput& in) {
  if (in.network == nullptr || in.ties == nullptr || in.metrics == nullptr || in.communities == nullptr ||
      in.candidates == nullptr || in.candidate_config == nullptr)
    throw std::invalid_argument(
        "build_report: network, tie view, metrics, communities, candidates and their settings are required");
  const Network& net = *in.network;
  Report report;
  report.title = (net.name.empty() ? std::string("Network") : net.name) + ": cluster-network analysis";
  report.subtitle = net.area.empty() ? net.description : net.area;
  report.meta = "clusterscope " + in.version + " · seed " + std::to_string(in.seed);
  if (!in.input_sha256.empty()) report.meta += " · input SHA-256 " + in.input_sha256.substr(0, 12) + "…";
  if (!net.source.empty()) report.meta += " · data: " + net.source;
  report.sections.push_back(overview(in));
  report.sections.push_back(network_section(in));
  report.sections.push_back(actors(in));
  report.sections.push_back(communities_section(in));
  report.sections.push_back(candidates_section(in));
  if (in.recommendations != nullptr && in.visits != nullptr) report.sections.push_back(visits_section(in));
  if (in.uptake != nullptr) report.sections.push_back(uptake_section(*in.network, *in.uptake));
  report.sections.push_back(methods(in));
  report.references = {
      "Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of Mathematical Sociology "
      "25(2), "
      "163–177.",
      "Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard University Press.",
      "Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage in "
      "transaction networks. Sociological Methodology 19, 89–126.",
      "Jacomy, M., Venturini, T., Heymann, S. & Bastian, M. (2014). ForceAtlas2, a continuous graph layout "
      "algorithm for handy network visualization designed for the Gephi software. PLoS ONE 9(6), e98679.",
      "Lancichinetti, A. & Fortunato, S. (2012). Consensus clustering in complex networks. Scientific "
      "Reports 2, "
      "336.",
      "Maslov, S. & Sneppen, K. (2002). Specificity and stability in topology of protein networks. Science "
      "296(5569), 910–913.",
      "Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and presentations that "
      "are "
      "friendly to colorblind people. https://jfly.uni-koeln.de/color/",
      "Tol, P. (2021). Colour Schemes. SRON/EPS/TN/09-002.",
      "Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing "
      "well-connected "
      "communities. Scientific Reports 9, 5233."};
  return report;
}

}  // namespace clusterscope::pipeline
