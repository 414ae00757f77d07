// compare's changes.json, tables and report (src/pipeline/compare_content.hpp).

#include "compare_content.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "clusterscope/core/text.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::pipeline {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string name_of(const Network& network, VertexId v) {
  const Stakeholder& s = network.stakeholders[static_cast<std::size_t>(v)];
  return s.name.empty() ? s.id : s.name;
}

std::string number(double x) {
  return std::isnan(x) ? "–" : core::readable_number(x);
}
std::string percent(double x) {
  return std::isnan(x) ? "–" : core::readable_number(std::round(x * 1000) / 10) + " %";
}
std::string signed_number(double x) {
  if (std::isnan(x)) return "–";
  return (x > 0 ? "+" : x < 0 ? "−" : "") + core::readable_number(std::abs(x));
}
nlohmann::ordered_json json_number(double x) {
  return std::isnan(x) || std::isinf(x) ? nlohmann::ordered_json() : nlohmann::ordered_json(x);
}

}  // namespace

std::vector<MeasureRow> measure_rows(const Comparison& c) {
  std::vector<MeasureRow> rows = {
      {"stakeholders", "stakeholders", {}}, {"ties", "ties", {}},
      {"pairs", "tied pairs", {}},          {"density", "density", {}},
      {"components", "components", {}},     {"giant_share", "share in the largest component", {}},
      {"transitivity", "transitivity", {}}, {"ei_index", "E-I index (types)", {}},
      {"modularity", "modularity", {}},     {"communities", "tracked communities", {}},
  };
  for (std::size_t s = 0; s < c.snapshots.size(); ++s) {
    const Structure& st = c.structures[s];
    const std::vector<double> v = {static_cast<double>(c.snapshots[s].network.size()),
                                   static_cast<double>(c.snapshots[s].network.ties.size()),
                                   static_cast<double>(st.ties.pairs.size()),
                                   st.metrics.measure("density"),
                                   st.metrics.measure("components"),
                                   st.metrics.measure("giant_share"),
                                   st.metrics.measure("transitivity"),
                                   st.metrics.mixing.ei_index,
                                   st.communities.modularity,
                                   static_cast<double>(c.tracking.snapshots[s].size())};
    for (std::size_t i = 0; i < rows.size(); ++i)
      rows[i].values.push_back(v[i]);
  }
  // E-I per type, for the vocabulary's types present in some snapshot.
  std::vector<std::string> types;
  for (const Structure& st : c.structures)
    for (const std::string& t : st.metrics.mixing.types)
      if (!t.empty() && std::find(types.begin(), types.end(), t) == types.end()) types.push_back(t);
  for (const std::string& t : types) {
    MeasureRow row{"ei_" + t, "E-I of " + type_label_in_text(c.base, t), {}};
    bool any = false;
    for (const Structure& st : c.structures) {
      const auto& names = st.metrics.mixing.types;
      const auto it = std::find(names.begin(), names.end(), t);
      const double x = it == names.end()
                           ? kNaN
                           : st.metrics.mixing.ei_by_type[static_cast<std::size_t>(it - names.begin())];
      any = any || !std::isnan(x);
      row.values.push_back(x);
    }
    if (any) rows.push_back(std::move(row));
  }
  return rows;
}

/// A measure of every base vertex in one snapshot (NaN where absent).
std::vector<double> base_column(const Comparison& c, std::size_t s, const std::string& metric) {
  std::vector<double> out(c.base.size(), kNaN);
  const std::vector<double>& column = c.structures[s].metrics.column(metric);
  for (std::size_t v = 0; v < c.snapshots[s].base.size(); ++v)
    out[static_cast<std::size_t>(c.snapshots[s].base[v])] = column[v];
  return out;
}

namespace {

constexpr const char* kStakeholderMetrics[] = {"degree", "strength", "betweenness_norm", "pagerank"};

}  // namespace

std::map<std::int32_t, std::string> community_names(const Comparison& c) {
  std::map<std::int32_t, std::string> names;
  for (const auto& snapshot : c.tracking.snapshots)
    for (const change::TrackedCommunity& t : snapshot) {
      if (t.id == 0) continue;
      const SectorShare share =
          sector_share(c.base, t.members, c.config.analysis.candidates.sector_group_min_share);
      names[t.id] = share.dominant.empty() ? "community " + std::to_string(t.id)
                                           : share.dominant + " (" + std::to_string(t.id) + ")";
    }
  return names;
}

