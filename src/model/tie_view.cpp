// The tie view built once after loading (clusterscope/model/tie_view.hpp).
#include "clusterscope/model/tie_view.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "clusterscope/core/text.hpp"

namespace clusterscope {

namespace {
bool by_pair(const AggregatedEdge& a, const AggregatedEdge& b) {
  return a.source != b.source ? a.source < b.source : a.target < b.target;
}
}  // namespace

std::int32_t TypeIndex::find(std::string_view name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<std::int32_t>(it - names.begin());
}

std::vector<AggregatedEdge> undirected_pairs(const std::vector<AggregatedEdge>& pairs) {
  std::vector<AggregatedEdge> edges;
  edges.reserve(pairs.size());
  for (AggregatedEdge e : pairs) {
    if (e.source == e.target) continue;
    if (e.source > e.target) std::swap(e.source, e.target);
    edges.push_back(e);
  }
  std::sort(edges.begin(), edges.end(), by_pair);
  std::vector<AggregatedEdge> merged;
  merged.reserve(edges.size());
  for (const AggregatedEdge& e : edges) {
    if (!merged.empty() && merged.back().source == e.source && merged.back().target == e.target) {
      merged.back().weight += e.weight;
      merged.back().ties += e.ties;
    } else {
      merged.push_back(e);
    }
  }
  return merged;
}

TypeIndex index_types(const Network& network) {
  TypeIndex index;
  std::map<std::string_view, std::int32_t> position;
  for (std::size_t t = 0; t < network.vocabulary.size(); ++t) {
    const std::string& name = network.vocabulary[t].name;
    if (!position.try_emplace(name, static_cast<std::int32_t>(index.names.size())).second) continue;
    index.names.push_back(name);
    index.term.push_back(static_cast<std::int32_t>(t));
  }
  index.listed = index.names.size();
  std::set<std::string_view> others;
  for (const Stakeholder& s : network.stakeholders)
    if (!position.contains(s.type)) others.insert(s.type);
  for (const std::string_view other : others) {
    position.emplace(other, static_cast<std::int32_t>(index.names.size()));
    index.names.emplace_back(other);
    index.term.push_back(-1);
  }
  index.of.reserve(network.size());
  for (const Stakeholder& s : network.stakeholders)
    index.of.push_back(position.at(s.type));
  return index;
}

TieView make_tie_view(const Network& network) {
  TieView view;
  view.n = static_cast<std::int32_t>(network.size());
  view.directed = network.directed;
  view.pairs = aggregate_ties(network);
  view.undirected = undirected_pairs(view.pairs);
  view.strength.assign(network.size(), 0.0);
  for (const AggregatedEdge& e : view.pairs) {
    view.strength[static_cast<std::size_t>(e.source)] += e.weight;
    view.strength[static_cast<std::size_t>(e.target)] += e.weight;
  }
  view.types = index_types(network);
  return view;
}

SectorShare sector_share(const Network& network, const std::vector<VertexId>& members, double min_share) {
  std::map<std::string_view, std::int32_t> sectors;
  SectorShare out;
  for (const VertexId v : members) {
    const std::string& sector = network.stakeholders[static_cast<std::size_t>(v)].sector;
    if (sector.empty()) continue;
    ++sectors[sector];
    ++out.with_sector;
  }
  for (const auto& [sector, count] : sectors) {  // std::map order: ties go to the first name
    if (count > out.in_top) {
      out.in_top = count;
      out.top = sector;
    }
  }
  out.share = out.with_sector > 0 ? static_cast<double>(out.in_top) / out.with_sector : 0.0;
  if (out.with_sector > 0 && out.share >= min_share) out.dominant = out.top;
  return out;
}

std::string type_label(const Network& network, std::string_view type) {
  for (const TypeTerm& t : network.vocabulary)
    if (t.name == type && !t.label.empty()) return t.label;
  return type.empty() ? std::string("unknown type") : std::string(type);
}

std::string type_label_in_text(const Network& network, std::string_view type) {
  return core::mid_sentence(type_label(network, type));
}

}  // namespace clusterscope
