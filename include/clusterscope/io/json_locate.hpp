#pragma once
// Positions in JSON text. nlohmann::json keeps no source positions, so a reader that finds a
// problem in a parsed document (a link to an unknown id, a number where a string belongs) asks
// where the value was written by its path, e.g. {"links", 12, "weight"}, and reports that
// line:column. parse_json reports syntax errors the same way.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

/// One step into a JSON document: an object member name or a 0-based array index.
using JsonPathStep = std::variant<std::string, std::size_t>;
using JsonPath = std::vector<JsonPathStep>;

/// "links[12].weight" — a path as users read it (the root is "the document").
std::string json_path_text(const JsonPath& path);

/// Byte offset in `text` of the first character of the value at `path` (the empty path is the
/// root value), or nullopt when the text holds no such value. Of repeated member names the
/// first is found. `text` should be JSON that parsed; on malformed text the answer is nullopt
/// or some offset inside the text, never a crash.
std::optional<std::size_t> json_value_offset(std::string_view text, const JsonPath& path);

/// json_value_offset for many look-ups in one text. It remembers the last path it found, so
/// look-ups that move forward through an array (every bad element of a large "links" array,
/// in order) cost one pass over the text in all instead of one pass each.
class JsonLocator {
 public:
  /// `text` must outlive the locator.
  explicit JsonLocator(std::string_view text) : text_(text) {}
  std::optional<std::size_t> offset(const JsonPath& path);
  /// Where `path` is in `source` (which holds the same text) as file:line:column; the whole
  /// file (line 0) when the value is not found. Lines and columns are counted on from the
  /// previous answer, so this too costs one pass for look-ups in document order.
  Location location(const SourceText& source, const JsonPath& path);

 private:
  std::string_view text_;
  JsonPath cached_path_;
  std::vector<std::size_t> cached_offsets_;  ///< value offset after each step of cached_path_
  std::size_t cursor_offset_ = 0;            ///< the last offset turned into line:column
  std::size_t cursor_line_ = 1;
  std::size_t cursor_column_ = 1;
  void move_cursor(std::size_t offset);
};

/// "a string", "a number", "true/false", "an array", "an object" or "null", for messages
/// such as "weight is a string; expected a number".
const char* json_type_name(const nlohmann::ordered_json& value);

/// Reports every object member whose name repeats an earlier member of the same object, at the
/// repeated name, naming where the first one is (nlohmann keeps only the last, silently).
/// `source` must be JSON that parsed. Returns true when no name repeats.
bool check_duplicate_keys(const SourceText& source, Diagnostics& diagnostics);

/// Parses `source` as JSON. A syntax error (or a number too large for a double) is reported
/// at its line:column and nullopt returned.
std::optional<nlohmann::ordered_json> parse_json(const SourceText& source, Diagnostics& diagnostics);

}  // namespace clusterscope::io
