// Cluster-initiative candidates (docs/candidates.md): communities and sector groups, merged where
// they coincide, scored on cohesion, composition, stability, critical mass, coordinator and
// geography, levelled and ranked, each with a reason and its gaps. Pure C++ over results already
// computed; the only algorithm borrowed is exact betweenness from metrics/paths.

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

#include "clusterscope/metrics/paths.hpp"
#include "groups.hpp"

namespace clusterscope::candidates {

namespace {

using detail::PairGraph;
using detail::RoleMap;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEarthRadiusKm = 6371.0088;  // mean Earth radius (IUGG)
constexpr double kPi = 3.14159265358979323846;

/// A group of stakeholders before scoring.
struct Group {
  std::vector<VertexId> members;  ///< ascending
  Origin origin = Origin::community;
  CommunityId community = -1;
  std::vector<std::string> merged_sectors;
  double sector_jaccard = 0;
};

std::size_t index(VertexId v) {
  return static_cast<std::size_t>(v);
}

void check_input(const CandidateInput& in) {
  if (in.network == nullptr) throw std::invalid_argument("candidates: no network given");
  const std::size_t n = in.network->size();
  const auto per_stakeholder = [n](const std::vector<double>& v, const char* what) {
    if (!v.empty() && v.size() != n)
      throw std::invalid_argument(std::string("candidates: ") + what + " has " + std::to_string(v.size()) +
                                  " values for " + std::to_string(n) + " stakeholders");
  };
  per_stakeholder(in.node_stability, "node_stability");
  per_stakeholder(in.centrality, "centrality");
  for (const double s : in.node_stability)
    if (!(s >= 0.0 && s <= 1.0)) throw std::invalid_argument("candidates: node_stability outside 0–1");
  if (in.runs < 1) throw std::invalid_argument("candidates: runs must be ≥ 1");
  const Partition* p = in.communities;
  const std::size_t k = p == nullptr ? 0 : static_cast<std::size_t>(p->count);
  if (p != nullptr) {
    if (p->membership.size() != n)
      throw std::invalid_argument("candidates: the partition has " + std::to_string(p->membership.size()) +
                                  " stakeholders, the network " + std::to_string(n));
    for (const CommunityId c : p->membership)
      if (c < 0 || c >= p->count) throw std::invalid_argument("candidates: community label out of range");
  }
  const auto per_community = [k](std::size_t size, const char* what) {
    if (size != 0 && size != k)
      throw std::invalid_argument(std::string("candidates: ") + what + " has " + std::to_string(size) +
                                  " values for " + std::to_string(k) + " communities");
  };
  per_community(in.community_stability.size(), "community_stability");
  per_community(in.community_recovered_runs.size(), "community_recovered_runs");
  per_community(in.community_z.size(), "community_z");
  for (const double s : in.community_stability)
    if (!(s >= 0.0 && s <= 1.0)) throw std::invalid_argument("candidates: community_stability outside 0–1");
}

std::vector<Group> community_groups(const Partition* partition, const CandidateConfig& config) {
  std::vector<Group> groups;
  if (partition == nullptr) return groups;
  const auto members = partition->members();
  for (std::size_t c = 0; c < members.size(); ++c) {
    if (static_cast<std::int64_t>(members[c].size()) < config.min_members) continue;
    groups.push_back({members[c], Origin::community, static_cast<CommunityId>(c), {}, 0.0});
  }
  return groups;
}

/// One group per sector: its firms that have at least one tie, plus every non-firm stakeholder
/// tied to at least sector_member_min_ties of those firms that either belongs to the sector itself
/// or has at least sector_member_min_focus of its firm partners in it.
std::vector<std::pair<std::string, std::vector<VertexId>>> sector_groups(const Network& network,
                                                                         const PairGraph& g,
                                                                         const RoleMap& roles,
                                                                         const CandidateConfig& config) {
  const std::size_t n = network.size();
  std::map<std::string, std::vector<VertexId>> firms;
  std::vector<std::int32_t> is_firm(n, 0);
  for (std::size_t v = 0; v < n; ++v) {
    const Stakeholder& s = network.stakeholders[v];
    if (roles.role(s.type) != detail::firm) continue;
    is_firm[v] = 1;
    if (!s.sector.empty() && !g.adjacency[v].empty()) firms[s.sector].push_back(static_cast<VertexId>(v));
  }
  std::vector<std::string> names;
  for (const auto& entry : firms)
    names.push_back(entry.first);
  // Sector index of every firm that is in some group, −1 otherwise.
  std::vector<std::int32_t> sector_of(n, -1);
  for (std::size_t i = 0; i < names.size(); ++i)
    for (const VertexId v : firms[names[i]])
      sector_of[index(v)] = static_cast<std::int32_t>(i);

  std::vector<std::vector<VertexId>> members(names.size());
  for (std::size_t i = 0; i < names.size(); ++i)
    members[i] = firms[names[i]];
  std::vector<std::int32_t> ties_to(names.size(), 0);
  std::vector<std::int32_t> touched;
  for (std::size_t v = 0; v < n; ++v) {
    if (is_firm[v] != 0 || g.adjacency[v].empty()) continue;
    std::int32_t firm_partners = 0;
    touched.clear();
    for (const auto& [u, w] : g.adjacency[v]) {
      if (is_firm[index(u)] == 0) continue;
      ++firm_partners;
      const std::int32_t s = sector_of[index(u)];
      if (s < 0) continue;
      if (ties_to[static_cast<std::size_t>(s)]++ == 0) touched.push_back(s);
    }
    std::sort(touched.begin(), touched.end());
    for (const std::int32_t s : touched) {
      const auto si = static_cast<std::size_t>(s);
      const std::int32_t k = ties_to[si];
      ties_to[si] = 0;
      if (k < config.sector_member_min_ties) continue;
      const bool own = network.stakeholders[v].sector == names[si];
      const bool focused = static_cast<double>(k) >= config.sector_member_min_focus * firm_partners;
      if (own || focused) members[si].push_back(static_cast<VertexId>(v));
    }
  }
  std::vector<std::pair<std::string, std::vector<VertexId>>> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (static_cast<std::int64_t>(members[i].size()) < config.min_members) continue;
    std::sort(members[i].begin(), members[i].end());
    out.emplace_back(names[i], std::move(members[i]));
  }
  return out;
}

/// Communities, and sector groups merged into the community they coincide with (Jaccard ≥
/// merge_jaccard, or identical); the community's member set is kept.
std::vector<Group> candidate_groups(const CandidateInput& in, const PairGraph& g, const RoleMap& roles,
                                    const CandidateConfig& config) {
  std::vector<Group> groups = community_groups(in.communities, config);
  std::vector<std::int32_t> group_of_community;
  if (in.communities != nullptr) {
    group_of_community.assign(static_cast<std::size_t>(in.communities->count), -1);
    for (std::size_t i = 0; i < groups.size(); ++i)
      group_of_community[static_cast<std::size_t>(groups[i].community)] = static_cast<std::int32_t>(i);
  }
  for (auto& [sector, members] : sector_groups(*in.network, g, roles, config)) {
    // Best community by Jaccard, ties to the smaller community id: only communities sharing a
    // member can be alike, and the partition names them.
    std::int32_t best = -1;
    double best_j = 0;
    if (in.communities != nullptr) {
      std::map<CommunityId, std::size_t> shared;
      for (const VertexId v : members)
        ++shared[in.communities->membership[index(v)]];
      for (const auto& [c, common] : shared) {
        const std::int32_t gi = group_of_community[static_cast<std::size_t>(c)];
        if (gi < 0) continue;
        const std::size_t size = groups[static_cast<std::size_t>(gi)].members.size();
        const double j = static_cast<double>(common) / static_cast<double>(members.size() + size - common);
        if (j > best_j) best = gi, best_j = j;
      }
    }
    if (best >= 0 && (best_j >= config.merge_jaccard || best_j == 1.0)) {
      Group& target = groups[static_cast<std::size_t>(best)];
      target.origin = Origin::community_and_sector;
      target.merged_sectors.push_back(sector);
      target.sector_jaccard = std::max(target.sector_jaccard, best_j);
    } else {
      groups.push_back({std::move(members), Origin::sector, -1, {sector}, 0.0});
    }
  }
  return groups;
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  const double r = kPi / 180.0;
  const double dlat = (lat2 - lat1) * r;
  const double dlon = (lon2 - lon1) * r;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * r) * std::cos(lat2 * r) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t m = values.size() / 2;
  return values.size() % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2.0;
}

