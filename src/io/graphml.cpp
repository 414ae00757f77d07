// GraphML (graphml.graphdrawing.org) reader and writer.
//
// Reading: `<key>` elements declare the data. Node data go through NetworkBuilder::set_field under
// the key's attr.name — canonical fields matched case-insensitively, anything else an attribute.
// A node key named "label" stands for the name when no node key is named "name" (yEd, Gephi and
// Cytoscape exports often carry only a label). Edge data named weight, kind, date, start and end
// are the tie's weight, kind and dates; other edge data become tie attributes. A key's
// `<default>` applies to every element without that data. Graph-level data and yFiles graphics
// keys (yfiles.type) are ignored; hyperedges, ports, nested graphs, several graphs and edges
// whose `directed` differs from edgedefault are reported as not supported.
//
// Ids. A node's `id` is the stakeholder id, except in a file igraph wrote (node keys with igraph's
// ids v_name / v_id and nodes numbered n0, n1, … in order): there the node's data `id` — the ids
// of the file igraph read, which igraph keeps as a vertex attribute — else its data `name` —
// igraph's vertex names — is the stakeholder id. Elsewhere data named `id` is ignored (warned).
//
// Writing: keys typed by their values (columns.hpp: int, long, double, boolean, string), only
// for columns some stakeholder or tie has a value in; the name as the key attr.name="name",
// which igraph reads as its vertex names. Values of keys typed double or float are read as
// format_number writes them, boolean ones as "true" or "false".

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clusterscope/io/formats.hpp"
#include "columns.hpp"
#include "xml_support.hpp"

namespace clusterscope::io {

namespace {

constexpr const char* kNamespace = "http://graphml.graphdrawing.org/xmlns";

enum class Domain { node, edge, graph, all, other };

Domain domain_of(std::string_view text) {
  if (text.empty() || text == "all") return Domain::all;
  if (text == "node") return Domain::node;
  if (text == "edge") return Domain::edge;
  if (text == "graph") return Domain::graph;
  return Domain::other;
}

struct Key {
  std::string id;
  std::string name;  ///< attr.name, or the id when there is none
  std::string domain_text;
  std::string type;  ///< attr.type: real and boolean values are normalised (normalise_typed)
  Domain domain = Domain::all;
  bool graphics = false;  ///< yFiles graphics: XML content, not a value
  bool has_default = false;
  std::string default_value;
  Location default_at;
  std::string node_column;  ///< the set_field column of node data
  xml::TieRole edge_role = xml::TieRole::attribute;
  Location at;
};

class Reader {
 public:
  Reader(const xml::Document& xml, NetworkBuilder& builder)
      : xml_(xml), builder_(builder), diagnostics_(builder.diagnostics()), values_(builder) {}

  void read() {
    const pugi::xml_node root = xml_.root();
    if (std::string_view(root.name()) != "graphml") {
      diagnostics_.error(xml_.at(root), "root element is <" + std::string(root.name()) +
                                            ">; expected <graphml> (is this a GraphML file?)");
      return;
    }
    for (const pugi::xml_node& key : root.children("key"))
      read_key(key);
    assign_columns();
    pugi::xml_node graph;
    for (const pugi::xml_node& child : root.children("graph")) {
      if (graph) {
        diagnostics_.error(
            xml_.at(child),
            "a second <graph> element; expected one graph per file (several are not supported)");
      } else {
        graph = child;
      }
    }
    if (!graph) {
      diagnostics_.error(xml_.at(root), "missing <graph> element; expected <graphml> to hold one <graph>");
      return;
    }
    read_graph(graph);
  }

 private:
  const xml::Document& xml_;
  NetworkBuilder& builder_;
  Diagnostics& diagnostics_;
  xml::StakeholderValues values_;
  std::vector<Key> keys_;
  std::unordered_map<std::string, std::size_t> key_index_;
  // The keys whose <default> applies to every node / edge: a file may declare thousands of
  // keys, and each element should cost what it holds, not what the file declares.
  std::vector<const Key*> node_defaults_;
  std::vector<const Key*> edge_defaults_;
  bool directed_ = false;
  bool igraph_ = false;

