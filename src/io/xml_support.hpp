#pragma once
// Pieces the GraphML and GEXF readers and writers share (private to src/io): parsing with
// pugixml and reporting malformed XML, placing elements and attribute values at line:column,
// and making text safe for XML 1.0 on output.

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/builder.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::io::xml {

/// Byte offset → line:column for one source. location_of() scans from the start of the text,
/// which is quadratic when every element needs a Location; this table of line starts is built
/// once, and the column count resumes from the previous lookup when the reader moves forward
/// on the same line (a whole file on one line stays linear).
class LineTable {
 public:
  explicit LineTable(const SourceText& source) : source_(source) {
    starts_.push_back(0);
    const std::string_view text = source.bytes;
    // LF, CR LF and a lone CR each end a line (XML reads all three as one line break).
    for (std::size_t i = text.find_first_of("\r\n"); i != std::string_view::npos;
         i = text.find_first_of("\r\n", i + 1)) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // counted at the LF
      starts_.push_back(i + 1);
    }
  }

  [[nodiscard]] Location at(std::size_t offset) const {
    const std::string_view text = source_.bytes;
    offset = std::min(offset, text.size());
    const auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const auto line = static_cast<std::size_t>(next - starts_.begin());
    std::size_t from = starts_[line - 1];
    std::size_t column = 1;
    if (line == cached_line_ && offset >= cached_offset_) {
      from = cached_offset_;
      column = cached_column_;
    }
    for (std::size_t i = from; i < offset; ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    cached_line_ = line;
    cached_offset_ = offset;
    cached_column_ = column;
    return {source_.name, line, column};
  }

 private:
  const SourceText& source_;
  std::vector<std::size_t> starts_;
  mutable std::size_t cached_line_ = 0;
  mutable std::size_t cached_offset_ = 0;
  mutable std::size_t cached_column_ = 1;
};

/// A parsed XML file. It is parsed in place in its own copy of the bytes, so every name and
/// attribute value points into that copy and its offset is its place in the source (pugixml
/// only compacts inside a value, never moves its start).
class Document {
 public:
  /// Parses `source`; malformed XML is reported as "malformed <format>: …" where pugixml
  /// stopped, and ok() is then false.
  Document(const SourceText& source, std::string_view format, Diagnostics& diagnostics)
      : source_(source), buffer_(source.bytes), lines_(source) {
    // parse_ws_pcdata_single keeps a value made only of blanks (<data>  </data>).
    const pugi::xml_parse_result result = document_.load_buffer_inplace(
        buffer_.data(), buffer_.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
        pugi::encoding_utf8);
    if (!result) {
      diagnostics.error(
          location_of(source, static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0))),
          "malformed " + std::string(format) + ": " + result.description() + "; expected well-formed XML");
      return;
    }
    // pugixml accepts several top-level elements; XML does not.
    std::size_t roots = 0;
    for (const pugi::xml_node& node : document_.children()) {
      if (node.type() == pugi::node_element && ++roots == 2) {
        diagnostics.error(at(node), "malformed " + std::string(format) +
                                        ": a second root element; expected one root element");
        return;
      }
    }
    ok_ = true;
  }
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  [[nodiscard]] bool ok() const noexcept { return ok_; }
  [[nodiscard]] pugi::xml_node root() const { return document_.document_element(); }

  /// Where an element starts (its '<'), or where a text node starts.
  [[nodiscard]] Location at(const pugi::xml_node& node) const {
    const std::ptrdiff_t offset = node.offset_debug();
    if (offset < 0) return {source_.name, 0, 0};
    // offset_debug() of an element is the offset of its name, one past the '<'.
    const bool element = node.type() == pugi::node_element && offset > 0;
    return lines_.at(static_cast<std::size_t>(offset) - (element ? 1U : 0U));
  }

  /// Where the value of `attribute` (of element `owner`) starts, just after its quote.
  [[nodiscard]] Location at(const pugi::xml_attribute& attribute, const pugi::xml_node& owner) const {
    const char* value = attribute.value();
    const std::less_equal<const char*> not_after;
    if (!attribute || !not_after(buffer_.data(), value) || !not_after(value, buffer_.data() + buffer_.size()))
      return at(owner);
    return lines_.at(static_cast<std::size_t>(value - buffer_.data()));
  }

  /// Where the text of element `node` starts (the element itself when it has no text).
  [[nodiscard]] Location text_at(const pugi::xml_node& node) const {
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) return at(child);
    }
    return at(node);
  }

 private:
  const SourceText& source_;
  std::string buffer_;
  LineTable lines_;
  pugi::xml_document document_;
  bool ok_ = false;
};

/// The text of an element: its text and CDATA children joined (comments may split it).
inline std::string text_of(const pugi::xml_node& node) {
  std::string text;
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  }
  return text;
}

