#include "clusterscope/cli/cli.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/summary.hpp"
#include "clusterscope/io/text.hpp"

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
    "  analyze  <input> [-o DIR]   load, validate and write the normalised network and a summary\n"
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
    for (const auto& [name, content] : files)
      io::write_file_atomically(temporary / name, content);
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

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  std::string output;
  unsigned long long seed = 42;
  bool quiet = false;
  po::options_description d("analyze options");
  d.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                              "input")("output,o", po::value(&output)->value_name("DIR"),
                                                       "output folder (default: output/<dataset name>)")(
      "seed", po::value(&seed)->default_value(42), "seed of every randomised step (recorded in the output)")(
      "quiet,q", po::bool_switch(&quiet), "print nothing but errors");
  d.add(input_options(o));
  if (parse(args, d, out, "usage: clusterscope analyze <input> [-o DIR] [options]").help) return 0;
  Diagnostics diagnostics;
  const Network network = load(o, err, diagnostics);
  const fs::path folder = output.empty()
                              ? fs::path("output") / (network.name.empty() ? "dataset" : network.name)
                              : fs::path(output);
  write_folder_atomically(folder, {
                                      {"stakeholders.csv", io::write_csv_nodes(network)},
                                      {"ties.csv", io::write_csv_edges(network)},
                                      {"dataset.json", io::normalised_manifest(network)},
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
    if (command == "analyze") return cmd_analyze(rest, out, err);
    throw UsageError("unknown command '" + command + "'; expected validate, convert or analyze");
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