namespace {

/// One statement of "What changed" with its size (the share of the network it concerns).
struct Statement {
  double size = 0;
  std::string text;
};

/// A count for a key figure, short enough for its box: "15,768", "496k", "1.04M".
std::string count_text(std::size_t n) {
  const auto x = static_cast<double>(n);
  if (n < 100000) return core::readable_number(x);
  if (n < 10000000) return core::readable_number(std::round(x / 1000)) + "k";
  return core::readable_number(x / 1e6) + "M";
}

/// "Community machine-tool (3)", or "Community 7" for an unnamed one, at the start of a sentence.
std::string community_phrase(const std::string& name) {
  return name.rfind("community ", 0) == 0 ? "C" + name.substr(1) : "Community " + name;
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::vector<Statement> statements(const Comparison& c, const std::vector<MeasureRow>& measures,
                                  const std::map<std::int32_t, std::string>& names,
                                  const std::vector<std::vector<candidates::Candidate>>& found) {
  std::vector<Statement> out;
  const std::string& a = c.snapshots.front().label;
  const std::string& b = c.snapshots.back().label;
  for (const change::Step& step : c.steps) {
    const std::string& from = c.snapshots[step.from].label;
    const std::string& to = c.snapshots[step.from + 1].label;
    const change::KindCounts& all = step.kinds.back();
    const double before = static_cast<double>(all.lost + all.strengthened + all.weakened + all.unchanged);
    const double base = std::max(1.0, before);
    out.push_back({static_cast<double>(all.added + all.lost) / base,
                   "From " + from + " to " + to + ": " + plural(all.added, "new tie", "new ties") +
                       " (pair and kind), " + std::to_string(all.lost) + " lost, " +
                       std::to_string(all.strengthened) + " strengthened and " +
                       std::to_string(all.weakened) + " weakened; " +
                       std::to_string(step.new_ties_of_newcomers) + " of the new ties involve a newcomer."});
    const double present = std::max<double>(1.0, static_cast<double>(step.stayed + step.left.size()));
    out.push_back({static_cast<double>(step.entered.size() + step.left.size()) / present,
                   plural(step.entered.size(), "stakeholder entered", "stakeholders entered") + " and " +
                       std::to_string(step.left.size()) + " left between " + from + " and " + to + "; " +
                       std::to_string(step.stayed) + " are in both."});
  }
  for (const MeasureRow& m : measures) {
    if (m.name == "stakeholders" || m.name == "ties" || m.name == "pairs" || m.name.rfind("ei_", 0) == 0 ||
        m.name == "communities")
      continue;
    const double x = m.values.front();
    const double y = m.values.back();
    if (std::isnan(x) || std::isnan(y) || x == y) continue;
    const double rel = std::abs(y - x) / std::max(std::abs(x), 1e-9);
    out.push_back({std::min(rel, 1.0) * 0.8, "The " + m.label + " " + (y > x ? "rose" : "fell") + " from " +
                                                 number(x) + " in " + a + " to " + number(y) + " in " + b +
                                                 "."});
  }
  const double n = std::max<double>(1.0, static_cast<double>(c.base.size()));
  for (std::size_t s = 1; s < c.tracking.snapshots.size(); ++s) {
    for (const change::TrackedCommunity& t : c.tracking.snapshots[s]) {
      if (t.id == 0) continue;
      const std::string name = names.at(t.id);
      const std::string when = " between " + c.snapshots[s - 1].label + " and " + c.snapshots[s].label;
      std::string text;
      if (t.event == change::Event::merged) {
        std::string parts;
        for (const std::int32_t f : t.from)
          parts += (parts.empty() ? "" : " and ") + names.at(f);
        text = "Communities " + parts + " merged into " + name + when + " (" +
               std::to_string(t.members.size()) + " members).";
      } else if (t.event == change::Event::split) {
        text = community_phrase(name) + " split off from " + names.at(t.from.front()) + when + ".";
      } else if (t.event == change::Event::new_) {
        text = "A new community, " + name + ", formed" + when + " (" + std::to_string(t.members.size()) +
               " members).";
      } else if (t.event == change::Event::grown || t.event == change::Event::shrunk) {
        text = community_phrase(name) + (t.event == change::Event::grown ? " grew" : " shrank") + when +
               " to " + std::to_string(t.members.size()) + " members.";
      }
      if (!text.empty()) out.push_back({static_cast<double>(t.members.size()) / n * 2, text});
    }
  }
  for (const change::Dissolved& d : c.tracking.dissolved)
    out.push_back({static_cast<double>(d.members) / n * 2,
                   community_phrase(names.at(d.id)) + " (" + std::to_string(d.members) + " members in " +
                       c.snapshots[d.snapshot - 1].label + ") is not found in " +
                       c.snapshots[d.snapshot].label + "."});
  for (const change::CandidateTrack& t : c.candidate_tracks) {
    const std::string story = change::candidate_story(t, c.snapshots, found);
    if (story.empty()) continue;
    // Level changes of the leading groups first.
    double size = 0.3;
    std::int32_t best = 1000;
    bool level_changed = false;
    std::optional<candidates::Level> level;
    for (std::size_t s = 0; s < c.snapshots.size(); ++s) {
      if (t.found[s] < 0) continue;
      const candidates::Candidate& cand = found[s][static_cast<std::size_t>(t.found[s])];
      best = std::min(best, cand.rank);
      if (level && *level != cand.level) level_changed = true;
      level = cand.level;
    }
    if (best > 5) continue;
    if (level_changed) size = 0.9;
    out.push_back({size - 0.01 * best, story});
  }
  if (c.uptake && c.uptake->overall.trials > 0) {
    const change::UptakeResult& u = *c.uptake;
    std::string text = std::to_string(u.overall.hits) + " of " + std::to_string(u.overall.trials) +
                       " recommendations (" + percent(u.overall.value()) + ") were taken up within " +
                       std::to_string(u.window_months) + " months";
    if (u.baseline.trials > 0) {
      text += ", against " + percent(u.baseline.value()) + " for comparable pairs nobody recommended";
      if (u.baseline.value() > 0)
        text += " (" + number(u.overall.value() / u.baseline.value()) + " times as often)";
    }
    out.push_back({1.0, text + "."});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Statement& x, const Statement& y) { return x.size > y.size; });
  return out;
}

ReportTable measures_table(const Comparison& c, const std::vector<MeasureRow>& measures) {
  ReportTable t;
  t.name = "measures";
  t.caption = "Network measures per period, and the change from the first to the last";
  t.header = {"measure"};
  for (const change::Snapshot& s : c.snapshots)
    t.header.push_back(s.label);
  t.header.emplace_back("change");
  for (const MeasureRow& m : measures) {
    std::vector<std::string> row = {m.label};
    for (const double x : m.values)
      row.push_back(number(x));
    row.push_back(signed_number(m.values.back() - m.values.front()));
    t.rows.push_back(std::move(row));
  }
  t.numeric.assign(t.header.size(), true);
  t.numeric[0] = false;
  return t;
}

ReportTable kinds_table(const Comparison& c) {
  ReportTable t;
  t.name = "tie-changes-by-kind";
  t.caption = "Ties (one per pair and kind) new, lost, strengthened and weakened between consecutive periods";
  t.header = {"from", "to", "kind", "new", "lost", "strengthened", "weakened", "unchanged"};
  t.numeric = {false, false, false, true, true, true, true, true};
  for (const change::Step& step : c.steps)
    for (const change::KindCounts& k : step.kinds)
      t.rows.push_back({c.snapshots[step.from].label, c.snapshots[step.from + 1].label, k.kind,
                        std::to_string(k.added), std::to_string(k.lost), std::to_string(k.strengthened),
                        std::to_string(k.weakened), std::to_string(k.unchanged)});
  return t;
}

/// The strongest new or lost ties of every step.
ReportTable tie_table(const Comparison& c, change::TieChange which, std::size_t top) {
  ReportTable t;
  t.name = which == change::TieChange::added ? "new-ties" : "lost-ties";
  t.caption = which == change::TieChange::added ? "The strongest new ties (weight in the later period)"
                                                : "The strongest lost ties (weight in the earlier period)";
  t.header = {"from", "to", "stakeholder", "partner", "kind", "weight"};
  t.numeric = {false, false, false, false, false, true};
  for (const change::Step& step : c.steps) {
    std::vector<const change::PairChange*> list;
    for (const change::PairChange& p : step.pairs)
      if (p.change == which) list.push_back(&p);
    const auto weight = [&](const change::PairChange* p) {
      return which == change::TieChange::added ? p->after : p->before;
    };
    std::stable_sort(list.begin(), list.end(), [&](const change::PairChange* x, const change::PairChange* y) {
      return weight(x) > weight(y);
    });
    if (list.size() > top) list.resize(top);
    for (const change::PairChange* p : list)
      t.rows.push_back({c.snapshots[step.from].label, c.snapshots[step.from + 1].label,
                        name_of(c.base, p->source), name_of(c.base, p->target), p->kind, number(weight(p))});
  }
  return t;
}

/// Stakeholders present in the first and last snapshot, by the change of their normalised betweenness.
ReportTable brokers_table(const Comparison& c, bool rose, std::size_t top) {
  const std::size_t last = c.snapshots.size() - 1;
  const std::vector<double> a = base_column(c, 0, "betweenness_norm");
  const std::vector<double> b = base_column(c, last, "betweenness_norm");
  std::vector<std::pair<double, VertexId>> list;
  for (std::size_t v = 0; v < c.base.size(); ++v)
    if (!std::isnan(a[v]) && !std::isnan(b[v]) && (rose ? b[v] > a[v] : b[v] < a[v]))
      list.emplace_back(b[v] - a[v], static_cast<VertexId>(v));
  std::stable_sort(list.begin(), list.end(), [&](const auto& x, const auto& y) {
    return rose ? x.first > y.first : x.first < y.first;
  });
  if (list.size() > top) list.resize(top);
  ReportTable t;
  t.name = rose ? "brokers-rose" : "brokers-fell";
  t.caption = std::string(rose ? "Who rose as a broker" : "Who fell as a broker") +
              " (normalised betweenness, " + c.snapshots.front().label + " → " + c.snapshots.back().label +
              ")";
  t.header = {"stakeholder", "type", c.snapshots.front().label, c.snapshots.back().label, "change"};
  t.numeric = {false, false, true, true, true};
  for (const auto& [delta, v] : list)
    t.rows.push_back({name_of(c.base, v),
                      type_label(c.base, c.base.stakeholders[static_cast<std::size_t>(v)].type),
                      number(a[static_cast<std::size_t>(v)]), number(b[static_cast<std::size_t>(v)]),
                      signed_number(delta)});
  return t;
}

ReportTable communities_table(const Comparison& c, const std::map<std::int32_t, std::string>& names) {
  ReportTable t;
  t.name = "communities-tracked";
  t.caption =
      "Communities followed across the periods: members in each period and what happened to them "
      "(ids and colours stay the same)";
  t.header = {"id", "community"};
  for (const change::Snapshot& s : c.snapshots)
    t.header.push_back(s.label);
  t.header.emplace_back("events");
  t.numeric.assign(t.header.size(), true);
  t.numeric[1] = false;
  t.numeric.back() = false;
  for (std::int32_t id = 1; id <= c.tracking.ids; ++id) {
    std::vector<std::string> row = {std::to_string(id), names.count(id) != 0 ? names.at(id) : ""};
    std::string events;
    for (std::size_t s = 0; s < c.snapshots.size(); ++s) {
      const auto& list = c.tracking.snapshots[s];
      const auto it = std::find_if(list.begin(), list.end(), [&](const auto& x) { return x.id == id; });
      row.push_back(it == list.end() ? "–" : std::to_string(it->members.size()));
      if (it != list.end() && it->event != change::Event::first)
        events += (events.empty() ? "" : "; ") + c.snapshots[s].label + ": " +
                  std::string(core::name_of(change::kEventNames, it->event));
    }
    for (const change::Dissolved& d : c.tracking.dissolved)
      if (d.id == id) events += (events.empty() ? "" : "; ") + c.snapshots[d.snapshot].label + ": dissolved";
    row.push_back(events.empty() ? "–" : events);
    t.rows.push_back(std::move(row));
  }
  return t;
}

ReportTable candidates_table(const Comparison& c,
                             const std::vector<std::vector<candidates::Candidate>>& found) {
  ReportTable t;
  t.name = "candidates-tracked";
  t.caption = "Candidate groups followed across the periods: level, score and members in each";
  t.header = {"group"};
  for (const change::Snapshot& s : c.snapshots)
    t.header.push_back(s.label);
  t.numeric.assign(t.header.size(), false);
  for (const change::CandidateTrack& track : c.candidate_tracks) {
    std::vector<std::string> row = {track.name};
    bool leading = false;
    for (std::size_t s = 0; s < c.snapshots.size(); ++s) {
      if (track.found[s] < 0) {
        row.emplace_back("–");
        continue;
      }
      const candidates::Candidate& cand = found[s][static_cast<std::size_t>(track.found[s])];
      leading = leading || cand.level != candidates::Level::weak;
      row.push_back("#" + std::to_string(cand.rank) + " " + std::string(candidates::level_name(cand.level)) +
                    ", " + core::readable_number(cand.score) + ", " + std::to_string(cand.members.size()) +
                    " members" + (cand.coordinator >= 0 ? "" : ", no coordinator"));
    }
    if (leading) t.rows.push_back(std::move(row));
  }
  return t;
}

ReportTable rate_table(const std::string& name, const std::string& caption, const std::string& group,
                       const std::vector<change::RateRow>& rows, const Network* network) {
  ReportTable t;
  t.name = name;
  t.caption = caption;
  t.header = {group, "taken up", "referrals", "rate", "95 % interval", "median days"};
  t.numeric = {false, true, true, true, false, true};
  for (const change::RateRow& r : rows) {
    std::string label = r.group.empty() ? "(none)" : r.group;
    if (network != nullptr) {
      if (const auto v = network->find(r.group)) label = name_of(*network, *v);
    }
    t.rows.push_back({label, std::to_string(r.rate.hits), std::to_string(r.rate.trials),
                      percent(r.rate.value()), percent(r.rate.low()) + " – " + percent(r.rate.high()),
                      number(r.median_days)});
  }
  return t;
}

std::vector<std::string> period_items(const Comparison& c) {
  std::vector<std::string> items;
  for (const change::Snapshot& s : c.snapshots) {
    std::string item = s.label + ": " + plural(s.network.size(), "stakeholder", "stakeholders") + ", " +
                       plural(s.network.ties.size(), "tie", "ties");
    if (!s.period.from.empty() || !s.period.to.empty())
      item += " (" + (s.period.from.empty() ? std::string("…") : s.period.first_day().to_string()) + " to " +
              (s.period.to.empty() ? std::string("…") : s.period.last_day().to_string()) + ")";
    items.push_back(item);
  }
  return items;
}

nlohmann::ordered_json tracking_json(const Comparison& c, const std::map<std::int32_t, std::string>& names) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (std::size_t s = 0; s < c.snapshots.size(); ++s)
    for (const change::TrackedCommunity& t : c.tracking.snapshots[s]) {
      nlohmann::ordered_json members = nlohmann::ordered_json::array();
      for (const VertexId v : t.members)
        members.push_back(c.base.stakeholders[static_cast<std::size_t>(v)].id);
      out.push_back({{"period", c.snapshots[s].label},
                     {"id", t.id},
                     {"name", names.count(t.id) != 0 ? names.at(t.id) : ""},
                     {"colour", tracked_colour(c, t.id)},
                     {"community", t.community},
                     {"event", core::name_of(change::kEventNames, t.event)},
                     {"from", t.from},
                     {"jaccard", t.jaccard},
                     {"size", t.members.size()},
                     {"members", members}});
    }
  return out;
}

}  // namespace