/// What the reason and gaps need beyond the Candidate itself.
struct Facts {
  std::array<std::int32_t, detail::kRoles> role_counts{};
  std::int32_t with_sector = 0;
  std::int32_t in_sector = 0;
  std::int32_t with_municipality = 0;
  /// Coordinator-type members below the reach, with their partners inside.
  std::vector<std::pair<VertexId, std::int32_t>> thin_coordinators;
  bool stability_given = false;
  bool geography_by_municipality = false;
};

/// Every initiative-ready criterion except the score.
bool ready_apart_from_score(const Candidate& c, const CandidateConfig& config) {
  return static_cast<std::int64_t>(c.members.size()) >= config.ready_min_members &&
         c.roles >= config.ready_min_types && (!config.ready_needs_coordinator || c.coordinator >= 0) &&
         (!config.ready_needs_sector || !c.sector.empty()) && c.parts.cohesion >= config.ready_min_cohesion;
}

bool is_ready(const Candidate& c, const CandidateConfig& config) {
  return ready_apart_from_score(c, config) && c.score >= config.ready_min_score;
}

bool is_emerging(const Candidate& c, const CandidateConfig& config) {
  return static_cast<std::int64_t>(c.members.size()) >= config.emerging_min_members &&
         c.roles >= config.emerging_min_types && c.parts.cohesion >= config.emerging_min_cohesion &&
         c.score >= config.emerging_min_score;
}

