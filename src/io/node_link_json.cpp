// JSON node-link graphs, the format of networkx's node_link_data and node_link_graph:
//   {"directed": false, "multigraph": true, "graph": {"name": …},
//    "nodes": [{"id": "s1", "name": …, "lat": 53.01, "tags": ["a", "b"], …}],
//    "links": [{"source": "s1", "target": "s2", "kind": "project", "weight": 0.5, "date": …}]}
// "edges" is read instead of "links" (networkx 3.4 and later can write either).
//
// Ids may be strings or integers (an integer id is its decimal text). Values may be strings,
// numbers or true/false; null is a missing value. lat, lon, employees and weight are written as
// JSON numbers (the shortest text that reads back as the same double), tags, needs and offers as arrays of
// strings (read as an array or as one "a;b" string). Other columns are written typed
// (columns.hpp): numbers as JSON numbers, true/false as JSON booleans when every value of the
// column is one, so "007" stays a string. "key" on a link is networkx's multigraph
// edge key, not data: it is skipped. Arrays and objects in other values (networkx "pos") are
// skipped with one warning per key. nlohmann::json keeps no positions, so every problem found
// after parsing is placed with JsonLocator.

#include <algorithm>
#include <set>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/json_locate.hpp"
#include "columns.hpp"

namespace clusterscope::io {

namespace {

using Json = nlohmann::ordered_json;

JsonPath operator/(JsonPath path, JsonPathStep step) {
  path.push_back(std::move(step));
  return path;
}

/// The text of a scalar: strings as they are, numbers as format_number writes them;
/// nullopt for null, arrays and objects.
std::optional<std::string> scalar_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_float()) return format_number(value.get<double>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return std::nullopt;
}

bool is_tie_field(std::string_view key) {
  return key == "weight" || key == "kind" || key == "date" || key == "start" || key == "end";
}

/// The members a link itself uses: a tie attribute of that name cannot be written.
bool is_link_key(std::string_view key) {
  return key == "source" || key == "target" || key == "key" || is_tie_field(key);
}

class NodeLinkReader {
 public:
  NodeLinkReader(const SourceText& source, NetworkBuilder& builder)
      : source_(source), builder_(builder), locator_(source.bytes) {}
  void read(const Json& root);

 private:
  const SourceText& source_;
  NetworkBuilder& builder_;
  JsonLocator locator_;
  std::set<std::string> skipped_;  ///< "node pos", "link geometry": nested values said once

  Location at(const JsonPath& path) { return locator_.location(source_, path); }
  void error(const JsonPath& path, const std::string& message) {
    builder_.diagnostics().error(at(path), message);
  }
  void skip_nested(const char* what, const std::string& key, const Json& value, const JsonPath& path);
  std::optional<std::string> id_of(const Json& object, const JsonPath& path, const char* key);
  const Json* array_member(const Json& root, const std::string& key, bool required);
  void read_node(const Json& node, const JsonPath& path);
  void read_link(const Json& link, const JsonPath& path);
};

void NodeLinkReader::skip_nested(const char* what, const std::string& key, const Json& value,
                                 const JsonPath& path) {
  if (!skipped_.insert(std::string(what) + " " + key).second) return;
  builder_.diagnostics().warning(at(path), std::string(what) + " value '" + key + "' is " +
                                               json_type_name(value) +
                                               "; not read (values are strings, numbers or true/false)");
}

/// The id in member `key` of `object` as text; reports a missing id or one of another type.
std::optional<std::string> NodeLinkReader::id_of(const Json& object, const JsonPath& path, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    error(path,
          json_path_text(path) + " has no \"" + key + "\"; expected \"" + key + "\": \"<stakeholder id>\"");
    return std::nullopt;
  }
  if (it->is_string() || it->is_number_integer()) return scalar_text(*it);
  error(path / key, json_path_text(path / key) + " is " +
                        (it->is_number() ? "the number " + it->dump() : std::string(json_type_name(*it))) +
                        "; expected a string or an integer id");
  return std::nullopt;
}

const Json* NodeLinkReader::array_member(const Json& root, const std::string& key, bool required) {
  const auto it = root.find(key);
  if (it == root.end()) {
    if (required) {
      error({}, "no \"" + key + "\" in the document; expected a JSON node-link graph with \"" + key +
                    "\": [ … ] (networkx node_link_data)");
    }
    return nullptr;
  }
  if (!it->is_array()) {
    error({key}, "\"" + key + "\" is " + json_type_name(*it) + "; expected an array");
    return nullptr;
  }
  return &*it;
}