nlohmann::ordered_json periods_json(const Comparison& c) {
  nlohmann::ordered_json periods = nlohmann::ordered_json::array();
  for (const change::Snapshot& s : c.snapshots)
    periods.push_back({{"label", s.label},
                       {"from", s.period.from.to_string()},
                       {"to", s.period.to.to_string()},
                       {"stakeholders", s.network.size()},
                       {"ties", s.network.ties.size()},
                       {"undated_ties", s.undated}});
  return periods;
}

std::string uptake_csv(const Network& network, const change::UptakeResult& u) {
  std::string out;
  io::append_csv_row(out, {"date", "by", "firm", "firm_name", "partner", "partner_name", "status", "tie",
                           "days", "distance", "comparable", "comparable_tied", "note"});
  for (const change::Uptake& x : u.referrals) {
    const Referral& r = network.referrals[x.referral];
    const auto nm = [&](const std::string& id) {
      const auto v = network.find(id);
      return v ? network.stakeholders[static_cast<std::size_t>(*v)].name : std::string();
    };
    io::append_csv_row(
        out, {r.date.to_string(), r.by, r.firm, nm(r.firm), r.partner, nm(r.partner),
              std::string(core::name_of(change::kUptakeStatusNames, x.status)), x.tie.to_string(),
              x.days < 0 ? "" : std::to_string(x.days), x.distance < 0 ? "" : std::to_string(x.distance),
              std::to_string(x.comparable), std::to_string(x.comparable_tied), r.note});
  }
  return out;
}

