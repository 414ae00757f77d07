// Text helpers (core/text.hpp). Numbers for people follow docs/CLI.md, "Numbers": data files keep
// format_number's full precision.

#include "clusterscope/core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>

#include <utf8proc.h>

namespace clusterscope::core {

std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t* code_point) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    if (code_point != nullptr) *code_point = c;
    return 1;
  }
  std::size_t length = 0;
  unsigned int code = 0;
  if ((c & 0xE0) == 0xC0) {
    length = 2;
    code = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3;
    code = c & 0x0Fu;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4;
    code = c & 0x07u;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  }
  static constexpr unsigned int minimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < minimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  if (code_point != nullptr) *code_point = code;
  return length;
}

bool is_valid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
    return {buffer, result.ptr};
  }
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return {buffer, result.ptr};
}

std::optional<double> parse_double(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '#':
        out += '\\';
        out += ch;
        break;
      case '\n':
      case '\r': out += ' '; break;
      default: out += ch;
    }
  }
  return out;
}

namespace {

/// "1.500" → "1.5", "2.00" → "2"; text without a decimal point stays as it is.
std::string drop_trailing_zeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

/// "12346" → "12,346" (an optional leading '-' kept in front).
std::string group_thousands(const std::string& digits) {
  const std::size_t sign = !digits.empty() && digits.front() == '-' ? 1 : 0;
  std::string out = digits.substr(0, sign);
  const std::size_t n = digits.size() - sign;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[sign + i];
  }
  return out;
}

}  // namespace

std::string readable_number(double value) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return "0";
  const double magnitude = std::fabs(value);
  char buffer[400];
  if (magnitude >= 100 - 0.05) {  // 99.96 rounds to 100: whole numbers from there on
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return group_thousands(buffer);
  }
  if (magnitude < 0.001) {
    std::snprintf(buffer, sizeof buffer, "%.2e", value);
    std::string text = buffer;
    const std::size_t e = text.find('e');
    return drop_trailing_zeros(text.substr(0, e)) + text.substr(e);
  }
  // Three significant digits: 2 decimals for 1 ≤ |x| < 10, 1 for 10 ≤ |x| < 100, 3 below 1, …
  const int decimals = 2 - static_cast<int>(std::floor(std::log10(magnitude)));
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return drop_trailing_zeros(buffer);
}

std::string mid_sentence(std::string label) {
  if (label.size() > 1 && label[0] >= 'A' && label[0] <= 'Z' && label[1] >= 'a' && label[1] <= 'z')
    label[0] = static_cast<char>(label[0] - 'A' + 'a');
  return label;
}

namespace {
/// Letters that carry their mark inside the letter, so that decomposition keeps them.
std::string_view unmarked(char32_t c) noexcept {
  switch (c) {
    case U'\u0142': return "l";   // ł (case folding maps Ł to it)
    case U'\u00f8': return "o";   // ø
    case U'\u0111': return "d";   // đ
    case U'\u00e6': return "ae";  // æ
    case U'\u0153': return "oe";  // œ
    case U'\u00fe': return "th";  // þ
    case U'\u0131': return "i";   // dotless ı
    default: return {};
  }
}
}  // namespace

std::string with_full_stop(std::string text) {
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

std::string fold_text(std::string_view text) {
  std::string folded;
  if (utf8proc_uint8_t* mapped = nullptr;
      is_valid_utf8(text) &&
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                                  UTF8PROC_STRIPMARK)) >= 0) {
    folded.assign(reinterpret_cast<const char*>(mapped));
    std::free(mapped);
  } else {
    folded.assign(text);
    for (char& c : folded)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (std::size_t i = 0; i < folded.size();) {
    char32_t c = 0;
    const std::size_t length = std::max<std::size_t>(1, utf8_sequence(folded, i, &c));
    const bool blank =
        c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'-' || c == U'_' || c == U'\u00a0';
    if (blank) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      if (const std::string_view plain = unmarked(c); !plain.empty())
        out += plain;
      else
        out.append(folded, i, length);
    }
    i += length;
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace clusterscope::core
