#pragma once
// The whole analysis behind `clusterscope analyze` (docs/ARCHITECTURE.md, "pipeline/"): load,
// measures, communities, candidates, layout, figures and the report, computed once by
// run_analysis() into an Analysis value, then written as one output folder by write_analysis().
// The settings arrive parsed (AnalysisConfig); what the command line was is not known here:
// progress and warnings go out through AnalysisProgress, the option records for the manifest and
// the report arrive as plain values.

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/change/change.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/run.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/tie_view.hpp"
#include "clusterscope/pipeline/figures.hpp"
#include "clusterscope/recommend/recommend.hpp"

namespace clusterscope::pipeline {

/// Every setting of an analysis, already parsed and checked.
/// analyze's recommendation settings: the defaults with 5 partners per query.
inline recommend::RecommendConfig analysis_recommend_config() {
  recommend::RecommendConfig c;
  c.top = 5;
  return c;
}

struct AnalysisConfig {
  std::string input;                                  ///< a path, or "-" for standard input
  io::FileFormat input_format = io::FileFormat::csv;  ///< of standard input (input "-")
  io::LoadOptions load;
  bool strict = false;  ///< a loader warning fails like an error
  /// The seed and threads of the run: run_analysis() gives every stage these (the seed and
  /// threads of the option structs below are replaced by them).
  core::RunContext run;
  metrics::MetricOptions metrics;
  communities::CommunityOptions communities;
  candidates::CandidateConfig candidates;
  bool candidates_from_config = false;  ///< the manifest's source of the candidate settings
  /// Recommendations (recommendations.csv: top 5 per enterprise unless a config sets "top") and
  /// the visit plan (visit-plan.csv).
  recommend::RecommendConfig recommend = analysis_recommend_config();
  recommend::VisitOptions visits;
  bool recommend_from_config = false;  ///< the manifest's source of the recommendation settings
  /// analyze --period: the analysis of one period (docs/compare.md); undated ties by `undated`.
  std::optional<change::Period> period;
  change::Undated undated = change::Undated::drop;
  /// Referral uptake (tables/uptake.csv and the report's "uptake" section when the data or
  /// --referrals has referrals); `referrals_file` replaces the dataset's, rows of a
  /// recommendations.csv dated `referral_date`.
  change::UptakeConfig uptake;
  std::string referrals_file;
  Date referral_date;
  /// Layout algorithm and its settings; `initial` and `communities` are set by the analysis.
  layout::LayoutOptions layout;
  std::string initial_layout;        ///< an id,x,y file to start from (empty: none)
  std::vector<std::string> palette;  ///< type colours (#RRGGBB) in vocabulary order
  double dpi = 150;                  ///< PNG resolution
  /// (option, value, source) rows of the report's parameters table.
  std::vector<std::vector<std::string>> report_parameters;
  /// manifest.json's "options": {"section": {"name": {"value": …, "source": …}}}; the candidate
  /// settings are added to it.
  nlohmann::ordered_json manifest_options = nlohmann::ordered_json::object();
};

/// Where progress and warnings go; every member may be empty.
struct AnalysisProgress {
  std::function<void(const std::string& stage)> begin;  ///< a stage starts (the previous one ended)
  std::function<void(double fraction)> update;          ///< of the current stage, 0–1; any thread
  std::function<void()> end;                            ///< the current stage ended
  std::function<void(const Diagnostics&)> loaded;       ///< the loader's diagnostics
  std::function<void(const std::string&)> warning;      ///< a warning about the results
  /// compare: how many periods it compares, once they are known (one stage each).
  std::function<void(std::size_t periods)> periods;
};

/// One stage's wall time and the process's peak memory when it ended (manifest.json's "run").
struct StageTime {
  std::string stage;
  double seconds = 0;
  double peak_mib = 0;
};

/// How many stages analyze reports: the eight of run_analysis() and write_analysis()'s "write".
inline constexpr std::size_t analysis_stages = 9;

/// Everything an analysis found and every content its folder holds but the figure files.
struct Analysis {
  AnalysisConfig config;
  Network network;
  TieView ties;             ///< of `network`, built once after loading; every stage reads it
  Diagnostics diagnostics;  ///< of loading (summary.json and summary.md)
  metrics::MetricsResult metrics;
  communities::CommunityResult communities;
  std::vector<candidates::Candidate> candidates;
  std::vector<recommend::Recommendation> recommendations;
  std::vector<recommend::Visit> visits;
  std::vector<recommend::UnmetNeed> unmet_needs;
  std::optional<change::UptakeResult> uptake;  ///< when the network has referrals
  Layout positions;
  std::vector<NamedScene> figures;
  std::map<std::string, std::string> pngs;  ///< figures too large for inline SVG, encoded once
  std::string report_html;
  std::string report_pdf;
  std::vector<std::pair<std::string, std::string>> annex_tables;    ///< tables/… (path, content)
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();  ///< input files with SHA-256
  std::string started_utc;
  std::vector<StageTime> stages;  ///< load … report
};

/// The measures, communities and candidates of one network: the stages compare runs per period.
struct Structure {
  TieView ties;
  metrics::MetricsResult metrics;
  communities::CommunityResult communities;
  std::vector<candidates::Candidate> candidates;
};

/// Computes a Structure with the settings and run context of `config`; `stage` (may be empty)
/// is told as "measures", "communities" and "candidates" start.
Structure analyse_structure(const Network& network, const AnalysisConfig& config,
                            const AnalysisProgress& progress = {},
                            const std::function<void(const std::string&)>& stage = {});

/// Runs every stage but "write". Throws InputError for input problems (also a warning with
/// `strict`), UsageError for a layout the network does not allow.
Analysis run_analysis(const AnalysisConfig& config, const AnalysisProgress& progress = {});

/// Writes the folder `request.target` (checked by io::check_output() before the work): the data,
/// tables, figures in SVG, PDF and PNG, the report and manifest.json, all or nothing
/// (io::write_checked_folder). The files the loader read are added to the request's inputs.
/// With `comparison` (analyze with several periods), its folder is written as compare/ inside.
struct Comparison;
void write_analysis(const Analysis& analysis, io::OutputRequest request,
                    const AnalysisProgress& progress = {}, const Comparison* comparison = nullptr);

/// Peak resident memory of this process so far, MiB (getrusage).
double peak_memory_mib();

}  // namespace clusterscope::pipeline