nlohmann::ordered_json uptake_json(const Network& network, const change::UptakeResult& u) {
  const auto rate = [](const change::Rate& r) {
    return nlohmann::ordered_json{{"hits", r.hits},
                                  {"trials", r.trials},
                                  {"rate", json_number(r.value())},
                                  {"low", json_number(r.low())},
                                  {"high", json_number(r.high())}};
  };
  const auto rows = [&](const std::vector<change::RateRow>& list) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const change::RateRow& r : list) {
      nlohmann::ordered_json row = rate(r.rate);
      row["group"] = r.group;
      row["median_days"] = json_number(r.median_days);
      out.push_back(row);
    }
    return out;
  };
  std::map<std::string, std::size_t> statuses;
  for (const change::Uptake& x : u.referrals)
    ++statuses[std::string(core::name_of(change::kUptakeStatusNames, x.status))];
  nlohmann::ordered_json status = nlohmann::ordered_json::object();
  for (const auto& entry : change::kUptakeStatusNames)
    status[std::string(entry.name)] = statuses[std::string(entry.name)];
  return {{"referrals", network.referrals.size()},
          {"window_months", u.window_months},
          {"kinds", u.kinds},
          {"data_last", u.data_last.to_string()},
          {"status", status},
          {"overall", rate(u.overall)},
          {"baseline", rate(u.baseline)},
          {"baseline_by_distance", rows(u.baseline_by_distance)},
          {"baseline_referrals", u.baseline_sampled},
          {"expected_by_chance", u.expected},
          {"z", json_number(u.z)},
          {"median_days", json_number(u.median_days)},
          {"mean_days", json_number(u.mean_days)},
          {"by_institution", rows(u.by_institution)},
          {"by_partner_type", rows(u.by_partner_type)},
          {"by_sector", rows(u.by_sector)}};
}

