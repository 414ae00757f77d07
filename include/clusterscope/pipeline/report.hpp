#pragma once
// The report of an analysis (docs/report.md): one content model, built once from the results, and
// three renderings of it — report.html (self-contained: inline SVG and CSS), report.pdf (multi-page,
// drawn with Cairo) and the annex tables (tables/<name>.csv and .md). Building the content decides
// what a strategist reads; the renderers only decide how it looks, so the three never disagree.

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/change/change.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/tie_view.hpp"
#include "clusterscope/pipeline/figures.hpp"
#include "clusterscope/recommend/recommend.hpp"
#include "clusterscope/render/scene.hpp"

namespace clusterscope::pipeline {

/// A table of the report; also written as an annex (tables/<name>.csv and tables/<name>.md).
struct ReportTable {
  std::string name;     ///< annex file stem, e.g. "key-actors" (lower case, digits, '-')
  std::string caption;  ///< one sentence shown above the table
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  ///< cells as shown; every row has header.size() cells
  std::vector<bool> numeric;                   ///< per column: right-aligned (same size as header)
};

/// A figure of the report: a scene of the standard set (it must outlive the Report) and a caption.
struct ReportFigure {
  std::string name;  ///< the figure's file stem in figures/, e.g. "network-communities"
  const render::Scene* scene = nullptr;
  std::string caption;
  /// report_html: the scene already encoded as PNG at the report's dpi (or null: it encodes it).
  /// analyze encodes the large figures once, for figures/ and for the report.
  const std::string* png = nullptr;
};

/// Above this many primitives report_html embeds a figure as PNG: Cairo's SVG of a 200,000-tie
/// network is tens of megabytes.
inline constexpr std::size_t max_inline_svg_primitives = 20000;

/// Key figures shown as large numbers ("319 stakeholders").
struct KeyFigure {
  std::string value;  ///< "319"
  std::string label;  ///< "stakeholders"
};

/// One block of a section, in reading order. Exactly one of the members is used, chosen by `kind`.
struct ReportBlock {
  enum class Kind {
    paragraph,    ///< `text`: plain text, no markup; one paragraph
    bullets,      ///< `items`: a bullet list of plain-text items
    key_figures,  ///< `figures_row`: a row of large numbers with labels
    table,        ///< `table`
    figure,       ///< `figure`
    subheading,   ///< `text`: a heading inside the section (e.g. one candidate's name)
    page_break    ///< PDF only: start a new page (HTML ignores it)
  };
  Kind kind = Kind::paragraph;
  std::string text;
  std::vector<std::string> items;
  std::vector<KeyFigure> figures_row;
  ReportTable table;
  ReportFigure figure;
  /// For bullets and paragraphs: "warning" draws them as a gap/caution (orange); empty = normal.
  std::string tone;
};

struct ReportSection {
  std::string id;     ///< HTML anchor and test handle: "overview", "network", "actors", "communities",
                      ///< "candidates", "methods"
  std::string title;  ///< "The functional area in numbers"
  std::vector<ReportBlock> blocks;
};

struct Report {
  std::string title;     ///< "vistula-bend: cluster-network analysis"
  std::string subtitle;  ///< the dataset's description, if any
  std::string meta;      ///< "clusterscope 0.5.0 · seed 42 · input SHA-256 3f2a…" (one line)
  std::vector<ReportSection> sections;
  std::vector<std::string> references;  ///< full citations, shown at the end of "methods"
};

/// Helpers for the builders and renderers.
ReportBlock paragraph(std::string text, std::string tone = {});
ReportBlock bullets(std::vector<std::string> items, std::string tone = {});
ReportBlock subheading(std::string text);
ReportBlock table_block(ReportTable table);
ReportBlock figure_block(std::string name, const render::Scene* scene, std::string caption);
ReportBlock key_figures(std::vector<KeyFigure> figures);
ReportBlock page_break();

/// What the report is built from: analyze's results (all must outlive the Report: figures are
/// referenced, not copied).
struct ReportInput {
  const Network* network = nullptr;
  const TieView* ties = nullptr;  ///< of `network`
  const metrics::MetricsResult* metrics = nullptr;
  const metrics::MetricOptions* metric_options = nullptr;
  const communities::CommunityResult* communities = nullptr;
  const std::vector<candidates::Candidate>* candidates = nullptr;
  const candidates::CandidateConfig* candidate_config = nullptr;
  /// Optional: with them the report gets "Whom to visit, whom to introduce" (section "visits").
  const std::vector<recommend::Recommendation>* recommendations = nullptr;
  const std::vector<recommend::Visit>* visits = nullptr;
  const std::vector<recommend::UnmetNeed>* unmet_needs = nullptr;
  /// Optional: with it the report gets "Did recommended cooperation happen?" (section "uptake").
  const change::UptakeResult* uptake = nullptr;
  const std::vector<NamedScene>* figures = nullptr;
  layout::Algorithm layout = layout::Algorithm::fa2;
  std::string version;  ///< clusterscope's
  std::uint64_t seed = 0;
  std::string input_sha256;  ///< of the first input file (dataset.json or the graph file)
  /// (option, value, source) rows for the parameters table of "methods".
  std::vector<std::vector<std::string>> parameters;
  std::size_t candidate_pages = 5;  ///< leading candidates with their own page
};

/// The content: overview, network, actors, communities, candidates, methods (docs/report.md).
Report build_report(const ReportInput& input);

/// report.html: one self-contained UTF-8 file — CSS in a <style> element, figures as inline <svg>
/// (or, for figures too large for inline SVG, a PNG data: URI), no scripts or links that reach the
/// network. Deterministic: the same Report gives the same bytes.
std::string report_html(const Report& report, double dpi = 150);

/// report.pdf: A4 pages drawn with Cairo (title page, then each section from a new page;
/// page_break blocks start further pages), with page numbers. Deterministic bytes.
std::string report_pdf(const Report& report);

/// The annex: for every table in the report, "tables/<name>.csv" (RFC 4180) and
/// "tables/<name>.md" (a GitHub-flavoured Markdown table under its caption), as (path, content)
/// pairs relative to the output folder, in report order.
std::vector<std::pair<std::string, std::string>> annex_tables(const Report& report);

}  // namespace clusterscope::pipeline