  static std::string node_value(const Key& key, std::string_view text) {
    const auto& fields = stakeholder_fields();
    const bool attribute = std::find(fields.begin(), fields.end(), key.node_column) == fields.end();
    return typed_value(key.type, attribute, text);
  }
  static std::string edge_value(const Key& key, std::string_view text) {
    return typed_value(key.type, key.edge_role == xml::TieRole::attribute, text);
  }
  std::unordered_map<std::string, std::string> igraph_ids_;  ///< node id "n3" → stakeholder id

  /// True for a file igraph wrote: its node keys have igraph's ids ("v_name", "v_id") and its
  /// nodes igraph's ids n0, n1, … in order.
  [[nodiscard]] bool written_by_igraph(const pugi::xml_node& graph) const {
    const bool keys = std::any_of(keys_.begin(), keys_.end(), [](const Key& k) {
      return (k.id == "v_name" || k.id == "v_id") && k.domain == Domain::node;
    });
    if (!keys) return false;
    std::size_t i = 0;
    for (const pugi::xml_node& node : graph.children("node")) {
      if (std::string_view(node.attribute("id").value()) != "n" + std::to_string(i)) return false;
      ++i;
    }
    return i > 0;
  }

  /// The stakeholder id of a node in a file igraph wrote: its data "id" (the ids of the file igraph
  /// read), else its data "name" (igraph's vertex names), else "".
  [[nodiscard]] std::string igraph_id(const pugi::xml_node& node) const {
    std::string name;
    for (const pugi::xml_node& data : node.children("data")) {
      const auto it = key_index_.find(data.attribute("key").value());
      if (it == key_index_.end()) continue;
      const Key& key = keys_[it->second];
      if (key.domain != Domain::node && key.domain != Domain::all) continue;
      const std::string folded = xml::lower(key.name);
      const std::string text = xml::text_of(data);
      if (folded == "id" && !strip(text).empty()) return std::string(strip(text));
      if (folded == "name" && name.empty()) name = strip(text);
    }
    return name;
  }

  void read_key(const pugi::xml_node& element) {
    const pugi::xml_attribute id = element.attribute("id");
    if (!id) {
      diagnostics_.error(xml_.at(element),
                         "<key> without an id attribute; expected <key id=\"…\" for=\"…\" "
                         "attr.name=\"…\">");
      return;
    }
    Key key;
    key.id = id.value();
    key.at = xml_.at(id, element);
    const pugi::xml_attribute name = element.attribute("attr.name");
    key.name = name ? name.value() : key.id;
    key.domain_text = element.attribute("for").value();
    key.type = element.attribute("attr.type").value();
    key.domain = domain_of(key.domain_text);
    key.graphics = static_cast<bool>(element.attribute("yfiles.type"));
    if (const pugi::xml_node value = element.child("default")) {
      key.has_default = true;
      key.default_value = xml::text_of(value);
      key.default_at = xml_.text_at(value);
    }
    const auto [it, inserted] = key_index_.try_emplace(key.id, keys_.size());
    if (!inserted) {
      diagnostics_.error(key.at, "duplicate key id '" + key.id + "' (first declared at line " +
                                     std::to_string(keys_[it->second].at.line) +
                                     "); expected unique key ids");
      return;
    }
    keys_.push_back(std::move(key));
  }

  /// What each key stands for, once all keys are known ("label" is the name unless a key is
  /// named "name").
  void assign_columns() {
    const auto for_nodes = [](const Key& k) { return k.domain == Domain::node || k.domain == Domain::all; };
    const bool has_name = std::any_of(keys_.begin(), keys_.end(), [&](const Key& k) {
      return for_nodes(k) && xml::lower(k.name) == "name";
    });
    for (Key& key : keys_) {
      key.node_column = xml::stakeholder_column(key.name, stakeholder_fields());
      if (!has_name && xml::lower(key.name) == "label") key.node_column = "name";
      key.edge_role = xml::tie_role(key.name);
      if (!key.has_default || key.graphics) continue;
      if (key.domain == Domain::node || key.domain == Domain::all) node_defaults_.push_back(&key);
      if (key.domain == Domain::edge || key.domain == Domain::all) edge_defaults_.push_back(&key);
    }
  }

