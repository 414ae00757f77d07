// run_analysis(): the stages of analyze up to the report (clusterscope/pipeline/analysis.hpp).
#include "clusterscope/pipeline/analysis.hpp"

#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <exception>
#include <filesystem>
#include <stdexcept>

#include "clusterscope/core/parallel.hpp"
#include "clusterscope/core/sha256.hpp"
#include "clusterscope/io/standard_input.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/pipeline/visit_plan.hpp"
#include "clusterscope/render/figure.hpp"
#include "stages.hpp"

namespace clusterscope::pipeline {

namespace fs = std::filesystem;

double peak_memory_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

StageClock::StageClock(const AnalysisProgress& progress, std::vector<StageTime> times)
    : progress_(progress), times_(std::move(times)) {}

void StageClock::begin(const std::string& stage) {
  end();
  stage_ = stage;
  open_ = true;
  start_ = std::chrono::steady_clock::now();
  if (progress_.begin) progress_.begin(stage);
}

void StageClock::end() {
  if (!open_) return;
  open_ = false;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  times_.push_back({stage_, seconds, peak_memory_mib()});
  if (progress_.end) progress_.end();
}

namespace {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

/// Loads the input and hands its diagnostics on; with `strict` a warning fails like an error.
Network load(const AnalysisConfig& config, Diagnostics& diagnostics, const AnalysisProgress& progress) {
  Network network;
  if (config.input == "-") {
    const io::SourceText source = io::read_standard_input(diagnostics, config.load.max_input_bytes);
    network = io::load_network_from_source(source, config.input_format, config.load, diagnostics);
  } else {
    network = io::load_network(config.input, config.load, diagnostics);
  }
  if (progress.loaded) progress.loaded(diagnostics);
  if (config.strict && diagnostics.warning_count() > 0) {
    const std::size_t n = diagnostics.warning_count();
    throw InputError(Location{config.input, 0, 0},
                     std::to_string(n) + (n == 1 ? " warning" : " warnings") + " and --strict given");
  }
  return network;
}

/// The report's content and its renderings: report.pdf laid out while the large figures are
/// encoded as PNG on another thread (once, for report.html and for figures/).
void build_reports(Analysis& a) {
  ReportInput input;
  input.network = &a.network;
  input.ties = &a.ties;
  input.metrics = &a.metrics;
  input.metric_options = &a.config.metrics;
  input.communities = &a.communities;
  input.candidates = &a.candidates;
  input.candidate_config = &a.config.candidates;
  input.recommendations = &a.recommendations;
  input.visits = &a.visits;
  input.unmet_needs = &a.unmet_needs;
  input.figures = &a.figures;
  input.layout = a.config.layout.algorithm;
  input.version = CLUSTERSCOPE_VERSION;
  input.seed = a.config.run.seed;
  // Every input file hashed once, for the report's meta line and the manifest.
  for (const std::string& file : a.network.input_files)
    a.inputs.push_back({{"file", file}, {"bytes", fs::file_size(file)}, {"sha256", sha256_file(file)}});
  if (!a.inputs.empty()) input.input_sha256 = a.inputs.front()["sha256"].get<std::string>();
  input.parameters = a.config.report_parameters;
  Report report = build_report(input);
  for (const NamedScene& f : a.figures)
    if (render::primitive_count(f.scene) > max_inline_svg_primitives) a.pngs[f.name];
  // report.pdf and each PNG are separate tasks on the run's workers; each writes its own value
  // (the map's entries exist already), so the bytes do not depend on the thread count.
  std::vector<std::function<void()>> tasks = {[&] { a.report_pdf = report_pdf(report); }};
  for (const NamedScene& f : a.figures)
    if (a.pngs.count(f.name) != 0)
      tasks.emplace_back(
          [&a, &f, png = &a.pngs.at(f.name)] { *png = render::encode(f.scene, ".png", a.config.dpi); });
  core::run_tasks(a.config.run.workers(), tasks);
  for (ReportSection& section : report.sections)
    for (ReportBlock& block : section.blocks)
      if (block.kind == ReportBlock::Kind::figure && a.pngs.count(block.figure.name) != 0)
        block.figure.png = &a.pngs.at(block.figure.name);
  a.report_html = report_html(report, a.config.dpi);
  a.annex_tables = annex_tables(report);
}

}  // namespace

Analysis run_analysis(const AnalysisConfig& config, const AnalysisProgress& progress) {
  Analysis a;
  a.config = config;
  a.started_utc = utc_now();
  StageClock clock(progress);
  clock.begin("load");
  a.network = load(config, a.diagnostics, progress);
  apply_palette(a.network, config.palette);
  a.ties = make_tie_view(a.network);
  clock.begin("measures");
  metrics::MetricOptions measured = config.metrics;
  measured.seed = measured.paths.seed = config.run.seed;
  measured.paths.threads = config.run.threads;
  measured.paths.progress = progress.update;  // the path searches are most of this stage
  a.metrics = metrics::compute_metrics(a.network, a.ties, measured);
  if (progress.warning)
    for (const std::string& warning : a.metrics.warnings)
      progress.warning(warning);
  clock.begin("communities");
  communities::CommunityOptions grouping = config.communities;
  grouping.seed = config.run.seed;
  grouping.progress = progress.update;
  a.communities = communities::detect_communities(a.ties, grouping);
  clock.begin("candidates");
  a.candidates = find_candidates(a.network, a.ties, a.communities, config.candidates, config.run.threads);
  clock.begin("recommendations");
  {
    const recommend::RecommendInput input = recommend_input(a.network, a.ties, a.communities, a.candidates);
    a.recommendations = recommend::recommend(input, recommend::default_queries(a.network, config.recommend),
                                             config.recommend, config.run.threads);
    // The visit sheets reuse the enterprises' recommendations when they hold enough partners.
    const bool reuse = config.recommend.top >= config.visits.partners &&
                       config.recommend.query_types == config.recommend.firm_types;
    a.visits = recommend::plan_visits(input, visit_groups(a.candidates), config.recommend, config.visits,
                                      config.run.threads, reuse ? &a.recommendations : nullptr);
    a.unmet_needs = recommend::unmet_needs(a.network, config.recommend);
  }
  clock.begin("layout");
  layout::LayoutOptions placing = config.layout;
  placing.seed = config.run.seed;
  placing.threads = config.run.threads;
  a.positions = lay_out(a.network, a.ties, placing, config.initial_layout, &a.communities.partition);
  clock.begin("figures");
  const render::PangoMeasure measure;
  a.figures = standard_figures(a.network, a.ties, a.positions, a.metrics, a.communities, a.candidates,
                               measure, layout::algorithm_title(config.layout.algorithm),
                               config.candidates.sector_group_min_share);
  clock.begin("report");
  build_reports(a);
  clock.end();
  a.stages = clock.times();
  return a;
}

}  // namespace clusterscope::pipeline
