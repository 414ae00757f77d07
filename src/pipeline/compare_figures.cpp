// compare's figures (src/pipeline/compare_content.hpp).

#include "compare_content.hpp"

namespace clusterscope::pipeline {

std::vector<NamedScene> comparison_figures(const Comparison& comparison) {
  (void)comparison;
  return {};
}

}  // namespace clusterscope::pipeline
