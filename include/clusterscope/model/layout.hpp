#pragma once
// Positions of the stakeholders in a figure: the value type layouts produce and the renderer,
// `render -o FILE.csv` (id,x,y) and stakeholders.csv read.

#include <vector>

namespace clusterscope {

/// x[v], y[v] for stakeholder v, in layout units (the renderer fits them to the page; y grows
/// upwards, as on a map — geographic layouts put north at the top).
struct Layout {
  std::vector<double> x;
  std::vector<double> y;
  [[nodiscard]] std::size_t size() const noexcept { return x.size(); }
};

}  // namespace clusterscope
