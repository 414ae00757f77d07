#include "clusterscope/model/partition.hpp"

#include <algorithm>
#include <stdexcept>

namespace clusterscope {

Partition Partition::canonical(const std::vector<std::int64_t>& labels) {
  Partition p;
  p.membership.assign(labels.size(), 0);
  std::vector<std::int64_t> distinct(labels);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (!distinct.empty() && distinct.front() < 0)
    throw std::invalid_argument("Partition::canonical: negative label");
  std::vector<CommunityId> relabel(distinct.size(), -1);  // by rank among the distinct labels
  for (std::size_t v = 0; v < labels.size(); ++v) {
    const auto rank = static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), labels[v]) -
                                               distinct.begin());
    if (relabel[rank] < 0) relabel[rank] = p.count++;
    p.membership[v] = relabel[rank];
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