  void read_graph(const pugi::xml_node& graph) {
    const pugi::xml_attribute edgedefault = graph.attribute("edgedefault");
    const std::string_view value = edgedefault.value();
    if (value == "directed") {
      directed_ = true;
    } else if (edgedefault && value != "undirected") {
      diagnostics_.error(xml_.at(edgedefault, graph),
                         "edgedefault '" + std::string(value) + "'; expected directed or undirected");
    }
    builder_.network().directed = directed_;
    igraph_ = written_by_igraph(graph);
    // Nodes first: an edge may come before the nodes it joins.
    for (const pugi::xml_node& child : graph.children()) {
      const std::string_view name = child.name();
      if (name == "node") {
        read_node(child);
      } else if (name == "hyperedge") {
        diagnostics_.error(xml_.at(child),
                           "hyperedges are not supported; expected <edge> elements joining two nodes");
      } else if (name == "locator") {
        diagnostics_.error(xml_.at(child),
                           "<locator> (a graph kept in another file) is not supported; "
                           "expected the nodes and edges in this file");
      } else if (name == "data") {
        key_for(child, Domain::graph);
      }
    }
    for (const pugi::xml_node& edge : graph.children("edge"))
      read_edge(edge);
  }

  /// Reports nested graphs and ports inside a node or edge, which a flat network cannot hold.
  void check_flat(const pugi::xml_node& element, const std::string& what) {
    for (const pugi::xml_node& child : element.children()) {
      const std::string_view name = child.name();
      if (name == "graph") {
        diagnostics_.error(xml_.at(child), "nested graph in " + what +
                                               " is not supported; expected a flat graph of nodes and edges");
      } else if (name == "port") {
        diagnostics_.error(xml_.at(child), "port in " + what +
                                               " is not supported; expected edges that join "
                                               "nodes directly");
      }
    }
  }

  /// The key of a `<data>` element, or nullptr (reported) when it has none, is undeclared or
  /// belongs to another kind of element.
  const Key* key_for(const pugi::xml_node& data, Domain domain) {
    const pugi::xml_attribute id = data.attribute("key");
    if (!id) {
      diagnostics_.error(xml_.at(data), "<data> without a key attribute; expected <data key=\"…\">");
      return nullptr;
    }
    const auto it = key_index_.find(id.value());
    if (it == key_index_.end()) {
      diagnostics_.error(xml_.at(id, data), "undeclared data key '" + std::string(id.value()) +
                                                "'; expected the id of a <key> element");
      return nullptr;
    }
    const Key& key = keys_[it->second];
    if (domain == Domain::graph) return &key;
    if (key.domain != Domain::all && key.domain != domain) {
      diagnostics_.error(xml_.at(id, data), "data key '" + key.id + "' is declared for=\"" + key.domain_text +
                                                "\"; expected a key for " +
                                                (domain == Domain::node ? "nodes" : "edges"));
      return nullptr;
    }
    return key.graphics ? nullptr : &key;
  }

  void read_node(const pugi::xml_node& node) {
    const pugi::xml_attribute id = node.attribute("id");
    if (!id) {
      diagnostics_.error(xml_.at(node), "<node> without an id attribute; expected <node id=\"…\">");
      return;
    }
    check_flat(node, "node '" + std::string(id.value()) + "'");
    Stakeholder s;
    const Location id_at = xml_.at(id, node);
    std::string stakeholder_id(strip(id.value()));
    if (igraph_) {
      if (std::string named = igraph_id(node); !named.empty()) stakeholder_id = std::move(named);
      igraph_ids_[id.value()] = stakeholder_id;
    }
    builder_.set_field(s, "id", stakeholder_id, id_at);
    for (const Key* key : node_defaults_)
      values_.set(s, key->node_column, node_value(*key, key->default_value), key->default_at);
    for (const pugi::xml_node& data : node.children("data")) {
      if (const Key* key = key_for(data, Domain::node))
        values_.set(s, key->node_column, node_value(*key, xml::text_of(data)), xml_.text_at(data));
    }
    builder_.add_stakeholder(std::move(s), id_at);
  }

