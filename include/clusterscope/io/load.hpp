#pragma once
// Loading any input (dataset folder, dataset.json manifest, or a single graph file), applying
// filters and the unit → institution roll-up, and saving a network in any writable format.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/names.hpp"
#include "clusterscope/io/builder.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::io {

/// Cuts a functional area and period out of a larger export (docs/DATA_FORMATS.md, "Filters").
struct Filters {
  std::vector<std::string> region_prefixes;  ///< keep stakeholders whose region starts with one
  bool keep_partners = false;                ///< also keep direct partners of kept stakeholders
  std::vector<std::string> types;            ///< keep stakeholders of these types
  std::vector<std::string> kinds;            ///< keep ties of these kinds
  Date from;                                 ///< keep ties that end on or after the first day of this date
  Date to;  ///< keep ties that start on or before the last day of this date (2014 = through 2014-12-31)
  [[nodiscard]] bool empty() const {
    return region_prefixes.empty() && types.empty() && kinds.empty() && from.empty() && to.empty();
  }
};

enum class Level { as_loaded, institution };
/// --level and the "level" of dataset.json.
inline constexpr std::array<core::Name<Level>, 2> kLevelNames = {{
    {Level::as_loaded, "as-loaded"},
    {Level::institution, "institution", "units rolled up to their parent"},
}};

struct LoadOptions {
  std::optional<std::filesystem::path> nodes_file;  ///< node table for a CSV edge list
  Filters filters;  ///< applied after (and added to) the manifest's own filters
  Level level = Level::as_loaded;
  /// The most bytes any one input file may hold, decompressed (--max-input-size).
  std::uint64_t max_input_bytes = kDefaultMaxInputBytes;
  /// Delimiter, decimal separator and missing markers of CSV files (--delimiter, --decimal,
  /// --missing); a manifest entry's own settings win for its file.
  CsvSettings csv;
  /// Filters that leave no tie are an error (false: a warning, for validate).
  bool empty_filter_is_error = true;
};

/// Loads `input`. Every problem is collected in `diagnostics`; when there is any error an
/// InputError carrying all of them is thrown, so no caller ever sees a half-read network.
Network load_network(const std::filesystem::path& input, const LoadOptions& options,
                     Diagnostics& diagnostics);

/// Loads a network from text already read (standard input, "-"), in `format`: the same checks,
/// node table (options.nodes_file), roll-up and filters as load_network() for a single file.
Network load_network_from_source(const SourceText& source, FileFormat format, const LoadOptions& options,
                                 Diagnostics& diagnostics);

/// Replaces `network`'s referrals with those of `file` (--referrals): date,by,firm,partner[,note],
/// or a recommendations.csv (id,partner,…) whose rows are dated `default_date` (an error when it
/// is empty) and attributed to "clusterscope". Unknown ids are errors at file:line:column
/// (InputError); dates outside the ties' span are warnings.
void load_referrals(const std::filesystem::path& file, Network& network, const LoadOptions& options,
                    const Date& default_date, Diagnostics& diagnostics);

/// Applies filters in place: stakeholders by region and type, then ties by kind and date window
/// (a tie is kept when its [start, end] overlaps [from, to]; undated ties are kept and counted
/// in a warning), dropping ties whose ends were removed.
/// A window is inclusive at the precision written: `to` 2014 keeps ties through 2014-12-31,
/// `to` 2014-06 through June 30. An inverted window is an error; filters that leave no tie (or no
/// stakeholder) of a network that had some are an error naming the filter, or a warning when
/// `empty_is_error` is false (validate).
void apply_filters(Network& network, const Filters& filters, Diagnostics& diagnostics,
                   bool empty_is_error = true);

/// "" when the window is valid, else the message saying it is inverted.
std::string check_date_window(const Filters& filters);

/// Rolls units up to their top-level parent institution: ties are moved to the parents, ties
/// inside one institution are dropped (counted in a warning), units disappear. Unknown parents
/// and parent cycles are errors.
void roll_up(Network& network, Diagnostics& diagnostics);

/// Writes `network` to `output` in the format its extension names (.csv also writes
/// "<name>.nodes.csv"), atomically. Values the format cannot hold are reported in `warnings`.
void save_network(const Network& network, const std::filesystem::path& output, Diagnostics& warnings);

struct OutputRequest;

/// save_network after io::check_output(): refuses to write over an input or over a file
/// clusterscope did not write (unless the request says force); a CSV's two files are written
/// together or not at all.
void save_network(const Network& network, const OutputRequest& request, Diagnostics& warnings);

}  // namespace clusterscope::io
