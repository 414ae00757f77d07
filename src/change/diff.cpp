// What changed between two snapshots: ties by pair and kind, stakeholders in and out
// (docs/compare.md, "Ties and stakeholders").

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "clusterscope/change/change.hpp"

namespace clusterscope::change {
namespace {

using Key = std::tuple<VertexId, VertexId, std::string>;

struct Sum {
  double weight = 0;
  std::int32_t ties = 0;
};

/// Summed tie weight and count per (base pair, kind) of a snapshot.
std::map<Key, Sum> pair_sums(const Snapshot& s, bool directed) {
  std::map<Key, Sum> out;
  for (const Tie& t : s.network.ties) {
    VertexId a = s.base[static_cast<std::size_t>(t.source)];
    VertexId b = s.base[static_cast<std::size_t>(t.target)];
    if (!directed && b < a) std::swap(a, b);
    Sum& sum = out[Key{a, b, s.network.kind_name(t.kind)}];
    sum.weight += t.weight;
    ++sum.ties;
  }
  return out;
}

void count(KindCounts& c, TieChange change) {
  switch (change) {
    case TieChange::added: ++c.added; break;
    case TieChange::lost: ++c.lost; break;
    case TieChange::strengthened: ++c.strengthened; break;
    case TieChange::weakened: ++c.weakened; break;
    case TieChange::unchanged: ++c.unchanged; break;
  }
}

}  // namespace

Step compare_snapshots(const Network& base, const Snapshot& before, const Snapshot& after, std::size_t from,
                       double epsilon) {
  Step step;
  step.from = from;
  const auto a = pair_sums(before, base.directed);
  const auto b = pair_sums(after, base.directed);
  std::vector<char> was(base.size(), 0);
  std::vector<char> is(base.size(), 0);
  for (const VertexId v : before.base)
    was[static_cast<std::size_t>(v)] = 1;
  for (const VertexId v : after.base)
    is[static_cast<std::size_t>(v)] = 1;
  for (std::size_t v = 0; v < base.size(); ++v) {
    if (is[v] != 0 && was[v] == 0) step.entered.push_back(static_cast<VertexId>(v));
    if (was[v] != 0 && is[v] == 0) step.left.push_back(static_cast<VertexId>(v));
    if (was[v] != 0 && is[v] != 0) ++step.stayed;
  }
  std::map<std::string, KindCounts> kinds;
  KindCounts all{"all"};
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    PairChange pc;
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
      std::tie(pc.source, pc.target, pc.kind) = ia->first;
      pc.before = ia->second.weight;
      pc.ties_before = ia->second.ties;
      ++ia;
    } else if (ia == a.end() || ib->first < ia->first) {
      std::tie(pc.source, pc.target, pc.kind) = ib->first;
      pc.after = ib->second.weight;
      pc.ties_after = ib->second.ties;
      ++ib;
    } else {
      std::tie(pc.source, pc.target, pc.kind) = ia->first;
      pc.before = ia->second.weight;
      pc.ties_before = ia->second.ties;
      pc.after = ib->second.weight;
      pc.ties_after = ib->second.ties;
      ++ia;
      ++ib;
    }
    if (pc.ties_before == 0) {
      pc.change = TieChange::added;
      if (was[static_cast<std::size_t>(pc.source)] == 0 || was[static_cast<std::size_t>(pc.target)] == 0)
        ++step.new_ties_of_newcomers;
    } else if (pc.ties_after == 0) {
      pc.change = TieChange::lost;
    } else if (std::abs(pc.after - pc.before) <= epsilon * std::max(pc.before, pc.after)) {
      pc.change = TieChange::unchanged;
    } else {
      pc.change = pc.after > pc.before ? TieChange::strengthened : TieChange::weakened;
    }
    KindCounts& k = kinds[pc.kind];
    k.kind = pc.kind;
    count(k, pc.change);
    count(all, pc.change);
    step.pairs.push_back(std::move(pc));
  }
  for (auto& [name, k] : kinds)
    step.kinds.push_back(k);
  step.kinds.push_back(all);
  return step;
}

}  // namespace clusterscope::change
