#include "clusterscope/cli/cli.hpp"

#include <atomic>
#include <boost/program_options.hpp>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "bounded.hpp"
#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/sha256.hpp"
#include "clusterscope/graph/graph.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/json_locate.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/io/standard_input.hpp"
#include "clusterscope/io/summary.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "clusterscope/pipeline/figures.hpp"
#include "clusterscope/pipeline/report.hpp"
#include "clusterscope/render/figure.hpp"
#include "clusterscope/render/scene.hpp"
#include "config.hpp"
#include "progress.hpp"

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
    "  communities <input> [-o FILE]  communities (Leiden by default): consensus of seeded runs, stability\n"
    "  candidates  <input> -o DIR  cluster-initiative candidates with reasons and gaps\n"
    "  render   <input> -o FILE    a network figure (.svg, .pdf, .png) or its layout (.csv: id,x,y)\n"
    "  analyze  <input> [-o DIR]   everything above into one folder, with report.html and report.pdf\n"
    "\n"
    "<input> is a dataset folder, its dataset.json, or a single .csv/.graphml/.gml/.net/.gexf/.json\n"
    "file (optionally .gz), or - for standard input (with --format). -o - writes standard output.\n"
    "Run 'clusterscope help <command>' or 'clusterscope <command> --help' for a command's options.\n"
    "\n"
    "exit status: 0 success, 1 internal error, 2 usage error, 3 input-data error, 4 output error\n";

// Documented ranges of the numeric options (docs/CLI.md, "Option values").
constexpr std::size_t kMaxSamples = 100'000'000;
constexpr unsigned kMaxThreads = 1024;  // more than the cores is allowed, but never more workers than cores
constexpr std::size_t kMaxPermutations = 1'000'000;
constexpr std::int32_t kMaxRuns = 10'000;
constexpr std::int32_t kMaxIterations = 1'000'000;
constexpr std::size_t kMaxLabels = 10'000;

/// --seed: any integer from 0 to 2^64 − 1 (a negative seed is an error, not a wrapped number).
po::typed_value<std::uint64_t>* seed_value(std::uint64_t* seed) {
  return bounded(seed, std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max(), "seed")
      ->default_value(42);
}

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
  std::string max_input_size;
  std::string delimiter;
  std::string decimal;
  std::vector<std::string> missing;
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
      "from", po::value(&o.from)->value_name("DATE"),
      "keep ties that end on or after DATE (YYYY[-MM[-DD]]; 2012 = from 2012-01-01)")(
      "to", po::value(&o.to)->value_name("DATE"),
      "keep ties that start on or before DATE, inclusive (2014 = through 2014-12-31, 2014-06 = through June "
      "30)")("level", po::value(&o.level)->value_name("LEVEL")->default_value("as-loaded"),
             "as-loaded, or institution to roll units up to their parent")(
      "strict", po::bool_switch(&o.strict), "treat warnings as errors")(
      "max-input-size", po::value(&o.max_input_size)->value_name("SIZE"),
      "most bytes one input file may hold, decompressed: bytes or K, M, G, T (default 1G)")(
      "delimiter", po::value(&o.delimiter)->value_name("CHAR"),
      "CSV delimiter: ',', ';' or tab (default: detected from each file's header)")(
      "decimal", po::value(&o.decimal)->value_name("CHAR"),
      "CSV decimal separator: '.' or ',' (default: ',' when the delimiter is ';' or tab)")(
      "missing", po::value(&o.missing)->value_name("MARKER")->composing(),
      "a CSV value that means missing (repeatable; replaces the default NA, N/A, n/a, #N/A, NaN, nan, "
      "null, NULL; --missing '' for none but empty)");
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
  if (const std::string inverted = io::check_date_window(options.filters); !inverted.empty())
    throw UsageError("--from " + o.from + " --to " + o.to + ": " + inverted);
  if (!o.delimiter.empty()) {
    if (o.delimiter == "tab" || o.delimiter == "\\t" || o.delimiter == "\t") {
      options.csv.delimiter = '\t';
    } else if (o.delimiter == "," || o.delimiter == ";" || o.delimiter == "|") {
      options.csv.delimiter = o.delimiter.front();
    } else {
      throw UsageError("--delimiter '" + o.delimiter + "': expected ',', ';', '|' or tab");
    }
  }
  if (!o.decimal.empty()) {
    if (o.decimal != "." && o.decimal != ",")
      throw UsageError("--decimal '" + o.decimal + "': expected '.' or ','");
    options.csv.decimal = o.decimal.front();
  }
  if (!o.missing.empty()) {
    options.csv.missing.clear();
    for (const std::string& marker : o.missing) {
      if (!marker.empty()) options.csv.missing.push_back(marker);
    }
  }
  if (o.level == "institution") {
    options.level = io::Level::institution;
  } else if (o.level != "as-loaded") {
    throw UsageError("--level '" + o.level + "': expected as-loaded or institution");
  }
  if (!o.max_input_size.empty()) {
    const auto size = io::parse_byte_size(o.max_input_size);
    if (!size)
      throw UsageError("--max-input-size '" + o.max_input_size +
                       "': expected a size in bytes, or with K, M, G or T (powers of 1024), e.g. 4G");
    options.max_input_bytes = *size;
  }
  return options;
}

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

/// Options every command takes (docs/CLI.md, "Conventions"): --quiet, --config and, for INPUT
/// '-', the --format of standard input; commands that write one file also take --output-format
/// for -o - (standard output).
struct CommonFlags {
  bool quiet = false;
  std::string config;
  std::string format;
  std::string output_format;
};

/// "-" as INPUT or as -o: standard input or output.
constexpr const char* kStandardStream = "-";

void add_common_options(po::options_description& d, CommonFlags& common,
                        const char* config_help =
                            "JSON config holding any of these options (flags win over "
                            "it); paths in it are read from its folder") {
  d.add_options()("quiet,q", po::bool_switch(&common.quiet),
                  "no progress and no summary on standard output; errors and warnings still go to standard "
                  "error")("config", po::value(&common.config)->value_name("FILE"), config_help)(
      "format", po::value(&common.format)->value_name("FORMAT"),
      "format of standard input (INPUT '-'): csv (default), graphml, gml, net, gexf or json");
}

/// --output-format for -o - (standard output), whose name holds no extension.
void add_output_format(po::options_description& d, CommonFlags& common, const std::string& choices) {
  d.add_options()("output-format", po::value(&common.output_format)->value_name("FORMAT"),
                  ("format written to standard output with -o -: " + choices).c_str());
}

/// The format written to standard output: --output-format, else `fallback`; one of `allowed`
/// (extensions without the dot). --output-format with a file is a usage error: a file's format
/// comes from its extension.
std::string stdout_format(const CommonFlags& common, const std::string& output, const std::string& fallback,
                          const std::vector<std::string>& allowed) {
  if (!common.output_format.empty() && output != kStandardStream && !output.empty())
    throw UsageError("--output-format '" + common.output_format +
                     "': is for -o - (standard output); the format of a file comes from its extension");
  const std::string format = common.output_format.empty() ? fallback : common.output_format;
  if (std::find(allowed.begin(), allowed.end(), format) == allowed.end()) {
    std::string list;
    for (const std::string& a : allowed)
      list += (list.empty() ? "" : ", ") + a;
    throw UsageError("--output-format '" + format + "': expected " + list);
  }
  return format;
}

