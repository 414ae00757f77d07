// analyze: the options as a pipeline::AnalysisConfig, then pipeline::run_analysis() and
// pipeline::write_analysis() (clusterscope/pipeline/analysis.hpp), with the progress on standard error.
#include "commands.hpp"

#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>

#include "analysis_flags.hpp"
#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/pipeline/analysis.hpp"
#include "clusterscope/pipeline/compare.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/scene.hpp"
#include "config.hpp"
#include "progress.hpp"
#include "support.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

pipeline::AnalysisConfig analysis_config(const AnalysisFlags& f, const Parsed& parsed,
                                         const std::vector<OptionRecord>& records) {
  const InputOptions& o = f.input;
  const CommonFlags& common = f.common;
  const core::RunContext& run = f.run;
  const FigureFlags& figure_flags = f.figures;
  pipeline::AnalysisConfig analysis;
  analysis.input = o.input;
  analysis.input_format = *io::format_named(common.format.empty() ? "csv" : common.format);
  analysis.load = load_options(o);
  analysis.strict = o.strict;
  analysis.run = run;
  analysis.metrics = metric_settings(f.metrics, run);
  analysis.communities = community_settings(f.communities, run);
  analysis.candidates = parsed.candidates;
  analysis.candidates_from_config = parsed.candidates_from_config;
  if (parsed.recommend_from_config) analysis.recommend = parsed.recommend;
  analysis.recommend_from_config = parsed.recommend_from_config;
  analysis.layout = layout_settings(figure_flags, run);
  analysis.initial_layout = figure_flags.initial;
  analysis.palette = palette_colours(figure_flags.palette);
  analysis.dpi = figure_flags.dpi;
  for (const OptionRecord& r : records) {
    // Options that cannot change a result (where, how fast, how loud) are in manifest.json only, so
    // that the report of the same analysis is the same file.
    if (r.value.is_null() || r.name == "input" || r.name == "output" || r.name == "quiet" ||
        r.name == "threads" || r.name == "force")
      continue;
    const std::string value = r.value.is_string() ? r.value.get<std::string>() : r.value.dump();
    analysis.report_parameters.push_back({"--" + r.name, value, r.source});
  }
  analysis.manifest_options = option_sources(records);
  return analysis;
}