void NodeLinkReader::read_node(const Json& node, const JsonPath& path) {
  if (!node.is_object()) {
    error(path, json_path_text(path) + " is " + json_type_name(node) + "; expected an object with an \"id\"");
    return;
  }
  const auto id = id_of(node, path, "id");
  if (!id) return;
  Stakeholder s;
  builder_.set_field(s, "id", *id, at(path / "id"));
  for (const auto& [key, value] : node.items()) {
    if (key == "id" || value.is_null()) continue;
    const JsonPath where = path / key;
    if (is_keyword_field(key) && value.is_array()) {
      std::string joined;
      for (std::size_t k = 0; k < value.size(); ++k) {
        if (!value[k].is_string()) {
          error(where / k, "keyword is " + std::string(json_type_name(value[k])) + "; expected a string");
          continue;
        }
        joined += (joined.empty() ? "" : ";") + value[k].get<std::string>();
      }
      builder_.set_field(s, key, joined, at(where));
    } else if (const auto text = scalar_text(value)) {
      builder_.set_field(s, key, *text, at(where));
    } else {
      skip_nested("node", key, value, where);
    }
  }
  builder_.add_stakeholder(std::move(s), at(path / "id"));
}

void NodeLinkReader::read_link(const Json& link, const JsonPath& path) {
  if (!link.is_object()) {
    error(path, json_path_text(path) + " is " + json_type_name(link) +
                    "; expected an object with \"source\" and \"target\"");
    return;
  }
  const auto endpoint = [&](const char* key) -> std::optional<VertexId> {
    const auto id = id_of(link, path, key);
    return id ? builder_.resolve(*id, at(path / key)) : std::nullopt;
  };
  const auto source = endpoint("source");
  const auto target = endpoint("target");
  bool ok = source && target;
  double weight = 1.0;
  Date first;
  Date last;
  std::string kind;
  std::map<std::string, std::string> attributes;
  for (const auto& [key, value] : link.items()) {
    if (key == "source" || key == "target" || key == "key" || value.is_null()) continue;
    const JsonPath where = path / key;
    const auto text = scalar_text(value);
    if (text && is_tie_field(key) && trim(*text).empty()) continue;  // "" is a missing value
    if (!text) {
      if (!is_tie_field(key)) {
        skip_nested("link", key, value, where);
        continue;
      }
      error(where, key + " is " + json_type_name(value) + "; expected " +
                       (key == "weight" ? "a number" : "a string"));
      ok = false;
    } else if (key == "weight") {
      const auto parsed = builder_.parse_weight(*text, at(where));
      ok = ok && parsed.has_value();
      weight = parsed.value_or(weight);
    } else if (key == "date" || key == "start" || key == "end") {
      const auto parsed = builder_.parse_date(*text, at(where));
      ok = ok && parsed.has_value();
      if (parsed) (key == "end" ? last : first) = *parsed;
    } else if (key == "kind") {
      kind = trim(*text);
    } else if (!text->empty()) {
      attributes[key] = *text;
    }
  }
  if (!ok) return;
  builder_.add_tie(*source, *target, kind, weight, first, last, at(path), std::move(attributes));
}

