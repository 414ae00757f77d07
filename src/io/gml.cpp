// GML, the Graph Modelling Language, as networkx and igraph read and write it:
// `graph [ directed 0|1 node [ id 1 label "x" … ] edge [ source 1 target 2 weight 0.5 … ] ]`.
//
// Stakeholder ids. GML node ids are integers in most tools, ours are text. The writer gives each
// node `id <index>` and `label "<stakeholder id>"` (networkx: read_gml(path, label='label')).
// The reader takes as the stakeholder id the node's `label` (what networkx's write_gml and
// clusterscope write), else its `name` (what igraph writes its vertex names as; the name is
// then the stakeholder's name too), else the integer id as text.
// Edges refer to the integer ids. Every other field is a key of its own: `name "…"`,
// `type "…"`, …; lat, lon, employees and weight are written as numbers, all other values as
// strings; tags, needs and offers are one string "a;b" each. A real attribute value (`score 2.0`) is kept as
// format_number writes it ("2"), as the typed GraphML and GEXF readers keep theirs.
//
// Keys. GML keys hold letters and digits (networkx and igraph also accept '_'). An attribute name
// with other characters, or one that is a key the format itself uses (label, source, key, …),
// is written reversibly: every byte outside [A-Za-z0-9] as '_' and two hex digits, with an "x__"
// prefix when the result would not start with a letter or is such a key ("note ąę" →
// note_20_c4_85_c4_99, "2nd" → x__2nd, "key" → x__key). The writer reports each such name. The
// reader decodes a key only when it is exactly such an encoding, so foreign keys like
// "tie_strength" stay as they are.
//
// Strings. GML has no escape for '"'. As networkx does, strings use HTML character references:
// &quot;, &amp; and &#NN; for control characters and for every non-ASCII character, because
// networkx reads only ASCII GML (igraph 0.10 decodes &quot; and &amp; but shows &#NN; as it is).
// The reader decodes &#NN;, &#xHH; and the five XML entities and leaves other '&' text alone.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>
#include <unordered_map>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

namespace {

// ---------------------------------------------------------------------------------------------
// Keys and strings

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_letter(c) || is_digit(c);
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // only the lower-case digits the encoder writes
}

const std::set<std::string, std::less<>>& reserved_node_keys() {
  static const std::set<std::string, std::less<>> keys = [] {
    std::set<std::string, std::less<>> k(stakeholder_fields().begin(), stakeholder_fields().end());
    k.insert("label");
    return k;
  }();
  return keys;
}

const std::set<std::string, std::less<>>& reserved_edge_keys() {
  // "key" is networkx's multigraph edge key: an attribute of that name would merge ties.
  static const std::set<std::string, std::less<>> keys = {"source", "target", "weight", "kind",
                                                          "date",   "start",  "end",    "key"};
  return keys;
}

constexpr std::string_view kEncodedPrefix = "x__";

/// The GML key of an attribute name (see the comment at the top of the file).
std::string encode_key(std::string_view name, const std::set<std::string, std::less<>>& reserved) {
  std::string key;
  for (const char c : name) {
    if (is_alnum(c)) {
      key.push_back(c);
    } else {
      static constexpr char digits[] = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(c);
      key += {'_', digits[byte >> 4], digits[byte & 0xF]};
    }
  }
  if (key.empty() || !is_letter(key.front()) || reserved.count(key) > 0) key.insert(0, kEncodedPrefix);
  return key;
}

/// The attribute name of a GML key: the inverse of encode_key for keys it could have written,
/// the key itself for every other key.
std::string decode_key(std::string_view key, const std::set<std::string, std::less<>>& reserved) {
  if (key.find('_') == std::string_view::npos) return std::string(key);
  std::string_view body = key;
  if (body.substr(0, kEncodedPrefix.size()) == kEncodedPrefix) body.remove_prefix(kEncodedPrefix.size());
  std::string name;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '_') {
      name.push_back(body[i]);
      continue;
    }
    if (i + 2 >= body.size() || hex_value(body[i + 1]) < 0 || hex_value(body[i + 2]) < 0)
      return std::string(key);
    name.push_back(static_cast<char>(hex_value(body[i + 1]) * 16 + hex_value(body[i + 2])));
    i += 2;
  }
  if (!is_valid_utf8(name) || encode_key(name, reserved) != key) return std::string(key);
  return name;
}

