// run_analysis(): the stages of analyze up to the report (clusterscope/pipeline/analysis.hpp).
#include "clusterscope/pipeline/analysis.hpp"

#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <exception>
#include <filesystem>
#include <stdexcept>

#include "clusterscope/core/parallel.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/standard_input.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/pipeline/visit_plan.hpp"
#include "clusterscope/render/figure.hpp"
#include "stages.hpp"

namespace clusterscope::pipeline {

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

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

Network load_input(const AnalysisConfig& config, const std::string& input, Diagnostics& diagnostics,
                   const AnalysisProgress& progress) {
  Network network;
  if (input == "-") {
    const io::SourceText source = io::read_standard_input(diagnostics, config.load.max_input_bytes);
    network = io::load_network_from_source(source, config.input_format, config.load, diagnostics);
  } else {
    network = io::load_network(input, config.load, diagnostics);
  }
  if (progress.loaded) progress.loaded(diagnostics);
  if (config.strict && diagnostics.warning_count() > 0) {
    const std::size_t n = diagnostics.warning_count();
    throw InputError(Location{input, 0, 0},
                     std::to_string(n) + (n == 1 ? " warning" : " warnings") + " and --strict given");
  }
  return network;
}

void read_referrals(const AnalysisConfig& config, const std::string& file, const Date& date, Network& network,
                    Diagnostics& diagnostics, const AnalysisProgress& progress) {
  Diagnostics own;
  io::load_referrals(file, network, config.load, date, own);
  if (progress.loaded) progress.loaded(own);
  for (const Diagnostic& d : own.entries())
    diagnostics.add(d);
}

namespace {

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
  input.uptake = a.uptake ? &*a.uptake : nullptr;
  input.figures = &a.figures;
  input.layout = a.config.layout.algorithm;
  input.version = CLUSTERSCOPE_VERSION;
  input.seed = a.config.run.seed;
  // Every input file hashed once, for the report's meta line and the manifest.
  a.inputs = input_records(a.network.input_files);
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

Structure analyse_structure(const Network& network, const AnalysisConfig& config,
                            const AnalysisProgress& progress,
                            const std::function<void(const std::string&)>& stage) {
  Structure st;
  st.ties = make_tie_view(network);
  if (stage) stage("measures");
  metrics::MetricOptions measured = config.metrics;
  measured.seed = measured.paths.seed = config.run.seed;
  measured.paths.threads = config.run.threads;
  measured.paths.progress = progress.update;  // the path searches are most of this stage
  st.metrics = metrics::compute_metrics(network, st.ties, measured);
  if (progress.warning)
    for (const std::string& warning : st.metrics.warnings)
      progress.warning(warning);
  if (stage) stage("communities");
  communities::CommunityOptions grouping = config.communities;
  grouping.seed = config.run.seed;
  grouping.progress = progress.update;
  st.communities = communities::detect_communities(st.ties, grouping);
  if (stage) stage("candidates");
  st.candidates = find_candidates(network, st.ties, st.communities, config.candidates, config.run.threads);
  return st;
}

Analysis run_analysis(const AnalysisConfig& config, const AnalysisProgress& progress) {
  Analysis a;
  a.config = config;
  a.started_utc = utc_now();
  StageClock clock(progress);
  clock.begin("load");
  a.network = load_input(config, config.input, a.diagnostics, progress);
  apply_palette(a.network, config.palette);
  if (!config.referrals_file.empty())
    read_referrals(config, config.referrals_file, config.referral_date, a.network, a.diagnostics, progress);
  if (config.period) {
    change::Snapshot s = change::snapshot_in_period(a.network, *config.period, config.undated);
    if (change::dated_ties(s, config.undated) == 0)
      throw InputError(Location{config.input, 0, 0},
                       change::no_dated_tie(*config.period, dated_span(a.network)));
    if (s.undated > 0 && progress.warning)
      progress.warning(std::to_string(s.undated) + (s.undated == 1 ? " tie has" : " ties have") +
                       " no date: " + (config.undated == change::Undated::keep ? "kept in" : "left out of") +
                       " period " + config.period->label + " (--undated drop|keep chooses)");
    a.network = std::move(s.network);
  }
  {
    Structure st =
        analyse_structure(a.network, config, progress, [&](const std::string& stage) { clock.begin(stage); });
    a.ties = std::move(st.ties);
    a.metrics = std::move(st.metrics);
    a.communities = std::move(st.communities);
    a.candidates = std::move(st.candidates);
  }
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
    if (!a.network.referrals.empty()) {
      change::UptakeConfig u = config.uptake;
      u.seed = config.run.seed;
      a.uptake = change::uptake(a.network, u);
    }
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