inline std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// The canonical stakeholder field `name` stands for (matched case-insensitively, as CSV
/// headers are), or `name` itself when it is an extra attribute.
inline std::string stakeholder_column(std::string_view name, const std::vector<std::string>& canonical) {
  std::string folded = lower(name);
  if (std::find(canonical.begin(), canonical.end(), folded) != canonical.end()) return folded;
  return std::string(name);
}

/// Sets the stakeholder values read from node data. Values that set_field trims (ids, codes,
/// numbers) lose surrounding line breaks as well. A value named "id" is not the id — the
/// element's id attribute is, and the edges refer to that (igraph writes the old ids as such
/// data) — so it is ignored, with one warning per file when it differs.
class StakeholderValues {
 public:
  explicit StakeholderValues(NetworkBuilder& builder) : builder_(builder) {}

  void set(Stakeholder& s, const std::string& column, std::string_view value, const Location& at) {
    static const std::vector<std::string> trimmed = {"type", "region",    "country", "lat",
                                                     "lon",  "employees", "parent"};
    if (column == "id") {
      if (strip(value) != s.id && !id_reported_) {
        builder_.diagnostics().warning(at, "node value 'id' ('" + std::string(strip(value)) +
                                               "') differs from the node's id '" + s.id +
                                               "'; ignored, the node's id attribute is the stakeholder id "
                                               "(reported once per file)");
        id_reported_ = true;
      }
      return;
    }
    const bool trim_it = std::find(trimmed.begin(), trimmed.end(), column) != trimmed.end();
    builder_.set_field(s, column, trim_it ? strip(value) : value, at);
  }

 private:
  NetworkBuilder& builder_;
  bool id_reported_ = false;
};

/// What an edge value stands for, by its name (case-insensitive, as CSV columns are).
enum class TieRole { weight, kind, date, start, end, attribute };

inline TieRole tie_role(std::string_view name) {
  const std::string folded = lower(name);
  if (folded == "weight") return TieRole::weight;
  if (folded == "kind") return TieRole::kind;
  if (folded == "date") return TieRole::date;
  if (folded == "start") return TieRole::start;
  if (folded == "end") return TieRole::end;
  return TieRole::attribute;
}

/// The values an edge element gives its tie, collected (later values replace earlier ones)
/// before the tie is checked and added.
struct TieValues {
  struct Value {
    std::string text;
    Location at;
  };
  std::optional<Value> weight;
  std::optional<Value> kind;
  std::optional<Value> date;
  std::optional<Value> start;
  std::optional<Value> end;
  std::map<std::string, std::string> attributes;

  void set(TieRole role, const std::string& name, std::string text, const Location& at) {
    switch (role) {
      case TieRole::weight: weight = Value{std::move(text), at}; break;
      case TieRole::kind: kind = Value{std::move(text), at}; break;
      case TieRole::date: date = Value{std::move(text), at}; break;
      case TieRole::start: start = Value{std::move(text), at}; break;
      case TieRole::end: end = Value{std::move(text), at}; break;
      case TieRole::attribute:
        // An empty value is a missing value, as in CSV.
        if (text.empty())
          attributes.erase(name);
        else
          attributes[name] = std::move(text);
        break;
    }
  }
};

/// Checks the weight and dates of `values` and adds the tie when they and both ends are good.
inline void add_tie(NetworkBuilder& builder, std::optional<VertexId> source, std::optional<VertexId> target,
                    TieValues& values, const Location& at) {
  bool ok = source.has_value() && target.has_value();
  double weight = 1.0;
  if (values.weight && !strip(values.weight->text).empty()) {
    const auto parsed = builder.parse_weight(strip(values.weight->text), values.weight->at);
    ok = ok && parsed.has_value();
    if (parsed) weight = *parsed;
  }
  Date first;
  Date last;
  for (const auto& [value, slot] :
       {std::pair{&values.date, &first}, std::pair{&values.start, &first}, std::pair{&values.end, &last}}) {
    if (!*value || strip((*value)->text).empty()) continue;
    const auto parsed = builder.parse_date(strip((*value)->text), (*value)->at);
    ok = ok && parsed.has_value();
    if (parsed) *slot = *parsed;
  }
  if (!ok) return;
  const std::string_view kind = values.kind ? strip(values.kind->text) : std::string_view();
  builder.add_tie(*source, *target, kind, weight, first, last, at, std::move(values.attributes));
}

/// The date columns the ties of `network` need: none, "date" when every dated tie is an event,
/// or "start" and "end" when some tie spans a period.
inline std::vector<std::string> tie_date_fields(const Network& network) {
  const auto dated =
      std::any_of(network.ties.begin(), network.ties.end(), [](const Tie& t) { return !t.start.empty(); });
  const auto periods =
      std::any_of(network.ties.begin(), network.ties.end(), [](const Tie& t) { return t.end != t.start; });
  if (periods) return {"start", "end"};
  if (dated) return {"date"};
  return {};
}

