#pragma once
// Reading input files (plain or gzip-compressed), UTF-8 checks, positions and atomic writes — the
// pieces every loader and writer shares. The text helpers they use (numbers, blanks, UTF-8,
// Markdown) live in core/text.hpp and are named here too, so io:: code reads as before.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/text.hpp"

namespace clusterscope::io {

using core::ends_line;
using core::format_number;
using core::is_valid_utf8;
using core::line_end_length;
using core::markdown_escape;
using core::parse_double;
using core::readable_number;
using core::strip;
using core::trim;
using core::utf8_sequence;

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

/// The same from bytes already in memory (`raw` as a file would hold them; `name` stands for the
/// path in diagnostics, and a name ending in .gz requires gzip data): gunzipped when they start
/// with the gzip magic, BOM removed, empty text and invalid UTF-8 reported.
SourceText source_from_bytes(std::string name, std::string raw, Diagnostics& diagnostics,
                             std::uint64_t max_bytes = kDefaultMaxInputBytes);

/// Reports every line holding bytes that are not valid UTF-8. Returns true when all is valid.
bool check_utf8(const SourceText& source, Diagnostics& diagnostics);

/// Line and column (1-based, column in code points) of byte `offset` in `text`; LF, CR LF and a
/// lone CR each end a line.
Location location_of(const SourceText& source, std::size_t offset);

/// Why `text` is not a valid tie weight (a finite number > 0), or an empty string when it is.
std::string weight_problem(std::string_view text, double& value);

/// Writes `content` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a partial file and a failure leaves nothing behind. Throws OutputError.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// Lower-case extension without a trailing ".gz" (".graphml" for "x.graphml.gz").
std::string format_extension(const std::filesystem::path& path);

}  // namespace clusterscope::io
