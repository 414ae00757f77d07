#pragma once
// The stage clock of run_analysis() and write_analysis(): tells AnalysisProgress when a stage
// starts and ends and keeps each stage's time for manifest.json.

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
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

/// The time now, ISO 8601 in UTC ("2026-12-04T01:26:21Z").
std::string utc_now();

/// Loads `input` (a path, or "-": standard input in config.input_format) with config's load
/// settings and hands its diagnostics on; with `strict` a warning fails like an error.
Network load_input(const AnalysisConfig& config, const std::string& input, Diagnostics& diagnostics,
                   const AnalysisProgress& progress);

/// Replaces `network`'s referrals with those of config.referrals_file (dated `date` when it is a
/// recommendations.csv), handing its diagnostics on and adding them to `diagnostics`.
void read_referrals(const AnalysisConfig& config, const std::string& file, const Date& date, Network& network,
                    Diagnostics& diagnostics, const AnalysisProgress& progress);

/// Every file read, with its size and SHA-256, in reading order (manifest.json's "inputs" and the
/// report's meta line).
nlohmann::ordered_json input_records(const std::vector<std::string>& files);

/// Every file of `folder` (recursively, sorted) with its size and SHA-256, for manifest.json.
nlohmann::ordered_json output_files(const std::filesystem::path& folder);

/// manifest.json's "run": start time, stage times and peak memory, the machine's cores.
nlohmann::ordered_json run_record(const std::string& started_utc, const std::vector<StageTime>& stages);

/// Library versions for manifest.json.
nlohmann::ordered_json versions_record();

}  // namespace clusterscope::pipeline
