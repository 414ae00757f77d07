// What every command does around its work: parse, load, check outputs (support.hpp).
#include "support.hpp"

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
#include "clusterscope/io/json_locate.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/io/standard_input.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/pipeline/figures.hpp"
#include "clusterscope/render/scene.hpp"
#include "config.hpp"
#include "help.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

/// Every error; warnings and notes condensed to a few of each kind and a count of the rest.
void print_diagnostics(const std::vector<Diagnostic>& entries, std::ostream& err) {
  std::vector<Diagnostic> others;
  for (const Diagnostic& d : entries) {
    if (d.severity != Severity::error) others.push_back(d);
  }
  for (const Diagnostic& d : condensed(others))
    err << format_diagnostic(d) << '\n';
  for (const Diagnostic& d : entries) {
    if (d.severity == Severity::error) err << format_diagnostic(d) << '\n';
  }
}

void print_diagnostics(const Diagnostics& diagnostics, std::ostream& err) {
  print_diagnostics(diagnostics.entries(), err);
}

/// Before any work: the INPUT exists (or is '-') and --format fits it.
void check_input(const InputOptions& o, const CommonFlags& common) {
  if (!common.format.empty()) {
    if (!io::format_named(common.format))
      throw UsageError("--format '" + common.format + "': expected " + core::choices(io::kFileFormatNames));
    if (o.input != kStandardStream)
      throw UsageError("--format '" + common.format +
                       "': names the format of standard input (INPUT '-'); a file's format comes from its "
                       "extension");
  }
  std::error_code ec;
  if (!o.input.empty() && o.input != kStandardStream && !fs::exists(fs::path(o.input), ec))
    throw InputError(Location{}, "no such file or folder: '" + o.input + "'");
}

/// Loads the input, printing warnings; with --strict a warning fails like an error.
/// Filters that empty the network are an error unless `empty_filter_is_error` is false (validate
/// reports them as a warning).
Network load(const InputOptions& o, const CommonFlags& common, std::ostream& err, Diagnostics& diagnostics,
             bool empty_filter_is_error) {
  check_input(o, common);
  io::LoadOptions options = load_options(o);
  options.empty_filter_is_error = empty_filter_is_error;
  Network network;
  if (o.input == kStandardStream) {
    const io::SourceText source = io::read_standard_input(diagnostics, options.max_input_bytes);
    network = io::load_network_from_source(
        source, *io::format_named(common.format.empty() ? "csv" : common.format), options, diagnostics);
  } else {
    network = io::load_network(o.input, options, diagnostics);
  }
  print_diagnostics(diagnostics, err);
  if (o.strict && diagnostics.warning_count() > 0) {
    const std::size_t n = diagnostics.warning_count();
    throw InputError(Location{o.input, 0, 0},
                     std::to_string(n) + (n == 1 ? " warning" : " warnings") + " and --strict given");
  }
  return network;
}

/// What a command reads, for the output checks: the input (and its folder), the node table, and
/// any further file the command reads (config, initial layout).
io::OutputRequest output_request(const std::string& output, io::OutputKind kind, const InputOptions& o,
                                 bool force, const std::vector<std::string>& more_inputs) {
  io::OutputRequest request;
  request.target = io::output_path(output, kind);
  request.kind = kind;
  request.force = force;
  if (o.input != kStandardStream) request.inputs = io::input_paths(o.input);
  if (!o.nodes.empty()) request.inputs.emplace_back(o.nodes);
  for (const std::string& file : more_inputs)
    if (!file.empty()) request.inputs.emplace_back(file);
  return request;
}

/// After loading: every file the loader read (a manifest's tables) is an input too.
void add_loaded_inputs(io::OutputRequest& request, const Network& network) {
  for (const std::string& file : network.input_files)
    request.inputs.emplace_back(file);
}

