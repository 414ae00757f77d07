#include "clusterscope/pipeline/community_outputs.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/metrics/metrics.hpp"

namespace clusterscope::pipeline {

namespace {

using metrics::metric_text;
using ordered_json = nlohmann::ordered_json;

std::size_t ix(std::int32_t v) {
  return static_cast<std::size_t>(v);
}

/// The facts of one community that the table and the JSON share.
struct Row {
  std::vector<std::int32_t> by_type;  ///< per vocabulary term, then one "unlisted" count
  SectorShare sector;
  std::vector<VertexId> central;
};

std::vector<Row> rows(const Network& network, const TieView& view, const communities::CommunityResult& result,
                      double sector_min_share, std::size_t central) {
  const std::vector<double>& centrality = view.strength;
  const std::size_t unlisted = view.types.listed;
  const auto members = result.partition.members();
  std::vector<Row> out(members.size());
  for (std::size_t c = 0; c < members.size(); ++c) {
    Row& row = out[c];
    row.by_type.assign(unlisted + 1, 0);
    for (const VertexId v : members[c]) {
      const std::int32_t type = view.types.of[ix(v)];
      ++row.by_type[view.types.is_listed(type) ? ix(type) : unlisted];
    }
    row.sector = sector_share(network, members[c], sector_min_share);
    std::vector<VertexId> ranked = members[c];
    std::stable_sort(ranked.begin(), ranked.end(), [&](VertexId a, VertexId b) {
      const double x = centrality[ix(a)];
      const double y = centrality[ix(b)];
      if (x != y) return x > y;
      return network.stakeholders[ix(a)].id < network.stakeholders[ix(b)].id;
    });
    ranked.resize(std::min(central, ranked.size()));
    row.central = ranked;
  }
  return out;
}

std::string joined_ids(const Network& network, const std::vector<VertexId>& ids) {
  std::string out;
  for (const VertexId v : ids) {
    if (!out.empty()) out += ';';
    out += network.stakeholders[ix(v)].id;
  }
  return out;
}

ordered_json number(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

}  // namespace

std::string community_assignment_csv(const Network& network, const communities::CommunityResult& result) {
  std::string out;
  io::append_csv_row(out, {"id", "community", "stability"});
  for (std::size_t v = 0; v < network.stakeholders.size(); ++v) {
    io::append_csv_row(out, {network.stakeholders[v].id, std::to_string(result.partition.membership[v]),
                             metric_text(result.node_stability[v])});
  }
  return out;
}

std::string community_table_csv(const Network& network, const TieView& view,
                                const communities::CommunityResult& result, double sector_min_share,
                                std::size_t central) {
  const std::vector<Row> facts = rows(network, view, result, sector_min_share, central);
  std::vector<std::string> header = {"community", "size"};
  for (std::size_t t = 0; t < view.types.listed; ++t)
    header.push_back("n_" + view.types.names[t]);
  header.insert(header.end(),
                {"internal_ties", "density", "conductance", "stability", "stable_runs", "runs", "z_internal",
                 "dominant_sector", "top_sector", "sector_share", "central_members"});
  std::string out;
  io::append_csv_row(out, header);
  for (std::size_t c = 0; c < facts.size(); ++c) {
    const communities::CommunityStats& s = result.communities[c];
    std::vector<std::string> row = {std::to_string(s.id), std::to_string(s.size)};
    for (std::size_t t = 0; t < view.types.listed; ++t)
      row.push_back(std::to_string(facts[c].by_type[t]));
    row.insert(row.end(),
               {std::to_string(s.internal_edges), metric_text(s.density), metric_text(s.conductance),
                metric_text(s.stability), std::to_string(s.recovered_runs), std::to_string(result.runs),
                metric_text(s.z_internal), facts[c].sector.dominant, facts[c].sector.top,
                metric_text(facts[c].sector.share), joined_ids(network, facts[c].central)});
    io::append_csv_row(out, row);
  }
  return out;
}

std::string community_json(const Network& network, const TieView& view,
                           const communities::CommunityResult& result, double sector_min_share,
                           const std::string& compared_with, const communities::Comparison& comparison,
                           std::size_t compared_count) {
  const std::vector<Row> facts = rows(network, view, result, sector_min_share, 3);
  ordered_json j;
  j["settings"] = {{"algorithm", communities::algorithm_name(result.algorithm)},
                   {"quality", core::name_of(communities::kQualityNames, result.quality)},
                   {"resolution", result.resolution},
                   {"runs", result.runs},
                   {"seed", result.seed},
                   {"null_models", result.null_models}};
  j["communities_found"] = result.partition.count;
  j["modularity"] = number(result.modularity);
  j["null_modularity_mean"] = number(result.null_modularity_mean);
  j["null_modularity_sd"] = number(result.null_modularity_sd);
  j["modularity_z"] = number(result.modularity_z);
  j["split_communities"] = result.split_communities;
  if (!compared_with.empty()) {
    j["comparison"] = {{"attribute", compared_with},
                       {"stakeholders", compared_count},
                       {"nmi", number(comparison.nmi)},
                       {"ari", number(comparison.ari)}};
  }
  ordered_json sweep = ordered_json::array();
  for (const communities::SweepPoint& p : result.sweep) {
    sweep.push_back({{"resolution", p.resolution},
                     {"communities", p.communities},
                     {"modularity", number(p.quality)},
                     {"stability", number(p.stability)}});
  }
  j["sweep"] = sweep;
  ordered_json list = ordered_json::array();
  for (std::size_t c = 0; c < facts.size(); ++c) {
    const communities::CommunityStats& s = result.communities[c];
    ordered_json types = ordered_json::object();
    for (std::size_t t = 0; t < view.types.listed; ++t) {
      if (facts[c].by_type[t] > 0) types[view.types.names[t]] = facts[c].by_type[t];
    }
    ordered_json central = ordered_json::array();
    for (const VertexId v : facts[c].central)
      central.push_back(network.stakeholders[ix(v)].id);
    list.push_back({{"community", s.id},
                    {"size", s.size},
                    {"types", types},
                    {"internal_ties", s.internal_edges},
                    {"density", number(s.density)},
                    {"conductance", number(s.conductance)},
                    {"stability", number(s.stability)},
                    {"stable_runs", s.recovered_runs},
                    {"z_internal", number(s.z_internal)},
                    {"split", s.split},
                    {"dominant_sector", facts[c].sector.dominant},
                    {"top_sector", facts[c].sector.top},
                    {"sector_share", number(facts[c].sector.share)},
                    {"central_members", central}});
  }
  j["communities"] = list;
  ordered_json members = ordered_json::array();
  for (std::size_t v = 0; v < network.stakeholders.size(); ++v) {
    members.push_back({{"id", network.stakeholders[v].id},
                       {"community", result.partition.membership[v]},
                       {"stability", number(result.node_stability[v])}});
  }
  j["stakeholders"] = members;
  return j.dump(2) + "\n";
}

communities::Comparison compare_with_attribute(const Network& network, const Partition& partition,
                                               const std::string& attribute, std::size_t& compared) {
  const std::vector<std::string> fields = io::used_stakeholder_fields(network);
  const bool canonical = std::find(stakeholder_fields().begin(), stakeholder_fields().end(), attribute) !=
                         stakeholder_fields().end();
  const bool extra = std::find(network.attribute_names.begin(), network.attribute_names.end(), attribute) !=
                     network.attribute_names.end();
  if (attribute == "id" || (!canonical && !extra)) {
    std::string known;
    for (const std::string& f : fields) {
      if (f == "id") continue;
      known += (known.empty() ? "" : ", ") + f;
    }
    throw UsageError("--compare-with '" + attribute + "': no such stakeholder attribute; known: " + known);
  }
  std::vector<std::int32_t> ours, theirs;
  std::map<std::string, std::int32_t> codes;
  for (std::size_t v = 0; v < network.stakeholders.size(); ++v) {
    const std::string value = io::stakeholder_values(network.stakeholders[v], {attribute}).front();
    if (value.empty()) continue;
    const auto [it, fresh] = codes.try_emplace(value, static_cast<std::int32_t>(codes.size()));
    ours.push_back(partition.membership[v]);
    theirs.push_back(it->second);
  }
  compared = ours.size();
  if (ours.empty()) {
    throw UsageError("--compare-with '" + attribute + "': no stakeholder has a value");
  }
  return communities::compare_partitions(ours, theirs);
}

}  // namespace clusterscope::pipeline

namespace clusterscope::pipeline {

std::vector<candidates::Candidate> find_candidates(const Network& network, const TieView& view,
                                                   const communities::CommunityResult& communities,
                                                   const candidates::CandidateConfig& config,
                                                   unsigned threads) {
  candidates::CandidateInput input;
  input.network = &network;
  input.edges = &view.pairs;
  input.communities = &communities.partition;
  input.node_stability = communities.node_stability;
  input.runs = communities.runs;
  for (const communities::CommunityStats& s : communities.communities) {
    input.community_stability.push_back(s.stability);
    input.community_recovered_runs.push_back(s.recovered_runs);
    input.community_z.push_back(s.z_internal);
  }
  input.centrality = view.strength;
  input.threads = threads;
  return candidates::find_candidates(input, config);
}

}  // namespace clusterscope::pipeline