ReportSection uptake_section(const Network& network, const change::UptakeResult& u) {
  ReportSection section{"uptake", "Did recommended cooperation happen?", {}};
  std::size_t pending = 0, already = 0, missing = 0;
  for (const change::Uptake& x : u.referrals) {
    pending += x.status == change::UptakeStatus::pending ? 1 : 0;
    already += x.status == change::UptakeStatus::already_tied ? 1 : 0;
    missing += x.status == change::UptakeStatus::not_in_network ? 1 : 0;
  }
  section.blocks.push_back(key_figures({{std::to_string(network.referrals.size()), "referrals"},
                                        {std::to_string(u.overall.hits), "taken up"},
                                        {percent(u.overall.value()), "uptake rate"},
                                        {percent(u.baseline.value()), "comparable pairs, not referred"}}));
  std::string text =
      "A referral is taken up when the firm and the recommended partner start a tie of a "
      "cooperation kind (" +
      core::join(u.kinds, ", ") + ") after the referral and within " + std::to_string(u.window_months) +
      " months. Of " + std::to_string(u.overall.trials) + " referrals whose window the data covers, " +
      std::to_string(u.overall.hits) + " were taken up (" + percent(u.overall.value()) + ", 95 % interval " +
      percent(u.overall.low()) + " – " + percent(u.overall.high()) + ")";
  if (!std::isnan(u.median_days)) text += ", after a median of " + number(u.median_days) + " days";
  text += ".";
  if (u.baseline.trials > 0) {
    text +=
        " Comparable pairs nobody recommended — the same firm with other stakeholders of the partner's type "
        "at "
        "the same network distance on the referral date — started cooperating within the same window at " +
        percent(u.baseline.value()) + " (" + std::to_string(u.baseline.hits) + " of " +
        std::to_string(u.baseline.trials) + ")";
    if (!std::isnan(u.z))
      text += "; chance would give about " + number(u.expected) + " uptakes, " +
              (u.z > 1.96 ? "so the recommendations beat chance clearly (z = " + number(u.z) + ")"
               : u.z > 0  ? "so the recommendations did a little better than chance, within its noise (z = " +
                               number(u.z) + ")"
                         : "so the recommendations did no better than chance (z = " + number(u.z) + ")");
    text += ".";
  }
  section.blocks.push_back(paragraph(text));
  std::vector<std::string> notes;
  if (pending > 0)
    notes.push_back(plural(pending, "referral is", "referrals are") +
                    " pending: the window runs past the data's last "
                    "date (" +
                    u.data_last.to_string() + ") and no tie has started yet.");
  if (already > 0)
    notes.push_back(plural(already, "referral names a pair", "referrals name pairs") +
                    " that already cooperated on the referral date; not counted.");
  if (missing > 0)
    notes.push_back(plural(missing, "referral names", "referrals name") +
                    " a stakeholder not in the analysed network; not counted.");
  if (!notes.empty()) section.blocks.push_back(bullets(notes));
  section.blocks.push_back(
      table_block(rate_table("uptake-by-institution", "Uptake by recommending institution", "institution",
                             u.by_institution, &network)));
  section.blocks.push_back(table_block(rate_table("uptake-by-partner-type", "Uptake by the partner's type",
                                                  "partner type", u.by_partner_type, nullptr)));
  section.blocks.push_back(table_block(
      rate_table("uptake-by-sector", "Uptake by the firm's sector", "sector", u.by_sector, nullptr)));
  ReportTable follow;
  follow.name = "follow-up";
  follow.caption = "Recommendations not taken up: candidates for a follow-up visit";
  follow.header = {"date", "by", "firm", "partner", "note"};
  follow.numeric = {false, false, false, false, false};
  for (const change::Uptake& x : u.referrals) {
    if (x.status != change::UptakeStatus::not_taken_up && x.status != change::UptakeStatus::late) continue;
    const Referral& r = network.referrals[x.referral];
    const auto shown = [&](const std::string& id) {
      const auto v = network.find(id);
      return v ? name_of(network, *v) : id;
    };
    follow.rows.push_back(
        {r.date.to_string(), shown(r.by), shown(r.firm), shown(r.partner),
         x.status == change::UptakeStatus::late ? "taken up late: " + x.tie.to_string() : r.note});
  }
  if (!follow.rows.empty()) section.blocks.push_back(table_block(std::move(follow)));
  return section;
}

