// Communities and candidate groups followed across snapshots (docs/compare.md, "Tracking").

#include <algorithm>
#include <map>
#include <set>

#include "clusterscope/change/change.hpp"
#include "clusterscope/core/text.hpp"

namespace clusterscope::change {
namespace {

std::vector<VertexId> restricted(const std::vector<VertexId>& members, const std::vector<char>& keep) {
  std::vector<VertexId> out;
  for (const VertexId v : members)
    if (keep[static_cast<std::size_t>(v)] != 0) out.push_back(v);
  return out;
}

double jaccard(std::size_t overlap, std::size_t a, std::size_t b) {
  const std::size_t u = a + b - overlap;
  return u == 0 ? 0.0 : static_cast<double>(overlap) / static_cast<double>(u);
}

struct Match {
  std::size_t a = 0;  ///< index in the previous list
  std::size_t b = 0;  ///< index in the current list
  std::size_t overlap = 0;
  double jaccard = 0;
};

/// Matches of two lists of member sets (base vertices, ascending) restricted to `keep`, best first:
/// by overlap, then Jaccard, then list order.
std::vector<Match> matches(const std::vector<std::vector<VertexId>>& before,
                           const std::vector<std::vector<VertexId>>& after, const std::vector<char>* keep,
                           double threshold) {
  const auto kept = [&](const std::vector<VertexId>& members) {
    return keep != nullptr ? restricted(members, *keep) : members;
  };
  // Which later sets each member is in, so only sets that share a member are compared:
  // O(Σ members × sets per member) instead of every pair of sets.
  std::vector<std::size_t> size_after(after.size());
  std::map<VertexId, std::vector<std::size_t>> in_after;
  for (std::size_t j = 0; j < after.size(); ++j) {
    const std::vector<VertexId> b = kept(after[j]);
    size_after[j] = b.size();
    for (const VertexId v : b)
      in_after[v].push_back(j);
  }
  std::vector<Match> out;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const std::vector<VertexId> a = kept(before[i]);
    std::map<std::size_t, std::size_t> overlap;  // later set → members in common, by set order
    for (const VertexId v : a)
      if (const auto it = in_after.find(v); it != in_after.end())
        for (const std::size_t j : it->second)
          ++overlap[j];
    for (const auto& [j, n] : overlap) {
      const double jac = jaccard(n, a.size(), size_after[j]);
      if (jac >= threshold) out.push_back({i, j, n, jac});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Match& x, const Match& y) {
    if (x.overlap != y.overlap) return x.overlap > y.overlap;
    return x.jaccard > y.jaccard;
  });
  return out;
}

/// Orders indices largest set first, then by the smallest member.
std::vector<std::size_t> largest_first(const std::vector<std::vector<VertexId>>& sets) {
  std::vector<std::size_t> order(sets.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (sets[x].size() != sets[y].size()) return sets[x].size() > sets[y].size();
    return sets[x] < sets[y];
  });
  return order;
}

}  // namespace

