#pragma once
// What every command does around its own work: parsing its command line (with --config), checking
// and loading the input, naming what it reads for the output checks, printing diagnostics.

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/partition.hpp"
#include "config.hpp"
#include "options.hpp"

namespace clusterscope::cli {

/// Every error; warnings and notes condensed to a few of each kind and a count of the rest.
void print_diagnostics(const std::vector<Diagnostic>& entries, std::ostream& err);
void print_diagnostics(const Diagnostics& diagnostics, std::ostream& err);

/// Before any work: the INPUT exists (or is '-') and --format fits it.
void check_input(const InputOptions& o, const CommonFlags& common);

/// Loads the input, printing warnings; with --strict a warning fails like an error.
/// Filters that empty the network are an error unless `empty_filter_is_error` is false (validate
/// reports them as a warning).
Network load(const InputOptions& o, const CommonFlags& common, std::ostream& err, Diagnostics& diagnostics,
             bool empty_filter_is_error = true);

/// What a command reads, for the output checks: the input (and its folder), the node table, and
/// any further file the command reads (config, initial layout).
/// The table a command writes (metrics, communities): "-o -" or no -o is standard output, in
/// --output-format (csv or json); a file's format is its extension. Returns ".csv" or ".json";
/// UsageError for anything else. Also checks the input (check_input).
std::string table_extension(std::string& output, const CommonFlags& common, const InputOptions& o);
/// The request for a single output file, checked (io::check_output) before any work; an empty
/// request for standard output (`output` empty).
io::OutputRequest checked_file_request(const std::string& output, const InputOptions& o, bool force);

io::OutputRequest output_request(const std::string& output, io::OutputKind kind, const InputOptions& o,
                                 bool force, const std::vector<std::string>& more_inputs = {});

/// After loading: every file the loader read (a manifest's tables) is an input too.
void add_loaded_inputs(io::OutputRequest& request, const Network& network);

struct Parsed {
  boost::program_options::variables_map values;
  bool help = false;
  std::set<std::string> typed;    ///< options given on the command line
  nlohmann::ordered_json config;  ///< the applied config document (null without --config)
  /// The config's "candidates" object (defaults without one); read with the rest of the file.
  candidates::CandidateConfig candidates;
  bool candidates_from_config = false;
  /// The config's "recommend" object (defaults without one).
  recommend::RecommendConfig recommend;
  bool recommend_from_config = false;
};

/// Parses the command line; with `sections`, a --config file then fills what the flags left at
/// their defaults (flags win). Prints the help and returns help = true for --help.
Parsed parse(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
             std::ostream& out, const std::string& usage_line,
             const std::vector<ConfigSection>* sections = nullptr, int inputs = 1);

/// Lays the network out; `communities` is needed by the grouped layout only.
Layout compute_figure_layout(const Network& network, const TieView& view, const FigureFlags& flags,
                             const core::RunContext& run, const Partition* communities);

}  // namespace clusterscope::cli
