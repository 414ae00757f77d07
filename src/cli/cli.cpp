#include "clusterscope/cli/cli.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/summary.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/metrics/metrics.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: clusterscope <command> [options]\n"
    "\n"
    "Cluster-network analysis of regional innovation ecosystems.\n"
    "\n"
    "commands:\n"
    "  validate <input>            check an input and list every problem (exit 3 on errors)\n"
    "  convert  <input> -o FILE    write the network as .csv, .graphml, .gml, .net, .gexf or .json\n"
    "  metrics  <input> [-o FILE]  every stakeholder measure as CSV (or JSON with network measures)\n"
    "  analyze  <input> [-o DIR]   load, validate, measure; write the normalised network, metrics, summary\n"
    "\n"
    "<input> is a dataset folder, its dataset.json, or a single .csv/.graphml/.gml/.net/.gexf/.json\n"
    "file (optionally .gz). Run 'clusterscope <command> --help' for the options of a command.\n"
    "\n"
    "exit status: 0 success, 1 internal error, 2 usage error, 3 input-data error, 4 output error\n";

/// Options shared by every command that loads an input.
struct InputOptions {
  std::string input;
  std::string nodes;
  std::vector<std::string> regions;
  std::vector<std::string> types;
  std::vector<std::string> kinds;
  std::string from;
  std::string to;
  bool keep_partners = false;
  std::string level = "as-loaded";
  bool strict = false;
};

po::options_description input_options(InputOptions& o) {
  po::options_description d("input and filters");
  d.add_options()("nodes", po::value(&o.nodes)->value_name("FILE"),
                  "node table for a CSV edge list (default: <name>.nodes.csv beside it, when present)")(
      "region", po::value(&o.regions)->value_name("PREFIX")->composing(),
      "keep stakeholders whose region code starts with PREFIX (repeatable), e.g. ES51")(
      "keep-partners", po::bool_switch(&o.keep_partners),
      "with --region: also keep the direct partners outside the region")(
      "type", po::value(&o.types)->value_name("TYPE")->composing(),
      "keep stakeholders of this type (repeatable)")(
      "kind", po::value(&o.kinds)->value_name("KIND")->composing(), "keep ties of this kind (repeatable)")(
      "from", po::value(&o.from)->value_name("DATE"), "keep ties that end on or after DATE (YYYY[-MM[-DD]])")(
      "to", po::value(&o.to)->value_name("DATE"), "keep ties that start on or before DATE")(
      "level", po::value(&o.level)->value_name("LEVEL")->default_value("as-loaded"),
      "as-loaded, or institution to roll units up to their parent")("strict", po::bool_switch(&o.strict),
                                                                    "treat warnings as errors");
  return d;
}

