// run_comparison() and write_comparison() (clusterscope/pipeline/compare.hpp).

#include "clusterscope/pipeline/compare.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "clusterscope/core/text.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/render/figure.hpp"
#include "compare_content.hpp"
#include "stages.hpp"

namespace clusterscope::pipeline {

namespace fs = std::filesystem;

std::vector<std::string> tracked_colours(const change::Tracking& tracking) {
  std::vector<std::size_t> members(static_cast<std::size_t>(tracking.ids) + 1, 0);
  for (const auto& snapshot : tracking.snapshots)
    for (const change::TrackedCommunity& t : snapshot)
      members[static_cast<std::size_t>(t.id)] += t.members.size();
  std::vector<std::int32_t> order;
  for (std::int32_t id = 1; id <= tracking.ids; ++id)
    order.push_back(id);
  std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    return members[static_cast<std::size_t>(a)] > members[static_cast<std::size_t>(b)];
  });
  const std::vector<std::string>& palette = render::community_palette();
  std::vector<std::string> colours(members.size(), render::other_colour);
  for (std::size_t i = 0; i < order.size() && i < palette.size(); ++i)
    colours[static_cast<std::size_t>(order[i])] = palette[i];
  return colours;
}

std::string tracked_colour(const Comparison& c, std::int32_t id) {
  return id <= 0 || static_cast<std::size_t>(id) >= c.colours.size()
             ? std::string(render::other_colour)
             : c.colours[static_cast<std::size_t>(id)];
}

namespace {

/// The snapshots of one dataset: --period as given, or --periods over the dated span.
std::vector<change::Snapshot> period_snapshots(const CompareConfig& config, const Network& network,
                                               const std::string& input, std::vector<std::string>& warnings) {
  const DatedSpan span = dated_span(network);
  std::vector<change::Period> periods = config.periods;
  const bool from_rule = periods.empty();
  if (from_rule) {
    std::string error;
    const auto made = change::periods_from_rule(config.periods_rule, span.first, span.last, error);
    if (!made) throw UsageError("--periods: " + error);
    periods = *made;
  }
  if (const std::string problem = change::check_periods(periods); !problem.empty())
    throw UsageError("--period: " + problem);
  std::vector<change::Snapshot> out;
  for (const change::Period& p : periods) {
    change::Snapshot s = change::snapshot_in_period(network, p, config.undated);
    if (change::dated_ties(s, config.undated) == 0) {
      if (!from_rule) throw InputError(Location{input, 0, 0}, change::no_dated_tie(p, span));
      warnings.push_back("period " + p.label + " holds no dated tie and is left out");
      continue;
    }
    out.push_back(std::move(s));
  }
  if (out.size() < 2)
    throw InputError(Location{input, 0, 0}, "--periods " + config.periods_rule + " gives " +
                                                std::to_string(out.size()) + " period with ties (" +
                                                change::span_text(span) +
                                                "); expected at least two to compare");
  if (span.undated > 0) {
    const bool keep = config.undated == change::Undated::keep;
    warnings.push_back(std::to_string(span.undated) + (span.undated == 1 ? " tie has" : " ties have") +
                       " no date: " + (keep ? "counted in every period" : "left out of every period") +
                       (config.undated_given ? "" : " (--undated drop|keep chooses)"));
  }
  return out;
}

}  // namespace