namespace {

/// The candidates of every snapshot, in snapshot order.
std::vector<std::vector<candidates::Candidate>> found_candidates(const Comparison& c) {
  std::vector<std::vector<candidates::Candidate>> found;
  for (const Structure& st : c.structures)
    found.push_back(st.candidates);
  return found;
}

/// changes.json.
std::string changes_json(const Comparison& c, const std::vector<MeasureRow>& measures,
                         const std::map<std::int32_t, std::string>& names,
                         const std::vector<std::vector<candidates::Candidate>>& found) {
  // changes.json
  nlohmann::ordered_json j;
  j["clusterscope"] = CLUSTERSCOPE_VERSION;
  j["dataset"] = c.base.name;
  j["seed"] = c.config.analysis.run.seed;
  j["periods"] = periods_json(c);
  j["undated"] = core::name_of(change::kUndatedNames, c.config.undated);
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const change::Step& step : c.steps) {
    nlohmann::ordered_json kinds = nlohmann::ordered_json::array();
    for (const change::KindCounts& k : step.kinds)
      kinds.push_back({{"kind", k.kind},
                       {"new", k.added},
                       {"lost", k.lost},
                       {"strengthened", k.strengthened},
                       {"weakened", k.weakened},
                       {"unchanged", k.unchanged}});
    const auto ids = [&](const std::vector<VertexId>& list) {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const VertexId v : list)
        out.push_back(c.base.stakeholders[static_cast<std::size_t>(v)].id);
      return out;
    };
    steps.push_back({{"from", c.snapshots[step.from].label},
                     {"to", c.snapshots[step.from + 1].label},
                     {"ties", kinds},
                     {"stakeholders",
                      {{"entered", ids(step.entered)}, {"left", ids(step.left)}, {"stayed", step.stayed}}},
                     {"new_ties_with_newcomers", step.new_ties_of_newcomers}});
  }
  j["changes"] = steps;
  nlohmann::ordered_json m = nlohmann::ordered_json::array();
  for (const MeasureRow& row : measures) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const double x : row.values)
      values.push_back(json_number(x));
    m.push_back({{"measure", row.name},
                 {"label", row.label},
                 {"values", values},
                 {"change", json_number(row.values.back() - row.values.front())}});
  }
  j["measures"] = m;
  j["tracking"] = {{"threshold", c.config.tracking.threshold},
                   {"growth", c.config.tracking.growth},
                   {"min_size", c.config.tracking.min_size},
                   {"communities", tracking_json(c, names)}};
  nlohmann::ordered_json flows = nlohmann::ordered_json::array();
  for (const change::Flow& f : c.tracking.flows)
    flows.push_back({{"from_period", c.snapshots[f.from_snapshot].label},
                     {"to_period", c.snapshots[f.from_snapshot + 1].label},
                     {"from", f.from},
                     {"to", f.to},
                     {"members", f.members}});
  j["tracking"]["flows"] = flows;
  nlohmann::ordered_json dissolved = nlohmann::ordered_json::array();
  for (const change::Dissolved& d : c.tracking.dissolved)
    dissolved.push_back({{"period", c.snapshots[d.snapshot].label}, {"id", d.id}, {"members", d.members}});
  j["tracking"]["dissolved"] = dissolved;
  nlohmann::ordered_json tracks = nlohmann::ordered_json::array();
  for (const change::CandidateTrack& t : c.candidate_tracks) {
    nlohmann::ordered_json per = nlohmann::ordered_json::array();
    for (std::size_t s = 0; s < c.snapshots.size(); ++s) {
      if (t.found[s] < 0) {
        per.push_back(nullptr);
        continue;
      }
      const candidates::Candidate& cand = found[s][static_cast<std::size_t>(t.found[s])];
      const change::Snapshot& snap = c.snapshots[s];
      per.push_back({{"period", snap.label},
                     {"rank", cand.rank},
                     {"level", candidates::level_name(cand.level)},
                     {"score", cand.score},
                     {"size", cand.members.size()},
                     {"coordinator",
                      cand.coordinator < 0
                          ? nlohmann::ordered_json()
                          : nlohmann::ordered_json(
                                snap.network.stakeholders[static_cast<std::size_t>(cand.coordinator)].id)},
                     {"gaps", cand.gaps}});
    }
    tracks.push_back({{"id", t.id},
                      {"name", t.name},
                      {"story", change::candidate_story(t, c.snapshots, found)},
                      {"periods", per}});
  }
  j["candidates"] = tracks;
  if (c.uptake) j["uptake"] = uptake_json(c.base, *c.uptake);
  j["warnings"] = c.warnings;
  return j.dump(2) + "\n";
}

