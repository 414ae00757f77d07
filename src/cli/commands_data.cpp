// validate, convert and metrics.
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
#include "clusterscope/render/scene.hpp"
#include "config.hpp"
#include "support.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

/// The canonical names of the file formats: convert's choices for --output-format.
std::vector<std::string> format_names() {
  std::vector<std::string> names;
  for (const std::string_view name : core::canonical_names(io::kFileFormatNames))
    names.emplace_back(name);
  return names;
}

/// ".csv, .graphml, … or .json": the extensions convert writes.
std::string format_extensions() {
  std::string list;
  const std::vector<std::string> names = format_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    list += (i == 0 ? "." : i + 1 == names.size() ? " or ." : ", .") + names[i];
  return list;
}

}  // namespace

int cmd_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  po::options_description own("validate options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->required()->value_name("INPUT"), "input to check ('-': standard input)");
  add_common_options(own, common);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(filters);
  const std::vector<ConfigSection> sections = {{"", &own}, {"filters", &filters}};
  if (parse(args, d, out, "usage: clusterscope validate <input> [options]", &sections).help) return 0;
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics, false);
  if (common.quiet) return 0;
  out << (o.input == kStandardStream ? std::string("standard input") : o.input)
      << ": ok: " << network.stakeholders.size() << " stakeholders, " << network.ties.size() << " ties ("
      << (network.directed ? "directed" : "undirected") << "), " << diagnostics.warning_count()
      << (diagnostics.warning_count() == 1 ? " warning\n" : " warnings\n");
  return 0;
}

namespace {

/// A network written to standard output (convert -o -) in `format`; CSV holds the edge list only.
void write_network_to_stdout(const Network& network, io::FileFormat format, std::ostream& out,
                             Diagnostics& warnings) {
  const std::string name = "<stdout>";
  switch (format) {
    case io::FileFormat::csv: out << io::write_csv_edges(network); break;
    case io::FileFormat::graphml: out << io::write_graphml(network, name, warnings); break;
    case io::FileFormat::gml: out << io::write_gml(network, name, warnings); break;
    case io::FileFormat::pajek: out << io::write_pajek(network, name, warnings); break;
    case io::FileFormat::gexf: out << io::write_gexf(network, name, warnings); break;
    case io::FileFormat::json: out << io::write_node_link_json(network, name, warnings); break;
  }
  out.flush();
}

}  // namespace

int cmd_convert(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  std::string output;
  bool force = false;
  po::options_description own("convert options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->required()->value_name("INPUT"), "input ('-': standard input)")(
      "output,o", text_value(&output)->required()->value_name("FILE"),
      "output file: .csv (+ .nodes.csv), .graphml, .gml, .net, .gexf or .json; '-': standard output")(
      "force", po::bool_switch(&force), kForceHelp);
  add_common_options(own, common);
  add_output_format(own, common, core::choices(io::kFileFormatNames) + " (default csv: the edge list only)");
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(filters);
  const std::vector<ConfigSection> sections = {{"", &own}, {"filters", &filters}};
  if (parse(args, d, out, "usage: clusterscope convert <input> -o FILE [options]", &sections).help) return 0;
  const std::string written = stdout_format(common, output, "csv", format_names());
  if (output == kStandardStream) {
    Diagnostics diagnostics;
    const Network network = load(o, common, err, diagnostics);
    Diagnostics warnings;
    const io::FileFormat format = *io::format_named(written);
    write_network_to_stdout(network, format, out, warnings);
    print_diagnostics(warnings, err);
    if (!common.quiet) {
      if (format == io::FileFormat::csv)
        err << "clusterscope: note: standard output holds the edge list only; write to a .csv file for its "
               "node table too\n";
      err << "wrote standard output (" << network.stakeholders.size() << " stakeholders, "
          << network.ties.size() << " ties)\n";
    }
    return 0;
  }
  if (!io::format_of(output)) {
    throw UsageError("-o '" + output + "': unknown format; expected " + format_extensions());
  }
  io::OutputRequest request = output_request(output, io::OutputKind::file, o, force);
  io::check_output(request);  // before any work (a CSV's node table too)
  if (io::format_of(output) == io::FileFormat::csv) {
    io::OutputRequest nodes = request;
    nodes.target = io::csv_nodes_path(request.target);
    io::check_output(nodes);
  }
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics);
  add_loaded_inputs(request, network);
  Diagnostics warnings;
  io::save_network(network, request, warnings);
  print_diagnostics(warnings, err);
  if (!common.quiet)
    out << "wrote " << output << " (" << network.stakeholders.size() << " stakeholders, "
        << network.ties.size() << " ties)\n";
  return 0;
}

int cmd_metrics(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  MetricFlags flags;
  std::string output;
  core::RunContext run;
  bool force = false;
  po::options_description own("metrics options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->required()->value_name("INPUT"), "input ('-': standard input)")(
      "output,o", text_value(&output)->value_name("FILE"),
      "FILE.csv (one row per stakeholder) or FILE.json (also network measures); '-' or none: standard "
      "output")("seed", seed_value(&run.seed), "seed of the permutation test and of sampled betweenness")(
      "force", po::bool_switch(&force), kForceHelp);
  add_common_options(own, common);
  add_output_format(own, common, "csv (default) or json");
  const po::options_description measures = metric_options(flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(measures).add(filters);
  const std::vector<ConfigSection> sections = {{"", &own}, {"filters", &filters}, {"measures", &measures}};
  if (parse(args, d, out, "usage: clusterscope metrics <input> [-o FILE.csv|FILE.json] [options]", &sections)
          .help)
    return 0;
  const std::string extension = table_extension(output, common, o);
  run.threads = flags.threads;
  const metrics::MetricOptions settings = metric_settings(flags, run);
  io::OutputRequest request = checked_file_request(output, o, force);
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics);
  const metrics::MetricsResult result = metrics::compute_metrics(network, settings);
  const std::string content = extension == ".json" ? metrics::metrics_json(network, result, settings)
                                                   : metrics::metrics_csv(network, result);
  if (output.empty()) {
    out << content;
  } else {
    add_loaded_inputs(request, network);
    io::write_checked_file(request, content);
  }
  for (const std::string& warning : result.warnings)
    err << "clusterscope: warning: " << warning << '\n';
  if (result.sampled_paths && !common.quiet) {
    err << "clusterscope: note: betweenness sampled from " << result.path_sources << " sources (error bound "
        << io::readable_number(result.path_error_bound) << "); use --betweenness exact for exact values\n";
  }
  return 0;
}

}  // namespace clusterscope::cli