Tracking track_communities(const std::vector<Snapshot>& snapshots, const std::vector<Partition>& partitions,
                           std::size_t base_size, const TrackingOptions& options) {
  Tracking t;
  t.snapshots.resize(snapshots.size());
  t.id_of.assign(snapshots.size(), std::vector<std::int32_t>(base_size, 0));
  std::vector<std::vector<std::vector<VertexId>>> sets(snapshots.size());  // tracked communities' members
  std::vector<std::vector<std::int32_t>> ids(snapshots.size());
  for (std::size_t s = 0; s < snapshots.size(); ++s) {
    const Partition& p = partitions.at(s);
    std::vector<std::vector<VertexId>> members(static_cast<std::size_t>(p.count));
    for (std::size_t v = 0; v < p.membership.size(); ++v)
      members[static_cast<std::size_t>(p.membership[v])].push_back(snapshots[s].base[v]);
    std::vector<std::int32_t> community_of_set;
    for (std::size_t c = 0; c < members.size(); ++c) {
      std::sort(members[c].begin(), members[c].end());
      if (static_cast<std::int32_t>(members[c].size()) < options.min_size) continue;
      sets[s].push_back(members[c]);
      community_of_set.push_back(static_cast<std::int32_t>(c));
    }
    ids[s].assign(sets[s].size(), 0);
    std::vector<TrackedCommunity> tracked(sets[s].size());
    for (std::size_t i = 0; i < sets[s].size(); ++i) {
      tracked[i].snapshot = s;
      tracked[i].community = community_of_set[i];
      tracked[i].members = sets[s][i];
    }
    if (s == 0) {
      for (const std::size_t i : largest_first(sets[s]))
        ids[s][i] = ++t.ids;
    } else {
      std::vector<char> both(base_size, 0);
      {
        std::vector<char> was(base_size, 0);
        for (const VertexId v : snapshots[s - 1].base)
          was[static_cast<std::size_t>(v)] = 1;
        for (const VertexId v : snapshots[s].base)
          if (was[static_cast<std::size_t>(v)] != 0) both[static_cast<std::size_t>(v)] = 1;
      }
      const std::vector<Match> found = matches(sets[s - 1], sets[s], &both, options.threshold);
      std::vector<std::vector<const Match*>> pred(sets[s].size());
      std::vector<std::vector<const Match*>> succ(sets[s - 1].size());
      for (const Match& m : found) {
        pred[m.b].push_back(&m);
        succ[m.a].push_back(&m);
      }
      // Ids: a community inherits its best unclaimed match's id, matches taken best first.
      std::vector<char> claimed(sets[s - 1].size(), 0);
      for (const Match& m : found) {
        if (ids[s][m.b] != 0 || claimed[m.a] != 0) continue;
        ids[s][m.b] = ids[s - 1][m.a];
        claimed[m.a] = 1;
      }
      for (const std::size_t i : largest_first(sets[s]))
        if (ids[s][i] == 0) ids[s][i] = ++t.ids;
      for (std::size_t i = 0; i < sets[s].size(); ++i) {
        TrackedCommunity& c = tracked[i];
        for (const Match* m : pred[i])
          c.from.push_back(ids[s - 1][m->a]);
        c.jaccard = pred[i].empty() ? 0.0 : pred[i].front()->jaccard;
        if (pred[i].empty()) {
          c.event = Event::new_;
        } else if (pred[i].size() >= 2) {
          c.event = Event::merged;
        } else if (succ[pred[i].front()->a].size() >= 2) {
          c.event = Event::split;
        } else {
          const double before = static_cast<double>(sets[s - 1][pred[i].front()->a].size());
          const double now = static_cast<double>(c.members.size());
          c.event = now > before * (1 + options.growth)   ? Event::grown
                    : now < before * (1 - options.growth) ? Event::shrunk
                                                          : Event::continued;
        }
      }
      for (std::size_t i = 0; i < sets[s - 1].size(); ++i)
        if (succ[i].empty()) t.dissolved.push_back({s, ids[s - 1][i], sets[s - 1][i].size()});
      // Flows of the members present in both snapshots.
      std::vector<std::int32_t> now(base_size, 0);
      for (std::size_t i = 0; i < sets[s].size(); ++i)
        for (const VertexId v : sets[s][i])
          now[static_cast<std::size_t>(v)] = ids[s][i];
      std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> flows;
      for (std::size_t v = 0; v < base_size; ++v) {
        if (both[v] == 0) continue;
        const std::int32_t a = t.id_of[s - 1][v];
        const std::int32_t b = now[v];
        if (a != 0 && b != 0) ++flows[{a, b}];
      }
      for (const auto& [pair, n] : flows)
        t.flows.push_back({s - 1, pair.first, pair.second, n});
    }
    for (std::size_t i = 0; i < sets[s].size(); ++i) {
      tracked[i].id = ids[s][i];
      for (const VertexId v : sets[s][i])
        t.id_of[s][static_cast<std::size_t>(v)] = ids[s][i];
    }
    std::sort(tracked.begin(), tracked.end(),
              [](const TrackedCommunity& x, const TrackedCommunity& y) { return x.id < y.id; });
    t.snapshots[s] = std::move(tracked);
  }
  return t;
}

