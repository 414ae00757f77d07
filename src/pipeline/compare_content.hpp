#pragma once
// compare's content: the figures, changes.json, the tables and the "What changed" report, built
// from a Comparison whose analyses and tracking are done (src/pipeline/compare.cpp).

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/pipeline/compare.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::pipeline {

/// The network measures compared, per snapshot (name, label, values).
struct MeasureRow {
  std::string name;
  std::string label;
  std::vector<double> values;
};
std::vector<MeasureRow> measure_rows(const Comparison& comparison);

/// The name of each tracked community: its dominant sector with its id ("machine-tool (3)"), else
/// "community <id>".
std::map<std::int32_t, std::string> community_names(const Comparison& comparison);

/// The periods as changes.json and manifest.json list them: label, bounds, stakeholders, ties,
/// undated ties.
nlohmann::ordered_json periods_json(const Comparison& comparison);

/// The change figures (docs/compare.md, "Figures"): the small multiples on one layout, the measures
/// over the periods and the community flows.
/// `measures` and `names`: measure_rows() and community_names() of the comparison.
std::vector<NamedScene> comparison_figures(const Comparison& comparison,
                                           const std::vector<MeasureRow>& measures,
                                           const std::map<std::int32_t, std::string>& names);

/// Fills changes_json, tables, report_html and report_pdf (`measures`, `names` as above).
void build_comparison_outputs(Comparison& comparison, const std::vector<MeasureRow>& measures,
                              const std::map<std::int32_t, std::string>& names);

/// The files of a comparison's folder but the figures and manifest.json: (path, content).
std::vector<std::pair<std::string, std::string>> comparison_files(const Comparison& comparison);
/// Adds the jobs that draw the comparison's figures into `folder`/figures/ (SVG, PDF, PNG).
void add_figure_jobs(const Comparison& comparison, const std::filesystem::path& folder,
                     std::vector<render::DrawJob>& jobs);

/// The uptake report section and its table files (also analyze's when the data has referrals).
ReportSection uptake_section(const Network& network, const change::UptakeResult& uptake);
/// uptake.csv: one row per referral with its status, tie date, days and baseline counts.
std::string uptake_csv(const Network& network, const change::UptakeResult& uptake);
/// The uptake as JSON (changes.json's "uptake").
nlohmann::ordered_json uptake_json(const Network& network, const change::UptakeResult& uptake);

}  // namespace clusterscope::pipeline