Date option_date(const std::string& text, const char* option) {
  if (text.empty()) return {};
  const auto date = parse_iso_date(text);
  if (!date)
    throw UsageError(std::string("--") + option + " '" + text +
                     "': expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
  return *date;
}

io::LoadOptions load_options(const InputOptions& o) {
  io::LoadOptions options;
  if (!o.nodes.empty()) options.nodes_file = fs::path(o.nodes);
  options.filters.region_prefixes = o.regions;
  options.filters.types = o.types;
  options.filters.kinds = o.kinds;
  options.filters.keep_partners = o.keep_partners;
  options.filters.from = option_date(o.from, "from");
  options.filters.to = option_date(o.to, "to");
  if (o.level == "institution") {
    options.level = io::Level::institution;
  } else if (o.level != "as-loaded") {
    throw UsageError("--level '" + o.level + "': expected as-loaded or institution");
  }
  return options;
}

void print_diagnostics(const Diagnostics& diagnostics, std::ostream& err) {
  for (const Diagnostic& d : diagnostics.entries())
    err << format_diagnostic(d) << '\n';
}

/// Loads the input, printing warnings; with --strict a warning fails like an error.
Network load(const InputOptions& o, std::ostream& err, Diagnostics& diagnostics) {
  Network network = io::load_network(o.input, load_options(o), diagnostics);
  print_diagnostics(diagnostics, err);
  if (o.strict && diagnostics.warning_count() > 0) {
    throw InputError(Location{o.input, 0, 0},
                     std::to_string(diagnostics.warning_count()) + " warnings and --strict given");
  }
  return network;
}

/// Options of the measures (metrics, analyze).
struct MetricFlags {
  std::string weights = "strength";
  std::string betweenness = "auto";
  std::size_t samples = 0;
  unsigned threads = 0;
  std::size_t permutations = 999;
};

po::options_description metric_options(MetricFlags& f) {
  po::options_description d("measures");
  d.add_options()(
      "weights", po::value(&f.weights)->value_name("MEANING")->default_value("strength"),
      "strength: path length = 1/weight (default); distance: length = weight; none: ignore weights")(
      "betweenness", po::value(&f.betweenness)->value_name("MODE")->default_value("auto"),
      "auto (exact up to a documented size, then sampled), exact, or sampled")(
      "samples", po::value(&f.samples)->value_name("N")->default_value(0),
      "source stakeholders for sampled betweenness (0: chosen from the size)")(
      "threads", po::value(&f.threads)->value_name("N")->default_value(0),
      "threads for path measures (0: all cores)")(
      "permutations", po::value(&f.permutations)->value_name("N")->default_value(999),
      "permutations of the E-I significance test");
  return d;
}

metrics::MetricOptions metric_settings(const MetricFlags& f, std::uint64_t seed) {
  metrics::MetricOptions o;
  if (f.weights == "strength") {
    o.weights = metrics::WeightMeaning::strength;
  } else if (f.weights == "distance") {
    o.weights = metrics::WeightMeaning::distance;
  } else if (f.weights == "none") {
    o.weights = metrics::WeightMeaning::none;
  } else {
    throw UsageError("--weights '" + f.weights + "': expected strength, distance or none");
  }
  if (f.betweenness == "auto") {
    o.paths.mode = metrics::PathOptions::Mode::automatic;
  } else if (f.betweenness == "exact") {
    o.paths.mode = metrics::PathOptions::Mode::exact;
  } else if (f.betweenness == "sampled") {
    o.paths.mode = metrics::PathOptions::Mode::sampled;
  } else {
    throw UsageError("--betweenness '" + f.betweenness + "': expected auto, exact or sampled");
  }
  o.paths.samples = f.samples;
  o.paths.threads = f.threads;
  o.paths.seed = seed;
  o.permutations = f.permutations;
  o.seed = seed;
  return o;
}

struct Parsed {
  po::variables_map values;
  bool help = false;
};

Parsed parse(const std::vector<std::string>& args, const po::options_description& visible, std::ostream& out,
             const std::string& usage_line) {
  po::options_description all;
  all.add(visible);
  po::positional_options_description positional;
  positional.add("input", 1);
  Parsed parsed;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), parsed.values);
  if (parsed.values.count("help") != 0) {
    out << usage_line << "\n\n" << visible << '\n';
    parsed.help = true;
    return parsed;
  }
  po::notify(parsed.values);
  return parsed;
}

int cmd_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  po::options_description d("validate options");
  d.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                              "input to check");
  d.add(input_options(o));
  if (parse(args, d, out,
            "usage: clusterscope validate <input> [options]\n\nChecks an input and lists every problem at "
            "once; exit status 3 when there is an error.")
          .help)
    return 0;
  Diagnostics diagnostics;
  const Network network = load(o, err, diagnostics);
  out << o.input << ": ok: " << network.stakeholders.size() << " stakeholders, " << network.ties.size()
      << " ties (" << (network.directed ? "directed" : "undirected") << "), " << diagnostics.warning_count()
      << " warnings\n";
  return 0;
}