/// -o - for a command that writes a folder: a usage error that says so.
void refuse_stdout_folder(const std::string& command, const std::string& output, const char* what) {
  if (output == kStandardStream)
    throw UsageError(command + ": -o - (standard output) takes one file, and " + command + " writes " + what +
                     "; give -o DIR");
}

/// Top-level config keys of any command: a config file may hold those of other commands (they
/// are skipped), so one file serves analyze, render and the rest.
const std::set<std::string>& config_keys_elsewhere() {
  static const std::set<std::string> keys = {"input",  "output",        "seed",        "quiet",   "force",
                                             "format", "output-format", "color-by",    "size-by", "labels",
                                             "title",  "caption",       "compare-with"};
  return keys;
}

/// Before any work: the INPUT exists (or is '-') and --format fits it.
void check_input(const InputOptions& o, const CommonFlags& common) {
  if (!common.format.empty()) {
    if (!io::format_named(common.format))
      throw UsageError("--format '" + common.format + "': expected csv, graphml, gml, net, gexf or json");
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
             bool empty_filter_is_error = true) {
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

/// --force: the one way to replace an existing path clusterscope does not recognise as its own.
constexpr const char* kForceHelp =
    "replace an existing output that clusterscope does not recognise as its own (never the input)";

/// What a command reads, for the output checks: the input (and its folder), the node table, and
/// any further file the command reads (config, initial layout).
io::OutputRequest output_request(const std::string& output, io::OutputKind kind, const InputOptions& o,
                                 bool force, const std::vector<std::string>& more_inputs = {}) {
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
      "samples",
      bounded(&f.samples, std::size_t{0}, kMaxSamples, "samples")->value_name("N")->default_value(0),
      "source stakeholders for sampled betweenness (0: chosen from the size)")(
      "threads", bounded(&f.threads, 0U, kMaxThreads, "threads")->value_name("N")->default_value(0),
      "threads for path measures and for drawing figures (0: all cores)")(
      "permutations",
      bounded(&f.permutations, std::size_t{0}, kMaxPermutations, "permutations")
          ->value_name("N")
          ->default_value(999),
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

/// Options of community detection (communities, candidates, analyze).
struct CommunityFlags {
  std::string algorithm = "leiden";
  std::string quality = "modularity";
  std::string resolution = "1";
  std::int32_t runs = 50;
  std::int32_t null_models = 20;
  std::string weights = "strength";
};

po::options_description community_options(CommunityFlags& f) {
  po::options_description d("communities");
  d.add_options()("algorithm", po::value(&f.algorithm)->value_name("NAME")->default_value("leiden"),
                  "leiden, louvain, infomap, walktrap or labelprop")(
      "quality", po::value(&f.quality)->value_name("Q")->default_value("modularity"),
      "Leiden's objective: modularity or cpm")("resolution",
                                               po::value(&f.resolution)->value_name("R")->default_value("1"),
                                               "resolution parameter, or auto (the most stable of a sweep)")(
      "runs", bounded(&f.runs, 1, kMaxRuns, "runs")->value_name("N")->default_value(50),
      "seeded runs of the ensemble behind the consensus and the stability")(
      "null-models", bounded(&f.null_models, 0, kMaxRuns, "null-models")->value_name("N")->default_value(20),
      "degree-preserving rewired networks for the significance test (0: none)")(
      "community-weights", po::value(&f.weights)->value_name("W")->default_value("strength"),
      "strength: use tie weights (default); none: every tie counts 1");
  return d;
}

communities::CommunityOptions community_settings(const CommunityFlags& f, std::uint64_t seed) {
  communities::CommunityOptions o;
  try {
    o.algorithm = communities::parse_algorithm(f.algorithm);
  } catch (const std::invalid_argument&) {
    throw UsageError("--algorithm '" + f.algorithm +
                     "': expected leiden, louvain, infomap, walktrap or labelprop");
  }
  if (f.quality == "modularity") {
    o.quality = communities::Quality::modularity;
  } else if (f.quality == "cpm") {
    o.quality = communities::Quality::cpm;
  } else {
    throw UsageError("--quality '" + f.quality + "': expected modularity or cpm");
  }
  if (f.resolution == "auto") {
    o.auto_resolution = true;
  } else {
    std::size_t used = 0;
    double r = 0;
    try {
      r = std::stod(f.resolution, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != f.resolution.size() || !(r > 0) || !std::isfinite(r))
      throw UsageError("--resolution '" + f.resolution + "': expected a positive number or auto");
    o.resolution = r;
  }
  // The ranges of --runs and --null-models are checked as they are parsed (bounded); one null
  // network gives no spread, so 1 is refused here.
  if (f.null_models == 1)
    throw UsageError("--null-models " + std::to_string(f.null_models) + ": expected 0 or at least 2");
  o.runs = f.runs;
  o.null_models = f.null_models;
  if (f.weights == "none") {
    o.weighted = false;
  } else if (f.weights != "strength") {
    throw UsageError("--community-weights '" + f.weights + "': expected strength or none");
  }
  o.seed = seed;
  return o;
}

/// The man-page part of each command's --help: what it does, what it writes, examples. The option
/// list between them comes from the option descriptions; docs/CLI.md has the same in full.
struct CommandHelp {
  const char* command;
  const char* description;
  const char* examples;
};

constexpr CommandHelp kHelp[] = {
    {"validate",
     "Reads an input the way every other command does and lists every problem at once, each as\n"
     "file:line:column, what was found and what was expected. Writes nothing.",
     "  clusterscope validate datasets/vistula-bend\n"
     "  clusterscope validate ties.csv --nodes stakeholders.csv --strict\n"},
    {"convert",
     "Writes the network in another format: .csv (with <name>.nodes.csv), .graphml, .gml, .net,\n"
     ".gexf or .json (node-link). Values a format cannot hold are reported as warnings.",
     "  clusterscope convert datasets/vistula-bend -o vistula.graphml\n"},
    {"metrics",
     "Computes every stakeholder measure (degree, strength, betweenness, closeness, harmonic,\n"
     "eigenvector, PageRank, coreness, clustering, constraint, effective size, brokerage roles) and,\n"
     "as JSON, the network measures, the type-mixing matrix and the E-I index with its permutation\n"
     "test. Path measures are exact up to a documented size, then sampled with a stated error bound.",
     "  clusterscope metrics datasets/vistula-bend -o metrics.csv\n"
     "  clusterscope metrics ties.csv -o metrics.json --weights distance --threads 2\n"},
    {"communities",
     "Detects communities: the consensus of seeded runs (Leiden by default), each stakeholder's and\n"
     "each community's stability, and their significance against degree-preserving null networks.\n"
     "CSV: id,community,stability; JSON adds the per-community figures and the settings.",
     "  clusterscope communities datasets/vistula-bend -o communities.json\n"
     "  clusterscope communities lazega.graphml --compare-with office --resolution auto\n"},
    {"candidates",
     "Finds cluster-initiative candidates (communities and sector groups), scores them on six parts,\n"
     "levels them initiative-ready / emerging / weak and names anchors, a coordinator and gaps.\n"
     "Writes DIR/candidates.json and DIR/candidates.md.",
     "  clusterscope candidates datasets/vistula-bend -o out/\n"
     "  clusterscope candidates datasets/vistula-bend -o out/ --config weights.json\n"},
    {"render",
     "Draws the network figure to .svg, .pdf or .png (or writes its layout as id,x,y to .csv):\n"
     "colour by type, community, sector or any attribute, size by any measure, the top stakeholders\n"
     "labelled without overlaps, a legend, a title and a caption.",
     "  clusterscope render datasets/vistula-bend -o network.pdf --color-by community\n"
     "  clusterscope render datasets/vistula-bend -o network.png --size-by betweenness --labels 25\n"},
    {"analyze",
     "The whole analysis in one folder: load, validate, measures, communities, candidates, figures\n"
     "and the report. Writes stakeholders.csv, metrics.json, communities.csv/.json,\n"
     "candidates.json/.md, figures/ (SVG, PDF, PNG), tables/ (annex tables as CSV and Markdown),\n"
     "report.html (self-contained), report.pdf and manifest.json (input SHA-256, every option and\n"
     "its source, seed, library versions, stage timings). The folder is written next to the target\n"
     "and renamed into place only when everything succeeded. The same input, options and seed give\n"
     "the same bytes (manifest.json's \"run\" aside). Progress goes to standard error: a bar per\n"
     "stage on a terminal, a line per stage otherwise, nothing with --quiet.",
     "  clusterscope analyze datasets/vistula-bend\n"
     "  clusterscope analyze datasets/vistula-bend -o report/ --config house.json --seed 7\n"
     "  clusterscope analyze datasets/vistula-bend --print-config > my-config.json\n"},
};

constexpr const char* kExitStatus =
    "exit status:\n"
    "  0  success\n"
    "  1  internal error (a bug; please report it with the command line)\n"
    "  2  usage error: unknown option or bad option value\n"
    "  3  input-data error: each problem as file:line:column with what was expected; nothing written\n"
    "  4  output error: a file or folder cannot be written; nothing left half-written\n";

void print_help(std::ostream& out, const std::string& usage_line, const po::options_description& visible) {
  out << usage_line << "\n\n";
  const CommandHelp* help = nullptr;
  for (const CommandHelp& h : kHelp)
    if (usage_line.rfind(std::string("usage: clusterscope ") + h.command + " ", 0) == 0) help = &h;
  if (help != nullptr) out << help->description << "\n\n";
  out << visible << '\n' << kExitStatus;
  if (help != nullptr) out << "\nexamples:\n" << help->examples;
  out << "\nSee docs/CLI.md for every command and option, docs/guide.md for worked examples.\n";
}

/// Options of layouts and figures (render, analyze).
struct FigureFlags {
  std::string layout = "fa2";
  std::string initial;
  std::int32_t iterations = 0;
  bool linlog = false;
  bool prevent_overlap = false;
  double dpi = 150;
  std::string palette;
};

po::options_description figure_options(FigureFlags& f) {
  po::options_description d("layout and figures");
  d.add_options()("layout", po::value(&f.layout)->value_name("NAME")->default_value("fa2"),
                  "fa2 (ForceAtlas2), fr, kk, drl, grouped (communities apart) or geo (lat/lon)")(
      "initial", po::value(&f.initial)->value_name("FILE.csv"),
      "start from the positions of an earlier layout (id,x,y), so two snapshots keep stakeholders in place")(
      "iterations",
      bounded(&f.iterations, 0, kMaxIterations, "iterations")->value_name("N")->default_value(0),
      "layout iterations (0: automatic)")("linlog", po::bool_switch(&f.linlog),
                                          "fa2: LinLog attraction (tighter communities)")(
      "prevent-overlap", po::bool_switch(&f.prevent_overlap), "fa2: keep nodes from overlapping")(
      "dpi", bounded(&f.dpi, 10.0, 2400.0, "dpi")->value_name("N")->default_value(150), "PNG resolution")(
      "palette", po::value(&f.palette)->value_name("COLOURS"),
      "house colours for the stakeholder types, in vocabulary order: #rrggbb,#rrggbb,… (types beyond keep "
      "theirs)");
  return d;
}

struct Parsed {
  po::variables_map values;
  bool help = false;
  std::set<std::string> typed;    ///< options given on the command line
  nlohmann::ordered_json config;  ///< the applied config document (null without --config)
};

/// Parses the command line; with `sections`, a --config file then fills what the flags left at
/// their defaults (flags win). Prints the help and returns help = true for --help.
Parsed parse(const std::vector<std::string>& args, const po::options_description& visible, std::ostream& out,
             const std::string& usage_line, const std::vector<ConfigSection>* sections = nullptr) {
  po::options_description all;
  all.add(visible);
  po::positional_options_description positional;
  positional.add("input", 1);
  Parsed parsed;
  const std::string prefix = "usage: clusterscope ";
  const std::string command =
      usage_line.substr(prefix.size(), usage_line.find(' ', prefix.size()) - prefix.size());
  po::parsed_options command_line(&all);
  try {
    command_line = po::command_line_parser(args).options(all).positional(positional).run();
  } catch (const po::too_many_positional_options_error&) {
    throw UsageError(command + ": one INPUT expected, got more (options take their values as --name VALUE)");
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
    const po::options_description filters = input_options(input_flags);
    const po::options_description measures = metric_options(metric_flags);
    const po::options_description groups = community_options(community_flags);
    const po::options_description figures = figure_options(figure_flags);
    std::vector<ConfigSection> others;
    for (const ConfigSection& g : std::vector<ConfigSection>{
             {"filters", &filters}, {"measures", &measures}, {"communities", &groups}, {"figures", &figures}})
      if (std::none_of(sections->begin(), sections->end(),
                       [&](const ConfigSection& s) { return s.name == g.name; }))
        others.push_back(g);
    parsed.config = apply_config(parsed.values["config"].as<std::string>(), *sections, parsed.values, others,
                                 config_keys_elsewhere());
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

int cmd_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  po::options_description own("validate options");
  own.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                                "input to check ('-': standard input)");
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

int cmd_convert(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  std::string output;
  bool force = false;
  po::options_description own("convert options");
  own.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                                "input ('-': standard input)")(
      "output,o", po::value(&output)->required()->value_name("FILE"),
      "output file: .csv (+ .nodes.csv), .graphml, .gml, .net, .gexf or .json; '-': standard output")(
      "force", po::bool_switch(&force), kForceHelp);
  add_common_options(own, common);
  add_output_format(own, common, "csv (default; the edge list only), graphml, gml, net, gexf or json");
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(filters);
  const std::vector<ConfigSection> sections = {{"", &own}, {"filters", &filters}};
  if (parse(args, d, out, "usage: clusterscope convert <input> -o FILE [options]", &sections).help) return 0;
  const std::string written =
      stdout_format(common, output, "csv", {"csv", "graphml", "gml", "net", "gexf", "json"});
  if (output == kStandardStream) {
    Diagnostics diagnostics;
    const Network network = load(o, common, err, diagnostics);
    Diagnostics warnings;
    write_network_to_stdout(network, *io::format_named(written), out, warnings);
    print_diagnostics(warnings, err);
    if (!common.quiet) {
      if (written == "csv")
        err << "clusterscope: note: standard output holds the edge list only; write to a .csv file for its "
               "node table too\n";
      err << "wrote standard output (" << network.stakeholders.size() << " stakeholders, "
          << network.ties.size() << " ties)\n";
    }
    return 0;
  }
  if (!io::format_of(output)) {
    throw UsageError("-o '" + output +
                     "': unknown format; expected .csv, .graphml, .gml, .net, .gexf or .json");
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
  std::uint64_t seed = 42;
  bool force = false;
  po::options_description own("metrics options");
  own.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                                "input ('-': standard input)")(
      "output,o", po::value(&output)->value_name("FILE"),
      "FILE.csv (one row per stakeholder) or FILE.json (also network measures); '-' or none: standard "
      "output")("seed", seed_value(&seed), "seed of the permutation test and of sampled betweenness")(
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
  if (output == kStandardStream) output.clear();  // standard output, as without -o
  const std::string extension = output.empty() ? "." + stdout_format(common, output, "csv", {"csv", "json"})
                                               : io::format_extension(output);
  if (!output.empty()) stdout_format(common, output, "csv", {"csv", "json"});  // --output-format with a file
  check_input(o, common);
  if (extension != ".csv" && extension != ".json") {
    throw UsageError("-o '" + output + "': expected a .csv or .json file");
  }
  const metrics::MetricOptions settings = metric_settings(flags, seed);
  io::OutputRequest request;
  if (!output.empty()) {
    request = output_request(output, io::OutputKind::file, o, force);
    io::check_output(request);  // before any work
  }
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

/// The candidate settings: defaults, overridden by the "candidates" object of a JSON config file.
candidates::CandidateConfig candidate_config(const std::string& file) {
  if (file.empty()) return {};
  Diagnostics diagnostics;
  const io::SourceText source = io::read_source(file, diagnostics);
  const auto json = io::parse_json(source, diagnostics);
  if (json) io::check_duplicate_keys(source, diagnostics);  // a repeated key is an error, not last-wins
  if (!json || diagnostics.has_errors()) throw InputError(diagnostics.entries());
  if (!json->is_object()) {
    throw InputError(Location{file, 1, 1}, "a config file holds a JSON object, e.g. {\"candidates\": {...}}");
  }
  if (!json->contains("candidates")) return {};
  try {
    return candidates::candidate_config_from_json(nlohmann::json::parse(json->at("candidates").dump()));
  } catch (const std::invalid_argument& e) {
    const auto offset = io::json_value_offset(source.bytes, io::JsonPath{std::string("candidates")});
    throw InputError(offset ? io::location_of(source, *offset) : Location{file, 1, 1}, e.what());
  }
}

/// --palette: the type colours, in vocabulary order, from a comma-separated list of #rrggbb.
void apply_palette(Network& network, const std::string& palette) {
  if (palette.empty()) return;
  std::vector<std::string> colours;
  std::string item;
  std::istringstream in(palette);
  while (std::getline(in, item, ',')) {
    const std::string_view colour = io::trim(item);
    const bool ok = colour.size() == 7 && colour[0] == '#' &&
                    std::all_of(colour.begin() + 1, colour.end(),
                                [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    if (!ok)
      throw UsageError("--palette: '" + std::string(colour) +
                       "' is not a colour; expected #rrggbb, e.g. #1F4E79");
    std::string lower(colour);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    colours.push_back(lower);
  }
  for (std::size_t i = 0; i < std::min(colours.size(), network.vocabulary.size()); ++i)
    network.vocabulary[i].colour = colours[i];
}

layout::LayoutOptions layout_settings(const FigureFlags& f, std::uint64_t seed) {
  layout::LayoutOptions o;
  try {
    o.algorithm = layout::parse_algorithm(f.layout);
  } catch (const std::invalid_argument&) {
    throw UsageError("--layout '" + f.layout + "': expected fa2, fr, kk, drl, grouped or geo");
  }
  Network no_types;
  apply_palette(no_types, f.palette);  // a bad colour is a usage error before any work
  o.iterations = f.iterations;
  o.linlog = f.linlog;
  o.prevent_overlap = f.prevent_overlap;
  o.seed = seed;
  return o;
}

/// Lays the network out; `communities` is needed by the grouped layout only.
Layout compute_figure_layout(const Network& network, const FigureFlags& flags, std::uint64_t seed,
                             const Partition* communities) {
  layout::LayoutOptions o = layout_settings(flags, seed);
  Layout initial;
  if (!flags.initial.empty()) {
    initial = pipeline::read_layout_csv(network, flags.initial);
    o.initial = &initial;
  }
  o.communities = communities;
  try {
    return layout::compute_layout(network, o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--layout ") + flags.layout + ": " + e.what());
  }
}

int cmd_render(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  FigureFlags flags;
  CommunityFlags community_flags;
  std::string output, colour_by = "type", size_by, title, caption;
  std::size_t labels = 15;
  std::uint64_t seed = 42;
  bool force = false;
  po::options_description own("render options");
  own.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                                "input ('-': standard input)")(
      "output,o", po::value(&output)->required()->value_name("FILE"),
      "FILE.svg, FILE.pdf or FILE.png (the figure), or FILE.csv (the layout: id,x,y); '-': standard output")(
      "color-by", po::value(&colour_by)->value_name("ATTR")->default_value("type"),
      "type, community, sector, or any stakeholder attribute")(
      "size-by", po::value(&size_by)->value_name("METRIC"),
      "node area by a measure (degree, strength, betweenness, pagerank, … as in metrics)")(
      "labels", bounded(&labels, std::size_t{0}, kMaxLabels, "labels")->value_name("N")->default_value(15),
      "label the N largest nodes (0: none)")("title", po::value(&title)->value_name("TEXT"),
                                             "title above the figure")(
      "caption", po::value(&caption)->value_name("TEXT"), "caption below the figure")(
      "seed", seed_value(&seed), "seed of the layout (and of communities for --color-by community)")(
      "force", po::bool_switch(&force), kForceHelp);
  add_common_options(
      own, common,
      "JSON config holding any of these options (flags win over it), e.g. the house "
      "\"figures\": {\"palette\": …} shared with analyze; paths in it are read from its folder");
  add_output_format(own, common, "svg (default), pdf, png or csv");
  const po::options_description figures_options = figure_options(flags);
  const po::options_description groups_options = community_options(community_flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(figures_options).add(groups_options).add(filters);
  const std::vector<ConfigSection> sections = {
      {"", &own}, {"filters", &filters}, {"communities", &groups_options}, {"figures", &figures_options}};
  if (parse(args, d, out,
            "usage: clusterscope render <input> -o FILE.svg|.pdf|.png|.csv [--layout "
            "fa2|fr|kk|drl|grouped|geo] "
            "[--color-by ATTR|community] [--size-by METRIC] [--labels N] [--title TEXT] [options]",
            &sections)
          .help)
    return 0;
  const bool to_stdout = output == kStandardStream;
  const std::string extension = to_stdout
                                    ? "." + stdout_format(common, output, "svg", {"svg", "pdf", "png", "csv"})
                                    : io::format_extension(output);
  if (!to_stdout)
    stdout_format(common, output, "svg", {"svg", "pdf", "png", "csv"});  // --output-format with a file
  if (extension != ".svg" && extension != ".pdf" && extension != ".png" && extension != ".csv")
    throw UsageError("-o '" + output + "': expected a .svg, .pdf, .png or .csv file");
  check_input(o, common);
  layout_settings(flags, seed);  // option errors before any work
  const communities::CommunityOptions community_settings_ = community_settings(community_flags, seed);
  io::OutputRequest request;
  if (!to_stdout) {
    request = output_request(output, io::OutputKind::file, o, force, {flags.initial});
    io::check_output(request);  // before any work
  }
  // The figure or layout to -o, or to standard output with -o - (the summary then to standard error).
  const auto emit = [&](const std::string& content) {
    if (to_stdout) {
      out << content;
      out.flush();
    } else {
      io::write_checked_file(request, content);
    }
  };
  std::ostream& info = to_stdout ? err : out;
  const std::string shown = to_stdout ? std::string("standard output") : output;
  Diagnostics diagnostics;
  Network network = load(o, common, err, diagnostics);
  add_loaded_inputs(request, network);
  apply_palette(network, flags.palette);
  communities::CommunityResult groups;
  const bool need_communities = colour_by == "community" || flags.layout == "grouped";
  if (need_communities) groups = communities::detect_communities(network, community_settings_);
  const Layout positions =
      compute_figure_layout(network, flags, seed, need_communities ? &groups.partition : nullptr);
  if (extension == ".csv") {
    emit(pipeline::layout_csv(network, positions));
    if (!common.quiet)
      info << "wrote " << shown << " (" << network.size() << " positions, layout " << flags.layout
           << ", seed " << seed << ")\n";
    return 0;
  }
  render::FigureOptions figure;
  figure.title = title;
  figure.caption = caption;
  figure.labels = labels;
  if (colour_by == "type") {
    figure.colour_by = render::ColourBy::type;
  } else if (colour_by == "community") {
    figure.colour_by = render::ColourBy::community;
    figure.communities = groups.partition;
  } else if (colour_by == "sector") {
    figure.colour_by = render::ColourBy::sector;
  } else {
    const auto& fields = stakeholder_fields();
    const bool known = std::find(fields.begin(), fields.end(), colour_by) != fields.end() ||
                       std::find(network.attribute_names.begin(), network.attribute_names.end(), colour_by) !=
                           network.attribute_names.end();
    if (!known || colour_by == "id")
      throw UsageError("--color-by '" + colour_by + "': no such stakeholder attribute");
    figure.colour_by = render::ColourBy::attribute;
    figure.attribute = colour_by;
  }
  if (!size_by.empty()) {
    metrics::MetricOptions settings;
    settings.permutations = 0;
    const metrics::MetricsResult result = metrics::compute_metrics(network, settings);
    const auto column = std::find_if(result.nodes.begin(), result.nodes.end(),
                                     [&](const metrics::MetricColumn& c) { return c.name == size_by; });
    if (column == result.nodes.end()) {
      std::string known;
      for (const metrics::MetricColumn& c : result.nodes)
        known += (known.empty() ? "" : ", ") + c.name;
      throw UsageError("--size-by '" + size_by + "': no such measure; known: " + known);
    }
    figure.size_by = column->values;
    figure.size_label = size_by;
  }
  const render::PangoMeasure measure;
  emit(render::encode(render::network_scene(network, positions, figure, measure), extension, flags.dpi));
  if (!common.quiet)
    info << "wrote " << shown << " (" << network.size() << " stakeholders, layout " << flags.layout
         << ", seed " << seed << ")\n";
  return 0;
}

/// One line for people: how many communities, how good, how sure.
std::string community_summary(const communities::CommunityResult& r) {
  std::ostringstream line;
  std::int32_t stable = 0;
  for (const communities::CommunityStats& c : r.communities) {
    if (c.size >= 2 && c.stability >= 0.5) ++stable;
  }
  line << r.partition.count << " communities (" << communities::algorithm_name(r.algorithm) << ", resolution "
       << io::readable_number(r.resolution) << ", consensus of " << r.runs << " runs, seed " << r.seed
       << "); modularity " << io::readable_number(r.modularity);
  if (std::isfinite(r.modularity_z)) {
    line << " (z = " << io::readable_number(r.modularity_z) << " against " << r.null_models
         << " rewired networks)";
  }
  line << "; " << stable << " groups of 2+ recovered in at least half the runs";
  if (r.split_communities > 0) line << "; " << r.split_communities << " disconnected groups split";
  return line.str();
}

int cmd_communities(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  CommunityFlags flags;
  std::string output;
  std::string compare;
  std::uint64_t seed = 42;
  bool force = false;
  po::options_description own("communities options");
  own.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                                "input ('-': standard input)")(
      "output,o", po::value(&output)->value_name("FILE"),
      "FILE.csv (id,community,stability) or FILE.json (also per-community figures, significance, sweep); "
      "'-' or none: standard output")("seed", seed_value(&seed), "seed of the runs and of the null networks")(
      "force", po::bool_switch(&force), kForceHelp)(
      "compare-with", po::value(&compare)->value_name("ATTR"),
      "compare the partition with a stakeholder attribute (NMI, ARI), e.g. sector or office");
  add_common_options(own, common);
  add_output_format(own, common, "csv (default) or json");
  const po::options_description groups_options = community_options(flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(groups_options).add(filters);
  const std::vector<ConfigSection> sections = {
      {"", &own}, {"filters", &filters}, {"communities", &groups_options}};
  if (parse(args, d, out, "usage: clusterscope communities <input> [-o FILE.csv|FILE.json] [options]",
            &sections)
          .help)
    return 0;
  if (output == kStandardStream) output.clear();  // standard output, as without -o
  const std::string extension = output.empty() ? "." + stdout_format(common, output, "csv", {"csv", "json"})
                                               : io::format_extension(output);
  if (!output.empty()) stdout_format(common, output, "csv", {"csv", "json"});  // --output-format with a file
  check_input(o, common);
  if (extension != ".csv" && extension != ".json") {
    throw UsageError("-o '" + output + "': expected a .csv or .json file");
  }
  const communities::CommunityOptions settings = community_settings(flags, seed);
  io::OutputRequest request;
  if (!output.empty()) {
    request = output_request(output, io::OutputKind::file, o, force);
    io::check_output(request);  // before any work
  }
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics);
  const communities::CommunityResult result = communities::detect_communities(network, settings);
  communities::Comparison comparison;
  std::size_t compared = 0;
  if (!compare.empty())
    comparison = pipeline::compare_with_attribute(network, result.partition, compare, compared);
  const std::vector<double> centrality = pipeline::tie_strength(network);
  const std::string content = extension == ".json" ? pipeline::community_json(network, result, centrality,
                                                                              compare, comparison, compared)
                                                   : pipeline::community_assignment_csv(network, result);
  if (output.empty()) {
    out << content;
  } else {
    add_loaded_inputs(request, network);
    io::write_checked_file(request, content);
  }
  if (common.quiet) return 0;
  std::ostream& info = output.empty() ? err : out;
  info << community_summary(result) << '\n';
  if (!compare.empty()) {
    info << "compared with " << compare << " over " << compared << " stakeholders: NMI "
         << io::readable_number(comparison.nmi) << ", ARI " << io::readable_number(comparison.ari) << '\n';
  }
  return 0;
}

int cmd_candidates(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  CommunityFlags flags;
  std::string output;
  std::uint64_t seed = 42;
  bool force = false;
  po::options_description own("candidates options");
  own.add_options()("help,h", "show this help")("input", po::value(&o.input)->required()->value_name("INPUT"),
                                                "input ('-': standard input)")(
      "output,o", po::value(&output)->required()->value_name("DIR"),
      "folder for candidates.json and candidates.md (created when missing)")(
      "seed", seed_value(&seed), "seed of the community runs and null networks")(
      "force", po::bool_switch(&force), kForceHelp);
  add_common_options(
      own, common,
      "JSON config holding any of these options (flags win over it); its \"candidates\" object "
      "sets score weights and level thresholds (docs/candidates.md)");
  const po::options_description groups_options = community_options(flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(groups_options).add(filters);
  const std::vector<ConfigSection> sections = {
      {"", &own}, {"filters", &filters}, {"communities", &groups_options}};
  if (parse(args, d, out, "usage: clusterscope candidates <input> -o DIR [options]", &sections).help)
    return 0;
  refuse_stdout_folder("candidates", output, "a folder (candidates.json and candidates.md)");
  check_input(o, common);
  const std::string& config_file = common.config;
  const communities::CommunityOptions settings = community_settings(flags, seed);
  const candidates::CandidateConfig config = candidate_config(config_file);
  io::OutputRequest folder = output_request(output, io::OutputKind::files, o, force, {config_file});
  io::check_output(folder);  // before any work
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics);
  add_loaded_inputs(folder, network);
  const communities::CommunityResult groups = communities::detect_communities(network, settings);
  const std::vector<candidates::Candidate> found =
      pipeline::find_candidates(network, groups, pipeline::tie_strength(network), config);
  std::vector<io::OutputRequest> requests(2, folder);
  requests[0].kind = requests[1].kind = io::OutputKind::file;
  requests[0].target = folder.target / "candidates.json";
  requests[1].target = folder.target / "candidates.md";
  io::write_checked_files(requests, {candidates::candidates_json(network, found, config),
                                     candidates::candidates_markdown(network, found)});
  std::int32_t ready = 0, emerging = 0;
  for (const candidates::Candidate& c : found) {
    if (c.level == "initiative-ready") ++ready;
    if (c.level == "emerging") ++emerging;
  }
  if (common.quiet) return 0;
  out << "wrote " << (fs::path(output) / "candidates.json").string() << " and candidates.md: " << found.size()
      << " candidates (" << ready << " initiative-ready, " << emerging << " emerging); seed " << seed << '\n';
  return 0;
}

/// stakeholders.csv of analyze: the stakeholder's fields and attributes, every measure, then the
/// consensus community and the stakeholder's stability in it.
std::string stakeholder_table(const Network& network, const metrics::MetricsResult& result,
                              const communities::CommunityResult& groups, const Layout& positions) {
  const std::vector<std::string> fields = io::used_stakeholder_fields(network);
  std::vector<std::string> header = fields;
  for (const metrics::MetricColumn& c : result.nodes)
    header.push_back(c.name);
  header.emplace_back("community");
  header.emplace_back("community_stability");
  header.emplace_back("x");
  header.emplace_back("y");
  std::string out;
  io::append_csv_row(out, header);
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    std::vector<std::string> row = io::stakeholder_values(network.stakeholders[i], fields);
    for (const metrics::MetricColumn& c : result.nodes)
      row.push_back(metrics::metric_text(c.values[i]));
    row.push_back(std::to_string(groups.partition.membership[i]));
    row.push_back(metrics::metric_text(groups.node_stability[i]));
    row.push_back(io::format_number(positions.x[i]));
    row.push_back(io::format_number(positions.y[i]));
    io::append_csv_row(out, row);
  }
  return out;
}

/// network/network.gexf of analyze: the network with every measure, the consensus community and
/// its stability as typed attributes (a measure named like a stakeholder field or attribute is
/// left out: stakeholders.csv has it), drawn as the communities figure is — its layout, community
/// colours and node radii (area by betweenness).
std::string network_gexf(const Network& network, const metrics::MetricsResult& result,
                         const communities::CommunityResult& groups, const Layout& positions,
                         Diagnostics& warnings) {
  Network measured = network;
  const auto taken = [&](const std::string& name) {
    const auto& fields = stakeholder_fields();
    return std::find(fields.begin(), fields.end(), name) != fields.end() ||
           std::find(measured.attribute_names.begin(), measured.attribute_names.end(), name) !=
               measured.attribute_names.end();
  };
  const auto add = [&](const std::string& name, const auto& value_of) {
    if (taken(name)) return;
    measured.attribute_names.push_back(name);
    for (std::size_t i = 0; i < measured.stakeholders.size(); ++i)
      if (std::string value = value_of(i); !value.empty()) measured.stakeholders[i].attributes[name] = value;
  };
  for (const metrics::MetricColumn& c : result.nodes)
    add(c.name, [&](std::size_t i) { return metrics::metric_text(c.values[i]); });
  add("community", [&](std::size_t i) { return std::to_string(groups.partition.membership[i]); });
  add("community_stability", [&](std::size_t i) { return metrics::metric_text(groups.node_stability[i]); });
  render::FigureOptions figure;
  figure.colour_by = render::ColourBy::community;
  figure.communities = groups.partition;
  figure.size_by = result.column("betweenness");
  io::GexfDrawing drawing;
  drawing.layout = positions;
  drawing.colours = render::node_colours(network, figure);
  drawing.sizes = render::node_radii(figure, network.size());
  return io::write_gexf(measured, drawing, "network/network.gexf", warnings);
}

/// One file of the output folder in manifest.json: its path relative to the folder, size and hash.
nlohmann::ordered_json file_entry(const fs::path& folder, const fs::path& file) {
  return {{"file", fs::relative(file, folder).generic_string()},
          {"bytes", fs::file_size(file)},
          {"sha256", sha256_file(file)}};
}

/// manifest.json: what went in (files with SHA-256, every option and its source, the seed), what
/// came out (every file with SHA-256), with which software, and how long each stage took. "run"
/// holds everything that changes between identical runs (date, timings, memory).
std::string run_manifest(const Network& network, const nlohmann::ordered_json& inputs,
                         const std::vector<OptionRecord>& records,
                         const nlohmann::ordered_json& candidate_settings,
                         const std::string& candidate_source, std::uint64_t seed, const fs::path& folder,
                         const std::vector<StageTime>& stages, const std::string& started) {
  nlohmann::ordered_json m;
  m["clusterscope"] = CLUSTERSCOPE_VERSION;
  m["command"] = "analyze";
  m["dataset"] = network.name;
  m["inputs"] = inputs;
  m["seed"] = seed;
  nlohmann::ordered_json options = option_sources(records);
  options["candidates"] = {{"value", candidate_settings}, {"source", candidate_source}};
  m["options"] = options;
  nlohmann::ordered_json versions = {{"clusterscope", CLUSTERSCOPE_VERSION},
                                     {"igraph", graph::igraph_version()}};
  for (const auto& [library, version] : render::library_versions())
    versions[library] = version;
  m["versions"] = versions;
  m["network"] = {{"stakeholders", network.stakeholders.size()}, {"ties", network.ties.size()}};
  if (!network.overrides.empty()) {
    // The manifest's corrections, so a reader of the results knows which values are not the
    // source's (the source files' hashes alone would not say).
    nlohmann::ordered_json overrides = nlohmann::ordered_json::array();
    for (const FieldOverride& o : network.overrides)
      overrides.push_back({{"id", o.id}, {"field", o.field}, {"previous", o.previous}, {"value", o.value}});
    m["overrides"] = overrides;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (const fs::path& file : files)
    outputs.push_back(file_entry(folder, file));
  m["outputs"] = outputs;
  nlohmann::ordered_json timings = nlohmann::ordered_json::array();
  double total = 0, peak = 0;
  for (const StageTime& t : stages) {
    timings.push_back({{"stage", t.stage},
                       {"seconds", std::round(t.seconds * 1000) / 1000},
                       {"peak_mib", std::round(t.peak_mib * 10) / 10}});
    total += t.seconds;
    peak = std::max(peak, t.peak_mib);
  }
  m["run"] = {{"started_utc", started},
              {"stages", timings},
              {"seconds", std::round(total * 1000) / 1000},
              {"peak_mib", std::round(peak * 10) / 10},
              {"cores", std::thread::hardware_concurrency()}};
  return m.dump(2) + "\n";
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  std::string output;
  std::uint64_t seed = 42;
  bool print_config = false;
  bool force = false;
  MetricFlags flags;
  CommunityFlags community_flags;
  FigureFlags figure_flags;
  po::options_description own("analyze options");
  own.add_options()("help,h", "show this help")(
      "input", po::value(&o.input)->value_name("INPUT"),
      "the dataset folder, its dataset.json, or a graph file ('-': standard input)")(
      "output,o", po::value(&output)->value_name("DIR"),
      "output folder (default: output/<dataset name>); replaced only when the run succeeds")(
      "seed", seed_value(&seed), "seed of every randomised step (recorded in manifest.json)")(
      "print-config", po::bool_switch(&print_config),
      "print the effective configuration as a config file and exit")(
      "force", po::bool_switch(&force),
      "replace an existing folder that is not empty and not a previous analyze output (never the input)");
  add_common_options(own, common,
                     "JSON config holding any of these options (flags win over it) and the \"candidates\" "
                     "settings; paths in it are read from its folder");
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
  layout_settings(figure_flags, seed);  // option errors before any work
  const metrics::MetricOptions settings = metric_settings(flags, seed);
  communities::CommunityOptions community_settings_ = community_settings(community_flags, seed);
  const candidates::CandidateConfig config = candidate_config(config_file);
  const bool candidates_from_config = parsed.config.is_object() && parsed.config.contains("candidates");
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

  const std::string started = utc_now();
  Progress progress(err, Progress::mode_for(err, quiet), 8);
  progress.begin("load");
  Diagnostics diagnostics;
  Network network = load(o, common, err, diagnostics);
  apply_palette(network, figure_flags.palette);
  progress.begin("measures");
  metrics::MetricOptions measured = settings;
  measured.paths.progress = progress.reporter();  // the path searches are most of this stage
  const metrics::MetricsResult result = metrics::compute_metrics(network, measured);
  if (!quiet)
    for (const std::string& warning : result.warnings)
      err << "clusterscope: warning: " << warning << '\n';
  progress.begin("communities");
  community_settings_.progress = progress.reporter();
  const communities::CommunityResult groups = communities::detect_communities(network, community_settings_);
  progress.begin("candidates");
  const std::vector<double> strength = pipeline::tie_strength(network);
  const std::vector<candidates::Candidate> found =
      pipeline::find_candidates(network, groups, strength, config);
  progress.begin("layout");
  const Layout positions = compute_figure_layout(network, figure_flags, seed, &groups.partition);
  progress.begin("figures");
  const render::PangoMeasure measure;
  const std::vector<pipeline::NamedScene> figures =
      pipeline::standard_figures(network, positions, result, groups, found, measure);
  progress.begin("report");
  pipeline::ReportInput report_input;
  report_input.network = &network;
  report_input.metrics = &result;
  report_input.metric_options = &settings;
  report_input.communities = &groups;
  report_input.candidates = &found;
  report_input.candidate_config = &config;
  report_input.figures = &figures;
  report_input.layout = figure_flags.layout;
  report_input.version = CLUSTERSCOPE_VERSION;
  report_input.seed = seed;
  // Every input file hashed once, for the report's meta line and the manifest.
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const std::string& file : network.input_files)
    inputs.push_back({{"file", file}, {"bytes", fs::file_size(file)}, {"sha256", sha256_file(file)}});
  if (!inputs.empty()) report_input.input_sha256 = inputs.front()["sha256"].get<std::string>();
  for (const OptionRecord& r : records) {
    // Options that cannot change a result (where, how fast, how loud) are in manifest.json only, so
    // that the report of the same analysis is the same file.
    if (r.value.is_null() || r.name == "input" || r.name == "output" || r.name == "quiet" ||
        r.name == "threads" || r.name == "force")
      continue;
    const std::string value = r.value.is_string() ? r.value.get<std::string>() : r.value.dump();
    report_input.parameters.push_back({"--" + r.name, value, r.source});
  }
  pipeline::Report report = pipeline::build_report(report_input);
  // Large figures go into report.html as PNG: encode each once (on the other core, while the PDF
  // is laid out), for the report and for figures/.
  std::map<std::string, std::string> pngs;
  for (const pipeline::NamedScene& f : figures)
    if (render::primitive_count(f.scene) > pipeline::max_inline_svg_primitives) pngs[f.name];
  std::string pdf;
  {
    std::exception_ptr failure;
    std::thread encoder([&]() noexcept {
      try {
        for (const pipeline::NamedScene& f : figures)
          if (pngs.count(f.name) != 0) pngs[f.name] = render::encode(f.scene, ".png", figure_flags.dpi);
      } catch (...) {
        failure = std::current_exception();
      }
    });
    try {
      pdf = pipeline::report_pdf(report);
    } catch (...) {
      encoder.join();
      throw;
    }
    encoder.join();
    if (failure) std::rethrow_exception(failure);
  }
  for (pipeline::ReportSection& section : report.sections)
    for (pipeline::ReportBlock& block : section.blocks)
      if (block.kind == pipeline::ReportBlock::Kind::figure && pngs.count(block.figure.name) != 0)
        block.figure.png = &pngs.at(block.figure.name);
  const std::string html = pipeline::report_html(report, figure_flags.dpi);
  progress.begin("write");
  if (output.empty()) {
    // The default folder is named after the dataset, as one safe path component.
    request = output_request((fs::path("output") / io::safe_component(network.name)).string(),
                             io::OutputKind::folder, o, force, {config_file, figure_flags.initial});
  }
  add_loaded_inputs(request, network);
  const fs::path folder = request.target;
  Diagnostics gexf_warnings;  // values XML 1.0 cannot hold, replaced by U+FFFD
  std::vector<std::pair<std::string, std::string>> files = {
      {"stakeholders.csv", stakeholder_table(network, result, groups, positions)},
      {"metrics.json", metrics::metrics_json(network, result, settings)},
      {"communities.csv", pipeline::community_table_csv(network, groups, strength)},
      {"communities.json", pipeline::community_json(network, groups, strength)},
      {"candidates.json", candidates::candidates_json(network, found, config)},
      {"candidates.md", candidates::candidates_markdown(network, found)},
      {"figures/layout.csv", pipeline::layout_csv(network, positions)},
      {"network/stakeholders.csv", io::write_csv_nodes(network)},
      {"network/ties.csv", io::write_csv_edges(network)},
      {"network/dataset.json", io::normalised_manifest(network)},
      {"network/network.gexf", network_gexf(network, result, groups, positions, gexf_warnings)},
      {"summary.json", io::summary_json(network, diagnostics)},
      {"summary.md", io::summary_markdown(network, diagnostics)},
      {"report.html", html},
      {"report.pdf", pdf},
  };
  for (auto& table : pipeline::annex_tables(report))
    files.push_back(std::move(table));
  if (!quiet)
    for (const Diagnostic& warning : gexf_warnings.entries())
      err << "clusterscope: warning: " << warning.message << '\n';
  io::write_checked_folder(request, files, [&](const fs::path& temporary) {
    std::vector<render::DrawJob> jobs;
    for (const pipeline::NamedScene& f : figures)
      for (const std::string extension : {".svg", ".pdf", ".png"}) {
        const fs::path file = temporary / "figures" / (f.name + extension);
        if (extension == ".png" && pngs.count(f.name) != 0) {
          io::write_file_atomically(file, pngs.at(f.name));  // encoded for the report already
        } else {
          jobs.push_back({&f.scene, file, figure_flags.dpi});
        }
      }
    render::draw_all(jobs, flags.threads);
    progress.end();
    io::write_file_atomically(
        temporary / "manifest.json",
        run_manifest(network, inputs, records, candidates::candidate_config_to_json(config),
                     candidates_from_config ? "config" : "default", seed, temporary, progress.times(),
                     started));
  });
  if (!quiet) {
    std::int32_t ready = 0;
    for (const candidates::Candidate& c : found)
      ready += c.level == "initiative-ready" ? 1 : 0;
    out << "wrote " << folder.string() << "/ (" << network.stakeholders.size() << " stakeholders, "
        << network.ties.size() << " ties; " << groups.partition.count << " communities; " << found.size()
        << " candidates, " << ready << " initiative-ready; report.html, report.pdf; seed " << seed << ")\n";
  }
  return 0;
}

using Command = int (*)(const std::vector<std::string>&, std::ostream&, std::ostream&);

/// The commands by name, in the order the usage lists them.
const std::vector<std::pair<std::string, Command>>& commands() {
  static const std::vector<std::pair<std::string, Command>> all = {
      {"validate", cmd_validate},       {"convert", cmd_convert},       {"metrics", cmd_metrics},
      {"communities", cmd_communities}, {"candidates", cmd_candidates}, {"render", cmd_render},
      {"analyze", cmd_analyze}};
  return all;
}

Command find_command(const std::string& name) {
  for (const auto& [command, function] : commands())
    if (command == name) return function;
  return nullptr;
}

constexpr const char* kCommandList = "validate, convert, metrics, communities, candidates, render or analyze";

/// After a usage error: where the command's own help is (the general one for no or an unknown command).
std::string help_hint(const std::vector<std::string>& args) {
  if (!args.empty() && find_command(args.front()) != nullptr)
    return "(run 'clusterscope help " + args.front() + "')";
  return "(run 'clusterscope --help')";
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
    if (command == "help" && !rest.empty()) {
      // clusterscope help <command>: the command's own help, as <command> --help prints it.
      const Command function = find_command(rest.front());
      if (function == nullptr || rest.size() > 1)
        throw UsageError(rest.size() > 1
                             ? "help: one command expected, got '" + rest[1] + "' too"
                             : "help: unknown command '" + rest.front() + "'; expected " + kCommandList);
      return function({"--help"}, out, err);
    }
    if (command == "--help" || command == "-h" || command == "help") {
      out << kUsage;
      return 0;
    }
    if (command == "--version") {
      out << "clusterscope " << CLUSTERSCOPE_VERSION << '\n';
      return 0;
    }
    if (const Command function = find_command(command); function != nullptr) return function(rest, out, err);
    throw UsageError("unknown command '" + command + "'; expected " + kCommandList);
  } catch (const InputError& e) {
    std::size_t listed = 0;
    print_diagnostics(e.diagnostics(), err);
    for (const Diagnostic& d : e.diagnostics()) {
      if (d.severity == Severity::error) listed += 1 + d.more;
    }
    err << "clusterscope: " << listed << (listed == 1 ? " error" : " errors")
        << " in the input; nothing written\n";
    return static_cast<int>(ExitCode::input_data);
  } catch (const po::error& e) {
    err << "clusterscope: error: " << e.what() << '\n' << help_hint(args) << '\n';
    return static_cast<int>(ExitCode::usage);
  } catch (const UsageError& e) {
    err << "clusterscope: error: " << e.what() << '\n' << help_hint(args) << '\n';
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
  io::install_interrupt_cleanup();  // temporaries removed on SIGINT/SIGTERM; no death by SIGXFSZ
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i)
    args.emplace_back(argv[i]);
  return run(args, std::cout, std::cerr);
}

int run(int argc, char** argv) {
  return run(argc, const_cast<const char* const*>(argv));
}

}  // namespace clusterscope::cli
