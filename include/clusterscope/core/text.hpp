#pragma once
// Text helpers every module may use: line ends, UTF-8 sequences, numbers written and read back,
// numbers for people, blanks around values and Markdown escaping. Nothing here reads or writes a
// file.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clusterscope::core {

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

/// Length of the valid UTF-8 sequence starting at `text[i]` (storing its code point when
/// `code_point` is given), or 0 when the bytes there are not valid UTF-8.
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t* code_point = nullptr) noexcept;

/// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

/// The items joined by `separator` ("a, b, c").
std::string join(const std::vector<std::string>& items, std::string_view separator);

/// Shortest text that reads back to the same double ("1", "0.5", "1e-09").
std::string format_number(double value);

/// A number for people (summary.md, Markdown tables, the summary lines of the commands; data files
/// keep format_number): three significant digits ("0.412", "1.23", "12.3", "0.00123"), a whole
/// number from 100 on with its thousands separated by commas ("195", "12,346"), "1.23e-05" below
/// 0.001, trailing zeros dropped ("1.5", "2"); "n/a" for NaN, "inf" and "-inf".
std::string readable_number(double value);

/// Parses a whole string as a finite double (no leading/trailing blanks).
std::optional<double> parse_double(std::string_view text) noexcept;

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

/// A label for use mid-sentence: its first letter lower-cased when it is written in sentence case
/// (an ASCII capital followed by an ASCII small letter: "Research institute" → "research
/// institute"); any other label ("NGO", "ICT cluster", "3D printing", "Ośrodek …") as it is.
std::string mid_sentence(std::string label);

/// `text` ending with a full stop: one is added unless it ends with one already ("… S.A.").
std::string with_full_stop(std::string text);

/// Text folded for matching: Unicode case folding, accents and other combining marks removed
/// (utf8proc: decompose, strip marks, compose), and the Latin letters without a decomposition
/// mapped by hand (ł → l, ø → o, đ → d, æ → ae, œ → oe, þ → th); runs of white space, '-' and '_'
/// become one space and the ends are trimmed. "Łódź" → "lodz", "Örebro" → "orebro",
/// "Laser-Cutting" → "laser cutting". Invalid UTF-8 is folded byte by byte (ASCII lower-casing).
std::string fold_text(std::string_view text);

}  // namespace clusterscope::core
