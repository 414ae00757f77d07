#pragma once
// An RFC 4180 CSV reader. Fields may be quoted; quoted fields hold commas, line
// breaks and doubled quotes. CRLF, LF and lone-CR line ends are accepted (a line break inside
// quotes is kept as data, CRLF as LF); blank lines are skipped.
// Every field carries its line and column so that problems are reported where they are.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clusterscope/core/csv_write.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

struct CsvField {
  std::string text;
  std::size_t line = 0;
  std::size_t column = 0;
  bool quoted = false;  ///< written in quotes: its blanks are data (a header name is kept as written)
};

struct CsvRow {
  std::vector<CsvField> fields;
  std::size_t size = 0;  ///< fields in use (the vector keeps its capacity between rows)
  std::size_t line = 0;  ///< line where the row starts
  [[nodiscard]] const CsvField& operator[](std::size_t i) const { return fields[i]; }
};

/// The values that mean "no value" in a CSV cell (docs/DATA_FORMATS.md, "Missing values"):
/// what R (NA), pandas (nan, NaN, None written by hand), Excel (#N/A) and databases (null, NULL)
/// write for a missing value. Compared with the cell's blanks trimmed, case-sensitively.
const std::vector<std::string>& default_missing_markers();

/// The delimiter a CSV file uses, guessed from its first line: the most frequent of ',', ';'
/// and tab outside quotes (',' when none occurs).
char detect_delimiter(std::string_view text);
/// "','", "';'" or "tab", for messages.
std::string delimiter_name(char delimiter);

class CsvReader {
 public:
  /// `source` must outlive the reader.
  CsvReader(const SourceText& source, Diagnostics& diagnostics, char delimiter = ',');

  /// Reads the next record into `row`; false at the end of the text. Syntax problems (a quote
  /// never closed, text after a closing quote, a quote inside an unquoted field) are reported
  /// and the row is still returned as well as it could be read, flagged by `row_ok()`.
  bool next(CsvRow& row);
  [[nodiscard]] bool row_ok() const noexcept { return row_ok_; }
  [[nodiscard]] Location where(std::size_t line, std::size_t column) const {
    return {source_.name, line, column};
  }
  [[nodiscard]] const std::string& file() const noexcept { return source_.name; }
  [[nodiscard]] char delimiter() const noexcept { return delimiter_; }

  /// From the next row on, a field equal to one of `markers` (blanks trimmed) is read as empty
  /// and counted per column. `markers` must outlive the reader.
  void treat_as_missing(const std::vector<std::string>* markers) noexcept { markers_ = markers; }
  /// Columns that hold numbers (weight, lat, …): there a marker that reads as a number (NaN)
  /// is not a missing marker but a bad value, reported by the field's own check.
  void set_numeric_columns(std::vector<bool> numeric) { numeric_ = std::move(numeric); }
  /// One note per column that held missing markers ("column 'lat': 12 values 'NA' read as
  /// missing"), with the column names of the header.
  void report_missing(const std::vector<std::string>& header) const;

 private:
  void advance() noexcept;
  const SourceText& source_;
  Diagnostics& diagnostics_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
  bool row_ok_ = true;
  const std::vector<std::string>* markers_ = nullptr;
  struct MissingSeen {
    std::size_t count = 0;
    std::string marker;  ///< the first marker seen
    Location first;
  };
  std::vector<MissingSeen> missing_;
  std::vector<bool> numeric_;
  bool read_row(CsvRow& row);
};

// The writing half (append_csv_row, append_csv_header, append_spreadsheet_row) is in
// core/csv_write.hpp, named here too.
using core::append_csv_field;
using core::append_csv_header;
using core::append_csv_row;
using core::append_spreadsheet_row;

}  // namespace clusterscope::io
