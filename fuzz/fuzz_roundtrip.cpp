// libFuzzer target: round trips (docs/fuzzing.md). The input is read with every reader (as the
// CSV target does, a NUL byte separates the edge list from a node table); each network a reader
// accepts is written with every writer and read back, and must come back as the writers promise
// (docs/DATA_FORMATS.md, "What each format holds"; tests/unit/test_<format>.cpp):
// - CSV, GraphML, GEXF, GML, JSON: the same stakeholders in the same order (ids, names, fields,
//   attributes), the same ties in the same order (ends, kind, weight bit for bit, dates,
//   attributes) and directedness — except that CSV holds no directedness, XML cannot hold
//   control characters (U+FFFD instead, reported) and JSON does not write tie attributes named
//   like link members (reported); the CSV reader stores a CRLF inside a quoted field as LF;
// - Pajek: ids (a '"' or line break replaced, a clash numbered, reported), ties with kinds and
//   weights, directedness; names, fields, attributes and dates are not written (reported).
// An empty value and a missing one are the same (every reader reads "" as missing).
// A writer's output that does not read back, or reads back different, is a finding.

#include <algorithm>
#include <functional>
#include <sstream>

#include "fuzz_support.hpp"

namespace {

using namespace clusterscope;

/// What a format keeps.
struct Keeps {
  bool directed = true;
  bool names_and_fields = true;
  bool dates = true;
  bool tie_attributes = true;
  /// The text the writer makes of an id or kind: exact, or a prefix of it (Pajek's numbering).
  std::function<std::string(const std::string&)> text = [](const std::string& s) { return s; };
  bool text_is_prefix = false;
  /// The id the reader makes of a written id, when not `text`.
  std::function<std::string(const std::string&)> id;
  /// The name the reader makes of a written attribute name, when not `text`.
  std::function<std::string(const std::string&)> key;
};

/// `text` as XML 1.0 can hold it: control characters other than tab, LF and CR, U+FFFE and
/// U+FFFF (and bytes that are not UTF-8) replaced by U+FFFD.
std::string xml_text(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t code = 0;
    const std::size_t length = io::utf8_sequence(text, i, &code);
    const bool bad = length == 0 || (code < 0x20 && code != '\t' && code != '\n' && code != '\r') ||
                     code == 0xFFFE || code == 0xFFFF;
    if (bad) {
      out += "\xEF\xBF\xBD";
      i += length == 0 ? 1 : length;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out;
}

/// `text` as a Pajek label holds it: '"' → '\'', line breaks → ' '.
std::string pajek_text(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c == '"') c = '\'';
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

/// `text` as the CSV reader gives it back: a CRLF inside a quoted field is stored as LF.
std::string csv_text(const std::string& text) {
  std::string out = text;
  for (std::size_t i = out.find("\r\n"); i != std::string::npos; i = out.find("\r\n", i))
    out.erase(i, 1);
  return out;
}

/// Known issue, tolerated until it is fixed: the GraphML, GEXF and Pajek readers strip blanks
/// (space, tab, CR, LF) around node ids and tie ends, the GML and JSON readers keep them, so an id
/// such as "a\n" read from GML comes back as "a" (fuzz/regressions/roundtrip/gml-id-trailing-newline);
/// the CSV reader strips them around unquoted header names (the CSV writer quotes a name with
/// blanks around it, fuzz/regressions/roundtrip/csv-attribute-name-leading-blank), and kinds are stripped by
/// some (fuzz/regressions/roundtrip/kind-trailing-newline). Ids, kinds and attribute names are therefore
/// compared without blanks around them.
std::string strip(const std::string& clean) {
  const std::size_t first = clean.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return clean.substr(first, clean.find_last_not_of(" \t\r\n") - first + 1);
}

std::string xml_id(const std::string& text) {
  return strip(xml_text(text));
}

/// A Pajek label as read back: `pajek_text`, and blanks around it stripped, as for xml_id.
std::string pajek_label(const std::string& text) {
  return strip(pajek_text(text));
}

bool is_link_member(const std::string& name) {
  return name == "source" || name == "target" || name == "key" || name == "weight" || name == "kind" ||
         name == "date" || name == "start" || name == "end";
}

/// Attributes with the empty values left out, keys and values passed through `text`.
std::map<std::string, std::string> attributes(const std::map<std::string, std::string>& in,
                                              const Keeps& keeps) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : in) {
    if (!value.empty()) out[strip(keeps.key ? keeps.key(key) : keeps.text(key))] = keeps.text(value);
  }
  return out;
}

/// `s` in quotes, control characters as \xNN so that a difference in them shows.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
  return out + "'";
}

template <typename T>
std::string show(const std::optional<T>& value) {
  if (!value) return "(none)";
  std::ostringstream out;
  out.precision(17);
  out << *value;
  return out.str();
}

std::string show(const std::map<std::string, std::string>& map) {
  std::string out = "{";
  for (const auto& [key, value] : map)
    out += quoted(key) + ":" + quoted(value) + " ";
  return out + "}";
}