  void read_edge(const pugi::xml_node& edge) {
    const Location at = xml_.at(edge);
    const pugi::xml_attribute source = edge.attribute("source");
    const pugi::xml_attribute target = edge.attribute("target");
    for (const auto& [attribute, name] : {std::pair{source, "source"}, std::pair{target, "target"}}) {
      if (!attribute) {
        diagnostics_.error(at, std::string("<edge> without a ") + name +
                                   " attribute; expected <edge source=\"…\" target=\"…\">");
      }
    }
    if (!source || !target) return;
    check_flat(edge, "an edge");
    if (const pugi::xml_attribute directed = edge.attribute("directed")) {
      const std::string_view value = directed.value();
      if (value != "true" && value != "false") {
        diagnostics_.error(xml_.at(directed, edge),
                           "directed=\"" + std::string(value) + "\"; expected true or false");
      } else if ((value == "true") != directed_) {
        diagnostics_.error(xml_.at(directed, edge),
                           "edge is directed=\"" + std::string(value) + "\" in a graph with edgedefault=\"" +
                               (directed_ ? "directed" : "undirected") +
                               "\"; mixed graphs are not supported, expected every edge as the default");
      }
    }
    const auto end = [&](const pugi::xml_attribute& attribute) {
      std::string_view node_id = strip(attribute.value());
      if (const auto it = igraph_ids_.find(std::string(attribute.value())); it != igraph_ids_.end())
        node_id = it->second;
      return builder_.resolve(node_id, xml_.at(attribute, edge));
    };
    const auto s = end(source);
    const auto t = end(target);
    xml::TieValues values;
    for (const Key* key : edge_defaults_)
      values.set(key->edge_role, key->name, edge_value(*key, key->default_value), key->default_at);
    for (const pugi::xml_node& data : edge.children("data")) {
      if (const Key* key = key_for(data, Domain::edge))
        values.set(key->edge_role, key->name, edge_value(*key, xml::text_of(data)), xml_.text_at(data));
    }
    xml::add_tie(builder_, s, t, values, at);
  }
};

/// Adds `<key>` declarations before the graph (GraphML wants them first) and returns their
/// ids; numbered ids ("d0", "d1", …) because names may hold anything, ids only name tokens.
class KeyWriter {
 public:
  KeyWriter(pugi::xml_node root, pugi::xml_node graph, xml::OutputText& text)
      : root_(root), graph_(graph), text_(text) {}

  std::string add(const char* domain, const std::string& name, const char* type) {
    std::string id = "d" + std::to_string(next_++);
    pugi::xml_node key = root_.insert_child_before("key", graph_);
    key.append_attribute("id") = id.c_str();
    key.append_attribute("for") = domain;
    const std::string clean =
        text_.clean(name, [&] { return std::string(domain) + " attribute name '" + name + "'"; });
    key.append_attribute("attr.name") = clean.c_str();
    key.append_attribute("attr.type") = type;
    return id;
  }

 private:
  pugi::xml_node root_;
  pugi::xml_node graph_;
  xml::OutputText& text_;
  std::size_t next_ = 0;
};

void add_data(pugi::xml_node element, const std::string& key, const std::string& value) {
  pugi::xml_node data = element.append_child("data");
  data.append_attribute("key") = key.c_str();
  data.append_child(pugi::node_pcdata).set_value(value.c_str());
}

const char* graphml_type(ValueType type) {
  switch (type) {
    case ValueType::boolean: return "boolean";
    case ValueType::integer: return "int";
    case ValueType::long_integer: return "long";
    case ValueType::real: return "double";
    case ValueType::string: break;
  }
  return "string";
}

void write_nodes(const Network& network, pugi::xml_node graph, KeyWriter& keys, xml::OutputText& text,
                 const std::vector<std::string>& ids) {
  // Only columns some stakeholder has a value in: a key without values reads as "" everywhere.
  // The one exception: with an attribute named label, the name key is declared (values or
  // not), or the reader would take the label for the name.
  const std::vector<Column> columns = stakeholder_columns(network, false);
  const auto named = [&](const char* name) {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const Column& c) { return xml::lower(c.name) == name; });
  };
  std::vector<std::string> fields;
  std::vector<std::string> key_ids;
  if (named("label") && !named("name")) {
    fields.emplace_back("name");
    key_ids.push_back(keys.add("node", "name", "string"));
  }
  for (const Column& column : columns) {
    fields.push_back(column.name);
    key_ids.push_back(keys.add("node", column.name, graphml_type(column.type)));
  }
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    pugi::xml_node node = graph.append_child("node");
    node.append_attribute("id") = ids[i].c_str();
    const std::vector<std::string> values = stakeholder_values(network.stakeholders[i], fields);
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (values[f].empty()) continue;
      add_data(node, key_ids[f], text.clean(values[f], [&] {
        return "stakeholder '" + ids[i] + "' field '" + fields[f] + "'";
      }));
    }
  }
}

