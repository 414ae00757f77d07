#include "clusterscope/io/json_locate.hpp"

#include <algorithm>
#include <unordered_map>

namespace clusterscope::io {

namespace {

constexpr std::size_t npos = std::string_view::npos;

/// The member name written as `raw` (between the quotes), escapes decoded as the parser did.
std::optional<std::string> decode_name(std::string_view raw) {
  if (raw.find('\\') == npos) return std::string(raw);
  try {
    return nlohmann::json::parse("\"" + std::string(raw) + "\"").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

/// A forward scanner over well-formed JSON: finds the ends of values without building them.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  [[nodiscard]] char at(std::size_t p) const { return p < t_.size() ? t_[p] : '\0'; }

  [[nodiscard]] std::size_t skip_blanks(std::size_t p) const {
    while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\t' || t_[p] == '\n' || t_[p] == '\r'))
      ++p;
    return p;
  }

  /// Offset just past the string that opens at `p`, or npos when it never closes.
  [[nodiscard]] std::size_t skip_string(std::size_t p) const {
    for (++p; p < t_.size(); ++p) {
      if (t_[p] == '\\') {
        ++p;
      } else if (t_[p] == '"') {
        return p + 1;
      }
    }
    return npos;
  }

  /// Offset just past the value that starts at `p`. Nesting is counted, not recursed into, so
  /// deep documents cost no stack.
  [[nodiscard]] std::size_t skip_value(std::size_t p) const {
    if (p >= t_.size()) return npos;
    if (t_[p] == '"') return skip_string(p);
    if (t_[p] != '{' && t_[p] != '[') {
      while (p < t_.size() && std::string_view(",]} \t\n\r").find(t_[p]) == npos)
        ++p;
      return p;
    }
    std::size_t depth = 0;
    while (p < t_.size()) {
      const char c = t_[p];
      if (c == '"') {
        p = skip_string(p);
        if (p == npos) return npos;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if ((c == '}' || c == ']') && --depth == 0) return p + 1;
      ++p;
    }
    return npos;
  }

  /// Offset of the value after the element at `p` of an array, or npos after the last one.
  [[nodiscard]] std::size_t next_element(std::size_t p) const {
    p = skip_value(p);
    if (p == npos) return npos;
    p = skip_blanks(p);
    return at(p) == ',' ? skip_blanks(p + 1) : npos;
  }

  /// Offset of the first element of the array that opens at `p`, or npos when it is empty.
  [[nodiscard]] std::size_t first_element(std::size_t p) const {
    p = skip_blanks(p + 1);
    return at(p) == ']' || p >= t_.size() ? npos : p;
  }

  /// Offset of the value of member `key` of the object that opens at `p`, or npos.
  [[nodiscard]] std::size_t member(std::size_t p, std::string_view key) const {
    p = skip_blanks(p + 1);
    while (at(p) == '"') {
      const std::size_t end = skip_string(p);
      if (end == npos) return npos;
      const std::string_view raw = t_.substr(p + 1, end - p - 2);
      p = skip_blanks(end);
      if (at(p) != ':') return npos;
      p = skip_blanks(p + 1);
      if (same_key(raw, key)) return p;
      p = skip_value(p);
      if (p == npos) return npos;
      p = skip_blanks(p);
      if (at(p) != ',') return npos;
      p = skip_blanks(p + 1);
    }
    return npos;
  }

 private:
  std::string_view t_;

  static bool same_key(std::string_view raw, std::string_view key) {
    if (raw.find('\\') == npos) return raw == key;
    // A name with escapes (\", \u00e9): let nlohmann decode it as the parser did.
    const auto name = decode_name(raw);
    return name && *name == key;
  }
};

/// From the value at `p`, follows `step`; npos when the value has no such member or element.
std::size_t follow(const Scanner& scan, std::size_t p, const JsonPathStep& step) {
  if (const auto* key = std::get_if<std::string>(&step)) {
    return scan.at(p) == '{' ? scan.member(p, *key) : npos;
  }
  if (scan.at(p) != '[') return npos;
  p = scan.first_element(p);
  for (std::size_t i = 0; i < std::get<std::size_t>(step) && p != npos; ++i)
    p = scan.next_element(p);
  return p;
}

}  // namespace

std::string json_path_text(const JsonPath& path) {
  if (path.empty()) return "the document";
  std::string out;
  for (const JsonPathStep& step : path) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      out += (out.empty() ? "" : ".") + *key;
    } else {
      out += "[" + std::to_string(std::get<std::size_t>(step)) + "]";
    }
  }
  return out;
}

const char* json_type_name(const nlohmann::ordered_json& value) {
  if (value.is_string()) return "a string";
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "true/false";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return "null";
}

std::optional<std::size_t> json_value_offset(std::string_view text, const JsonPath& path) {
  return JsonLocator(text).offset(path);
}

std::optional<std::size_t> JsonLocator::offset(const JsonPath& path) {
  const Scanner scan(text_);
  std::size_t common = 0;
  while (common < path.size() && common < cached_path_.size() && path[common] == cached_path_[common])
    ++common;
  std::size_t p = common == 0 ? scan.skip_blanks(0) : cached_offsets_[common - 1];
  std::size_t k = common;
  // A later element of the array stepped into last time: go on from that element.
  std::optional<std::size_t> resume;
  if (k < path.size() && k < cached_path_.size()) {
    const auto* want = std::get_if<std::size_t>(&path[k]);
    const auto* had = std::get_if<std::size_t>(&cached_path_[k]);
    if (want != nullptr && had != nullptr && *had < *want) {
      std::size_t q = cached_offsets_[k];
      for (std::size_t i = *had; i < *want && q != npos; ++i)
        q = scan.next_element(q);
      resume = q;
    }
  }
  cached_path_.resize(common);
  cached_offsets_.resize(common);
  if (resume) {
    if (*resume == npos) return std::nullopt;
    p = *resume;
    cached_path_.push_back(path[k]);
    cached_offsets_.push_back(p);
    ++k;
  }
  for (; k < path.size(); ++k) {
    p = follow(scan, p, path[k]);
    if (p == npos) return std::nullopt;
    cached_path_.push_back(path[k]);
    cached_offsets_.push_back(p);
  }
  if (p >= text_.size()) return std::nullopt;
  return p;
}

void JsonLocator::move_cursor(std::size_t offset) {
  const auto starts_character = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  // LF, CR LF (counted at its LF) and a lone CR end a line, as location_of counts them.
  for (; cursor_offset_ < offset; ++cursor_offset_) {
    const char c = text_[cursor_offset_];
    if (ends_line(text_, cursor_offset_)) {
      ++cursor_line_;
      cursor_column_ = 1;
    } else if (starts_character(c)) {
      ++cursor_column_;
    }
  }
  bool crossed_line = false;
  for (; cursor_offset_ > offset; --cursor_offset_) {
    const char c = text_[cursor_offset_ - 1];
    if (ends_line(text_, cursor_offset_ - 1)) {
      --cursor_line_;
      crossed_line = true;
    } else if (starts_character(c)) {
      --cursor_column_;
    }
  }
  if (crossed_line) {
    // Back on an earlier line: count its column from the line's start.
    const std::size_t newline = offset == 0 ? npos : text_.find_last_of("\r\n", offset - 1);
    const std::size_t line_start = newline == npos ? 0 : newline + 1;
    cursor_column_ = 1 + static_cast<std::size_t>(std::count_if(
                             text_.begin() + static_cast<std::ptrdiff_t>(line_start),
                             text_.begin() + static_cast<std::ptrdiff_t>(offset), starts_character));
  }
}

Location JsonLocator::location(const SourceText& source, const JsonPath& path) {
  const auto found = offset(path);
  if (!found) return {source.name, 0, 0};
  move_cursor(*found);
  return {source.name, cursor_line_, cursor_column_};
}

namespace {

/// A SAX handler that only remembers where parsing failed: nlohmann reports the position of a
/// syntax error in parse_error, but not that of a number too large for a double.
struct ErrorPosition : nlohmann::ordered_json::json_sax_t {
  std::size_t position = 0;
  std::size_t token_size = 0;
  int id = 0;
  std::string message;

  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
  bool string(string_t& /*value*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool start_object(std::size_t /*size*/) override { return true; }
  bool key(string_t& /*value*/) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t /*size*/) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t at, const std::string& token,
                   const nlohmann::ordered_json::exception& ex) override {
    position = at;
    token_size = token.size();
    id = ex.id;
    message = ex.what();
    return false;
  }
};