std::string show(const std::vector<std::string>& list) {
  std::string out = "[";
  for (const auto& item : list)
    out += quoted(item) + " ";
  return out + "]";
}

/// The first difference between `a` (as written) and `b` (as read back), or "" when they agree
/// as far as the format keeps.
std::string difference(const Network& a, const Network& b, const Keeps& keeps) {
  // Ids and kinds are compared without blanks around them: the readers disagree on those (see
  // strip), a known issue.
  const auto same_text = [&](const std::string& original, const std::string& back, bool is_id = false) {
    const std::string expected = strip(is_id && keeps.id ? keeps.id(original) : keeps.text(original));
    return keeps.text_is_prefix ? strip(back).rfind(expected, 0) == 0 : strip(back) == expected;
  };
  if (keeps.directed && a.directed != b.directed) return "directedness differs";
  if (a.stakeholders.size() != b.stakeholders.size()) {
    return std::to_string(a.stakeholders.size()) + " stakeholders written, " +
           std::to_string(b.stakeholders.size()) + " read back";
  }
  for (std::size_t i = 0; i < a.stakeholders.size(); ++i) {
    const Stakeholder& x = a.stakeholders[i];
    const Stakeholder& y = b.stakeholders[i];
    const std::string where = "stakeholder " + std::to_string(i) + " " + quoted(x.id) + ": ";
    if (!same_text(x.id, y.id, true)) return where + "id read back as " + quoted(y.id);
    if (!keeps.names_and_fields) continue;
    const auto field = [&](const char* name, const std::string& u, const std::string& v) {
      return keeps.text(u) == v ? std::string()
                                : where + name + " " + quoted(u) + " read back as " + quoted(v);
    };
    for (const std::string& problem :
         {field("name", x.name, y.name), field("type", x.type, y.type), field("sector", x.sector, y.sector),
          field("municipality", x.municipality, y.municipality), field("region", x.region, y.region),
          field("country", x.country, y.country), field("parent", x.parent, y.parent)}) {
      if (!problem.empty()) return problem;
    }
    if (x.lat != y.lat) return where + "lat " + show(x.lat) + " read back as " + show(y.lat);
    if (x.lon != y.lon) return where + "lon " + show(x.lon) + " read back as " + show(y.lon);
    if (x.employees != y.employees) {
      return where + "employees " + show(x.employees) + " read back as " + show(y.employees);
    }
    std::vector<std::string> tags;
    for (const std::string& tag : x.tags)
      tags.push_back(keeps.text(tag));
    if (tags != y.tags) return where + "tags " + show(x.tags) + " read back as " + show(y.tags);
    if (attributes(x.attributes, keeps) != attributes(y.attributes, keeps)) {
      return where + "attributes " + show(x.attributes) + " read back as " + show(y.attributes);
    }
  }
  if (a.ties.size() != b.ties.size()) {
    return std::to_string(a.ties.size()) + " ties written, " + std::to_string(b.ties.size()) + " read back";
  }
  for (std::size_t i = 0; i < a.ties.size(); ++i) {
    const Tie& x = a.ties[i];
    const Tie& y = b.ties[i];
    const std::string where = "tie " + std::to_string(i) + ": ";
    if (x.source != y.source || x.target != y.target) {
      return where + "ends " + std::to_string(x.source) + "–" + std::to_string(x.target) + " read back as " +
             std::to_string(y.source) + "–" + std::to_string(y.target);
    }
    if (!same_text(a.kind_name(x.kind), b.kind_name(y.kind))) {
      return where + "kind " + quoted(a.kind_name(x.kind)) + " read back as " + quoted(b.kind_name(y.kind));
    }
    if (x.weight != y.weight) {
      return where + "weight " + show(std::optional(x.weight)) + " read back as " +
             show(std::optional(y.weight));
    }
    if (keeps.dates && (x.start != y.start || x.end != y.end)) {
      return where + "dates " + x.start.to_string() + "/" + x.end.to_string() + " read back as " +
             y.start.to_string() + "/" + y.end.to_string();
    }
    if (keeps.tie_attributes && attributes(x.attributes, keeps) != attributes(y.attributes, keeps)) {
      return where + "attributes " + show(x.attributes) + " read back as " + show(y.attributes);
    }
  }
  return {};
}

std::string first_errors(const InputError& error) {
  std::string out;
  std::size_t shown = 0;
  for (const Diagnostic& d : error.diagnostics()) {
    if (d.severity != Severity::error) continue;
    out += "\n  " + format_diagnostic(d);
    if (++shown == 5) break;
  }
  return out;
}