void append_utf8(std::string& out, std::uint32_t code) {
  const auto byte = [&](std::uint32_t b) { out.push_back(static_cast<char>(b)); };
  if (code < 0x80) {
    byte(code);
  } else if (code < 0x800) {
    byte(0xC0 | (code >> 6));
    byte(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    byte(0xE0 | (code >> 12));
    byte(0x80 | ((code >> 6) & 0x3F));
    byte(0x80 | (code & 0x3F));
  } else {
    byte(0xF0 | (code >> 18));
    byte(0x80 | ((code >> 12) & 0x3F));
    byte(0x80 | ((code >> 6) & 0x3F));
    byte(0x80 | (code & 0x3F));
  }
}

/// The character an entity `&…;` (without '&' and ';') stands for, or nullopt.
std::optional<std::uint32_t> entity_code(std::string_view name) {
  static const std::pair<std::string_view, std::uint32_t> named[] = {
      {"quot", '"'}, {"amp", '&'}, {"apos", '\''}, {"lt", '<'}, {"gt", '>'}};
  for (const auto& [entity, code] : named) {
    if (name == entity) return code;
  }
  if (name.size() < 2 || name.front() != '#') return std::nullopt;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  const std::string_view digits = name.substr(hex ? 2 : 1);
  std::uint32_t code = 0;
  const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
  if (digits.empty() || result.ec != std::errc{} || result.ptr != digits.data() + digits.size())
    return std::nullopt;
  // &#0; too: the writer writes a NUL that way (every other format holds one as it is).
  if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
  return code;
}

/// A GML string's text with its character references decoded; other '&' text is kept.
std::string decode_entities(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::size_t semicolon = raw[i] == '&' ? raw.find(';', i + 1) : std::string_view::npos;
    const auto code = semicolon != std::string_view::npos && semicolon - i <= 10
                          ? entity_code(raw.substr(i + 1, semicolon - i - 1))
                          : std::nullopt;
    if (!code) {
      out.push_back(raw[i]);
      continue;
    }
    append_utf8(out, *code);
    i = semicolon;
  }
  return out;
}

/// Decodes the UTF-8 sequence at `text[i]`, advancing `i`; an invalid byte becomes U+FFFD.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  const std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  if (length == 1 || i + length > text.size() || !is_valid_utf8(text.substr(i, length))) {
    ++i;
    return c < 0x80 ? c : 0xFFFD;
  }
  std::uint32_t code = c & (0x7Fu >> length);
  for (std::size_t k = 1; k < length; ++k)
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  i += length;
  return code;
}

/// `"text"` as GML: printable ASCII as it is, everything else as a character reference.
/// Sets `escaped` when a reference was needed.
std::string quote(std::string_view text, bool& escaped) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const std::uint32_t code = next_code_point(text, i);
    if (code == '"') {
      out += "&quot;";
    } else if (code == '&') {
      out += "&amp;";
    } else if (code >= 0x20 && code < 0x7F) {
      out.push_back(static_cast<char>(code));
      continue;
    } else {
      out += "&#" + std::to_string(code) + ";";
    }
    escaped = true;
  }
  return out + "\"";
}

/// A number as GML: an integer when it is one and fits GML's 32 bits, else a real with a '.'
/// (networkx reads "1e-09" as the integer 1 followed by garbage).
std::string gml_number(double value) {
  std::string text = format_number(value);
  const bool integral = text.find_first_of(".e") == std::string::npos;
  if (integral && std::fabs(value) < 2147483648.0) return text;
  if (integral) return text + ".0";
  if (text.find('.') == std::string::npos) text.insert(text.find('e'), ".0");
  return text;
}