int cmd_convert(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  std::string output;
  po::options_description d("convert options");
  d.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                              "input")(
      "output,o", po::value(&output)->required()->value_name("FILE"),
      "output file: .csv (+ .nodes.csv), .graphml, .gml, .net, .gexf or .json");
  d.add(input_options(o));
  if (parse(args, d, out, "usage: clusterscope convert <input> -o FILE [options]").help) return 0;
  if (!io::format_of(output)) {
    throw UsageError("-o '" + output +
                     "': unknown format; expected .csv, .graphml, .gml, .net, .gexf or .json");
  }
  Diagnostics diagnostics;
  const Network network = load(o, err, diagnostics);
  Diagnostics warnings;
  io::save_network(network, output, warnings);
  print_diagnostics(warnings, err);
  out << "wrote " << output << " (" << network.stakeholders.size() << " stakeholders, " << network.ties.size()
      << " ties)\n";
  return 0;
}

/// Writes files into `folder` atomically: a temporary sibling folder renamed into place.
void write_folder_atomically(const fs::path& folder,
                             const std::vector<std::pair<std::string, std::string>>& files) {
  std::error_code ec;
  const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) throw OutputError(parent.string() + ": cannot create folder: " + ec.message());
  std::random_device device;
  const fs::path temporary = parent / ("." + folder.filename().string() + ".tmp-" + std::to_string(device()));
  fs::create_directory(temporary, ec);
  if (ec) throw OutputError(temporary.string() + ": cannot create folder: " + ec.message());
  try {
    for (const auto& [name, content] : files) {
      fs::create_directories((temporary / name).parent_path());
      io::write_file_atomically(temporary / name, content);
    }
    const fs::path old = parent / ("." + folder.filename().string() + ".old-" + std::to_string(device()));
    const bool existed = fs::exists(folder);
    if (existed) fs::rename(folder, old);
    fs::rename(temporary, folder);
    if (existed) fs::remove_all(old);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(temporary, ec);
    throw OutputError(folder.string() + ": " + e.code().message());
  } catch (...) {
    fs::remove_all(temporary, ec);
    throw;
  }
}

int cmd_metrics(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  MetricFlags flags;
  std::string output;
  std::uint64_t seed = 42;
  po::options_description d("metrics options");
  d.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                              "input")(
      "output,o", po::value(&output)->value_name("FILE"),
      "FILE.csv (one row per stakeholder) or FILE.json (also network measures); default: CSV on standard "
      "output")("seed", po::value(&seed)->default_value(42),
                "seed of the permutation test and of sampled betweenness");
  d.add(metric_options(flags));
  d.add(input_options(o));
  if (parse(args, d, out, "usage: clusterscope metrics <input> [-o FILE.csv|FILE.json] [options]").help)
    return 0;
  const std::string extension = output.empty() ? ".csv" : io::format_extension(output);
  if (extension != ".csv" && extension != ".json") {
    throw UsageError("-o '" + output + "': expected a .csv or .json file");
  }
  const metrics::MetricOptions settings = metric_settings(flags, seed);
  Diagnostics diagnostics;
  const Network network = load(o, err, diagnostics);
  const metrics::MetricsResult result = metrics::compute_metrics(network, settings);
  const std::string content = extension == ".json" ? metrics::metrics_json(network, result, settings)
                                                   : metrics::metrics_csv(network, result);
  if (output.empty()) {
    out << content;
  } else {
    io::write_file_atomically(output, content);
  }
  if (result.sampled_paths) {
    err << "clusterscope: note: betweenness sampled from " << result.path_sources << " sources (error bound "
        << result.path_error_bound << "); use --betweenness exact for exact values\n";
  }
  return 0;
}