Comparison run_comparison(const CompareConfig& config, const AnalysisProgress& progress,
                          const Network* loaded) {
  Comparison c;
  c.config = config;
  c.started_utc = utc_now();
  StageClock clock(progress);
  clock.begin("load");
  const AnalysisConfig& settings = config.analysis;
  // analyze hands its network over (palette and --referrals applied): the input is not read twice.
  Network first = loaded != nullptr ? *loaded : load_input(settings, settings.input, c.diagnostics, progress);
  if (loaded == nullptr) apply_palette(first, settings.palette);
  if (config.second_input.empty()) {
    if (config.periods.size() == 1)
      throw UsageError("compare: one --period given; expected two or more, or --periods, or two inputs");
    if (config.periods.empty() && config.periods_rule.empty())
      throw UsageError(
          "compare: nothing to compare; expected --period A --period B, --periods RULE, or two "
          "inputs");
    c.base = std::move(first);
    if (!config.referrals_file.empty() && loaded == nullptr) {
      Date date = config.referral_date;
      if (date.empty() && !config.periods.empty()) date = config.periods.front().to;
      read_referrals(settings, config.referrals_file, date, c.base, c.diagnostics, progress);
    }
    c.snapshots = period_snapshots(config, c.base, settings.input, c.warnings);
  } else {
    if (!config.periods.empty() || !config.periods_rule.empty())
      throw UsageError(
          "compare: --period and --periods compare the periods of one input; with two inputs "
          "expected neither");
    Diagnostics second_diagnostics;
    Network second = load_input(settings, config.second_input, second_diagnostics, progress);
    apply_palette(second, settings.palette);
    std::string a = first.name;
    std::string b = second.name;
    if (a == b || a.empty() || b.empty()) {
      a = fs::path(settings.input).filename().string();
      b = fs::path(config.second_input).filename().string();
      if (a == b) {
        a = "A: " + a;
        b = "B: " + b;
      }
    }
    const bool referrals_of_first = second.referrals.empty();
    const std::vector<Referral> first_referrals = first.referrals;
    change::Matched m = change::match_datasets(first, a, second, b);
    c.base = std::move(m.base);
    c.base.name = a + " vs " + b;
    if (referrals_of_first) c.base.referrals = first_referrals;
    c.snapshots = std::move(m.snapshots);
    if (!config.referrals_file.empty())
      read_referrals(settings, config.referrals_file, config.referral_date, c.base, c.diagnostics, progress);
    for (const Diagnostic& d : second_diagnostics.entries())
      c.diagnostics.add(d);
  }
  if (progress.periods) progress.periods(c.snapshots.size());
  // Every file read, --referrals among them (the referral reader records it), hashed once.
  c.inputs = input_records(c.base.input_files);
  if (progress.warning)
    for (const std::string& w : c.warnings)
      progress.warning(w);
  for (std::size_t s = 0; s < c.snapshots.size(); ++s) {
    clock.begin("analyse " + c.snapshots[s].label);
    AnalysisProgress quiet = progress;
    quiet.begin = nullptr;
    quiet.end = nullptr;
    c.structures.push_back(analyse_structure(c.snapshots[s].network, settings, quiet));
  }
  clock.begin("changes");
  for (std::size_t s = 0; s + 1 < c.snapshots.size(); ++s)
    c.steps.push_back(change::compare_snapshots(c.base, c.snapshots[s], c.snapshots[s + 1], s));
  std::vector<Partition> partitions;
  std::vector<std::vector<candidates::Candidate>> found;
  for (const Structure& st : c.structures) {
    partitions.push_back(st.communities.partition);
    found.push_back(st.candidates);
  }
  c.tracking = change::track_communities(c.snapshots, partitions, c.base.size(), config.tracking);
  c.colours = tracked_colours(c.tracking);
  c.candidate_tracks = change::track_candidates(c.snapshots, found, config.tracking);
  if (!c.base.referrals.empty()) {
    change::UptakeConfig u = config.uptake;
    u.seed = settings.run.seed;
    c.uptake = change::uptake(c.base, u);
  }
  clock.begin("layout");
  c.drawn = change::union_of(c.base, c.snapshots);
  {
    const TieView view = make_tie_view(c.drawn.network);
    layout::LayoutOptions placing = settings.layout;
    placing.seed = settings.run.seed;
    placing.threads = settings.run.threads;
    c.positions = lay_out(c.drawn.network, view, placing, settings.initial_layout, nullptr);
  }
  clock.begin("figures");
  const std::vector<MeasureRow> measures = measure_rows(c);
  const std::map<std::int32_t, std::string> names = community_names(c);
  c.figures = comparison_figures(c, measures, names);
  clock.begin("report");
  build_comparison_outputs(c, measures, names);
  clock.end();
  c.stages = clock.times();
  return c;
}

std::vector<std::pair<std::string, std::string>> comparison_files(const Comparison& c) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"changes.json", c.changes_json},
      {"report.html", c.report_html},
      {"report.pdf", c.report_pdf},
      {"figures/layout.csv", layout_csv(c.drawn.network, c.positions)},
  };
  for (const auto& table : c.tables)
    files.push_back(table);
  return files;
}

void add_figure_jobs(const Comparison& c, const fs::path& folder, std::vector<render::DrawJob>& jobs) {
  for (const NamedScene& f : c.figures)
    for (const std::string extension : {".svg", ".pdf", ".png"})
      jobs.push_back({&f.scene, folder / "figures" / (f.name + extension), c.config.analysis.dpi});
}

void write_comparison(const Comparison& c, io::OutputRequest request, const AnalysisProgress& progress) {
  StageClock clock(progress, c.stages);
  clock.begin("write");
  for (const std::string& file : c.base.input_files)
    request.inputs.emplace_back(file);
  io::write_checked_folder(request, comparison_files(c), [&](const fs::path& temporary) {
    std::vector<render::DrawJob> jobs;
    add_figure_jobs(c, temporary, jobs);
    render::draw_all(jobs, c.config.analysis.run.threads);
    clock.end();
    nlohmann::ordered_json m;
    m["clusterscope"] = CLUSTERSCOPE_VERSION;
    m["command"] = "compare";
    m["dataset"] = c.base.name;
    m["inputs"] = c.inputs;
    m["seed"] = c.config.analysis.run.seed;
    nlohmann::ordered_json options = c.config.analysis.manifest_options;
    options["candidates"] = {{"value", candidates::candidate_config_to_json(c.config.analysis.candidates)},
                             {"source", c.config.analysis.candidates_from_config ? "config" : "default"}};
    m["options"] = options;
    m["periods"] = periods_json(c);
    m["versions"] = versions_record();
    m["outputs"] = output_files(temporary);
    m["run"] = run_record(c.started_utc, clock.times());
    io::write_file_atomically(temporary / "manifest.json", m.dump(2) + "\n");
  });
}

}  // namespace clusterscope::pipeline