namespace {

/// analyze's and compare's own options (help, input, -o, seed, force; print-config for analyze).
po::options_description own_options(const char* title, AnalysisFlags& f, bool* print_config,
                                    bool two_inputs) {
  po::options_description own(title);
  own.add_options()("help,h", "show this help");
  if (two_inputs) {
    own.add_options()("input", text_values(&f.inputs)->value_name("INPUT"),
                      "the dataset (its periods with --period / --periods), or two datasets matched by id");
  } else {
    own.add_options()("input", text_value(&f.input.input)->value_name("INPUT"),
                      "the dataset folder, its dataset.json, or a graph file ('-': standard input)");
  }
  own.add_options()(
      "output,o", text_value(&f.output)->value_name("DIR"),
      two_inputs ? "output folder (required); replaced only when the run succeeds"
                 : "output folder (default: output/<dataset name>); replaced only when the run succeeds")(
      "seed", seed_value(&f.run.seed), "seed of every randomised step (recorded in manifest.json)");
  if (print_config != nullptr)
    own.add_options()("print-config", po::bool_switch(print_config),
                      "print the effective configuration as a config file and exit");
  own.add_options()(
      "force", po::bool_switch(&f.force),
      "replace an existing folder that is not empty and not a previous clusterscope output (never "
      "the input)");
  add_common_options(own, f.common,
                     "JSON config holding any of these options (flags win over it), the \"candidates\" "
                     "settings and the \"recommend\" settings; paths in it are read from its folder");
  return own;
}

/// The option groups of analyze and compare, and their config-file sections.
struct OptionGroups {
  po::options_description own;
  po::options_description measures;
  po::options_description communities;
  po::options_description figures;
  po::options_description change;
  po::options_description filters;
  po::options_description all;
  OptionGroups(po::options_description own_group, AnalysisFlags& f)
      : own(std::move(own_group)),
        measures(metric_options(f.metrics)),
        communities(community_options(f.communities)),
        figures(figure_options(f.figures)),
        change(change_options(f.change)),
        filters(input_options(f.input)) {
    all.add(own).add(measures).add(communities).add(figures).add(change).add(filters);
  }
  [[nodiscard]] std::vector<ConfigSection> sections() const {
    return {{"", &own},
            {"filters", &filters},
            {"measures", &measures},
            {"communities", &communities},
            {"figures", &figures},
            {"change", &change}};
  }
};

/// What the progress hooks of analyze and compare do.
pipeline::AnalysisProgress progress_hooks(Progress& progress, std::ostream& err, bool quiet) {
  pipeline::AnalysisProgress hooks;
  hooks.begin = [&progress](const std::string& stage) { progress.begin(stage); };
  hooks.update = progress.reporter();
  hooks.end = [&progress]() { progress.end(); };
  hooks.loaded = [&err](const Diagnostics& diagnostics) { print_diagnostics(diagnostics, err); };
  if (!quiet)
    hooks.warning = [&err](const std::string& warning) {
      err << "clusterscope: warning: " << warning << '\n';
    };
  return hooks;
}

/// The comparison settings over an analysis's.
pipeline::CompareConfig compare_config(const pipeline::AnalysisConfig& analysis,
                                       const ChangeSettings& change) {
  pipeline::CompareConfig c;
  c.analysis = analysis;
  c.analysis.period.reset();
  c.periods = change.periods;
  c.periods_rule = change.rule;
  c.undated = change.undated;
  c.undated_given = change.undated_given;
  c.tracking = change.tracking;
  c.uptake = change.uptake;
  c.referrals_file = change.referrals;
  c.referral_date = change.referral_date;
  return c;
}

}  // namespace

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  AnalysisFlags f;
  bool print_config = false;
  const OptionGroups groups(own_options("analyze options", f, &print_config, false), f);
  const std::vector<ConfigSection> sections = groups.sections();
  const Parsed parsed =
      parse(args, groups.all, out, "usage: clusterscope analyze <input> [-o DIR] [options]", &sections);
  if (parsed.help) return 0;
  const InputOptions& o = f.input;
  const std::string& output = f.output;
  const bool quiet = f.common.quiet;
  refuse_stdout_folder("analyze", output, "a folder (the report, tables, figures and data)");
  const std::vector<OptionRecord> records =
      option_records(sections, parsed.values, parsed.typed, parsed.config);
  f.run.threads = f.metrics.threads;
  layout_settings(f.figures, f.run);  // option errors before any work
  metric_settings(f.metrics, f.run);
  community_settings(f.communities, f.run);
  const ChangeSettings change_set = change_settings(f.change, parsed.typed);
  if (print_config) {
    // Paths as absolute ones: the printed file may be saved anywhere, and a config's relative paths
    // are read from its own folder.
    std::vector<OptionRecord> absolute = records;
    for (OptionRecord& r : absolute)
      if (is_path_option(r.name) && r.value.is_string() && !r.value.get<std::string>().empty() &&
          r.value.get<std::string>() != kStandardStream)
        r.value = fs::absolute(r.value.get<std::string>()).lexically_normal().string();
    nlohmann::ordered_json document = config_document(absolute);
    document["candidates"] = candidates::candidate_config_to_json(parsed.candidates);
    document["recommend"] = recommend::recommend_config_to_json(
        parsed.recommend_from_config ? parsed.recommend : pipeline::analysis_recommend_config());
    out << document.dump(2) << '\n';
    return 0;
  }
  if (o.input.empty())
    throw UsageError(
        "analyze: missing INPUT (a dataset folder, dataset.json or a network file; - for standard input; or "
        "\"input\" in --config)");
  check_input(o, f.common);
  const std::vector<std::string> more_inputs = {f.common.config, f.figures.initial, change_set.referrals};
  io::OutputRequest request;
  if (!output.empty()) {
    request = output_request(output, io::OutputKind::folder, o, f.force, more_inputs);
    io::check_output(request);  // before any work
  }

  pipeline::AnalysisConfig analysis = analysis_config(f, parsed, records);
  const bool several = change_set.periods.size() >= 2 || !change_set.rule.empty();
  if (change_set.periods.size() == 1) analysis.period = change_set.periods.front();
  analysis.undated = change_set.undated;
  analysis.uptake = change_set.uptake;
  analysis.referrals_file = change_set.referrals;
  analysis.referral_date = change_set.referral_date;

  Progress progress(err, Progress::mode_for(err, quiet),
                    pipeline::analysis_stages + (several ? pipeline::compare_fixed_stages + 1 : 0));
  pipeline::AnalysisProgress hooks = progress_hooks(progress, err, quiet);
  hooks.periods = [&progress](std::size_t periods) {
    progress.set_stages(pipeline::analysis_stages + pipeline::compare_fixed_stages - 1 +
                        periods);  // one write
  };
  const pipeline::Analysis result = pipeline::run_analysis(analysis, hooks);
  std::optional<pipeline::Comparison> comparison;
  if (several)
    comparison = pipeline::run_comparison(compare_config(analysis, change_set), hooks, &result.network);
  if (output.empty()) {
    // The default folder is named after the dataset, as one safe path component.
    request = output_request((fs::path("output") / io::safe_component(result.network.name)).string(),
                             io::OutputKind::folder, o, f.force, more_inputs);
  }
  pipeline::write_analysis(result, request, hooks, comparison ? &*comparison : nullptr);
  if (!quiet) {
    std::int32_t ready = 0;
    for (const candidates::Candidate& c : result.candidates)
      ready += c.level == candidates::Level::initiative_ready ? 1 : 0;
    out << "wrote " << request.target.string() << "/ (" << result.network.stakeholders.size()
        << " stakeholders, " << result.network.ties.size() << " ties; " << result.communities.partition.count
        << " communities; " << result.candidates.size() << " candidates, " << ready << " "
        << candidates::level_name(candidates::Level::initiative_ready) << "; report.html, report.pdf"
        << (comparison ? "; compare/ over " + std::to_string(comparison->snapshots.size()) + " periods" : "")
        << (result.uptake ? "; uptake of " + std::to_string(result.network.referrals.size()) + " referrals"
                          : "")
        << "; seed " << f.run.seed << ")\n";
  }
  return 0;
}

