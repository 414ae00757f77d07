// candidates.json (fixed key order, numbers rounded to 4 decimals) and candidates.md.

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "clusterscope/core/text.hpp"
#include "config_json.hpp"
#include "groups.hpp"

namespace clusterscope::candidates {

namespace {

using Json = nlohmann::ordered_json;

std::size_t index(VertexId v) {
  return static_cast<std::size_t>(v);
}

/// Shares and scores rounded to 4 decimals, so the file does not depend on the last bits of a
/// floating-point sum; NaN (undefined) as null.
Json number(double v) {
  if (!std::isfinite(v)) return nullptr;
  const double r = std::round(v * 1e4) / 1e4;
  return r == 0.0 ? 0.0 : r;  // no "-0.0"
}

Json id_or_null(const Network& network, VertexId v) {
  if (v < 0) return nullptr;
  return network.stakeholders[index(v)].id;
}

Json candidate_json(const Network& network, const Candidate& c) {
  Json j;
  j["rank"] = c.rank;
  j["level"] = level_name(c.level);
  j["score"] = number(c.score);
  j["score_parts"] = Json{
      {"cohesion", number(c.parts.cohesion)},
      {"composition", number(c.parts.composition)},
      {"stability", number(c.parts.stability)},
      {"mass", number(c.parts.mass)},
      {"coordinator", number(c.parts.coordinator)},
      {"geography", c.geography_known ? number(c.parts.geography) : Json(nullptr)},
  };
  Json members = Json::array();
  for (const VertexId v : c.members)
    members.push_back(network.stakeholders[index(v)].id);
  j["members"] = members;
  Json anchors = Json::array();
  for (const VertexId v : c.anchors)
    anchors.push_back(network.stakeholders[index(v)].id);
  j["anchors"] = anchors;
  j["coordinator"] = id_or_null(network, c.coordinator);
  j["reason"] = c.reason;
  j["gaps"] = c.gaps;
  j["origin"] = origin_name(c.origin);
  j["community"] = c.community >= 0 ? Json(c.community) : Json(nullptr);
  j["sector_groups"] = c.merged_sectors;
  j["sector_jaccard"] = number(c.sector_jaccard);
  j["sector"] = c.sector.empty() ? Json(nullptr) : Json(c.sector);
  j["sector_share"] = number(c.sector_share);
  j["top_sector"] = c.top_sector.empty() ? Json(nullptr) : Json(c.top_sector);
  j["size"] = c.members.size();
  // Members by type: vocabulary order, then other types alphabetically.
  Json types = Json::object();
  for (const auto& [type, count] : detail::members_by_type(network, c.members))
    types[type] = count;
  j["types"] = types;
  j["roles"] = c.roles;
  j["firms"] = c.firms;
  j["coordinator_reach"] = number(c.coordinator_reach);
  j["coordinator_share"] = number(c.coordinator_share);
  j["density"] = number(c.density);
  j["density_ratio"] = number(c.density_ratio);
  j["conductance"] = number(c.conductance);
  j["internal_pairs"] = c.internal_pairs;
  j["outside_pairs"] = c.outside_pairs;
  j["z"] = number(c.z);
  j["stability"] = number(c.stability);
  j["stable_runs"] = c.stable_runs;
  j["runs"] = c.runs;
  j["employees"] = number(c.employees);
  j["employees_known"] = c.employees_known;
  j["municipality"] = c.municipality.empty() ? Json(nullptr) : Json(c.municipality);
  j["municipality_share"] = number(c.municipality_share);
  return j;
}

/// Escapes the characters Markdown would read as markup, and turns line breaks into spaces.
std::string md(const std::string& text) {
  return core::markdown_escape(text);
}

std::string title_of(const Candidate& c) {
  std::string title = c.sector.empty() ? std::string("mixed group") : c.sector;
  if (c.community >= 0) {
    title += " (community " + std::to_string(c.community) +
             (c.origin == Origin::community_and_sector ? " + sector group)" : ")");
  } else {
    title += " (sector group)";
  }
  return title;
}

}  // namespace

std::string candidates_json(const Network& network, const std::vector<Candidate>& candidates,
                            const CandidateConfig& config) {
  Json j;
  Json list = Json::array();
  for (const Candidate& c : candidates)
    list.push_back(candidate_json(network, c));
  j["candidates"] = list;
  j["config"] = detail::config_ordered(config);
  return j.dump(2) + "\n";
}

std::string candidates_markdown(const Network& network, const std::vector<Candidate>& candidates) {
  using detail::fixed;
  std::map<Level, std::int64_t> levels;
  for (const Candidate& c : candidates)
    ++levels[c.level];
  std::string out = "# Cluster-initiative candidates";
  if (!network.name.empty()) out += " — " + md(network.name);
  out += "\n\n";
  out += detail::counted(static_cast<std::int64_t>(candidates.size()), "candidate") + ": ";
  for (const core::Name<Level>& level : kLevelNames)
    out += std::to_string(levels[level.value]) + " " + std::string(level.name) +
           (&level == &kLevelNames.back() ? "." : ", ");
  out += " Scores run from 0 to 1; how they are computed: docs/candidates.md.\n\n";
  if (candidates.empty()) return out;
  out += "| rank | level | score | candidate | members | coordinator | gaps |\n";
  out += "| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const Candidate& c : candidates) {
    out += "| " + std::to_string(c.rank) + " | " + level_name(c.level) + " | " + fixed(c.score, 2) + " | " +
           md(title_of(c)) + " | " + std::to_string(c.members.size()) + " | " +
           (c.coordinator >= 0 ? md(network.stakeholders[index(c.coordinator)].id) : std::string("—")) +
           " | " + std::to_string(c.gaps.size()) + " |\n";
  }
  for (const Candidate& c : candidates) {
    out += "\n## " + std::to_string(c.rank) + ". " + md(title_of(c)) + " — " + level_name(c.level) +
           ", score " + fixed(c.score, 2) + "\n\n";
    out += md(c.reason) + "\n\n";
    out += "**Gaps:**";
    if (c.gaps.empty()) {
      out += " none.\n\n";
    } else {
      out += "\n\n";
      for (const std::string& gap : c.gaps)
        out += "- " + md(gap) + "\n";
      out += "\n";
    }
    out += "**Score parts:** cohesion " + fixed(c.parts.cohesion, 2) + " · composition " +
           fixed(c.parts.composition, 2) + " · stability " + fixed(c.parts.stability, 2) +
           " · critical mass " + fixed(c.parts.mass, 2) + " · coordinator " + fixed(c.parts.coordinator, 2) +
           " · geography " + (c.geography_known ? fixed(c.parts.geography, 2) : std::string("unknown")) +
           "\n\n";
    out += "**Coordinator:** ";
    if (c.coordinator >= 0) {
      const Stakeholder& s = network.stakeholders[index(c.coordinator)];
      out += md(detail::display_name(s)) + ", " + md(type_label_in_text(network, s.type)) + " — tied to " +
             std::to_string(detail::percent(c.coordinator_reach)) + " % of the other members, " +
             std::to_string(detail::percent(c.coordinator_share)) + " % of the group's outside ties\n\n";
    } else {
      out += "none\n\n";
    }
    out += "**Anchors:** ";
    for (std::size_t i = 0; i < c.anchors.size(); ++i)
      out += (i > 0 ? "; " : "") + md(detail::display_name(network.stakeholders[index(c.anchors[i])]));
    out += c.anchors.empty() ? "none\n\n" : "\n\n";
    out += "**Members (" + std::to_string(c.members.size()) + "):** ";
    for (std::size_t i = 0; i < c.members.size(); ++i)
      out += (i > 0 ? "; " : "") + md(detail::display_name(network.stakeholders[index(c.members[i])]));
    out += "\n";
  }
  return out;
}

}  // namespace clusterscope::candidates
