#pragma once
// Reading input files (plain or gzip-compressed), UTF-8 checks, positions, number formatting and
// atomic writes — the pieces every loader and writer shares.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "clusterscope/core/diagnostics.hpp"

namespace clusterscope::io {

/// The bytes of one input file, decompressed when it ends in .gz, with a UTF-8 BOM removed.
struct SourceText {
  std::string name;   ///< the path as the user gave it, used in diagnostics
  std::string bytes;  ///< file content
};

/// The most bytes one input file may hold, decompressed (docs/DATA_FORMATS.md, "Limits"):
/// 1 GiB unless --max-input-size (LoadOptions::max_input_bytes) says otherwise.
inline constexpr std::uint64_t kDefaultMaxInputBytes = std::uint64_t{1} << 30;

/// Reads a file. A missing, unreadable, corrupt-gzip or empty file is reported as an error in
/// `diagnostics` and an empty text is returned, and so is anything that is not a regular file
/// (a FIFO or a device would block or never end: it is refused before it is opened). A file
/// larger than `max_bytes`, or whose decompressed data would be, is refused; decompression stops
/// at the limit. Invalid UTF-8 is reported at line:column.
SourceText read_source(const std::filesystem::path& path, Diagnostics& diagnostics,
                       std::uint64_t max_bytes = kDefaultMaxInputBytes);

/// Parses a size in bytes: digits, optionally followed by K, M, G or T (powers of 1024, either
/// case), e.g. "4096", "64M", "4G". Nullopt for anything else, for 0 and for sizes beyond 2^63.
std::optional<std::uint64_t> parse_byte_size(std::string_view text) noexcept;
/// A size as parse_byte_size reads it: "1G" when it is a whole number of K, M, G or T, else bytes.
std::string format_byte_size(std::uint64_t bytes);

/// True when the byte at `text[i]` ends a line: LF, or a CR not followed by LF (a CR LF ends its
/// line at the LF). Counting these gives the same line numbers as line_end_length.
inline bool ends_line(std::string_view text, std::size_t i) noexcept {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'));
}

/// Length of the line end at `text[i]`: 2 for CR LF, 1 for LF or a lone CR (old Mac files),
/// 0 when there is none. Every reader counts lines this way, so positions agree.
inline std::size_t line_end_length(std::string_view text, std::size_t i) noexcept {
  if (i >= text.size()) return 0;
  if (text[i] == '\n') return 1;
  if (text[i] != '\r') return 0;
  return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
}

/// The same from bytes already in memory (`raw` as a file would hold them; `name` stands for the
/// path in diagnostics, and a name ending in .gz requires gzip data): gunzipped when they start
/// with the gzip magic, BOM removed, empty text and invalid UTF-8 reported.
SourceText source_from_bytes(std::string name, std::string raw, Diagnostics& diagnostics,
                             std::uint64_t max_bytes = kDefaultMaxInputBytes);

/// Reports every line holding bytes that are not valid UTF-8. Returns true when all is valid.
bool check_utf8(const SourceText& source, Diagnostics& diagnostics);

/// Length of the valid UTF-8 sequence starting at `text[i]` (storing its code point when
/// `code_point` is given), or 0 when the bytes there are not valid UTF-8.
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t* code_point = nullptr) noexcept;

/// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

/// Line and column (1-based, column in code points) of byte `offset` in `text`; LF, CR LF and a
/// lone CR each end a line.
Location location_of(const SourceText& source, std::size_t offset);

/// Shortest text that reads back to the same double ("1", "0.5", "1e-09").
std::string format_number(double value);

/// A number for people (summary.md, Markdown tables, the summary lines of the commands; data files
/// keep format_number): three significant digits ("0.412", "1.23", "12.3", "0.00123"), a whole
/// number from 100 on with its thousands separated by commas ("195", "12,346"), "1.23e-05" below
/// 0.001, trailing zeros dropped ("1.5", "2"); "n/a" for NaN, "inf" and "-inf".
std::string readable_number(double value);

/// Parses a whole string as a finite double (no leading/trailing blanks).
std::optional<double> parse_double(std::string_view text) noexcept;

/// Why `text` is not a valid tie weight (a finite number > 0), or an empty string when it is.
std::string weight_problem(std::string_view text, double& value);

/// Writes `content` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a partial file and a failure leaves nothing behind. Throws OutputError.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Lower-case extension without a trailing ".gz" (".graphml" for "x.graphml.gz").
std::string format_extension(const std::filesystem::path& path);

/// Removes leading and trailing ASCII blanks.
std::string_view trim(std::string_view text) noexcept;
/// `text` without blanks (space, tab, CR and LF) around it. trim() keeps LF, but an indented XML
/// element text (<data>\n  2.5\n</data>) or a typed value holds line breaks around a number or id.
inline std::string_view strip(std::string_view text) noexcept {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && blank(text.back()))
    text.remove_suffix(1);
  return text;
}

/// Text for a Markdown table cell or line: Markdown's special characters backslash-escaped, line
/// breaks as spaces.
std::string markdown_escape(std::string_view text);

}  // namespace clusterscope::io