void NodeLinkReader::read(const Json& root) {
  if (!root.is_object()) {
    error({}, std::string("the document is ") + json_type_name(root) +
                  "; expected a JSON object with \"nodes\" and \"links\" (networkx node_link_data)");
    return;
  }
  if (const auto directed = root.find("directed"); directed != root.end() && !directed->is_null()) {
    if (directed->is_boolean()) {
      builder_.network().directed = directed->get<bool>();
    } else {
      error({"directed"},
            std::string("\"directed\" is ") + json_type_name(*directed) + "; expected true or false");
    }
  }
  if (root.contains("links") && root.contains("edges")) {
    error({"edges"}, "both \"links\" and \"edges\" in the document; expected the ties in one of them");
  }
  const std::string ties_key = root.contains("links") || !root.contains("edges") ? "links" : "edges";
  const Json* nodes = array_member(root, "nodes", true);
  const Json* links = array_member(root, ties_key, false);
  if (nodes != nullptr) {
    for (std::size_t i = 0; i < nodes->size(); ++i)
      read_node((*nodes)[i], {"nodes", i});
  }
  if (links != nullptr) {
    for (std::size_t i = 0; i < links->size(); ++i)
      read_link((*links)[i], {ties_key, i});
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// A value of a typed column as JSON: numbers as numbers (whole ones as integers), booleans as
/// true/false, anything else as a string. Every value of a typed column has its type
/// (columns.hpp), so it reads back as the same text.
Json typed_json(ValueType type, const std::string& value) {
  switch (type) {
    case ValueType::boolean: return value == "true";
    case ValueType::integer:
    case ValueType::long_integer: return std::stoll(value);
    case ValueType::real: return *parse_double(value);
    case ValueType::string: break;
  }
  return value;
}

Json node_json(const Stakeholder& s, const std::vector<Column>& columns) {
  Json node = Json::object();
  std::vector<std::string> fields;
  for (const Column& column : columns)
    fields.push_back(column.name);
  const std::vector<std::string> values = stakeholder_values(s, fields);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string& field = fields[i];
    if (values[i].empty()) continue;
    if (field == "lat") {
      node[field] = *s.lat;
    } else if (field == "lon") {
      node[field] = *s.lon;
    } else if (field == "employees") {
      node[field] = *s.employees;
    } else if (const std::vector<std::string>* list = keyword_list(s, field)) {
      node[field] = *list;
    } else {
      node[field] = typed_json(columns[i].type, values[i]);
    }
  }
  return node;
}

Json link_json(const Network& network, const Tie& tie, const std::vector<Column>& attributes) {
  Json link = Json::object();
  link["source"] = network.stakeholders[static_cast<std::size_t>(tie.source)].id;
  link["target"] = network.stakeholders[static_cast<std::size_t>(tie.target)].id;
  link["kind"] = network.kind_name(tie.kind);
  link["weight"] = tie.weight;
  if (tie.start == tie.end) {
    if (!tie.start.empty()) link["date"] = tie.start.to_string();
  } else {
    if (!tie.start.empty()) link["start"] = tie.start.to_string();
    if (!tie.end.empty()) link["end"] = tie.end.to_string();
  }
  for (const Column& column : attributes) {
    const auto it = tie.attributes.find(column.name);
    if (it != tie.attributes.end() && !it->second.empty() && !is_link_key(column.name))
      link[column.name] = typed_json(column.type, it->second);
  }
  return link;
}

/// True when two ties join one pair (in either order when undirected).
bool has_parallel_ties(const Network& network) {
  std::set<std::pair<VertexId, VertexId>> pairs;
  for (const Tie& tie : network.ties) {
    auto pair = std::pair{tie.source, tie.target};
    if (!network.directed && pair.first > pair.second) std::swap(pair.first, pair.second);
    if (!pairs.insert(pair).second) return true;
  }
  return false;
}

/// Tie attributes named like the members a link itself uses cannot be written.
void report_reserved(const Network& network, const std::string& file, Diagnostics& warnings) {
  for (const std::string& name : network.tie_attribute_names) {
    if (is_link_key(name)) {
      warnings.warning({file, 0, 0}, "tie attribute '" + name + "' not written: node-link JSON uses \"" +
                                         name + "\" for the tie itself");
    }
  }
}

}  // namespace

void read_node_link_json(const SourceText& source, NetworkBuilder& builder) {
  builder.set_implicit_stakeholders(false);
  const auto root = parse_json(source, builder.diagnostics());
  if (!root) return;
  NodeLinkReader(source, builder).read(*root);
}

std::string write_node_link_json(const Network& network, const std::string& file, Diagnostics& warnings) {
  Json root = Json::object();
  root["directed"] = network.directed;
  // networkx reads a multigraph as MultiGraph: say so only when two ties join one pair.
  root["multigraph"] = has_parallel_ties(network);
  root["graph"] = Json{{"name", network.name}};
  Json& nodes = root["nodes"] = Json::array();
  const std::vector<Column> columns = stakeholder_columns(network, true);
  for (const Stakeholder& s : network.stakeholders)
    nodes.push_back(node_json(s, columns));
  Json& links = root["links"] = Json::array();
  const std::vector<Column> attributes = tie_attribute_columns(network);
  for (const Tie& tie : network.ties)
    links.push_back(link_json(network, tie, attributes));
  report_reserved(network, file, warnings);
  // Invalid UTF-8 can only come from a network built in code; it is replaced, not thrown.
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace clusterscope::io
