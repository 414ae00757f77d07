#pragma once
// NetworkBuilder: what every loader calls to add stakeholders and ties. It owns the checks that
// must be the same for every format: duplicate and unknown ids, field values (coordinates,
// employees, types), weights, dates, and the self-loop and duplicate-tie policy.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::io {

/// How CSV files are read (docs/DATA_FORMATS.md, "Delimiters and decimals", "Missing values"):
/// set from --delimiter, --decimal and --missing, and per file by the manifest.
struct CsvSettings {
  char delimiter = 0;  ///< 0: detected from each file's header
  char decimal = 0;    ///< '.' or ','; 0: ',' when the delimiter is ';' or tab, else '.'
  std::vector<std::string> missing = default_missing_markers();  ///< missing-value markers
};

class NetworkBuilder {
 public:
  /// `network` receives what is built; its directedness and vocabulary should be set first.
  NetworkBuilder(Network& network, Diagnostics& diagnostics);

  /// When true, an id seen first in a tie creates a stakeholder (edge lists without a node
  /// table); when false it is an "unknown id" error.
  void set_implicit_stakeholders(bool implicit) noexcept { implicit_ = implicit; }

  /// CSV settings of the whole load; a manifest entry may override them for its file.
  [[nodiscard]] const CsvSettings& csv_settings() const noexcept { return csv_; }
  void set_csv_settings(CsvSettings settings) { csv_ = std::move(settings); }
  /// The decimal separator numbers of the file being read use ('.' or ','): set by the CSV
  /// readers for each file, '.' for every other format.
  void set_decimal(char decimal) noexcept { decimal_ = decimal; }

  /// Adds a stakeholder; a duplicate or empty id is reported (with where the first one was)
  /// and nullopt returned.
  std::optional<VertexId> add_stakeholder(Stakeholder stakeholder, const Location& at);

  /// Sets a canonical field (name, type, lat, …) or keeps the value as an attribute. Checks
  /// values: lat in [-90, 90], lon in [-180, 180], employees a number ≥ 0; tags split on ';'.
  void set_field(Stakeholder& stakeholder, std::string_view column, std::string_view value,
                 const Location& at);

  /// The vertex of `id`, created when implicit stakeholders are on; otherwise an unknown id
  /// is reported and nullopt returned.
  std::optional<VertexId> resolve(std::string_view id, const Location& at);

  /// Parses a weight; reports non-numeric, NaN, infinite, zero and negative values and values
  /// outside [kMinTieWeight, kMaxTieWeight] (model/network.hpp).
  std::optional<double> parse_weight(std::string_view text, const Location& at);
  /// Reports (at `at`, quoting `text` or else the number) a weight outside [kMinTieWeight,
  /// kMaxTieWeight]; add_tie checks every weight so, computed ones included.
  bool weight_in_range(double weight, const Location& at, std::string_view text);
  /// Parses a date in `layout` (see parse_date); reports a value that is not a real date.
  std::optional<Date> parse_date(std::string_view text, const Location& at,
                                 std::string_view layout = "YYYY-MM-DD");

  /// Adds a tie. `at` is where the tie is written (for the self-loop and duplicate reports).
  void add_tie(VertexId source, VertexId target, std::string_view kind, double weight, Date start, Date end,
               const Location& at, std::map<std::string, std::string> attributes = {});

  /// Reserves room for about `ties` more ties (a hint from the file size; saves reallocation).
  void reserve_ties(std::size_t ties);

  /// Applies the policy, fills attribute name lists and reports warnings:
  /// - self-loops are dropped (a stakeholder does not cooperate with itself), one warning each;
  /// - duplicate ties (same pair — either order when undirected —, kind and dates) are kept as
  ///   separate interactions, one warning each; aggregation sums their weights;
  /// - type values outside the vocabulary are kept and reported once per value;
  /// - a parent that is not a stakeholder, or a parent cycle, is an error.
  void finish();

  Network& network() noexcept { return network_; }
  Diagnostics& diagnostics() noexcept { return diagnostics_; }

 private:
  struct TieOrigin {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
  };
  Network& network_;
  Diagnostics& diagnostics_;
  bool implicit_ = false;
  CsvSettings csv_;
  char decimal_ = '.';
  /// `text` with a decimal comma turned into a point when the file uses decimal commas.
  [[nodiscard]] std::string decimal_text(std::string_view text) const;
  std::vector<std::string> files_;
  std::vector<TieOrigin> tie_origins_;
  std::vector<Location> stakeholder_origins_;
  // Hashed views of the network's name lists, so that a value costs the same however many
  // columns or kinds there are (a file with 10^5 columns loads in linear time).
  std::unordered_set<std::string> attribute_names_;
  std::unordered_set<std::string> tie_attribute_names_;
  std::unordered_map<std::string, KindId> kind_ids_;
  std::uint32_t file_index(const std::string& file);
  KindId kind_id(std::string_view kind);
  /// Reports parents that are not stakeholders and parent cycles.
  void check_parents();
};

/// The largest number of diagnostics of one kind listed per file before the rest are counted.
inline constexpr std::size_t kMaxListedPerKind = 50;

}  // namespace clusterscope::io