/// The value of date column `field` of `tie` as ISO text ("" when undated).
inline std::string tie_date(const Tie& tie, std::string_view field) {
  return field == "end" ? tie.end.to_string() : tie.start.to_string();
}

/// Length of the valid UTF-8 sequence at `text[i]` holding a character XML 1.0 allows, or 0.
inline std::size_t xml_char_length(std::string_view text, std::size_t i) noexcept {
  char32_t code = 0;
  const std::size_t length = utf8_sequence(text, i, &code);
  if (length == 0) return 0;
  if (code < 0x20) return code == '\t' || code == '\n' || code == '\r' ? 1 : 0;
  if (code == 0xFFFE || code == 0xFFFF) return 0;
  return length;
}

/// Makes values safe for XML 1.0 output. Control characters other than tab, LF and CR (and
/// bytes that are not UTF-8) cannot be written at all — not even as &#1; — so they become
/// U+FFFD, each replacement reported as a warning naming the value.
class OutputText {
 public:
  OutputText(const std::string& file, Diagnostics& warnings) : file_(file), warnings_(warnings) {}

  /// `text` made safe; `describe()` names the value ("stakeholder 'x' field 'name'") and is
  /// only called when something was replaced.
  template <typename Describe>
  std::string clean(std::string_view text, Describe&& describe) {
    std::string out;
    bool replaced = false;
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t length = xml_char_length(text, i);
      if (length == 0) {
        out += "\xEF\xBF\xBD";
        replaced = true;
        ++i;
      } else {
        out.append(text, i, length);
        i += length;
      }
    }
    if (replaced) {
      warnings_.warning({file_, 0, 0}, describe() +
                                           ": characters XML 1.0 cannot hold (control characters) "
                                           "replaced by U+FFFD");
    }
    return out;
  }

 private:
  const std::string& file_;
  Diagnostics& warnings_;
};

/// `text` with every character XML 1.0 cannot hold shown as <U+0001> (a byte that is not UTF-8
/// as <0xFF>), for messages.
inline std::string visible(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t length = xml_char_length(text, i); length > 0) {
      out.append(text, i, length);
      i += length;
      continue;
    }
    char32_t code = 0;
    const std::size_t length = utf8_sequence(text, i, &code);
    char buffer[16];
    if (length == 0) {
      std::snprintf(buffer, sizeof buffer, "<0x%02X>", static_cast<unsigned char>(text[i]));
    } else {
      std::snprintf(buffer, sizeof buffer, "<U+%04X>", static_cast<unsigned>(code));
    }
    out += buffer;
    i += length == 0 ? 1 : length;
  }
  return out;
}

/// Throws OutputError when two stakeholder ids are the same once made safe for XML (`written`,
/// from OutputText::clean): they differ only in characters XML 1.0 cannot hold, so the file
/// would join ties to the wrong node and not read back. Nothing is written then.
inline void require_distinct_ids(const Network& network, const std::vector<std::string>& written,
                                 const std::string& file, std::string_view format) {
  std::unordered_map<std::string_view, std::size_t> owner;
  owner.reserve(written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    const auto [it, inserted] = owner.try_emplace(written[i], i);
    if (inserted) continue;
    const std::string& first = network.stakeholders[it->second].id;
    const std::string& second = network.stakeholders[i].id;
    throw OutputError("cannot write " + file + ": stakeholder ids '" + visible(first) + "' and '" +
                      visible(second) + "' would both be written as '" + written[i] + "' (" +
                      std::string(format) +
                      " is XML 1.0, which cannot hold control characters); write CSV or JSON node-link, "
                      "which keep them, or change the ids");
  }
}

/// Adds `<?xml version="1.0" encoding="UTF-8"?>` to an empty document.
inline void add_declaration(pugi::xml_document& document) {
  pugi::xml_node declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
}

/// The document as indented UTF-8 text. pugixml escapes tab, LF and CR in attribute values
/// (&#09; &#10; &#13;) but writes a CR in element text as it is, which every XML parser turns
/// into LF; all CRs left in the output are therefore in text and are written as &#13;.
inline std::string serialise(const pugi::xml_document& document) {
  struct StringWriter final : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override {
      out.append(static_cast<const char*>(data), size);
    }
  };
  StringWriter writer;
  document.save(writer, "  ", pugi::format_indent, pugi::encoding_utf8);
  if (writer.out.find('\r') == std::string::npos) return std::move(writer.out);
  std::string out;
  out.reserve(writer.out.size() + 64);
  for (const char c : writer.out) {
    if (c == '\r')
      out += "&#13;";
    else
      out += c;
  }
  return out;
}

}  // namespace clusterscope::io::xml