/// Writes `network` as `format`, reads it back and checks it against `expected` (the network
/// changed as the writer promises).
void round_trip(const Network& network, io::FileFormat format, const Network& expected, const Keeps& keeps) {
  const std::string name = io::format_name(format);
  Network back;
  try {
    Diagnostics warnings;
    switch (format) {
      case io::FileFormat::csv: {
        const std::string nodes = io::write_csv_nodes(network);
        back = fuzz::load_text(format, io::write_csv_edges(network), &nodes);
        break;
      }
      case io::FileFormat::graphml:
        back = fuzz::load_text(format, io::write_graphml(network, "fuzz.graphml", warnings));
        break;
      case io::FileFormat::gexf:
        back = fuzz::load_text(format, io::write_gexf(network, "fuzz.gexf", warnings));
        break;
      case io::FileFormat::gml:
        back = fuzz::load_text(format, io::write_gml(network, "fuzz.gml", warnings));
        break;
      case io::FileFormat::pajek:
        back = fuzz::load_text(format, io::write_pajek(network, "fuzz.net", warnings));
        break;
      case io::FileFormat::json:
        back = fuzz::load_text(format, io::write_node_link_json(network, "fuzz.json", warnings));
        break;
    }
  } catch (const InputError& e) {
    fuzz::finding("the " + name + " writer's output does not read back:" + first_errors(e));
  } catch (const std::exception& e) {
    fuzz::finding("writing and reading back " + name + " threw: " + e.what());
  }
  const std::string problem = difference(expected, back, keeps);
  if (!problem.empty()) fuzz::finding("round trip through " + name + ": " + problem);
}

void round_trips(const Network& network) {
  Keeps csv;
  csv.directed = false;
  csv.text = csv_text;
  // Unquoted header names are trimmed; the writer quotes a name with blanks around it, so it
  // comes back as written.
  csv.key = csv_text;
  round_trip(network, io::FileFormat::csv, network, csv);
  Keeps xml;
  xml.text = xml_text;
  xml.id = xml_id;
  round_trip(network, io::FileFormat::graphml, network, xml);
  round_trip(network, io::FileFormat::gexf, network, xml);
  round_trip(network, io::FileFormat::gml, network, {});
  Network json = network;
  for (Tie& tie : json.ties) {
    std::erase_if(tie.attributes, [](const auto& entry) { return is_link_member(entry.first); });
  }
  round_trip(network, io::FileFormat::json, json, {});
  Keeps pajek;
  pajek.names_and_fields = pajek.dates = pajek.tie_attributes = false;
  pajek.text = pajek_label;
  pajek.text_is_prefix = true;
  round_trip(network, io::FileFormat::pajek, network, pajek);
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

/// Known issue, left out until it is fixed: the JSON and GML readers keep an attribute named
/// like a field in other letter case ("Name", "Weight") as an attribute, but the CSV, GraphML
/// and GEXF readers match field names case-insensitively, so what those writers write of it
/// reads back as the field (fuzz/regressions/roundtrip/json-attribute-Name); the same for a name
/// that is a field's with blanks around it, as the CSV reader strips them from header names and
/// the column then overwrites the field (fuzz/regressions/roundtrip/json-attribute-blank-employees).
void drop_attributes_named_like_fields(Network& network) {
  static const std::vector<std::string> tie_fields = {"source", "target", "weight", "kind",
                                                      "date",   "start",  "end"};
  const auto is_field = [](const std::vector<std::string>& fields, const std::string& name) {
    const std::string lower = ascii_lower(strip(name));
    return std::find(fields.begin(), fields.end(), lower) != fields.end();
  };
  std::erase_if(network.attribute_names,
                [&](const std::string& name) { return is_field(stakeholder_fields(), name); });
  std::erase_if(network.tie_attribute_names,
                [&](const std::string& name) { return is_field(tie_fields, name); });
  for (Stakeholder& s : network.stakeholders) {
    std::erase_if(s.attributes,
                  [&](const auto& entry) { return is_field(stakeholder_fields(), entry.first); });
  }
  for (Tie& tie : network.ties) {
    std::erase_if(tie.attributes, [&](const auto& entry) { return is_field(tie_fields, entry.first); });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const io::FileFormat format : {io::FileFormat::csv, io::FileFormat::graphml, io::FileFormat::gexf,
                                      io::FileFormat::gml, io::FileFormat::pajek, io::FileFormat::json}) {
    Network network;
    const bool loaded = fuzz::expecting_input_errors([&] {
      const std::size_t split = format == io::FileFormat::csv ? input.find('\0') : std::string_view::npos;
      if (split == std::string_view::npos) {
        network = fuzz::load_text(format, std::string(input));
      } else {
        const std::string nodes(input.substr(split + 1));
        network = fuzz::load_text(format, std::string(input.substr(0, split)), &nodes);
      }
    });
    if (!loaded) continue;
    // Huge declared sizes (a few bytes of Pajek declaring *Vertices 300000) are a known issue of
    // the loaders, fuzzed by their own targets; six writers and readers on them would only time out.
    if (network.stakeholders.size() + network.ties.size() > 20000) continue;
    drop_attributes_named_like_fields(network);
    round_trips(network);
  }
  return 0;
}