/// The complete tables: tables/ties.csv, tables/stakeholders.csv and tables/uptake.csv.
void complete_tables(Comparison& c) {
  // Complete tables (ties and stakeholders can be long: ids only, the report shows the top).
  {
    std::string ties;
    io::append_csv_row(ties, {"from", "to", "source", "target", "kind", "weight_before", "weight_after",
                              "ties_before", "ties_after", "change"});
    for (const change::Step& step : c.steps)
      for (const change::PairChange& p : step.pairs)
        io::append_csv_row(ties, {c.snapshots[step.from].label, c.snapshots[step.from + 1].label,
                                  c.base.stakeholders[static_cast<std::size_t>(p.source)].id,
                                  c.base.stakeholders[static_cast<std::size_t>(p.target)].id, p.kind,
                                  io::format_number(p.before), io::format_number(p.after),
                                  std::to_string(p.ties_before), std::to_string(p.ties_after),
                                  std::string(core::name_of(change::kTieChangeNames, p.change))});
    c.tables.emplace_back("tables/ties.csv", std::move(ties));
    std::string st;
    std::vector<std::string> header = {"id", "name", "type", "sector"};
    for (const change::Snapshot& s : c.snapshots)
      header.push_back("present_" + s.label);
    for (const change::Snapshot& s : c.snapshots)
      header.push_back("community_" + s.label);
    for (const char* metric : kStakeholderMetrics)
      for (const change::Snapshot& s : c.snapshots)
        header.push_back(std::string(metric) + "_" + s.label);
    for (const char* metric : kStakeholderMetrics)
      header.push_back(std::string(metric) + "_change");
    io::append_csv_row(st, header);
    std::vector<std::vector<std::vector<double>>> columns;  // [metric][snapshot][vertex]
    for (const char* metric : kStakeholderMetrics) {
      columns.emplace_back();
      for (std::size_t s = 0; s < c.snapshots.size(); ++s)
        columns.back().push_back(base_column(c, s, metric));
    }
    std::vector<std::vector<char>> present(c.snapshots.size(), std::vector<char>(c.base.size(), 0));
    for (std::size_t s = 0; s < c.snapshots.size(); ++s)
      for (const VertexId v : c.snapshots[s].base)
        present[s][static_cast<std::size_t>(v)] = 1;
    for (std::size_t v = 0; v < c.base.size(); ++v) {
      if (c.drawn.index[v] < 0) continue;
      const Stakeholder& s = c.base.stakeholders[v];
      std::vector<std::string> row = {s.id, s.name, s.type, s.sector};
      for (std::size_t k = 0; k < c.snapshots.size(); ++k)
        row.push_back(present[k][v] != 0 ? "1" : "0");
      for (std::size_t k = 0; k < c.snapshots.size(); ++k)
        row.push_back(c.tracking.id_of[k][v] == 0 ? "" : std::to_string(c.tracking.id_of[k][v]));
      for (const auto& metric : columns)
        for (const auto& per : metric)
          row.push_back(metrics::metric_text(per[v]));
      for (const auto& metric : columns)
        row.push_back(metrics::metric_text(metric.back()[v] - metric.front()[v]));
      io::append_csv_row(st, row);
    }
    c.tables.emplace_back("tables/stakeholders.csv", std::move(st));
    if (c.uptake) c.tables.emplace_back("tables/uptake.csv", uptake_csv(c.base, *c.uptake));
  }
}