void write_edges(const Network& network, pugi::xml_node graph, KeyWriter& keys, xml::OutputText& text,
                 const std::vector<std::string>& ids) {
  const std::string weight_key = keys.add("edge", "weight", "double");
  const std::string kind_key = keys.add("edge", "kind", "string");
  const std::vector<std::string> date_fields = xml::tie_date_fields(network);
  std::vector<std::string> date_keys;
  for (const std::string& field : date_fields)
    date_keys.push_back(keys.add("edge", field, "string"));
  const std::vector<Column> attributes = tie_attribute_columns(network);
  std::vector<std::string> attribute_keys;
  for (const Column& column : attributes)
    attribute_keys.push_back(keys.add("edge", column.name, graphml_type(column.type)));
  std::vector<std::string> kinds;
  for (const std::string& kind : network.kinds)
    kinds.push_back(text.clean(kind, [&] { return "tie kind '" + kind + "'"; }));

  for (std::size_t i = 0; i < network.ties.size(); ++i) {
    const Tie& tie = network.ties[i];
    pugi::xml_node edge = graph.append_child("edge");
    edge.append_attribute("source") = ids[static_cast<std::size_t>(tie.source)].c_str();
    edge.append_attribute("target") = ids[static_cast<std::size_t>(tie.target)].c_str();
    add_data(edge, weight_key, format_number(tie.weight));
    add_data(edge, kind_key, kinds[static_cast<std::size_t>(tie.kind)]);
    for (std::size_t d = 0; d < date_fields.size(); ++d) {
      const std::string date = xml::tie_date(tie, date_fields[d]);
      if (!date.empty()) add_data(edge, date_keys[d], date);
    }
    for (std::size_t a = 0; a < attributes.size(); ++a) {
      const std::string& name = attributes[a].name;
      const auto it = tie.attributes.find(name);
      if (it == tie.attributes.end() || it->second.empty()) continue;
      add_data(edge, attribute_keys[a], text.clean(it->second, [&] {
        return "tie " + std::to_string(i + 1) + " field '" + name + "'";
      }));
    }
  }
}

}  // namespace

void read_graphml(const SourceText& source, NetworkBuilder& builder) {
  // Nodes are declared, so an edge to an id that is not a node is an error.
  builder.set_implicit_stakeholders(false);
  const xml::Document xml(source, "GraphML", builder.diagnostics());
  if (!xml.ok()) return;
  Reader(xml, builder).read();
}

std::string write_graphml(const Network& network, const std::string& file, Diagnostics& warnings) {
  xml::OutputText text(file, warnings);
  pugi::xml_document document;
  xml::add_declaration(document);
  document.append_child(pugi::node_comment).set_value(" clusterscope " CLUSTERSCOPE_VERSION " ");
  pugi::xml_node root = document.append_child("graphml");
  root.append_attribute("xmlns") = kNamespace;
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  root.append_attribute("xsi:schemaLocation") =
      "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
  std::vector<std::string> ids;
  ids.reserve(network.stakeholders.size());
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    ids.push_back(text.clean(network.stakeholders[i].id,
                             [&] { return "stakeholder " + std::to_string(i + 1) + " id"; }));
  }
  xml::require_distinct_ids(network, ids, file, "GraphML");
  pugi::xml_node graph = root.append_child("graph");
  graph.append_attribute("id") = "G";
  graph.append_attribute("edgedefault") = network.directed ? "directed" : "undirected";
  KeyWriter keys(root, graph, text);
  write_nodes(network, graph, keys, text, ids);
  write_edges(network, graph, keys, text, ids);
  return xml::serialise(document);
}

}  // namespace clusterscope::io