// ---------------------------------------------------------------------------------------------
// Reading: text → a tree of lists

enum class ValueType : std::uint8_t { integer, real, string, list };

/// One `key value` pair, kept small: a large file holds millions of them.
struct GmlEntry {
  std::string_view key;  ///< into the source text, which outlives the document
  std::string text;      ///< number as written, or decoded string
  std::size_t list = 0;  ///< for lists: index into GmlDocument::lists
  std::uint32_t key_line = 0, key_column = 0;
  std::uint32_t value_line = 0, value_column = 0;
  ValueType type = ValueType::integer;
};

/// The text an attribute value is kept as: a real as format_number writes it ("2.0" → "2", as
/// the typed readers keep reals), anything else as written or decoded.
std::string value_text(const GmlEntry& entry) {
  if (entry.type == ValueType::real) {
    if (const auto value = parse_double(entry.text)) return format_number(*value);
  }
  return entry.text;
}

std::uint32_t narrow(std::size_t position) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(position, UINT32_MAX));
}

/// The parsed file: lists[0] is the top level; list values refer to other lists by index, so
/// nesting depth costs no stack.
struct GmlDocument {
  std::vector<std::vector<GmlEntry>> lists{1};
};

class GmlParser {
 public:
  GmlParser(const SourceText& source, Diagnostics& diagnostics)
      : text_(source.bytes), file_(source.name), diagnostics_(diagnostics) {}

  /// Parses the whole text; false after a syntax error (all of them reported, up to a limit).
  bool parse(GmlDocument& document);

