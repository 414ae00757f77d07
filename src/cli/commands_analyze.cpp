// analyze: the options as a pipeline::AnalysisConfig, then pipeline::run_analysis() and
// pipeline::write_analysis() (clusterscope/pipeline/analysis.hpp), with the progress on standard error.
#include "commands.hpp"

#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <set>
#include <sstream>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/pipeline/analysis.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/scene.hpp"
#include "config.hpp"
#include "progress.hpp"
#include "support.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  std::string output;
  core::RunContext run;  // --seed and --threads, resolved once
  bool print_config = false;
  bool force = false;
  MetricFlags flags;
  CommunityFlags community_flags;
  FigureFlags figure_flags;
  po::options_description own("analyze options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->value_name("INPUT"),
      "the dataset folder, its dataset.json, or a graph file ('-': standard input)")(
      "output,o", text_value(&output)->value_name("DIR"),
      "output folder (default: output/<dataset name>); replaced only when the run succeeds")(
      "seed", seed_value(&run.seed), "seed of every randomised step (recorded in manifest.json)")(
      "print-config", po::bool_switch(&print_config),
      "print the effective configuration as a config file and exit")(
      "force", po::bool_switch(&force),
      "replace an existing folder that is not empty and not a previous analyze output (never the input)");
  add_common_options(own, common,
                     "JSON config holding any of these options (flags win over it), the \"candidates\" "
                     "settings and the \"recommend\" settings; paths in it are read from its folder");
  const std::string& config_file = common.config;
  const bool& quiet = common.quiet;
  po::options_description measures = metric_options(flags);
  po::options_description groups_options = community_options(community_flags);
  po::options_description figures_options = figure_options(figure_flags);
  po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(measures).add(groups_options).add(figures_options).add(filters);
  const std::vector<ConfigSection> sections = {{"", &own},
                                               {"filters", &filters},
                                               {"measures", &measures},
                                               {"communities", &groups_options},
                                               {"figures", &figures_options}};
  const Parsed parsed =
      parse(args, d, out, "usage: clusterscope analyze <input> [-o DIR] [options]", &sections);
  if (parsed.help) return 0;
  refuse_stdout_folder("analyze", output, "a folder (the report, tables, figures and data)");
  const std::vector<OptionRecord> records =
      option_records(sections, parsed.values, parsed.typed, parsed.config);
  run.threads = flags.threads;
  layout_settings(figure_flags, run);  // option errors before any work
  const metrics::MetricOptions settings = metric_settings(flags, run);
  communities::CommunityOptions community_settings_ = community_settings(community_flags, run);
  const candidates::CandidateConfig& config = parsed.candidates;
  if (print_config) {
    // Paths as absolute ones: the printed file may be saved anywhere, and a config's relative paths
    // are read from its own folder.
    std::vector<OptionRecord> absolute = records;
    for (OptionRecord& r : absolute)
      if (is_path_option(r.name) && r.value.is_string() && !r.value.get<std::string>().empty() &&
          r.value.get<std::string>() != kStandardStream)
        r.value = fs::absolute(r.value.get<std::string>()).lexically_normal().string();
    nlohmann::ordered_json document = config_document(absolute);
    document["candidates"] = candidates::candidate_config_to_json(config);
    document["recommend"] = recommend::recommend_config_to_json(
        parsed.recommend_from_config ? parsed.recommend : pipeline::analysis_recommend_config());
    out << document.dump(2) << '\n';
    return 0;
  }
  if (o.input.empty())
    throw UsageError(
        "analyze: missing INPUT (a dataset folder, dataset.json or a network file; - for standard input; or "
        "\"input\" in --config)");
  check_input(o, common);
  io::OutputRequest request;
  if (!output.empty()) {
    request = output_request(output, io::OutputKind::folder, o, force, {config_file, figure_flags.initial});
    io::check_output(request);  // before any work
  }

  pipeline::AnalysisConfig analysis;
  analysis.input = o.input;
  analysis.input_format = *io::format_named(common.format.empty() ? "csv" : common.format);
  analysis.load = load_options(o);
  analysis.strict = o.strict;
  analysis.run = run;
  analysis.metrics = settings;
  analysis.communities = community_settings_;
  analysis.candidates = config;
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

  Progress progress(err, Progress::mode_for(err, quiet), pipeline::analysis_stages);
  pipeline::AnalysisProgress hooks;
  hooks.begin = [&](const std::string& stage) { progress.begin(stage); };
  hooks.update = progress.reporter();
  hooks.end = [&]() { progress.end(); };
  hooks.loaded = [&](const Diagnostics& diagnostics) { print_diagnostics(diagnostics, err); };
  if (!quiet)
    hooks.warning = [&](const std::string& warning) { err << "clusterscope: warning: " << warning << '\n'; };
  const pipeline::Analysis result = pipeline::run_analysis(analysis, hooks);
  if (output.empty()) {
    // The default folder is named after the dataset, as one safe path component.
    request = output_request((fs::path("output") / io::safe_component(result.network.name)).string(),
                             io::OutputKind::folder, o, force, {config_file, figure_flags.initial});
  }
  pipeline::write_analysis(result, request, hooks);
  if (!quiet) {
    std::int32_t ready = 0;
    for (const candidates::Candidate& c : result.candidates)
      ready += c.level == candidates::Level::initiative_ready ? 1 : 0;
    out << "wrote " << request.target.string() << "/ (" << result.network.stakeholders.size()
        << " stakeholders, " << result.network.ties.size() << " ties; " << result.communities.partition.count
        << " communities; " << result.candidates.size() << " candidates, " << ready << " "
        << candidates::level_name(candidates::Level::initiative_ready) << "; report.html, report.pdf; seed "
        << run.seed << ")\n";
  }
  return 0;
}

}  // namespace clusterscope::cli
