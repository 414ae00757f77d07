#include "clusterscope/model/partition.hpp"

#include <stdexcept>
#include <unordered_map>

namespace clusterscope {

Partition Partition::canonical(const std::vector<std::int64_t>& labels) {
  Partition p;
  p.membership.resize(labels.size());
  std::unordered_map<std::int64_t, CommunityId> relabel;
  relabel.reserve(labels.size());
  for (std::size_t v = 0; v < labels.size(); ++v) {
    if (labels[v] < 0) throw std::invalid_argument("Partition::canonical: negative label");
    const auto [it, fresh] = relabel.try_emplace(labels[v], p.count);
    if (fresh) ++p.count;
    p.membership[v] = it->second;
  }
  return p;
}

std::vector<std::int32_t> Partition::sizes() const {
  std::vector<std::int32_t> out(static_cast<std::size_t>(count), 0);
  for (const CommunityId c : membership)
    ++out[static_cast<std::size_t>(c)];
  return out;
}

std::vector<std::vector<std::int32_t>> Partition::members() const {
  std::vector<std::vector<std::int32_t>> out(static_cast<std::size_t>(count));
  for (std::size_t v = 0; v < membership.size(); ++v)
    out[static_cast<std::size_t>(membership[v])].push_back(static_cast<std::int32_t>(v));
  return out;
}

}  // namespace clusterscope