std::string role_types_text(const Network& network, const std::vector<std::string>& types) {
  std::vector<std::string> labels;
  for (const std::string& t : types)
    labels.push_back(type_label_in_text(network, t));
  return detail::joined_or(labels);
}

std::vector<std::string> gaps_of(const Network& network, const Candidate& c, const Facts& f,
                                 const RoleMap& roles, const CandidateConfig& config) {
  using detail::counted;
  using detail::fixed;
  using detail::percent;
  std::vector<std::string> gaps;
  const auto n = static_cast<std::int64_t>(c.members.size());
  const auto present = [&](detail::Role r) { return f.role_counts[static_cast<std::size_t>(r)] > 0; };
  if (!roles.types(detail::coordinator).empty() && c.coordinator < 0) {
    if (f.thin_coordinators.empty()) {
      gaps.push_back("no coordinator (no " + role_types_text(network, roles.types(detail::coordinator)) +
                     " brokers the group)");
    } else {
      // The best-connected of them, ties by id.
      auto thin = f.thin_coordinators;
      std::sort(thin.begin(), thin.end(), [&](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        return network.stakeholders[index(a.first)].id < network.stakeholders[index(b.first)].id;
      });
      const Stakeholder& s = network.stakeholders[index(thin.front().first)];
      gaps.push_back("no coordinator (the " + type_label_in_text(network, s.type) + " " + s.id +
                     " ties to only " + std::to_string(thin.front().second) + " of the other " +
                     std::to_string(n - 1) + " members; a coordinator needs " +
                     std::to_string(percent(config.coordinator_min_reach)) + " %)");
    }
  }
  if (!roles.types(detail::academia).empty()) {
    if (!present(detail::academia)) {
      gaps.push_back("no academia (no " + role_types_text(network, roles.types(detail::academia)) + ")");
    } else {
      for (const std::string& t : roles.types(detail::academia)) {
        const bool has = std::any_of(c.members.begin(), c.members.end(),
                                     [&](VertexId v) { return network.stakeholders[index(v)].type == t; });
        if (!has) gaps.push_back("no " + type_label_in_text(network, t));
      }
    }
  }
  if (!roles.types(detail::government).empty() && !present(detail::government))
    gaps.push_back("no public partner (no " + role_types_text(network, roles.types(detail::government)) +
                   ")");
  if (!roles.types(detail::firm).empty() && !present(detail::firm))
    gaps.push_back("no firms (no " + role_types_text(network, roles.types(detail::firm)) + ")");
  if (n < config.ready_min_members)
    gaps.push_back("small (" + counted(n, "member") + "; initiative-ready needs " +
                   std::to_string(config.ready_min_members) + ")");
  if (c.parts.cohesion < config.ready_min_cohesion) {
    gaps.push_back("loosely knit (cohesion " + fixed(c.parts.cohesion, 2) + ", initiative-ready needs " +
                   fixed(config.ready_min_cohesion, 2) + ": density " + fixed(c.density, 2) + ", " +
                   fixed(c.density_ratio, 1) + " × the network's; conductance " + fixed(c.conductance, 2) +
                   ")");
  }
  if (c.sector.empty() && f.with_sector > 0) {
    gaps.push_back("no dominant sector (largest: " + c.top_sector + ", " +
                   std::to_string(percent(c.sector_share)) + " % of the members with a sector)");
  } else if (f.with_sector == 0 && config.ready_needs_sector) {
    gaps.push_back("no sector known for any member");
  }
  if (f.stability_given && c.stability < config.unstable_below) {
    if (c.community >= 0) {
      gaps.push_back("unstable (recovered in " + std::to_string(c.stable_runs) + " of " +
                     std::to_string(c.runs) + " runs)");
    } else {
      gaps.push_back("unstable (its members keep their communities in " +
                     std::to_string(percent(c.stability)) + " % of runs on average)");
    }
  }
  if (c.geography_known && c.parts.geography < 0.5) {
    if (f.geography_by_municipality) {
      gaps.push_back("scattered (largest municipality, " + c.municipality + ", holds " +
                     std::to_string(percent(c.parts.geography)) + " %)");
    } else {
      gaps.push_back("scattered (" + std::to_string(percent(c.parts.geography)) +
                     " % of the members within " + fixed(config.geography_radius_km, 0) +
                     " km of the group's centre)");
    }
  }
  // Score below a level whose other criteria are met.
  if (ready_apart_from_score(c, config) && c.score < config.ready_min_score)
    gaps.push_back("score " + fixed(c.score, 2) + " below the " + fixed(config.ready_min_score, 2) +
                   " initiative-ready needs");
  return gaps;
}