/// Parses the command line; with `sections`, a --config file then fills what the flags left at
/// their defaults (flags win). Prints the help and returns help = true for --help.
Parsed parse(const std::vector<std::string>& args, const po::options_description& visible, std::ostream& out,
             const std::string& usage_line, const std::vector<ConfigSection>* sections, int inputs) {
  po::options_description all;
  all.add(visible);
  po::positional_options_description positional;
  positional.add("input", inputs);
  Parsed parsed;
  const std::string prefix = "usage: clusterscope ";
  const std::string command =
      usage_line.substr(prefix.size(), usage_line.find(' ', prefix.size()) - prefix.size());
  po::parsed_options command_line(&all);
  try {
    command_line = po::command_line_parser(args).options(all).positional(positional).run();
  } catch (const po::too_many_positional_options_error&) {
    throw UsageError(command + ": " +
                     (inputs == 1 ? std::string("one INPUT") : std::to_string(inputs) + " INPUTs at most") +
                     " expected, got more (options take their values as --name VALUE)");
  }
  for (const po::option& o : command_line.options)
    parsed.typed.insert(o.string_key);
  po::store(command_line, parsed.values);
  if (parsed.values.count("help") != 0) {
    print_help(out, usage_line, visible);
    parsed.help = true;
    return parsed;
  }
  if (sections != nullptr && parsed.values.count("config") != 0) {
    // Every option group, for the groups of other commands a shared config holds: checked, skipped.
    InputOptions input_flags;
    MetricFlags metric_flags;
    CommunityFlags community_flags;
    FigureFlags figure_flags;
    ChangeFlags change_flags;
    const po::options_description filters = input_options(input_flags);
    const po::options_description change = change_options(change_flags);
    const po::options_description measures = metric_options(metric_flags);
    const po::options_description groups = community_options(community_flags);
    const po::options_description figures = figure_options(figure_flags);
    std::vector<ConfigSection> others;
    for (const ConfigSection& g : std::vector<ConfigSection>{{"filters", &filters},
                                                             {"measures", &measures},
                                                             {"communities", &groups},
                                                             {"figures", &figures},
                                                             {"change", &change}})
      if (std::none_of(sections->begin(), sections->end(),
                       [&](const ConfigSection& s) { return s.name == g.name; }))
        others.push_back(g);
    AppliedConfig applied = apply_config(parsed.values["config"].as<std::string>(), *sections, parsed.values,
                                         others, config_keys_elsewhere());
    parsed.config = std::move(applied.document);
    parsed.candidates_from_config = applied.candidates.has_value();
    if (applied.candidates) parsed.candidates = *applied.candidates;
    parsed.recommend_from_config = applied.recommend.has_value();
    if (applied.recommend) parsed.recommend = *applied.recommend;
  }
  try {
    po::notify(parsed.values);
  } catch (const po::required_option& e) {
    // A missing INPUT or -o named as the user sees it, not as boost's "--input".
    if (e.get_option_name() == "--input")
      throw UsageError(command +
                       ": missing INPUT (a dataset folder, dataset.json or a network file; - for standard "
                       "input)");
    if (e.get_option_name() == "--output") {
      const po::option_description* o = visible.find_nothrow("output", false);
      throw UsageError(command + ": missing -o " + (o != nullptr ? o->semantic()->name() : "FILE"));
    }
    throw;
  }
  return parsed;
}

/// Lays the network out; `communities` is needed by the grouped layout only.
Layout compute_figure_layout(const Network& network, const TieView& view, const FigureFlags& flags,
                             const core::RunContext& run, const Partition* communities) {
  return pipeline::lay_out(network, view, layout_settings(flags, run), flags.initial, communities);
}

std::string table_extension(std::string& output, const CommonFlags& common, const InputOptions& o) {
  if (output == kStandardStream) output.clear();  // standard output, as without -o
  const std::string extension = output.empty() ? "." + stdout_format(common, output, "csv", {"csv", "json"})
                                               : io::format_extension(output);
  if (!output.empty()) stdout_format(common, output, "csv", {"csv", "json"});  // --output-format with a file
  check_input(o, common);
  if (extension != ".csv" && extension != ".json") {
    throw UsageError("-o '" + output + "': expected a .csv or .json file");
  }
  return extension;
}

io::OutputRequest checked_file_request(const std::string& output, const InputOptions& o, bool force) {
  io::OutputRequest request;
  if (!output.empty()) {
    request = output_request(output, io::OutputKind::file, o, force);
    io::check_output(request);  // before any work
  }
  return request;
}

}  // namespace clusterscope::cli
