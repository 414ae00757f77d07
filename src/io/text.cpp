#include "clusterscope/io/text.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <system_error>

#include "clusterscope/io/output_guard.hpp"

namespace clusterscope::io {

namespace {

/// Reads a regular file whose size is at most `max_bytes`; "" on success, else the problem.
std::string read_plain(const std::filesystem::path& path, std::uint64_t max_bytes, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read file";
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) return "cannot read file";
  if (static_cast<std::uint64_t>(size) > max_bytes) {
    return "file is " + std::to_string(static_cast<std::uint64_t>(size)) +
           " bytes, larger than the input size limit of " + format_byte_size(max_bytes) + " (" +
           std::to_string(max_bytes) +
           " bytes); raise the limit with --max-input-size (e.g. --max-input-size 4G) if the file is genuine";
  }
  out.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  return static_cast<bool>(in) || in.eof() ? std::string() : std::string("cannot read file");
}

/// Decompresses a gzip member stream, stopping once more than `max_bytes` would be produced;
/// returns an error text or "" on success.
std::string gunzip(const std::string& compressed, std::uint64_t max_bytes, std::string& out) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 32) != Z_OK) return "cannot initialise zlib";
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::array<char, 1 << 16> chunk{};
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      const std::string reason = stream.msg != nullptr ? stream.msg : "truncated or corrupt data";
      inflateEnd(&stream);
      return "not a valid gzip file (" + reason + ")";
    }
    const std::size_t produced = chunk.size() - stream.avail_out;
    if (out.size() + produced > max_bytes) {
      inflateEnd(&stream);
      return "decompressed data is larger than the input size limit of " + format_byte_size(max_bytes) +
             " (" + std::to_string(max_bytes) +
             " bytes); reading stopped there — raise the limit with --max-input-size (e.g. "
             "--max-input-size 4G) if the file is genuine";
    }
    out.append(chunk.data(), produced);
    if (status == Z_STREAM_END && stream.avail_in > 0) {
      // Concatenated gzip members (as `cat a.gz b.gz` makes) are one stream.
      if (inflateReset(&stream) != Z_OK) break;
      status = Z_OK;
    }
  }
  inflateEnd(&stream);
  return {};
}

/// What a file that is not a regular file is, for the message that refuses it.
const char* file_kind(std::filesystem::file_type type) {
  switch (type) {
    case std::filesystem::file_type::fifo: return "a FIFO";
    case std::filesystem::file_type::character:
    case std::filesystem::file_type::block: return "a device";
    case std::filesystem::file_type::socket: return "a socket";
    default: return "of an unknown kind";
  }
}

}  // namespace

SourceText read_source(const std::filesystem::path& path, Diagnostics& diagnostics, std::uint64_t max_bytes) {
  SourceText source{path.string(), {}};
  std::error_code ec;
  // status() follows symbolic links: a link to a regular file is a regular file.
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    diagnostics.error({source.name, 0, 0}, "file not found");
    return source;
  }
  if (std::filesystem::is_directory(status)) {
    diagnostics.error({source.name, 0, 0}, "expected a file, found a folder");
    return source;
  }
  if (!std::filesystem::is_regular_file(status)) {
    // Opening a FIFO blocks until a writer comes; a device may never end. Neither is data.
    diagnostics.error({source.name, 0, 0}, std::string("not a regular file (") + file_kind(status.type()) +
                                               "); expected a data file — save the data to a file first");
    return source;
  }
  std::string raw;
  if (const std::string problem = read_plain(path, max_bytes, raw); !problem.empty()) {
    diagnostics.error({source.name, 0, 0}, problem);
    return source;
  }
  return source_from_bytes(path.string(), std::move(raw), diagnostics, max_bytes);
}

SourceText source_from_bytes(std::string name, std::string raw, Diagnostics& diagnostics,
                             std::uint64_t max_bytes) {
  SourceText source{std::move(name), {}};
  const bool gzip = raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x1f &&
                    static_cast<unsigned char>(raw[1]) == 0x8b;
  if (gzip) {
    const std::string problem = gunzip(raw, max_bytes, source.bytes);
    if (!problem.empty()) {
      diagnostics.error({source.name, 0, 0}, problem);
      source.bytes.clear();
      return source;
    }
  } else if (std::filesystem::path(source.name).extension() == ".gz") {
    diagnostics.error({source.name, 0, 0}, "expected gzip-compressed data (the name ends in .gz)");
    return source;
  } else {
    source.bytes = std::move(raw);
  }
  if (source.bytes.rfind("\xEF\xBB\xBF", 0) == 0) source.bytes.erase(0, 3);
  if (source.bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
    diagnostics.error({source.name, 0, 0}, "file is empty");
    source.bytes.clear();
    return source;
  }
  if (!check_utf8(source, diagnostics)) source.bytes.clear();
  return source;
}