std::string reason_of(const Network& network, const Candidate& c, const Facts& f) {
  using detail::counted;
  using detail::fixed;
  using detail::percent;
  const auto n = static_cast<std::int64_t>(c.members.size());
  std::string text;
  // Origin.
  if (c.origin == Origin::sector) {
    text += "The " + c.merged_sectors.front() +
            " sector group: its firms and the institutions that work mainly with them. ";
  } else if (c.origin == Origin::community_and_sector) {
    text += "Community " + std::to_string(c.community) + ", which coincides with the " +
            detail::joined_or(c.merged_sectors) + " sector group (Jaccard " + fixed(c.sector_jaccard, 2) +
            "). ";
  } else {
    text += "Community " + std::to_string(c.community) + ". ";
  }
  // Composition, by type in vocabulary order, then any other types alphabetically.
  std::vector<std::string> parts;
  for (const auto& [type, count] : detail::members_by_type(network, c.members))
    parts.push_back(counted(count, type_label_in_text(network, type)));
  text += counted(n, "member") + ": ";
  for (std::size_t i = 0; i < parts.size(); ++i)
    text += (i > 0 ? ", " : "") + parts[i];
  text += ". ";
  if (!c.sector.empty()) {
    text += "Sector " + c.sector + ": " + std::to_string(f.in_sector) + " of the " +
            counted(f.with_sector, "member") + " with a sector (" + std::to_string(percent(c.sector_share)) +
            " %). ";
  } else if (f.with_sector > 0) {
    text +=
        "Mixed sectors (largest: " + c.top_sector + ", " + std::to_string(percent(c.sector_share)) + " %). ";
  }
  // Coordinator.
  if (c.coordinator >= 0) {
    const Stakeholder& s = network.stakeholders[index(c.coordinator)];
    const auto reached = std::llround(c.coordinator_reach * static_cast<double>(n - 1));
    text += "Coordinator: " + detail::display_name(s) + ", " + type_label_in_text(network, s.type) +
            ", tied to " + std::to_string(reached) + " of the other " + std::to_string(n - 1) +
            " members and holding " + std::to_string(percent(c.coordinator_share)) +
            " % of the group's outside ties. ";
  } else {
    text += "No coordinator. ";
  }
  // Cohesion.
  text += "Density " + fixed(c.density, 2) + " (" + fixed(c.density_ratio, 1) +
          " × the network's), conductance " + fixed(c.conductance, 2) + ". ";
  // Anchors.
  if (!c.anchors.empty()) {
    text += "Most central: ";
    for (std::size_t i = 0; i < c.anchors.size(); ++i)
      text += (i > 0 ? ", " : "") + detail::display_name(network.stakeholders[index(c.anchors[i])]);
    text += ". ";
  }
  // Stability.
  if (c.runs > 1 && f.stability_given) {
    if (c.community >= 0) {
      text += "Recovered in " + std::to_string(c.stable_runs) + " of " + std::to_string(c.runs) + " runs. ";
    } else {
      text += "Its members keep their communities in " + std::to_string(percent(c.stability)) +
              " % of runs on average. ";
    }
  }
  // Mass and place.
  if (c.employees_known > 0) {
    text += fixed(c.employees, 0) + " employees in " + std::to_string(c.employees_known) + " of the " +
            counted(c.firms, "firm") + ". ";
  }
  if (!c.municipality.empty() && f.with_municipality > 0) {
    text += std::to_string(percent(c.municipality_share)) + " % of the members with a municipality are in " +
            c.municipality + ".";
  }
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

Candidate score_group(const CandidateInput& in, const PairGraph& g, const RoleMap& roles,
                      const CandidateConfig& config, const Group& group, std::vector<std::int32_t>& inside) {
  const Network& network = *in.network;
  const std::size_t big_n = network.size();
  Candidate c;
  Facts f;
  c.members = group.members;
  c.origin = group.origin;
  c.community = group.community;
  c.merged_sectors = group.merged_sectors;
  c.sector_jaccard = group.sector_jaccard;
  const auto n = static_cast<std::int64_t>(c.members.size());
  const double nd = static_cast<double>(n);
  for (const VertexId v : c.members)
    inside[index(v)] = 1;

  // Cohesion: density lift over the network's density, 1 − conductance, their geometric mean,
  // discounted when the community's internal ties are not significant against the null model.
  double internal_weight = 0, cut = 0, volume = 0;
  std::vector<std::int32_t> internal_degree(static_cast<std::size_t>(n), 0);
  std::vector<std::int32_t> outside_degree(static_cast<std::size_t>(n), 0);
  for (std::size_t i = 0; i < c.members.size(); ++i) {
    const VertexId u = c.members[i];
    volume += g.strength[index(u)];
    for (const auto& [v, w] : g.adjacency[index(u)]) {
      if (inside[index(v)] != 0) {
        ++internal_degree[i];
        if (u < v) ++c.internal_pairs, internal_weight += w;
      } else {
        ++outside_degree[i];
        ++c.outside_pairs;
        cut += w;
      }
    }
  }
  const double possible = nd * (nd - 1.0) / 2.0;
  c.density = possible > 0 ? static_cast<double>(c.internal_pairs) / possible : 0.0;
  const double big_nd = static_cast<double>(big_n);
  const double network_density =
      big_n > 1 ? static_cast<double>(g.pairs) / (big_nd * (big_nd - 1.0) / 2.0) : 0.0;
  c.density_ratio = network_density > 0 ? c.density / network_density : 0.0;
  const double lift =
      (c.density > network_density && c.density > 0) ? 1.0 - network_density / c.density : 0.0;
  if (volume <= 0) {
    c.conductance = 1.0;  // no ties at all: nothing holds the group together
  } else if (cut <= 0) {
    c.conductance = 0.0;
  } else {
    const double rest = std::max(2.0 * g.total_weight - volume, cut);
    c.conductance = std::min(1.0, cut / std::min(volume, rest));
  }
  c.z = kNaN;
  double significance = 1.0;
  if (c.community >= 0 && !in.community_z.empty()) {
    c.z = in.community_z[static_cast<std::size_t>(c.community)];
    if (std::isfinite(c.z)) significance = std::clamp(c.z / config.cohesion_z_full, 0.0, 1.0);
  }
  c.parts.cohesion = std::sqrt(lift * (1.0 - c.conductance)) * significance;

  // Composition: helix coverage and sector concentration, geometric mean.
  std::map<std::string, std::int32_t> municipalities;
  for (const VertexId v : c.members) {
    const Stakeholder& s = network.stakeholders[index(v)];
    const std::int32_t r = roles.role(s.type);
    if (r >= 0) ++f.role_counts[static_cast<std::size_t>(r)];
    if (!s.municipality.empty()) ++municipalities[s.municipality], ++f.with_municipality;
  }
  for (std::size_t r = 0; r < detail::kRoles; ++r)
    if (f.role_counts[r] > 0 && !roles.types(static_cast<detail::Role>(r)).empty()) ++c.roles;
  const double coverage =
      roles.configured() > 0 ? static_cast<double>(c.roles) / static_cast<double>(roles.configured()) : 0.0;
  const SectorShare sectors = sector_share(network, c.members, config.sector_group_min_share);
  f.with_sector = sectors.with_sector;
  f.in_sector = sectors.in_top;
  c.top_sector = sectors.top;
  c.sector_share = sectors.share;
  c.sector = sectors.dominant;
  c.parts.composition = f.with_sector > 0 ? std::sqrt(coverage * c.sector_share) : coverage;

  // Stability.
  c.runs = in.runs;
  if (c.community >= 0) {
    f.stability_given = !in.community_stability.empty();
    c.stability = f.stability_given ? in.community_stability[static_cast<std::size_t>(c.community)] : 1.0;
    c.stable_runs = in.community_recovered_runs.empty()
                        ? static_cast<std::int32_t>(std::llround(c.stability * in.runs))
                        : in.community_recovered_runs[static_cast<std::size_t>(c.community)];
  } else {
    f.stability_given = !in.node_stability.empty();
    double sum = 0;
    for (const VertexId v : c.members)
      sum += f.stability_given ? in.node_stability[index(v)] : 1.0;
    c.stability = sum / nd;
    c.stable_runs = static_cast<std::int32_t>(std::llround(c.stability * in.runs));
  }
  c.parts.stability = c.stability;

  // Critical mass: members (saturating at ready_min_members) and, when known for at least half
  // of the firms, their employees (saturating at mass_employees_full).
  c.firms = f.role_counts[detail::firm];
  for (const VertexId v : c.members) {
    const Stakeholder& s = network.stakeholders[index(v)];
    if (roles.role(s.type) != detail::firm || !s.employees || !std::isfinite(*s.employees) ||
        *s.employees < 0)
      continue;
    c.employees += *s.employees;
    ++c.employees_known;
  }
  const double members_term = std::min(1.0, nd / static_cast<double>(config.ready_min_members));
  if (c.firms > 0 && 2 * c.employees_known >= c.firms) {
    c.parts.mass = (members_term + std::min(1.0, c.employees / config.mass_employees_full)) / 2.0;
  } else {
    c.parts.mass = members_term;
  }

  // Coordinator: among members of coordinator_types tied to at least coordinator_min_reach of the
  // others, the one with the highest (unweighted) betweenness inside the group; ties → more
  // partners inside, then the smaller id.
  std::vector<std::size_t> eligible;
  for (std::size_t i = 0; i < c.members.size(); ++i) {
    const Stakeholder& s = network.stakeholders[index(c.members[i])];
    if (roles.role(s.type) != detail::coordinator) continue;
    const double reach = n > 1 ? internal_degree[i] / (nd - 1.0) : 0.0;
    if (internal_degree[i] > 0 && reach >= config.coordinator_min_reach) {
      eligible.push_back(i);
    } else {
      f.thin_coordinators.emplace_back(c.members[i], internal_degree[i]);
    }
  }
  if (!eligible.empty()) {
    std::vector<double> betweenness(c.members.size(), 0.0);
    if (eligible.size() > 1) {
      std::vector<std::int32_t> local(big_n, -1);
      for (std::size_t i = 0; i < c.members.size(); ++i)
        local[index(c.members[i])] = static_cast<std::int32_t>(i);
      std::vector<AggregatedEdge> sub;
      sub.reserve(static_cast<std::size_t>(c.internal_pairs));
      for (std::size_t i = 0; i < c.members.size(); ++i)
        for (const auto& [v, w] : g.adjacency[index(c.members[i])])
          if (local[index(v)] > static_cast<std::int32_t>(i))
            sub.push_back({static_cast<VertexId>(i), local[index(v)], 1.0, 1});
      const metrics::CsrGraph csr =
          metrics::make_csr(static_cast<std::int32_t>(n), sub, false, metrics::WeightMeaning::none);
      metrics::PathOptions options;
      options.closeness = false;
      options.threads = in.threads;
      betweenness = metrics::path_centralities(csr, options).betweenness;
    }
    const auto better = [&](std::size_t a, std::size_t b) {
      if (betweenness[a] != betweenness[b]) return betweenness[a] > betweenness[b];
      if (internal_degree[a] != internal_degree[b]) return internal_degree[a] > internal_degree[b];
      return network.stakeholders[index(c.members[a])].id < network.stakeholders[index(c.members[b])].id;
    };
    const std::size_t best = *std::min_element(eligible.begin(), eligible.end(), better);
    c.coordinator = c.members[best];
    c.coordinator_reach = internal_degree[best] / (nd - 1.0);
    c.coordinator_share =
        c.outside_pairs > 0 ? static_cast<double>(outside_degree[best]) / c.outside_pairs : 0.0;
    c.parts.coordinator = (1.0 + c.coordinator_reach) / 2.0;
  }

  // Geography: share of located members within geography_radius_km of the group's centre (the
  // coordinate-wise median) when at least half are located; else the largest municipality's
  // share when at least half have one; else unknown (left out of the score).
  std::vector<double> lats, lons;
  for (const VertexId v : c.members) {
    const Stakeholder& s = network.stakeholders[index(v)];
    if (s.lat && s.lon && std::isfinite(*s.lat) && std::isfinite(*s.lon))
      lats.push_back(*s.lat), lons.push_back(*s.lon);
  }
  std::int32_t top_municipality = 0;
  for (const auto& [name, count] : municipalities)
    if (count > top_municipality) c.municipality = name, top_municipality = count;
  c.municipality_share =
      f.with_municipality > 0 ? static_cast<double>(top_municipality) / f.with_municipality : 0.0;
  if (!lats.empty() && 2 * static_cast<std::int64_t>(lats.size()) >= n) {
    const double lat0 = median(lats), lon0 = median(lons);
    std::size_t near = 0;
    for (std::size_t i = 0; i < lats.size(); ++i)
      if (haversine_km(lat0, lon0, lats[i], lons[i]) <= config.geography_radius_km) ++near;
    c.parts.geography = static_cast<double>(near) / static_cast<double>(lats.size());
    c.geography_known = true;
  } else if (f.with_municipality > 0 && 2 * static_cast<std::int64_t>(f.with_municipality) >= n) {
    c.parts.geography = c.municipality_share;
    c.geography_known = true;
    f.geography_by_municipality = true;
  }

  // Score: weighted mean of the parts (the geography weight left out when unknown).
  const std::array<std::pair<double, double>, 6> terms = {{
      {config.weight_cohesion, c.parts.cohesion},
      {config.weight_composition, c.parts.composition},
      {config.weight_stability, c.parts.stability},
      {config.weight_mass, c.parts.mass},
      {config.weight_coordinator, c.parts.coordinator},
      {c.geography_known ? config.weight_geography : 0.0, c.parts.geography},
  }};
  double weight_sum = 0, weighted = 0;
  for (const auto& [w, p] : terms)
    weight_sum += w, weighted += w * p;
  c.score = weight_sum > 0 ? weighted / weight_sum : 0.0;

  // Anchors: most central members, ties by id.
  const std::vector<double>& centrality = in.centrality.empty() ? g.strength : in.centrality;
  std::vector<VertexId> order = c.members;
  const auto value = [&](VertexId v) {
    const double x = centrality[index(v)];
    return std::isnan(x) ? -std::numeric_limits<double>::infinity() : x;
  };
  const auto anchors = std::min<std::size_t>(static_cast<std::size_t>(config.anchors), order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(anchors), order.end(),
                    [&](VertexId a, VertexId b) {
                      const double va = value(a), vb = value(b);
                      if (va != vb) return va > vb;
                      return network.stakeholders[index(a)].id < network.stakeholders[index(b)].id;
                    });
  c.anchors.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(anchors));

  // Level, gaps, reason.
  c.level = is_ready(c, config)      ? Level::initiative_ready
            : is_emerging(c, config) ? Level::emerging
                                     : Level::weak;
  c.gaps = gaps_of(network, c, f, roles, config);
  c.reason = reason_of(network, c, f);

  for (const VertexId v : c.members)
    inside[index(v)] = 0;
  return c;
}

}  // namespace

