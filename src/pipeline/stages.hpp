#pragma once
// The stage clock of run_analysis() and write_analysis(): tells AnalysisProgress when a stage
// starts and ends and keeps each stage's time for manifest.json.

#include <chrono>
#include <string>
#include <vector>

#include "clusterscope/pipeline/analysis.hpp"

namespace clusterscope::pipeline {

class StageClock {
 public:
  /// `times`: stages that ran before (write_analysis() continues run_analysis()'s).
  explicit StageClock(const AnalysisProgress& progress, std::vector<StageTime> times = {});
  /// Starts a stage; ends the previous one if it is still open.
  void begin(const std::string& stage);
  /// Ends the current stage, recording its time.
  void end();
  [[nodiscard]] const std::vector<StageTime>& times() const { return times_; }

 private:
  const AnalysisProgress& progress_;
  std::vector<StageTime> times_;
  std::string stage_;
  bool open_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace clusterscope::pipeline