bool check_utf8(const SourceText& source, Diagnostics& diagnostics) {
  const std::string_view text = source.bytes;
  bool valid = true;
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t reported_line = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (const std::size_t end = line_end_length(text, i); end > 0) {
      ++line;
      column = 1;
      i += end;
      continue;
    }
    if (c < 0x80) {
      ++column;
      ++i;
      continue;
    }
    std::size_t length = utf8_sequence(text, i);
    if (length == 0) {
      valid = false;
      if (reported_line != line) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", c);
        diagnostics.error({source.name, line, column},
                          std::string("invalid UTF-8 (byte ") + hex +
                              "); expected UTF-8 text — convert the file, e.g. iconv -f cp1250 -t utf-8");
        reported_line = line;
      }
      length = 1;
    }
    ++column;
    i += length;
  }
  return valid;
}

Location location_of(const SourceText& source, std::size_t offset) {
  const std::string_view text = source.bytes;
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    // LF, CR LF (counted at its LF) and a lone CR end a line.
    if (ends_line(text, i)) {
      ++line;
      line_start = i + 1;
    }
  }
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {source.name, line, column};
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) noexcept {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
    ++digits;
  if (digits == 0 || digits > 19) return std::nullopt;
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + digits, value);
  const std::string_view suffix = text.substr(digits);
  unsigned shift = 0;
  if (suffix.size() == 1) {
    switch (suffix.front()) {
      case 'k':
      case 'K': shift = 10; break;
      case 'm':
      case 'M': shift = 20; break;
      case 'g':
      case 'G': shift = 30; break;
      case 't':
      case 'T': shift = 40; break;
      default: return std::nullopt;
    }
  } else if (!suffix.empty()) {
    return std::nullopt;
  }
  if (value == 0 || value > (std::uint64_t{1} << (63 - shift))) return std::nullopt;
  return value << shift;
}

std::string format_byte_size(std::uint64_t bytes) {
  static constexpr std::pair<unsigned, char> units[] = {{40, 'T'}, {30, 'G'}, {20, 'M'}, {10, 'K'}};
  for (const auto& [shift, unit] : units) {
    const std::uint64_t size = std::uint64_t{1} << shift;
    if (bytes >= size && bytes % size == 0) return std::to_string(bytes >> shift) + unit;
  }
  return std::to_string(bytes);
}

std::string weight_problem(std::string_view text, double& value) {
  const std::string_view t = trim(text);
  if (t.empty()) return "empty weight; expected a number greater than 0";
  double parsed = 0.0;
  const std::string_view digits = t.front() == '+' ? t.substr(1) : t;
  const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
  if (result.ec == std::errc::result_out_of_range) {
    return "weight '" + std::string(t) + "' is out of range; expected a finite number greater than 0";
  }
  if (digits.empty() || result.ec != std::errc{} || result.ptr != digits.data() + digits.size()) {
    return "weight '" + std::string(t) + "' is not a number; expected a number greater than 0";
  }
  if (std::isnan(parsed)) return "weight is NaN; expected a number greater than 0";
  if (std::isinf(parsed)) return "weight is infinite; expected a finite number greater than 0";
  if (parsed == 0.0)
    return "weight is 0; expected a number greater than 0 (leave out ties that did not happen)";
  if (parsed < 0.0) return "weight '" + std::string(t) + "' is negative; expected a number greater than 0";
  value = parsed;
  return {};
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  namespace fs = std::filesystem;
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    throw OutputError(path.string() + ": folder " + folder.string() + " does not exist");
  }
  std::random_device device;
  const fs::path temporary = folder / ("." + path.filename().string() + ".tmp-" + std::to_string(device()));
  const TemporaryPath guard(temporary);  // removed on SIGINT/SIGTERM
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError(path.string() + ": cannot write into " + folder.string());
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      fs::remove(temporary, ec);
      throw OutputError(path.string() + ": write failed (disk full or file-size limit reached)");
    }
  }
  {
    const std::lock_guard<std::mutex> lock(temporaries_mutex());
    fs::rename(temporary, path, ec);
  }
  if (ec) {
    fs::remove(temporary, ec);
    throw OutputError(path.string() + ": cannot replace file: " + ec.message());
  }
}

std::string format_extension(const std::filesystem::path& path) {
  std::filesystem::path p = path;
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".gz") return format_extension(p.stem());
  return ext;
}

}  // namespace clusterscope::io
