#pragma once
// The option groups the commands share (docs/CLI.md): their boost::program_options descriptions,
// the flags they fill, and the conversion of those flags into the settings of the library
// (io::LoadOptions, metrics::MetricOptions, …), where a bad value becomes a UsageError.

#include <array>
#include <boost/program_options.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "clusterscope/change/change.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/names.hpp"
#include "clusterscope/core/run.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::cli {

// Documented ranges of the numeric options (docs/CLI.md, "Option values").
inline constexpr std::size_t kMaxSamples = 100'000'000;
inline constexpr unsigned kMaxThreads =
    1024;  // more than the cores is allowed, but never more workers than cores
inline constexpr std::size_t kMaxPermutations = 1'000'000;
inline constexpr std::int32_t kMaxRuns = 10'000;
inline constexpr std::int32_t kMaxIterations = 1'000'000;
inline constexpr std::size_t kMaxLabels = 10'000;

/// A text option stored in `target`. Defined once (options.cpp), so boost's value type for strings
/// is compiled there only: GCC 12 at -O3 reports a false -Wnull-dereference inside its notify() in
/// some of the files that would otherwise compile it.
boost::program_options::typed_value<std::string>* text_value(std::string* target);

/// A repeatable text option (composing), defined once for the same reason.
boost::program_options::typed_value<std::vector<std::string>>* text_values(std::vector<std::string>* target);
/// --seed: any integer from 0 to 2^64 − 1 (a negative seed is an error, not a wrapped number).
boost::program_options::typed_value<std::uint64_t>* seed_value(std::uint64_t* seed);

/// The value of --`option` named `text` in `table`; else a UsageError listing the table's names
/// ("--weights 'x': expected strength, distance or none").
template <class E, std::size_t N>
E named_value(const std::array<core::Name<E>, N>& table, const char* option, const std::string& text) {
  if (const auto value = core::find_name(table, text)) return *value;
  throw UsageError(std::string("--") + option + " '" + text + "': expected " + core::choices(table));
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

boost::program_options::options_description input_options(InputOptions& o);
/// The loader's options from the input flags.
io::LoadOptions load_options(const InputOptions& o);

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
inline constexpr const char* kStandardStream = "-";

void add_common_options(boost::program_options::options_description& d, CommonFlags& common,
                        const char* config_help =
                            "JSON config holding any of these options (flags win over "
                            "it); paths in it are read from its folder");

/// --output-format for -o - (standard output), whose name holds no extension.
void add_output_format(boost::program_options::options_description& d, CommonFlags& common,
                       const std::string& choices);

/// The format written to standard output: --output-format, else `fallback`; one of `allowed`
/// (extensions without the dot). --output-format with a file is a usage error: a file's format
/// comes from its extension.
std::string stdout_format(const CommonFlags& common, const std::string& output, const std::string& fallback,
                          const std::vector<std::string>& allowed);

/// -o - for a command that writes a folder: a usage error that says so.
void refuse_stdout_folder(const std::string& command, const std::string& output, const char* what);

/// Top-level config keys of any command: a config file may hold those of other commands (they
/// are skipped), so one file serves analyze, render and the rest.
const std::set<std::string>& config_keys_elsewhere();

/// Change over time (docs/compare.md): periods, undated ties, tracking and referral uptake, shared
/// by analyze and compare.
struct ChangeFlags {
  std::vector<std::string> periods;  ///< --period FROM..TO, repeatable
  std::string rule;                  ///< --periods yearly|quarterly|N-months
  std::string undated = "drop";
  std::string referrals;       ///< --referrals FILE
  std::string referral_date;   ///< --referral-date DATE (for a recommendations.csv)
  std::string window = "12m";  ///< --uptake-window
  std::vector<std::string> uptake_kinds;
  double threshold = 0.3;  ///< --match-threshold
};
boost::program_options::options_description change_options(ChangeFlags& f);

/// The parsed change settings.
struct ChangeSettings {
  std::vector<change::Period> periods;
  std::string rule;
  change::Undated undated = change::Undated::drop;
  bool undated_given = false;
  change::UptakeConfig uptake;
  change::TrackingOptions tracking;
  std::string referrals;
  Date referral_date;
};
/// Checks the flags (UsageError naming the option); `typed`: the options the user gave.
ChangeSettings change_settings(const ChangeFlags& f, const std::set<std::string>& typed);

/// --force: the one way to replace an existing path clusterscope does not recognise as its own.
inline constexpr const char* kForceHelp =
    "replace an existing output that clusterscope does not recognise as its own (never the input)";

/// Options of the measures (metrics, analyze).
struct MetricFlags {
  std::string weights = "strength";
  std::string betweenness = "auto";
  std::size_t samples = 0;
  unsigned threads = 0;
  std::size_t permutations = 999;
};

boost::program_options::options_description metric_options(MetricFlags& f);
metrics::MetricOptions metric_settings(const MetricFlags& f, const core::RunContext& run);

/// Options of community detection (communities, candidates, analyze).
struct CommunityFlags {
  std::string algorithm = "leiden";
  std::string quality = "modularity";
  std::string resolution = "1";
  std::int32_t runs = 50;
  std::int32_t null_models = 20;
  std::string weights = "strength";
};

boost::program_options::options_description community_options(CommunityFlags& f);
communities::CommunityOptions community_settings(const CommunityFlags& f, const core::RunContext& run);

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

boost::program_options::options_description figure_options(FigureFlags& f);

/// --palette: the type colours, in vocabulary order, from a comma-separated list of #rrggbb.
std::vector<std::string> palette_colours(const std::string& palette);
/// --palette applied to the network's types.
void apply_palette(Network& network, const std::string& palette);
/// The layout settings of the figure flags (a bad --layout or --palette is a UsageError).
layout::LayoutOptions layout_settings(const FigureFlags& f, const core::RunContext& run);

}  // namespace clusterscope::cli