int cmd_compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  AnalysisFlags f;
  const OptionGroups groups(own_options("compare options", f, nullptr, true), f);
  const std::vector<ConfigSection> sections = groups.sections();
  const Parsed parsed = parse(args, groups.all, out,
                              "usage: clusterscope compare <input> --period A --period B [...] -o DIR\n"
                              "       clusterscope compare <inputA> <inputB> -o DIR",
                              &sections, 2);
  if (parsed.help) return 0;
  refuse_stdout_folder("compare", f.output, "a folder (changes.json, tables, figures and the report)");
  if (f.inputs.empty())
    throw UsageError(
        "compare: missing INPUT (a dataset folder, dataset.json or a network file; two to compare "
        "two datasets)");
  if (f.output.empty()) throw UsageError("compare: missing -o DIR");
  f.input.input = f.inputs.front();
  const std::vector<OptionRecord> records =
      option_records(sections, parsed.values, parsed.typed, parsed.config);
  f.run.threads = f.metrics.threads;
  layout_settings(f.figures, f.run);
  const ChangeSettings change_set = change_settings(f.change, parsed.typed);
  check_input(f.input, f.common);
  std::vector<std::string> more_inputs = {f.common.config, f.figures.initial, change_set.referrals};
  if (f.inputs.size() == 2) {
    InputOptions second = f.input;
    second.input = f.inputs[1];
    check_input(second, f.common);
    more_inputs.push_back(f.inputs[1]);
  }
  io::OutputRequest request = output_request(f.output, io::OutputKind::folder, f.input, f.force, more_inputs);
  io::check_output(request);  // before any work
  pipeline::CompareConfig config = compare_config(analysis_config(f, parsed, records), change_set);
  if (f.inputs.size() == 2) config.second_input = f.inputs[1];
  const std::size_t snapshots = std::max<std::size_t>(2, change_set.periods.size());
  Progress progress(err, Progress::mode_for(err, f.common.quiet), pipeline::compare_fixed_stages + snapshots);
  pipeline::AnalysisProgress hooks = progress_hooks(progress, err, f.common.quiet);
  hooks.periods = [&progress](std::size_t periods) {
    progress.set_stages(pipeline::compare_fixed_stages + periods);
  };
  const pipeline::Comparison result = pipeline::run_comparison(config, hooks);
  pipeline::write_comparison(result, request, hooks);
  if (!f.common.quiet) {
    std::size_t added = 0, lost = 0;
    for (const change::Step& step : result.steps) {
      added += step.kinds.back().added;
      lost += step.kinds.back().lost;
    }
    out << "wrote " << request.target.string() << "/ (" << result.snapshots.size() << " periods: ";
    for (std::size_t s = 0; s < result.snapshots.size(); ++s)
      out << (s == 0 ? "" : ", ") << result.snapshots[s].label << " " << result.snapshots[s].network.size();
    out << " stakeholders; " << added << " ties new, " << lost << " lost; " << result.tracking.ids
        << " communities tracked";
    if (result.uptake)
      out << "; " << result.uptake->overall.hits << " of " << result.uptake->overall.trials
          << " referrals taken up";
    out << "; report.html, report.pdf; seed " << f.run.seed << ")\n";
  }
  return 0;
}

}  // namespace clusterscope::cli