/// stakeholders.csv of analyze: the stakeholder's fields and attributes, then every measure.
std::string stakeholder_table(const Network& network, const metrics::MetricsResult& result) {
  const std::vector<std::string> fields = io::used_stakeholder_fields(network);
  std::vector<std::string> header = fields;
  for (const metrics::MetricColumn& c : result.nodes)
    header.push_back(c.name);
  std::string out;
  io::append_csv_row(out, header);
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    std::vector<std::string> row = io::stakeholder_values(network.stakeholders[i], fields);
    for (const metrics::MetricColumn& c : result.nodes)
      row.push_back(metrics::metric_text(c.values[i]));
    io::append_csv_row(out, row);
  }
  return out;
}

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  std::string output;
  std::uint64_t seed = 42;
  bool quiet = false;
  MetricFlags flags;
  po::options_description d("analyze options");
  d.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                              "input")("output,o", po::value(&output)->value_name("DIR"),
                                                       "output folder (default: output/<dataset name>)")(
      "seed", po::value(&seed)->default_value(42), "seed of every randomised step (recorded in the output)")(
      "quiet,q", po::bool_switch(&quiet), "print nothing but errors");
  d.add(metric_options(flags));
  d.add(input_options(o));
  if (parse(args, d, out, "usage: clusterscope analyze <input> [-o DIR] [options]").help) return 0;
  const metrics::MetricOptions settings = metric_settings(flags, seed);
  Diagnostics diagnostics;
  const Network network = load(o, err, diagnostics);
  const metrics::MetricsResult result = metrics::compute_metrics(network, settings);
  const fs::path folder = output.empty()
                              ? fs::path("output") / (network.name.empty() ? "dataset" : network.name)
                              : fs::path(output);
  write_folder_atomically(folder, {
                                      {"stakeholders.csv", stakeholder_table(network, result)},
                                      {"metrics.json", metrics::metrics_json(network, result, settings)},
                                      {"network/stakeholders.csv", io::write_csv_nodes(network)},
                                      {"network/ties.csv", io::write_csv_edges(network)},
                                      {"network/dataset.json", io::normalised_manifest(network)},
                                      {"summary.json", io::summary_json(network, diagnostics)},
                                      {"summary.md", io::summary_markdown(network, diagnostics)},
                                  });
  if (!quiet) {
    out << "wrote " << folder.string() << "/ (" << network.stakeholders.size() << " stakeholders, "
        << network.ties.size() << " ties; seed " << seed << ")\n";
  }
  return 0;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty()) {
      err << kUsage;
      return static_cast<int>(ExitCode::usage);
    }
    const std::string& command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
      out << kUsage;
      return 0;
    }
    if (command == "--version") {
      out << "clusterscope " << CLUSTERSCOPE_VERSION << '\n';
      return 0;
    }
    if (command == "validate") return cmd_validate(rest, out, err);
    if (command == "convert") return cmd_convert(rest, out, err);
    if (command == "metrics") return cmd_metrics(rest, out, err);
    if (command == "analyze") return cmd_analyze(rest, out, err);
    throw UsageError("unknown command '" + command + "'; expected validate, convert, metrics or analyze");
  } catch (const InputError& e) {
    std::size_t listed = 0;
    for (const Diagnostic& d : e.diagnostics()) {
      err << format_diagnostic(d) << '\n';
      if (d.severity == Severity::error) ++listed;
    }
    err << "clusterscope: " << listed << (listed == 1 ? " error" : " errors")
        << " in the input; nothing written\n";
    return static_cast<int>(ExitCode::input_data);
  } catch (const po::error& e) {
    err << "clusterscope: error: " << e.what() << "\n(run 'clusterscope --help')\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const UsageError& e) {
    err << "clusterscope: error: " << e.what() << "\n(run 'clusterscope --help')\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const OutputError& e) {
    err << "clusterscope: error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::output);
  } catch (const std::exception& e) {
    err << "clusterscope: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::internal);
  }
}

int run(int argc, const char* const* argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i)
    args.emplace_back(argv[i]);
  return run(args, std::cout, std::cerr);
}

int run(int argc, char** argv) {
  return run(argc, const_cast<const char* const*>(argv));
}

}  // namespace clusterscope::cli
