#pragma once
// The options analyze and compare share (docs/CLI.md): input and filters, measures, communities,
// figures and change over time, turned into a pipeline::AnalysisConfig in one place.

#include <string>
#include <vector>

#include "clusterscope/pipeline/analysis.hpp"
#include "config.hpp"
#include "options.hpp"
#include "support.hpp"

namespace clusterscope::cli {

struct AnalysisFlags {
  InputOptions input;
  CommonFlags common;
  core::RunContext run;  ///< --seed and --threads, resolved once
  MetricFlags metrics;
  CommunityFlags communities;
  FigureFlags figures;
  ChangeFlags change;
  bool force = false;
  std::string output;
  std::vector<std::string> inputs;  ///< compare's one or two inputs
};

/// The settings of one analysis from the parsed flags; `records` become the report's parameters
/// and the manifest's option sources.
pipeline::AnalysisConfig analysis_config(const AnalysisFlags& f, const Parsed& parsed,
                                         const std::vector<OptionRecord>& records);

}  // namespace clusterscope::cli
