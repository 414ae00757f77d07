#pragma once
// A partition of the stakeholders into communities, the value type the communities module
// produces and the candidates module reads.

#include <cstdint>
#include <vector>

namespace clusterscope {

using CommunityId = std::int32_t;

/// membership[v] is the community of stakeholder v, 0 … count − 1, labelled canonically: by
/// first appearance in stakeholder order, so equal partitions have equal vectors.
struct Partition {
  std::vector<CommunityId> membership;
  std::int32_t count = 0;

  /// Relabels any labels (negative values excluded: none allowed) 0..k−1 by first appearance.
  static Partition canonical(const std::vector<std::int64_t>& labels);
  [[nodiscard]] std::vector<std::int32_t> sizes() const;
  /// Members of each community, in stakeholder order.
  [[nodiscard]] std::vector<std::vector<std::int32_t>> members() const;
};

}  // namespace clusterscope
