#pragma once
// `clusterscope compare` (docs/compare.md): the periods of one dataset, or two datasets matched by
// id, each analysed by analyse_structure() with the same settings; then what changed between them
// — ties, stakeholders, measures, communities and candidate groups tracked with stable ids — the
// uptake of referrals, figures on one anchored layout, and a "What changed" report. Computed once
// by run_comparison() into a Comparison value, written as one folder by write_comparison().

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/change/change.hpp"
#include "clusterscope/pipeline/analysis.hpp"
#include "clusterscope/pipeline/report.hpp"

namespace clusterscope::pipeline {

struct CompareConfig {
  /// The settings every snapshot is analysed with; `analysis.input` is the (first) input.
  AnalysisConfig analysis;
  std::string second_input;             ///< compare <inputA> <inputB>; empty: periods of one input
  std::vector<change::Period> periods;  ///< --period, in time order
  std::string periods_rule;             ///< --periods yearly|quarterly|N-months
  change::Undated undated = change::Undated::drop;
  bool undated_given = false;  ///< --undated was typed (else a warning says which policy applied)
  change::TrackingOptions tracking;
  change::UptakeConfig uptake;
  std::string referrals_file;  ///< --referrals FILE (replaces the dataset's referrals)
  Date referral_date;          ///< --referral-date: the date of a recommendations.csv's rows
};

/// How many stages compare reports: load, one per snapshot, changes, layout, figures, report, write.
inline constexpr std::size_t compare_fixed_stages = 6;

struct Comparison {
  CompareConfig config;
  Network base;  ///< every stakeholder and tie compared (the loaded dataset, or both matched)
  Diagnostics diagnostics;
  std::vector<change::Snapshot> snapshots;
  std::vector<Structure> structures;  ///< per snapshot
  std::vector<change::Step> steps;    ///< snapshot s → s + 1
  change::Tracking tracking;
  /// Colour of each tracked id (index id; 0 unused): community_palette() to the ids with the most
  /// members summed over the periods, grey for the rest, so an id keeps one colour throughout.
  std::vector<std::string> colours;
  std::vector<change::CandidateTrack> candidate_tracks;
  change::Union drawn;  ///< the network the figures are laid out from
  Layout positions;     ///< of `drawn`
  std::optional<change::UptakeResult> uptake;
  std::vector<std::string> warnings;
  std::vector<NamedScene> figures;
  std::string changes_json;
  std::vector<std::pair<std::string, std::string>> tables;  ///< tables/… (path, content)
  std::string report_html;
  std::string report_pdf;
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  std::string started_utc;
  std::vector<StageTime> stages;
};

/// Runs everything but the writing. Throws UsageError for periods that overlap, are out of order
/// or fewer than two; InputError for input problems and for a period that holds no tie. `loaded`:
/// the (first) input already loaded with these settings, its palette and --referrals applied
/// (analyze's network), so it is not read again.
Comparison run_comparison(const CompareConfig& config, const AnalysisProgress& progress = {},
                          const Network* loaded = nullptr);

/// Writes the folder `request.target`, all or nothing: changes.json, tables/, figures/ (SVG, PDF,
/// PNG), report.html, report.pdf and manifest.json.
void write_comparison(const Comparison& comparison, io::OutputRequest request,
                      const AnalysisProgress& progress = {});

/// The colours of the tracked ids (Comparison::colours).
std::vector<std::string> tracked_colours(const change::Tracking& tracking);
/// The colour of tracked id `id` (grey for 0, untracked).
std::string tracked_colour(const Comparison& comparison, std::int32_t id);

}  // namespace clusterscope::pipeline
