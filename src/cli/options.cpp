// The option groups of the commands and their values as settings (options.hpp).
#include "options.hpp"

#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <set>
#include <sstream>

#include "bounded.hpp"
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

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

po::typed_value<std::string>* text_value(std::string* target) {
  return po::value(target);
}

po::typed_value<std::vector<std::string>>* text_values(std::vector<std::string>* target) {
  return po::value(target)->composing();
}

/// --seed: any integer from 0 to 2^64 − 1 (a negative seed is an error, not a wrapped number).
po::typed_value<std::uint64_t>* seed_value(std::uint64_t* seed) {
  return bounded(seed, std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max(), "seed")
      ->default_value(core::default_seed);
}

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
             core::described_choices(io::kLevelNames).c_str())("strict", po::bool_switch(&o.strict),
                                                               "treat warnings as errors")(
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

namespace {

Date option_date(const std::string& text, const char* option) {
  if (text.empty()) return {};
  const auto date = parse_iso_date(text);
  if (!date)
    throw UsageError(std::string("--") + option + " '" + text +
                     "': expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
  return *date;
}

}  // namespace

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
  options.level = named_value(io::kLevelNames, "level", o.level);
  if (!o.max_input_size.empty()) {
    const auto size = io::parse_byte_size(o.max_input_size);
    if (!size)
      throw UsageError("--max-input-size '" + o.max_input_size +
                       "': expected a size in bytes, or with K, M, G or T (powers of 1024), e.g. 4G");
    options.max_input_bytes = *size;
  }
  return options;
}

void add_common_options(po::options_description& d, CommonFlags& common, const char* config_help) {
  d.add_options()("quiet,q", po::bool_switch(&common.quiet),
                  "no progress and no summary on standard output; errors and warnings still go to standard "
                  "error")("config", po::value(&common.config)->value_name("FILE"), config_help)(
      "format", po::value(&common.format)->value_name("FORMAT"),
      ("format of standard input (INPUT '-'): " + core::choices(io::kFileFormatNames) + " (default csv)")
          .c_str());
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

po::options_description metric_options(MetricFlags& f) {
  po::options_description d("measures");
  d.add_options()(
      "weights", po::value(&f.weights)->value_name("MEANING")->default_value("strength"),
      ("how a tie weight becomes a path length: " + core::described_choices(metrics::kWeightMeaningNames))
          .c_str())("betweenness", po::value(&f.betweenness)->value_name("MODE")->default_value("auto"),
                    core::described_choices(metrics::kPathModeNames).c_str())(
      "samples",
      bounded(&f.samples, std::size_t{0}, kMaxSamples, "samples")->value_name("N")->default_value(0),
      "source stakeholders for sampled betweenness (0: chosen from the size)")(
      "threads", bounded(&f.threads, 0U, kMaxThreads, "threads")->value_name("N")->default_value(0),
      "threads of every parallel stage: path measures, layout, candidates, drawing figures (0: all cores; "
      "the results do not depend on it)")(
      "permutations",
      bounded(&f.permutations, std::size_t{0}, kMaxPermutations, "permutations")
          ->value_name("N")
          ->default_value(999),
      "permutations of the E-I significance test");
  return d;
}

metrics::MetricOptions metric_settings(const MetricFlags& f, const core::RunContext& run) {
  metrics::MetricOptions o;
  o.weights = named_value(metrics::kWeightMeaningNames, "weights", f.weights);
  o.paths.mode = named_value(metrics::kPathModeNames, "betweenness", f.betweenness);
  o.paths.samples = f.samples;
  o.paths.threads = run.threads;
  o.paths.seed = run.seed;
  o.permutations = f.permutations;
  o.seed = run.seed;
  return o;
}

po::options_description community_options(CommunityFlags& f) {
  po::options_description d("communities");
  d.add_options()("algorithm", po::value(&f.algorithm)->value_name("NAME")->default_value("leiden"),
                  core::choices(communities::kAlgorithmNames).c_str())(
      "quality", po::value(&f.quality)->value_name("Q")->default_value("modularity"),
      ("Leiden's objective: " + core::choices(communities::kQualityNames)).c_str())(
      "resolution", po::value(&f.resolution)->value_name("R")->default_value("1"),
      "resolution parameter, or auto (the most stable of a sweep)")(
      "runs", bounded(&f.runs, 1, kMaxRuns, "runs")->value_name("N")->default_value(50),
      "seeded runs of the ensemble behind the consensus and the stability")(
      "null-models", bounded(&f.null_models, 0, kMaxRuns, "null-models")->value_name("N")->default_value(20),
      "degree-preserving rewired networks for the significance test (0: none)")(
      "community-weights", po::value(&f.weights)->value_name("W")->default_value("strength"),
      core::described_choices(communities::kWeightedNames).c_str());
  return d;
}

communities::CommunityOptions community_settings(const CommunityFlags& f, const core::RunContext& run) {
  communities::CommunityOptions o;
  o.algorithm = named_value(communities::kAlgorithmNames, "algorithm", f.algorithm);
  o.quality = named_value(communities::kQualityNames, "quality", f.quality);
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
  o.weighted = named_value(communities::kWeightedNames, "community-weights", f.weights);
  o.seed = run.seed;
  return o;
}

po::options_description figure_options(FigureFlags& f) {
  po::options_description d("layout and figures");
  d.add_options()("layout", po::value(&f.layout)->value_name("NAME")->default_value("fa2"),
                  core::described_choices(layout::kAlgorithmNames).c_str())(
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

/// --palette: the type colours, in vocabulary order, from a comma-separated list of #rrggbb.
std::vector<std::string> palette_colours(const std::string& palette) {
  std::vector<std::string> colours;
  if (palette.empty()) return colours;
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
  return colours;
}

/// --palette applied to the network's types.
void apply_palette(Network& network, const std::string& palette) {
  clusterscope::apply_palette(network, palette_colours(palette));
}

layout::LayoutOptions layout_settings(const FigureFlags& f, const core::RunContext& run) {
  layout::LayoutOptions o;
  o.algorithm = named_value(layout::kAlgorithmNames, "layout", f.layout);
  palette_colours(f.palette);  // a bad colour is a usage error before any work
  o.iterations = f.iterations;
  o.linlog = f.linlog;
  o.prevent_overlap = f.prevent_overlap;
  o.seed = run.seed;
  o.threads = run.threads;
  return o;
}

po::options_description change_options(ChangeFlags& f) {
  po::options_description d("change over time");
  d.add_options()("period", text_values(&f.periods)->value_name("FROM..TO"),
                  "a period, inclusive at the precision written (2012..2012 = the year 2012, "
                  "2012-03..2013-06 = whole months; an end may be open: 2014..); repeatable, earliest first")(
      "periods", text_value(&f.rule)->value_name("RULE"),
      "consecutive periods over the data's dated span: yearly, quarterly or N-months")(
      "undated", text_value(&f.undated)->value_name("POLICY")->default_value("drop"),
      "undated ties in periods: drop (left out) or keep (counted in every period)")(
      "referrals", text_value(&f.referrals)->value_name("FILE"),
      "referrals to check for uptake: date,by,firm,partner[,note], or a recommendations.csv (with "
      "--referral-date); replaces the dataset's own")(
      "referral-date", text_value(&f.referral_date)->value_name("DATE"),
      "the date a recommendations.csv's suggestions were made (default for compare: the end of the first "
      "period)")("uptake-window", text_value(&f.window)->value_name("Nm")->default_value("12m"),
                 "a referral is taken up when a cooperation tie starts within this many months (1m–120m)")(
      "uptake-kinds", text_values(&f.uptake_kinds)->value_name("KIND"),
      "tie kinds that count as cooperation for uptake (repeatable; default: every kind but visit, meeting, "
      "event, recommendation, referral, membership, advice)")(
      "match-threshold", bounded(&f.threshold, 0.01, 1.0, "match-threshold")->default_value(0.3),
      "Jaccard index of shared members from which two periods' communities are the same community");
  return d;
}

ChangeSettings change_settings(const ChangeFlags& f, const std::set<std::string>& typed) {
  ChangeSettings s;
  for (const std::string& text : f.periods) {
    std::string error;
    const auto p = change::parse_period(text, error);
    if (!p) throw UsageError("--period " + error);
    s.periods.push_back(*p);
  }
  if (const std::string problem = change::check_periods(s.periods); !problem.empty())
    throw UsageError("--period: " + problem);
  if (!f.rule.empty()) {
    if (!s.periods.empty())
      throw UsageError("--periods " + f.rule + ": give either --period or --periods, not both");
    std::string error;
    if (!change::periods_from_rule(f.rule, {}, {}, error))  // the rule alone; the span comes with the data
      throw UsageError("--periods " + error);
  }
  s.rule = f.rule;
  s.undated = named_value(change::kUndatedNames, "undated", f.undated);
  s.undated_given = typed.count("undated") != 0;
  const std::string& w = f.window;
  std::int32_t months = 0;
  if (w.size() >= 2 && w.back() == 'm' &&
      std::all_of(w.begin(), w.end() - 1, [](char c) { return c >= '0' && c <= '9'; }) && w.size() <= 5)
    months = std::stoi(w.substr(0, w.size() - 1));
  if (months < 1 || months > 120)
    throw UsageError("--uptake-window '" + w + "': expected a number of months from 1m to 120m, e.g. 12m");
  s.uptake.window_months = months;
  s.uptake.kinds = f.uptake_kinds;
  s.tracking.threshold = f.threshold;
  s.referrals = f.referrals;
  s.referral_date = option_date(f.referral_date, "referral-date");
  return s;
}

}  // namespace clusterscope::cli