/// The "What changed" report.
Report comparison_report(const Comparison& c, const std::vector<MeasureRow>& measures,
                         const std::map<std::int32_t, std::string>& names,
                         const std::vector<std::vector<candidates::Candidate>>& found) {
  const auto figure = [&](const std::string& name) -> const render::Scene* {
    for (const NamedScene& f : c.figures)
      if (f.name == name) return &f.scene;
    return nullptr;
  };
  // The report.
  Report report;
  report.title = c.base.name + ": what changed";
  report.subtitle = "Comparison of " + core::join(
                                           [&] {
                                             std::vector<std::string> labels;
                                             for (const change::Snapshot& s : c.snapshots)
                                               labels.push_back(s.label);
                                             return labels;
                                           }(),
                                           ", ");
  report.meta = "clusterscope " CLUSTERSCOPE_VERSION " · seed " + std::to_string(c.config.analysis.run.seed);
  if (!c.inputs.empty())
    report.meta += " · input SHA-256 " + c.inputs.front()["sha256"].get<std::string>().substr(0, 12);
  {
    ReportSection s{"changed", "What changed", {}};
    std::size_t added = 0, lost = 0, entered = 0, left = 0;
    for (const change::Step& step : c.steps) {
      added += step.kinds.back().added;
      lost += step.kinds.back().lost;
      entered += step.entered.size();
      left += step.left.size();
    }
    s.blocks.push_back(key_figures({{"+" + count_text(added), "new ties"},
                                    {"−" + count_text(lost), "lost ties"},
                                    {"+" + count_text(entered), "entered"},
                                    {"−" + count_text(left), "left"}}));
    s.blocks.push_back(bullets(period_items(c)));
    std::vector<std::string> items;
    for (const Statement& st : statements(c, measures, names, found)) {
      items.push_back(st.text);
      if (items.size() == 10) break;
    }
    s.blocks.push_back(subheading("The largest changes first"));
    s.blocks.push_back(bullets(items));
    for (const std::string& w : c.warnings)
      s.blocks.push_back(paragraph(core::with_full_stop(w), "warning"));
    if (const render::Scene* f = figure("network-change"))
      s.blocks.push_back(
          figure_block("network-change", f,
                       "The network in each period on one layout: a stakeholder keeps its place, new "
                       "ties are highlighted, lost ties dashed, newcomers ringed"));
    report.sections.push_back(std::move(s));
  }
  {
    ReportSection s{"ties", "Ties and stakeholders", {}};
    s.blocks.push_back(table_block(kinds_table(c)));
    s.blocks.push_back(table_block(tie_table(c, change::TieChange::added, 12)));
    s.blocks.push_back(table_block(tie_table(c, change::TieChange::lost, 12)));
    ReportTable rose = brokers_table(c, true, 10);
    ReportTable fell = brokers_table(c, false, 10);
    if (!rose.rows.empty()) s.blocks.push_back(table_block(std::move(rose)));
    if (!fell.rows.empty()) s.blocks.push_back(table_block(std::move(fell)));
    report.sections.push_back(std::move(s));
  }
  {
    ReportSection s{"measures", "The network's measures over time", {}};
    s.blocks.push_back(table_block(measures_table(c, measures)));
    if (const render::Scene* f = figure("measures-over-time"))
      s.blocks.push_back(figure_block("measures-over-time", f, "Network measures per period"));
    report.sections.push_back(std::move(s));
  }
  {
    ReportSection s{"communities", "Communities over time", {}};
    s.blocks.push_back(paragraph(
        "Each period's communities are found anew and then matched with the previous period's: two "
        "communities "
        "match when the Jaccard index of their members present in both periods is at least " +
        core::readable_number(c.config.tracking.threshold) +
        ". A community keeps its id and colour while it continues; of a merger the id of the largest overlap "
        "survives, of a split the largest part keeps it. Communities of fewer than " +
        std::to_string(c.config.tracking.min_size) + " members are not followed."));
    s.blocks.push_back(table_block(communities_table(c, names)));
    if (const render::Scene* f = figure("community-flows"))
      s.blocks.push_back(figure_block("community-flows", f,
                                      "Members flowing between the communities of consecutive periods"));
    report.sections.push_back(std::move(s));
  }
  {
    ReportSection s{"candidates", "Candidate groups over time", {}};
    std::vector<std::string> stories;
    for (const change::CandidateTrack& t : c.candidate_tracks) {
      bool leading = false;
      for (std::size_t k = 0; k < c.snapshots.size(); ++k)
        if (t.found[k] >= 0 && found[k][static_cast<std::size_t>(t.found[k])].rank <= 8) leading = true;
      if (!leading) continue;
      if (std::string story = change::candidate_story(t, c.snapshots, found); !story.empty())
        stories.push_back(std::move(story));
    }
    if (!stories.empty()) s.blocks.push_back(bullets(stories));
    ReportTable table = candidates_table(c, found);
    if (table.rows.empty())
      s.blocks.push_back(paragraph("No candidate group reached the emerging level in any period."));
    else
      s.blocks.push_back(table_block(std::move(table)));
    report.sections.push_back(std::move(s));
  }
  if (c.uptake) report.sections.push_back(uptake_section(c.base, *c.uptake));
  {
    ReportSection s{"methods", "How this comparison was made", {}};
    std::vector<std::string> items = {
        "Periods are inclusive at the precision written (2012..2012 is the whole year 2012); a tie counts in "
        "a "
        "period when its date, or its start–end span, overlaps it. Undated ties: " +
            std::string(core::entry_of(change::kUndatedNames, c.config.undated).note) + ".",
        "A stakeholder is present in a period when it has a tie there, or when its active_from / active_to "
        "span "
        "overlaps it.",
        "Every period is analysed with the same settings and seed (" +
            std::to_string(c.config.analysis.run.seed) + "): measures, communities, candidates.",
        "Ties are compared per pair and kind, their weights summed within each period: new, lost, "
        "strengthened or "
        "weakened.",
        "The figures draw every period on one layout of all periods together, so a stakeholder keeps its "
        "place "
        "and a newcomer sits near its partners."};
    if (c.uptake)
      items.push_back(
          "Uptake: a tie of a cooperation kind (" + core::join(c.uptake->kinds, ", ") +
          ") starting after the referral and within " + std::to_string(c.uptake->window_months) +
          " months. The baseline counts, for each referral, the same firm's other possible partners of "
          "the partner's type at the same distance (2, 3, 4 or more hops) on the referral date, not "
          "referred to it and not tied to it yet, and how many of them started cooperating with the "
          "firm in the same window.");
    s.blocks.push_back(bullets(items));
    report.sections.push_back(std::move(s));
  }
  return report;
}

}  // namespace

void build_comparison_outputs(Comparison& c, const std::vector<MeasureRow>& measures,
                              const std::map<std::int32_t, std::string>& names) {
  const std::vector<std::vector<candidates::Candidate>> found = found_candidates(c);
  c.changes_json = changes_json(c, measures, names, found);
  complete_tables(c);
  const Report report = comparison_report(c, measures, names, found);
  c.report_pdf = report_pdf(report);
  c.report_html = report_html(report, c.config.analysis.dpi);
  for (auto& table : annex_tables(report))
    c.tables.push_back(std::move(table));
}

}  // namespace clusterscope::pipeline