std::vector<CandidateTrack> track_candidates(const std::vector<Snapshot>& snapshots,
                                             const std::vector<std::vector<candidates::Candidate>>& found,
                                             const TrackingOptions& options) {
  std::vector<CandidateTrack> tracks;
  std::vector<std::int32_t> previous;  // track index of each candidate of the previous snapshot
  std::vector<std::vector<VertexId>> previous_sets;
  for (std::size_t s = 0; s < snapshots.size(); ++s) {
    std::vector<std::vector<VertexId>> sets;
    for (const candidates::Candidate& c : found.at(s)) {
      std::vector<VertexId> m;
      for (const VertexId v : c.members)
        m.push_back(snapshots[s].base[static_cast<std::size_t>(v)]);
      std::sort(m.begin(), m.end());
      sets.push_back(std::move(m));
    }
    std::vector<std::int32_t> current(sets.size(), -1);
    if (s > 0) {
      std::vector<char> claimed(previous_sets.size(), 0);
      for (const Match& m : matches(previous_sets, sets, nullptr, options.threshold)) {
        if (current[m.b] >= 0 || claimed[m.a] != 0) continue;
        current[m.b] = previous[m.a];
        claimed[m.a] = 1;
      }
    }
    for (std::size_t i = 0; i < sets.size(); ++i) {
      if (current[i] < 0) {
        CandidateTrack track;
        track.id = static_cast<std::int32_t>(tracks.size()) + 1;
        track.found.assign(snapshots.size(), -1);
        tracks.push_back(std::move(track));
        current[i] = static_cast<std::int32_t>(tracks.size()) - 1;
      }
      CandidateTrack& track = tracks[static_cast<std::size_t>(current[i])];
      track.found[s] = static_cast<std::int32_t>(i);
      const candidates::Candidate& c = found[s][i];
      if (track.name.empty() || !c.sector.empty()) {
        if (!c.sector.empty()) {
          track.name = c.sector;
        } else if (!c.anchors.empty()) {
          const Stakeholder& a =
              snapshots[s].network.stakeholders[static_cast<std::size_t>(c.anchors.front())];
          track.name = "around " + (a.name.empty() ? a.id : a.name);
        }
      }
    }
    previous = std::move(current);
    previous_sets = std::move(sets);
  }
  return tracks;
}

std::string candidate_story(const CandidateTrack& track, const std::vector<Snapshot>& snapshots,
                            const std::vector<std::vector<candidates::Candidate>>& found) {
  std::size_t first = snapshots.size();
  std::size_t last = 0;
  for (std::size_t s = 0; s < snapshots.size(); ++s) {
    if (track.found[s] < 0) continue;
    first = std::min(first, s);
    last = s;
  }
  const std::string name =
      track.name.rfind("around ", 0) == 0 ? "The group " + track.name : "The " + track.name + " group";
  if (first == snapshots.size()) return "";
  const candidates::Candidate& b = found[last][static_cast<std::size_t>(track.found[last])];
  const auto level = [](const candidates::Candidate& c) {
    return std::string(core::name_of(candidates::kLevelNames, c.level));
  };
  const auto coordinator = [&](std::size_t s, const candidates::Candidate& c) -> std::string {
    if (c.coordinator < 0) return "";
    const Stakeholder& st = snapshots[s].network.stakeholders[static_cast<std::size_t>(c.coordinator)];
    return st.name.empty() ? st.id : st.name;
  };
  if (first == last) {
    if (first == 0 && snapshots.size() > 1)
      return name + " (" + level(b) + ", " + std::to_string(b.members.size()) + " members in " +
             snapshots[first].label + ") is not found in " + snapshots.back().label + ".";
    return name + " appears in " + snapshots[first].label + " as " + level(b) + " (score " +
           core::readable_number(b.score) + ", " + std::to_string(b.members.size()) + " members).";
  }
  const candidates::Candidate& a = found[first][static_cast<std::size_t>(track.found[first])];
  std::string out = name;
  if (a.level != b.level) {
    out += " went from " + level(a) + " to " + level(b);
  } else {
    out += " stayed " + level(b);
  }
  out += " (" + snapshots[first].label + " → " + snapshots[last].label + ": score " +
         core::readable_number(a.score) + " → " + core::readable_number(b.score) + ", " +
         std::to_string(a.members.size()) + " → " + std::to_string(b.members.size()) + " members)";
  const std::string ca = coordinator(first, a);
  const std::string cb = coordinator(last, b);
  if (ca.empty() && !cb.empty()) {
    out += "; it gained a coordinator, " + cb;
  } else if (!ca.empty() && cb.empty()) {
    out += "; it lost its coordinator, " + ca;
  } else if (!ca.empty() && ca != cb) {
    out += "; its coordinator changed from " + ca + " to " + cb;
  }
  if (last + 1 < snapshots.size()) out += "; it is not found in " + snapshots.back().label;
  return out + ".";
}

}  // namespace clusterscope::change
