// Pair view of the network, helix roles and wording helpers for the candidates module.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "groups.hpp"

namespace clusterscope::candidates::detail {

PairGraph pair_graph(std::size_t n, const std::vector<AggregatedEdge>& edges) {
  struct Entry {
    VertexId a;
    VertexId b;
    double w;
  };
  std::vector<Entry> entries;
  entries.reserve(edges.size());
  for (const AggregatedEdge& e : edges) {
    if (e.source < 0 || e.target < 0 || static_cast<std::size_t>(e.source) >= n ||
        static_cast<std::size_t>(e.target) >= n)
      throw std::invalid_argument("candidates: an aggregated edge names a stakeholder out of range");
    if (e.source == e.target) continue;
    entries.push_back({std::min(e.source, e.target), std::max(e.source, e.target), e.weight});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& x, const Entry& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
  PairGraph g;
  g.adjacency.resize(n);
  g.strength.assign(n, 0.0);
  for (std::size_t i = 0; i < entries.size();) {
    double w = 0;
    std::size_t j = i;
    for (; j < entries.size() && entries[j].a == entries[i].a && entries[j].b == entries[i].b; ++j)
      w += entries[j].w;
    const auto a = static_cast<std::size_t>(entries[i].a);
    const auto b = static_cast<std::size_t>(entries[i].b);
    g.adjacency[a].emplace_back(entries[i].b, w);
    g.adjacency[b].emplace_back(entries[i].a, w);
    g.strength[a] += w;
    g.strength[b] += w;
    g.total_weight += w;
    ++g.pairs;
    i = j;
  }
  for (auto& list : g.adjacency)
    std::sort(list.begin(), list.end());
  return g;
}

RoleMap::RoleMap(const CandidateConfig& config) {
  types_ = {config.firm_types, config.academia_types, config.government_types, config.coordinator_types};
  for (const auto& list : types_)
    if (!list.empty()) ++configured_;
}

std::int32_t RoleMap::role(const std::string& type) const {
  for (std::size_t r = 0; r < kRoles; ++r)
    if (std::find(types_[r].begin(), types_[r].end(), type) != types_[r].end())
      return static_cast<std::int32_t>(r);
  return -1;
}

std::vector<std::pair<std::string, std::int64_t>> members_by_type(const Network& network,
                                                                  const std::vector<VertexId>& members) {
  std::map<std::string, std::int64_t> by_type;
  for (const VertexId v : members)
    ++by_type[network.stakeholders[static_cast<std::size_t>(v)].type];
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const TypeTerm& term : network.vocabulary) {
    const auto it = by_type.find(term.name);
    if (it == by_type.end()) continue;
    out.emplace_back(*it);
    by_type.erase(it);
  }
  out.insert(out.end(), by_type.begin(), by_type.end());
  return out;
}

namespace {
/// English plural of a label's last word: -s, -ies after a consonant + y, unchanged after -s.
std::string plural(const std::string& label) {
  if (label.empty() || label.back() == 's') return label;
  const char before = label.size() > 1 ? label[label.size() - 2] : 'a';
  const bool vowel = before == 'a' || before == 'e' || before == 'i' || before == 'o' || before == 'u';
  if (label.back() == 'y' && !vowel) return label.substr(0, label.size() - 1) + "ies";
  return label + "s";
}
}  // namespace

std::string counted(std::int64_t count, const std::string& label) {
  if (count == 1) return "1 " + label;
  // "association / NGO" → "associations / NGOs": each alternative takes the plural.
  std::string out;
  std::size_t start = 0;
  for (std::size_t slash = label.find(" / "); slash != std::string::npos; slash = label.find(" / ", start)) {
    out += plural(label.substr(start, slash - start)) + " / ";
    start = slash + 3;
  }
  return std::to_string(count) + " " + out + plural(label.substr(start));
}

std::string joined_or(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

long long percent(double share) {
  return std::llround(share * 100.0);
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string display_name(const Stakeholder& s) {
  return s.name.empty() ? s.id : s.name + " (" + s.id + ")";
}

}  // namespace clusterscope::candidates::detail