 private:
  std::string_view text_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::size_t pos_ = 0, line_ = 1, column_ = 1;
  std::size_t errors_ = 0;
  bool fatal_ = false;  ///< a string never closed: the rest cannot be read
  static constexpr std::size_t kMaxSyntaxErrors = 20;
  GmlDocument* document_ = nullptr;
  std::vector<std::size_t> open_;    ///< lists being filled, innermost last
  std::optional<GmlEntry> pending_;  ///< a key waiting for its value

  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void advance() {
    const char c = text_[pos_++];
    if (ends_line(text_, pos_ - 1)) {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
  }
  [[nodiscard]] static bool is_delimiter(char c) {
    return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '[' || c == ']' || c == '"' ||
           c == '#';
  }
  void error(std::size_t line, std::size_t column, const std::string& message) {
    ++errors_;
    diagnostics_.error({file_, line, column}, message);
  }
  void skip_blanks_and_comments();
  std::string_view read_word();
  bool read_string(GmlEntry& entry);
  bool read_number(GmlEntry& entry);
  void read_key();
  void read_value(GmlEntry entry);
  void open_list(GmlEntry entry);
};

void GmlParser::skip_blanks_and_comments() {
  while (!at_end()) {
    const char c = peek();
    if (c == '#') {
      while (!at_end() && peek() != '\n' && peek() != '\r')
        advance();
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      advance();
    } else {
      return;
    }
  }
}

std::string_view GmlParser::read_word() {
  const std::size_t start = pos_;
  do {
    advance();  // at least one character, so that a stray byte cannot stall the parser
  } while (!at_end() && !is_delimiter(peek()));
  return text_.substr(start, pos_ - start);
}

bool GmlParser::read_string(GmlEntry& entry) {
  const std::size_t line = line_;
  const std::size_t column = column_;
  advance();
  const std::size_t start = pos_;
  while (!at_end() && peek() != '"')
    advance();
  if (at_end()) {
    error(line, column, "string never closed; expected a '\"' before the end of the file");
    return false;
  }
  entry.type = ValueType::string;
  entry.text = decode_entities(text_.substr(start, pos_ - start));
  advance();
  return true;
}

bool GmlParser::read_number(GmlEntry& entry) {
  entry.text = std::string(read_word());
  std::string_view digits = entry.text;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
  if (digits == "INF" || digits == "NAN") {
    entry.type = ValueType::real;
    return true;
  }
  // [digits][.digits][e[+-]digits] with at least one digit before the exponent.
  std::size_t i = 0;
  std::size_t mantissa = 0;
  while (i < digits.size() && is_digit(digits[i]))
    ++i, ++mantissa;
  const bool fraction = i < digits.size() && digits[i] == '.';
  if (fraction) ++i;
  while (i < digits.size() && is_digit(digits[i]))
    ++i, ++mantissa;
  const bool exponent = mantissa > 0 && i < digits.size() && (digits[i] == 'e' || digits[i] == 'E');
  if (exponent) {
    ++i;
    if (i < digits.size() && (digits[i] == '+' || digits[i] == '-')) ++i;
    const std::size_t before = i;
    while (i < digits.size() && is_digit(digits[i]))
      ++i;
    if (i == before) mantissa = 0;
  }
  if (mantissa == 0 || i != digits.size()) return false;
  entry.type = fraction || exponent ? ValueType::real : ValueType::integer;
  return true;
}

bool GmlParser::parse(GmlDocument& document) {
  document_ = &document;
  open_ = {0};
  while (!fatal_ && errors_ < kMaxSyntaxErrors) {
    skip_blanks_and_comments();
    if (at_end()) break;
    if (pending_) {
      GmlEntry entry = std::move(*pending_);
      pending_.reset();
      read_value(std::move(entry));
    } else {
      read_key();
    }
  }
  if (fatal_) return false;
  if (pending_) {
    error(pending_->key_line, pending_->key_column,
          "key '" + std::string(pending_->key) +
              "' has no value; expected a number, a \"string\" or a [ list ]");
  }
  if (open_.size() > 1) {
    // Point at the '[' of the innermost list left open.
    const GmlEntry& list = document.lists[open_[open_.size() - 2]].back();
    error(list.value_line, list.value_column,
          "list '" + std::string(list.key) + " [' is never closed; expected ']' before the end of the file");
  }
  return errors_ == 0;
}

void GmlParser::open_list(GmlEntry entry) {
  entry.type = ValueType::list;
  entry.list = document_->lists.size();
  document_->lists.emplace_back();
  document_->lists[open_.back()].push_back(std::move(entry));
  open_.push_back(document_->lists.size() - 1);
}

/// Where a key belongs: a key, or the ']' that closes the current list.
void GmlParser::read_key() {
  const char c = peek();
  const std::size_t line = line_;
  const std::size_t column = column_;
  if (c == ']') {
    if (open_.size() == 1) error(line, column, "']' closes no list; expected a key or the end of the file");
    if (open_.size() > 1) open_.pop_back();
    advance();
  } else if (is_letter(c) || c == '_') {
    GmlEntry entry;
    entry.key_line = narrow(line);
    entry.key_column = narrow(column);
    entry.key = read_word();
    if (std::all_of(entry.key.begin(), entry.key.end(), [](char k) { return is_alnum(k) || k == '_'; })) {
      pending_ = std::move(entry);
    } else {
      error(line, column, "'" + std::string(entry.key) + "' is not a key; expected letters and digits");
    }
  } else if (c == '[') {
    // A list without a key: kept (unnamed) so that its ']' still balances.
    error(line, column, "'[' without a key; expected a key before the list, as in node [ … ]");
    advance();
    open_list(GmlEntry{"", "", 0, narrow(line), narrow(column), narrow(line), narrow(column)});
  } else {
    GmlEntry skipped;
    if (c == '"') {
      fatal_ = !read_string(skipped);
    } else {
      skipped.text = std::string(read_word());
    }
    if (!fatal_) {
      error(line, column,
            "'" + skipped.text + "' where a key belongs; expected a key (letters and digits) or ']'");
    }
  }
}

/// The value of `entry`'s key: a string, a number or the start of a list.
void GmlParser::read_value(GmlEntry entry) {
  const char c = peek();
  const std::size_t line = line_;
  const std::size_t column = column_;
  entry.value_line = narrow(line);
  entry.value_column = narrow(column);
  if (c == '"') {
    fatal_ = !read_string(entry);
    if (fatal_) return;
  } else if (c == '[') {
    advance();
    open_list(std::move(entry));
    return;
  } else if (c == ']' || !read_number(entry)) {
    error(line, column,
          "key '" + std::string(entry.key) + "' has no value (found '" + (c == ']' ? "]" : entry.text) +
              "'); expected a number, a \"string\" or a [ list ]");
    return;
  }
  document_->lists[open_.back()].push_back(std::move(entry));
}

// ---------------------------------------------------------------------------------------------
// Reading: tree → network

class GmlReader {
 public:
  GmlReader(const SourceText& source, NetworkBuilder& builder, const GmlDocument& document)
      : source_(source), builder_(builder), document_(document) {}
  void read();