std::vector<Candidate> find_candidates(const CandidateInput& input, const CandidateConfig& config) {
  check_config(config);
  check_input(input);
  const Network& network = *input.network;
  std::vector<AggregatedEdge> own_edges;
  if (input.edges == nullptr) own_edges = aggregate_ties(network);
  const PairGraph g = detail::pair_graph(network.size(), input.edges == nullptr ? own_edges : *input.edges);
  const RoleMap roles(config);

  std::vector<std::int32_t> inside(network.size(), 0);
  std::vector<Candidate> out;
  for (const Group& group : candidate_groups(input, g, roles, config))
    out.push_back(score_group(input, g, roles, config, group, inside));

  // Best first: level, score, then the smallest member id; community and origin make it total.
  std::vector<std::string> smallest(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    smallest[i] = network.stakeholders[index(out[i].members.front())].id;
    for (const VertexId v : out[i].members)
      smallest[i] = std::min(smallest[i], network.stakeholders[index(v)].id);
  }
  std::vector<std::size_t> order(out.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Candidate& x = out[a];
    const Candidate& y = out[b];
    if (x.level != y.level) return x.level < y.level;  // Level is declared best first
    if (x.score != y.score) return x.score > y.score;
    if (smallest[a] != smallest[b]) return smallest[a] < smallest[b];
    if (x.origin != y.origin) return origin_name(x.origin) < origin_name(y.origin);
    return x.community < y.community;
  });
  std::vector<Candidate> ranked;
  ranked.reserve(out.size());
  for (const std::size_t i : order) {
    ranked.push_back(std::move(out[i]));
    ranked.back().rank = static_cast<std::int32_t>(ranked.size());
  }
  return ranked;
}

}  // namespace clusterscope::candidates