/// nlohmann's message without its "[json.exception…] parse error at line 1, column 4: " prefix
/// (the diagnostic carries the position) and without a "last read: '…'" excerpt that stops
/// inside a UTF-8 character (it would make the diagnostic invalid UTF-8).
std::string plain_message(const std::string& what) {
  std::string_view m = what;
  if (const auto bracket = m.find("] "); bracket != npos) m.remove_prefix(bracket + 2);
  if (m.rfind("parse error", 0) == 0) {
    if (const auto colon = m.find(": "); colon != npos) m.remove_prefix(colon + 2);
  }
  std::string message(m);
  const auto excerpt = message.find("; last read: '");
  if (excerpt != npos && !is_valid_utf8(message)) {
    auto end = message.find("'; expected", excerpt + 14);
    if (end == npos) end = message.rfind('\'');
    message.erase(excerpt, end + 1 - excerpt);
  }
  return message;
}

}  // namespace

bool check_duplicate_keys(const SourceText& source, Diagnostics& diagnostics) {
  constexpr std::size_t kMaxReported = 50;
  const std::string_view text = source.bytes;
  const Scanner scan(text);
  struct Frame {
    bool object = false;
    bool expect_name = false;
    std::unordered_map<std::string, std::size_t> names;  ///< name → offset of its opening quote
  };
  std::vector<Frame> open;
  std::size_t found = 0;
  for (std::size_t p = 0; p < text.size();) {
    const char c = text[p];
    if (c == '"') {
      const std::size_t end = scan.skip_string(p);
      if (end == npos) break;
      if (!open.empty() && open.back().object && open.back().expect_name) {
        open.back().expect_name = false;
        if (const auto name = decode_name(text.substr(p + 1, end - p - 2))) {
          const auto [it, inserted] = open.back().names.try_emplace(*name, p);
          if (!inserted && found++ < kMaxReported) {
            const Location first = location_of(source, it->second);
            diagnostics.error(location_of(source, p), "duplicate key \"" + *name + "\" (first at line " +
                                                          std::to_string(first.line) + ", column " +
                                                          std::to_string(first.column) +
                                                          "); expected each key once in an object");
          }
        }
      }
      p = end;
      continue;
    }
    if (c == '{' || c == '[') {
      open.push_back({c == '{', c == '{', {}});
    } else if ((c == '}' || c == ']') && !open.empty()) {
      open.pop_back();
    } else if (c == ',' && !open.empty() && open.back().object) {
      open.back().expect_name = true;
    }
    ++p;
  }
  return found == 0;
}

std::optional<nlohmann::ordered_json> parse_json(const SourceText& source, Diagnostics& diagnostics) {
  try {
    return nlohmann::ordered_json::parse(source.bytes);
  } catch (const nlohmann::ordered_json::exception&) {
    // Parse again to learn where: the exceptions other than parse_error carry no position.
  }
  ErrorPosition error;
  nlohmann::ordered_json::sax_parse(source.bytes, &error);
  // The position is 1-based and counts the character that failed; a number that overflows is
  // reported after its last digit, so point at its first.
  constexpr int kNumberOverflow = 406;
  std::size_t offset = error.position > 0 ? error.position - 1 : 0;
  if (error.id == kNumberOverflow && error.position >= error.token_size) {
    offset = error.position - error.token_size;
  }
  std::string message = "invalid JSON: " + plain_message(error.message);
  if (message.find("expected") == npos) message += "; expected well-formed JSON";
  diagnostics.error(location_of(source, offset), message);
  return std::nullopt;
}

}  // namespace clusterscope::io