 private:
  struct NodeRef {
    std::string stakeholder;
    std::size_t line = 0;
  };
  const SourceText& source_;
  NetworkBuilder& builder_;
  const GmlDocument& document_;
  std::unordered_map<long long, NodeRef> nodes_;
  std::set<std::string> ignored_lists_;

  [[nodiscard]] Location key_at(const GmlEntry& e) const { return {source_.name, e.key_line, e.key_column}; }
  [[nodiscard]] Location value_at(const GmlEntry& e) const {
    return {source_.name, e.value_line, e.value_column};
  }
  void error(const Location& at, const std::string& message) { builder_.diagnostics().error(at, message); }
  const std::vector<GmlEntry>* find_graph();
  bool unique_keys(const std::vector<GmlEntry>& list, const char* what);
  void ignore_list(const GmlEntry& entry, const char* what);
  std::optional<long long> integer_id(const GmlEntry& entry, const char* what);
  void read_node(const GmlEntry& node);
  void read_edge(const GmlEntry& edge);
  std::optional<VertexId> endpoint(const GmlEntry& edge, const GmlEntry* value, const char* what);
};

const std::vector<GmlEntry>* GmlReader::find_graph() {
  const GmlEntry* graph = nullptr;
  for (const GmlEntry& entry : document_.lists[0]) {
    if (entry.key != "graph") continue;
    if (entry.type != ValueType::list) {
      error(value_at(entry), "'graph' is not a list; expected graph [ node [ … ] edge [ … ] ]");
    } else if (graph != nullptr) {
      error(key_at(entry), "second graph in the file (the first is at line " +
                               std::to_string(graph->key_line) + "); expected one graph per file");
    } else {
      graph = &entry;
    }
  }
  if (graph == nullptr) {
    error({source_.name, 1, 1},
          "no 'graph [ … ]' in the file; expected a GML graph such as "
          "graph [ node [ id 1 ] edge [ source 1 target 1 ] ]");
    return nullptr;
  }
  return &document_.lists[graph->list];
}

bool GmlReader::unique_keys(const std::vector<GmlEntry>& list, const char* what) {
  bool unique = true;
  std::unordered_map<std::string_view, const GmlEntry*> seen;
  for (const GmlEntry& entry : list) {
    const auto [it, inserted] = seen.emplace(entry.key, &entry);
    if (inserted) continue;
    error(key_at(entry), "key '" + std::string(entry.key) + "' repeated in this " + what +
                             " (first at line " + std::to_string(it->second->key_line) +
                             "); expected each key once");
    unique = false;
  }
  return unique;
}

void GmlReader::ignore_list(const GmlEntry& entry, const char* what) {
  // Drawing data (graphics [ x … y … ]) has no place in the data model: said once per key.
  const std::string key(entry.key);
  if (!ignored_lists_.insert(std::string(what) + " " + key).second) return;
  builder_.diagnostics().warning(key_at(entry), std::string(what) + " list '" + key +
                                                    " [ … ]' ignored (stakeholder and tie values are "
                                                    "numbers or strings)");
}

std::optional<long long> GmlReader::integer_id(const GmlEntry& entry, const char* what) {
  long long value = 0;
  std::string_view text = entry.text;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (entry.type == ValueType::integer && result.ec == std::errc{} && result.ptr == text.data() + text.size())
    return value;
  const std::string shown = entry.type == ValueType::string ? "\"" + entry.text + "\""
                            : entry.type == ValueType::list ? std::string("a list")
                                                            : entry.text;
  error(value_at(entry), std::string(what) + " is " + shown + "; expected an integer node id" +
                             (entry.type == ValueType::integer ? " that fits 64 bits" : ""));
  return std::nullopt;
}

void GmlReader::read_node(const GmlEntry& node) {
  const std::vector<GmlEntry>& list = document_.lists[node.list];
  if (!unique_keys(list, "node")) return;
  const GmlEntry* id = nullptr;
  const GmlEntry* label = nullptr;
  const GmlEntry* vertex_name = nullptr;
  for (const GmlEntry& entry : list) {
    if (entry.key == "id") id = &entry;
    if (entry.key == "label") label = &entry;
    if (entry.key == "name" && entry.type != ValueType::list) vertex_name = &entry;
  }
  if (id == nullptr) {
    error(key_at(node), "node has no id; expected 'id <integer>' in every node");
    return;
  }
  const auto number = integer_id(*id, "node id");
  if (!number) return;
  if (label != nullptr && label->type == ValueType::list) {
    error(value_at(*label), "node label is a list; expected the stakeholder id as a \"string\"");
    return;
  }
  Stakeholder s;
  // networkx and clusterscope write the id as the label; igraph writes its vertex names, the ids
  // its users work with, as `name` (and a label only when the graph has one).
  const GmlEntry& named_by = label != nullptr ? *label : vertex_name != nullptr ? *vertex_name : *id;
  builder_.set_field(s, "id", named_by.text, value_at(named_by));
  for (const GmlEntry& entry : list) {
    if (&entry == id || &entry == label) continue;
    if (entry.type == ValueType::list) {
      ignore_list(entry, "node");
      continue;
    }
    std::string name = decode_key(entry.key, reserved_node_keys());
    if (name == "id") name = std::string(entry.key);  // the id comes from label, name or id only
    const auto& fields = stakeholder_fields();
    const bool extra = std::find(fields.begin(), fields.end(), name) == fields.end();
    builder_.set_field(s, name, extra ? value_text(entry) : entry.text, value_at(entry));
  }
  const auto [it, inserted] = nodes_.try_emplace(*number, NodeRef{s.id, id->value_line});
  if (!inserted) {
    error(value_at(*id), "duplicate node id " + id->text + " (first at line " +
                             std::to_string(it->second.line) + "); expected every node id once");
    return;
  }
  builder_.add_stakeholder(std::move(s), value_at(named_by));
}

std::optional<VertexId> GmlReader::endpoint(const GmlEntry& edge, const GmlEntry* value, const char* what) {
  if (value == nullptr) {
    error(key_at(edge),
          std::string("edge has no ") + what + "; expected '" + what + " <node id>' in every edge");
    return std::nullopt;
  }
  const auto number = integer_id(*value, (std::string("edge ") + what).c_str());
  if (!number) return std::nullopt;
  const auto found = nodes_.find(*number);
  if (found == nodes_.end()) {
    error(value_at(*value), std::string("edge ") + what + " " + value->text +
                                " is not the id of a node; expected the id of a node in this graph");
    return std::nullopt;
  }
  return builder_.resolve(found->second.stakeholder, value_at(*value));
}

void GmlReader::read_edge(const GmlEntry& edge) {
  const std::vector<GmlEntry>& list = document_.lists[edge.list];
  if (!unique_keys(list, "edge")) return;
  const auto find = [&](std::string_view key) -> const GmlEntry* {
    const auto it = std::find_if(list.begin(), list.end(), [&](const GmlEntry& e) { return e.key == key; });
    return it == list.end() ? nullptr : &*it;
  };
  const auto source = endpoint(edge, find("source"), "source");
  const auto target = endpoint(edge, find("target"), "target");
  bool ok = source && target;
  double weight = 1.0;
  Date start;
  Date end;
  std::string kind;
  std::map<std::string, std::string> attributes;
  for (const GmlEntry& entry : list) {
    const std::string key(entry.key);
    if (key == "source" || key == "target" || key == "key") continue;  // key: networkx's edge key
    const bool tie_field =
        key == "weight" || key == "kind" || key == "date" || key == "start" || key == "end";
    if (tie_field && entry.type != ValueType::list && trim(entry.text).empty()) continue;  // "" is missing
    if (entry.type == ValueType::list) {
      if (tie_field) {
        error(value_at(entry),
              "edge " + key + " is a list; expected a " + (key == "weight" ? "number" : "\"string\""));
        ok = false;
      } else {
        ignore_list(entry, "edge");
      }
    } else if (key == "weight") {
      const auto parsed = builder_.parse_weight(entry.text, value_at(entry));
      ok = ok && parsed.has_value();
      weight = parsed.value_or(weight);
    } else if (key == "date" || key == "start" || key == "end") {
      const auto parsed = builder_.parse_date(entry.text, value_at(entry));
      ok = ok && parsed.has_value();
      if (parsed) (key == "end" ? end : start) = *parsed;
    } else if (key == "kind") {
      kind = trim(entry.text);
    } else if (!entry.text.empty()) {
      attributes[decode_key(key, reserved_edge_keys())] = value_text(entry);
    }
  }
  if (!ok) return;
  builder_.add_tie(*source, *target, kind, weight, start, end, key_at(edge), std::move(attributes));
}

void GmlReader::read() {
  const std::vector<GmlEntry>* graph = find_graph();
  if (graph == nullptr) return;
  for (const GmlEntry& entry : *graph) {
    if (entry.key != "directed") continue;
    if (entry.type != ValueType::integer || (entry.text != "0" && entry.text != "1")) {
      error(value_at(entry), "directed is '" + entry.text + "'; expected 0 or 1");
    } else {
      builder_.network().directed = entry.text == "1";
    }
  }
  // Edges may come before the nodes they join: all nodes first.
  for (const char* element : {"node", "edge"}) {
    for (const GmlEntry& entry : *graph) {
      if (entry.key != element) continue;
      if (entry.type != ValueType::list) {
        error(value_at(entry), std::string(element) + " is not a list; expected " + element + " [ … ]");
      } else if (entry.key == "node") {
        read_node(entry);
      } else {
        read_edge(entry);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

class GmlWriter {
 public:
  GmlWriter(const Network& network, const std::string& file, Diagnostics& warnings)
      : network_(network), file_(file), warnings_(warnings) {}
  std::string write();

 private:
  const Network& network_;
  const std::string& file_;
  Diagnostics& warnings_;
  std::string out_;
  std::size_t escaped_values_ = 0;

  void string_line(const char* indent, std::string_view key, std::string_view value) {
    bool escaped = false;
    out_ += indent + std::string(key) + " " + quote(value, escaped) + "\n";
    if (escaped) ++escaped_values_;
  }
  void number_line(const char* indent, std::string_view key, double value) {
    out_ += indent + std::string(key) + " " + gml_number(value) + "\n";
  }
  std::map<std::string, std::string> keys_of(const std::vector<std::string>& names,
                                             const std::set<std::string, std::less<>>& reserved,
                                             const char* what);
  void write_node(std::size_t index, const std::vector<std::string>& fields,
                  const std::map<std::string, std::string>& keys);
  void write_edge(const Tie& tie, const std::map<std::string, std::string>& keys);
};

std::map<std::string, std::string> GmlWriter::keys_of(const std::vector<std::string>& names,
                                                      const std::set<std::string, std::less<>>& reserved,
                                                      const char* what) {
  std::map<std::string, std::string> keys;
  for (const std::string& name : names) {
    const std::string key = encode_key(name, reserved);
    keys[name] = key;
    if (key != name) {
      warnings_.warning({file_, 0, 0}, std::string(what) + " attribute '" + name + "' written as GML key '" +
                                           key + "' (GML keys hold only letters and digits, and '" + key +
                                           "' reads back as '" + name + "' in clusterscope)");
    }
  }
  return keys;
}

void GmlWriter::write_node(std::size_t index, const std::vector<std::string>& fields,
                           const std::map<std::string, std::string>& keys) {
  const Stakeholder& s = network_.stakeholders[index];
  out_ += "  node [\n    id " + std::to_string(index) + "\n";
  string_line("    ", "label", s.id);
  const std::vector<std::string> values = stakeholder_values(s, fields);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string& field = fields[i];
    if (field == "id" || values[i].empty()) continue;
    if (field == "lat" || field == "lon" || field == "employees") {
      number_line("    ", field, *(field == "lat" ? s.lat : field == "lon" ? s.lon : s.employees));
    } else {
      const auto key = keys.find(field);
      string_line("    ", key == keys.end() ? field : key->second, values[i]);
    }
  }
  out_ += "  ]\n";
}

void GmlWriter::write_edge(const Tie& tie, const std::map<std::string, std::string>& keys) {
  out_ += "  edge [\n    source " + std::to_string(tie.source) + "\n    target " +
          std::to_string(tie.target) + "\n";
  string_line("    ", "kind", network_.kind_name(tie.kind));
  number_line("    ", "weight", tie.weight);
  if (tie.start == tie.end) {
    if (!tie.start.empty()) string_line("    ", "date", tie.start.to_string());
  } else {
    if (!tie.start.empty()) string_line("    ", "start", tie.start.to_string());
    if (!tie.end.empty()) string_line("    ", "end", tie.end.to_string());
  }
  for (const auto& [name, value] : tie.attributes) {
    if (value.empty()) continue;
    const auto key = keys.find(name);
    string_line("    ", key == keys.end() ? encode_key(name, reserved_edge_keys()) : key->second, value);
  }
  out_ += "  ]\n";
}

std::string GmlWriter::write() {
  const std::vector<std::string> fields = used_stakeholder_fields(network_);
  const auto node_keys = keys_of(network_.attribute_names, reserved_node_keys(), "stakeholder");
  const auto edge_keys = keys_of(network_.tie_attribute_names, reserved_edge_keys(), "tie");
  out_ = "Creator \"clusterscope " CLUSTERSCOPE_VERSION "\"\ngraph [\n";
  out_ += std::string("  directed ") + (network_.directed ? "1" : "0") + "\n";
  out_ += "  multigraph 1\n";  // ties are multiplex: several may join one pair
  if (!network_.name.empty()) string_line("  ", "name", network_.name);
  for (std::size_t i = 0; i < network_.stakeholders.size(); ++i)
    write_node(i, fields, node_keys);
  for (const Tie& tie : network_.ties)
    write_edge(tie, edge_keys);
  out_ += "]\n";
  if (escaped_values_ > 0) {
    warnings_.warning({file_, 0, 0}, std::to_string(escaped_values_) +
                                         " values hold quotes, ampersands, control or non-ASCII characters, "
                                         "written as character references (&quot; &amp; &#NN;); networkx "
                                         "decodes all of them, igraph 0.10 only &quot; and &amp;");
  }
  return std::move(out_);
}

}  // namespace

void read_gml(const SourceText& source, NetworkBuilder& builder) {
  builder.set_implicit_stakeholders(false);
  GmlDocument document;
  if (!GmlParser(source, builder.diagnostics()).parse(document)) return;
  GmlReader(source, builder, document).read();
}

std::string write_gml(const Network& network, const std::string& file, Diagnostics& warnings) {
  return GmlWriter(network, file, warnings).write();
}

}  // namespace clusterscope::io
