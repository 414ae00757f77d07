// GEXF (gexf.net) reader and writer; writes 1.2draft (what networkx and Gephi 0.9+ read), reads
// 1.1, 1.2draft, 1.2 and 1.3.
//
// Reading: node `id` is the stakeholder id and `label` its name; `<attributes class="node">`
// declare the node values by title — canonical fields matched case-insensitively, anything else
// an attribute (an attvalue titled "name" replaces the label). Values of attributes typed double
// or float are kept as format_number writes them, boolean ones as "true" or "false". The viz
// elements become attributes: viz:position → x, y (and z), viz:color → color "#rrggbb" (with a
// fourth byte "#rrggbbaa" when it has an alpha), viz:size → size. Edges: the `weight`
// attribute is the weight; the kind is an edge attvalue titled "kind", else the `kind` attribute
// (GEXF 1.3), else the `label`; attvalues titled date, start and end are ISO dates; other edge
// attvalues become tie attributes. GEXF's dynamic mode (start/end attributes, spells) is not
// read: tie dates are plain values. Hierarchies (nested nodes) and mixed edge types are reported
// as not supported.
//
// Writing: attributes typed by their values (columns.hpp: integer, long, double, boolean,
// string), only those some stakeholder or tie has a value for; x, y, z, size and color as viz
// elements when every value is a number (a colour) — so a file read from Gephi keeps its
// drawing; `label` only for a stakeholder with a name.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clusterscope/io/formats.hpp"
#include "columns.hpp"
#include "xml_support.hpp"

namespace clusterscope::io {

namespace {

// GEXF 1.2draft: what networkx (2.x and 3.x) and Gephi 0.9+ read.
constexpr const char* kNamespace = "http://www.gexf.net/1.2draft";
constexpr const char* kVizNamespace = "http://www.gexf.net/1.2draft/viz";

struct Attribute {
  std::string id;
  std::string title;
  std::string type;  ///< real and boolean values are normalised (normalise_typed)
  bool has_default = false;
  std::string default_value;
  Location default_at;
  std::string node_column;  ///< the set_field column of node values
  xml::TieRole edge_role = xml::TieRole::attribute;
  Location at;
};

/// The declared attributes of one class (node or edge), by id.
struct AttributeClass {
  std::vector<Attribute> attributes;
  std::unordered_map<std::string, std::size_t> index;
  /// The attributes with a <default>, set once all are declared: each element then costs what
  /// it holds, not what the file declares.
  std::vector<const Attribute*> defaults;
  void collect_defaults() {
    defaults.clear();
    for (const Attribute& attribute : attributes)
      if (attribute.has_default) defaults.push_back(&attribute);
  }
};

class Reader {
 public:
  Reader(const xml::Document& xml, NetworkBuilder& builder)
      : xml_(xml), builder_(builder), diagnostics_(builder.diagnostics()), values_(builder) {}

  void read() {
    const pugi::xml_node root = xml_.root();
    if (std::string_view(root.name()) != "gexf") {
      diagnostics_.error(xml_.at(root), "root element is <" + std::string(root.name()) +
                                            ">; expected <gexf> (is this a GEXF file?)");
      return;
    }
    // viz elements by the prefix the file gives the viz namespace (1.1draft, 1.2draft, 1.3).
    viz_prefixes_.push_back("viz");
    for (const pugi::xml_attribute& attribute : root.attributes()) {
      const std::string_view name = attribute.name();
      const std::string_view uri = attribute.value();
      if (name.substr(0, 6) == "xmlns:" && uri.size() >= 4 && uri.substr(uri.size() - 4) == "/viz")
        viz_prefixes_.emplace_back(name.substr(6));
    }
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
      diagnostics_.error(xml_.at(root), "missing <graph> element; expected <gexf> to hold one <graph>");
      return;
    }
    read_graph(graph);
  }

 private:
  const xml::Document& xml_;
  NetworkBuilder& builder_;
  Diagnostics& diagnostics_;
  xml::StakeholderValues values_;
  AttributeClass node_attributes_;
  AttributeClass edge_attributes_;
  std::vector<std::string> viz_prefixes_;
  bool directed_ = false;

  static std::string node_value(const Attribute& attribute, std::string_view text) {
    const auto& fields = stakeholder_fields();
    const bool extra = std::find(fields.begin(), fields.end(), attribute.node_column) == fields.end();
    return typed_value(attribute.type, extra, text);
  }
  static std::string edge_value(const Attribute& attribute, std::string_view text) {
    return typed_value(attribute.type, attribute.edge_role == xml::TieRole::attribute, text);
  }

  /// "position" for <viz:position> (any prefix bound to a viz namespace), else "".
  [[nodiscard]] std::string_view viz_name(const pugi::xml_node& element) const {
    const std::string_view name = element.name();
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) return {};
    const std::string_view prefix = name.substr(0, colon);
    for (const std::string& p : viz_prefixes_)
      if (p == prefix) return name.substr(colon + 1);
    return {};
  }

  /// A viz number: its text as format_number writes it, or nullopt (warned) when it is not one.
  std::optional<std::string> viz_number(const pugi::xml_attribute& attribute, const pugi::xml_node& element) {
    const auto value = parse_double(strip(attribute.value()));
    if (value) return format_number(*value);
    diagnostics_.warning(xml_.at(attribute, element), std::string(element.name()) + " " + attribute.name() +
                                                          " '" + attribute.value() +
                                                          "' is not a number; ignored");
    return std::nullopt;
  }

  /// viz:position x, y, z → attributes x, y, z; viz:color r, g, b[, a] → color "#rrggbb[aa]";
  /// viz:size value → size. Other viz elements (shape, thickness) are not read.
  void read_viz(const pugi::xml_node& node, Stakeholder& s) {
    for (const pugi::xml_node& element : node.children()) {
      const std::string_view what = viz_name(element);
      if (what == "position") {
        for (const char* axis : {"x", "y", "z"}) {
          const pugi::xml_attribute coordinate = element.attribute(axis);
          if (!coordinate) continue;
          if (const auto text = viz_number(coordinate, element))
            values_.set(s, axis, *text, xml_.at(coordinate, element));
        }
      } else if (what == "size") {
        if (const pugi::xml_attribute value = element.attribute("value")) {
          if (const auto text = viz_number(value, element))
            values_.set(s, "size", *text, xml_.at(value, element));
        }
      } else if (what == "color") {
        read_colour(element, s);
      }
    }
  }

  void read_colour(const pugi::xml_node& element, Stakeholder& s) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string colour = "#";
    for (const char* channel : {"r", "g", "b", "a"}) {
      const pugi::xml_attribute attribute = element.attribute(channel);
      const bool alpha = channel[0] == 'a';
      if (!attribute && alpha) break;
      const auto value = attribute ? parse_double(strip(attribute.value())) : std::nullopt;
      const double limit = alpha ? 1.0 : 255.0;
      if (!value || *value < 0 || *value > limit || (!alpha && *value != std::floor(*value))) {
        diagnostics_.warning(
            attribute ? xml_.at(attribute, element) : xml_.at(element),
            std::string(element.name()) + " " + channel + " '" + attribute.value() + "'; expected " +
                (alpha ? "a number from 0 to 1" : "an integer from 0 to 255") + "; colour ignored");
        return;
      }
      const auto byte = static_cast<unsigned>(alpha ? std::lround(*value * 255.0) : std::lround(*value));
      colour += digits[byte >> 4];
      colour += digits[byte & 0xF];
    }
    values_.set(s, "color", colour, xml_.at(element));
  }

  void read_graph(const pugi::xml_node& graph) {
    const pugi::xml_attribute type = graph.attribute("defaultedgetype");
    const std::string_view value = type.value();
    if (value == "directed") {
      directed_ = true;
    } else if (type && value != "undirected") {
      diagnostics_.error(xml_.at(type, graph),
                         "defaultedgetype '" + std::string(value) +
                             "'; expected directed or undirected (mutual is not supported)");
    }
    builder_.network().directed = directed_;
    for (const pugi::xml_node& declarations : graph.children("attributes"))
      read_attributes(declarations);
    node_attributes_.collect_defaults();
    edge_attributes_.collect_defaults();
    // Nodes first: every edge needs both its ends.
    for (const pugi::xml_node& nodes : graph.children("nodes")) {
      for (const pugi::xml_node& node : nodes.children("node"))
        read_node(node);
    }
    for (const pugi::xml_node& edges : graph.children("edges")) {
      for (const pugi::xml_node& edge : edges.children("edge"))
        read_edge(edge);
    }
  }

  void read_attributes(const pugi::xml_node& declarations) {
    const pugi::xml_attribute of = declarations.attribute("class");
    const std::string_view which = of.value();
    if (which != "node" && which != "edge") {
      // Graph-level attributes say nothing about stakeholders or ties.
      if (!of) {
        diagnostics_.error(xml_.at(declarations),
                           "<attributes> without a class attribute; expected "
                           "class=\"node\" or class=\"edge\"");
      }
      return;
    }
    AttributeClass& into = which == "node" ? node_attributes_ : edge_attributes_;
    for (const pugi::xml_node& element : declarations.children("attribute")) {
      const pugi::xml_attribute id = element.attribute("id");
      if (!id) {
        diagnostics_.error(xml_.at(element),
                           "<attribute> without an id attribute; expected <attribute "
                           "id=\"…\" title=\"…\" type=\"…\">");
        continue;
      }
      Attribute attribute;
      attribute.id = id.value();
      attribute.at = xml_.at(id, element);
      const pugi::xml_attribute title = element.attribute("title");
      attribute.title = title ? title.value() : attribute.id;
      attribute.type = element.attribute("type").value();
      if (const pugi::xml_node value = element.child("default")) {
        attribute.has_default = true;
        attribute.default_value = xml::text_of(value);
        attribute.default_at = xml_.text_at(value);
      }
      attribute.node_column = xml::stakeholder_column(attribute.title, stakeholder_fields());
      attribute.edge_role = xml::tie_role(attribute.title);
      const auto [it, inserted] = into.index.try_emplace(attribute.id, into.attributes.size());
      if (!inserted) {
        diagnostics_.error(attribute.at, "duplicate " + std::string(which) + " attribute id '" +
                                             attribute.id + "' (first declared at line " +
                                             std::to_string(into.attributes[it->second].at.line) +
                                             "); expected unique attribute ids");
        continue;
      }
      into.attributes.push_back(std::move(attribute));
    }
  }

  /// Calls `use(attribute, value, where)` for each `<attvalue>` of `element`; reports those
  /// without `for` or `value` and those naming an undeclared attribute.
  template <typename Use>
  void for_each_value(const pugi::xml_node& element, const AttributeClass& declared, Use&& use) {
    for (const pugi::xml_node& values : element.children("attvalues")) {
      for (const pugi::xml_node& attvalue : values.children("attvalue")) {
        // GEXF 1.1 named the attribute with `id`, later versions with `for`.
        pugi::xml_attribute id = attvalue.attribute("for");
        if (!id) id = attvalue.attribute("id");
        const pugi::xml_attribute value = attvalue.attribute("value");
        if (!id || !value) {
          diagnostics_.error(xml_.at(attvalue), std::string("<attvalue> without a ") +
                                                    (id ? "value" : "for") +
                                                    " attribute; expected <attvalue for=\"…\" value=\"…\">");
          continue;
        }
        const auto it = declared.index.find(id.value());
        if (it == declared.index.end()) {
          diagnostics_.error(xml_.at(id, attvalue), "undeclared attribute '" + std::string(id.value()) +
                                                        "'; expected the id of an <attribute> of this class");
          continue;
        }
        use(declared.attributes[it->second], value.value(), xml_.at(value, attvalue));
      }
    }
  }

  void read_node(const pugi::xml_node& node) {
    const pugi::xml_attribute id = node.attribute("id");
    if (!id) {
      diagnostics_.error(xml_.at(node), "<node> without an id attribute; expected <node id=\"…\">");
      return;
    }
    if (const pugi::xml_node nested = node.child("nodes")) {
      diagnostics_.error(xml_.at(nested), "nodes inside node '" + std::string(id.value()) +
                                              "' (a hierarchy) are not supported; expected a flat graph");
    }
    Stakeholder s;
    const Location id_at = xml_.at(id, node);
    builder_.set_field(s, "id", strip(id.value()), id_at);
    if (const pugi::xml_attribute label = node.attribute("label"))
      builder_.set_field(s, "name", label.value(), xml_.at(label, node));
    for (const Attribute* attribute : node_attributes_.defaults)
      values_.set(s, attribute->node_column, node_value(*attribute, attribute->default_value),
                  attribute->default_at);
    for_each_value(node, node_attributes_,
                   [&](const Attribute& attribute, std::string_view value, Location at) {
                     values_.set(s, attribute.node_column, node_value(attribute, value), at);
                   });
    read_viz(node, s);
    builder_.add_stakeholder(std::move(s), id_at);
  }

  void check_type(const pugi::xml_node& edge) {
    const pugi::xml_attribute type = edge.attribute("type");
    if (!type) return;
    const std::string_view value = type.value();
    if (value != "directed" && value != "undirected") {
      diagnostics_.error(xml_.at(type, edge),
                         "edge type '" + std::string(value) +
                             "'; expected directed or undirected (mutual is not supported)");
    } else if ((value == "directed") != directed_) {
      diagnostics_.error(xml_.at(type, edge),
                         "edge type '" + std::string(value) + "' in a graph with defaultedgetype=\"" +
                             (directed_ ? "directed" : "undirected") +
                             "\"; mixed graphs are not supported, expected every edge as the "
                             "default");
    }
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
    check_type(edge);
    const auto s = builder_.resolve(strip(source.value()), xml_.at(source, edge));
    const auto t = builder_.resolve(strip(target.value()), xml_.at(target, edge));
    xml::TieValues values;
    // Later values win: label, then the kind attribute, then attvalues.
    for (const auto& [name, role] :
         {std::pair{"label", xml::TieRole::kind}, std::pair{"kind", xml::TieRole::kind},
          std::pair{"weight", xml::TieRole::weight}}) {
      if (const pugi::xml_attribute attribute = edge.attribute(name))
        values.set(role, name, attribute.value(), xml_.at(attribute, edge));
    }
    for (const Attribute* attribute : edge_attributes_.defaults)
      values.set(attribute->edge_role, attribute->title, edge_value(*attribute, attribute->default_value),
                 attribute->default_at);
    for_each_value(edge, edge_attributes_,
                   [&](const Attribute& attribute, std::string_view value, Location where) {
                     values.set(attribute.edge_role, attribute.title, edge_value(attribute, value), where);
                   });
    xml::add_tie(builder_, s, t, values, at);
  }
};

const char* gexf_type(ValueType type) {
  switch (type) {
    case ValueType::boolean: return "boolean";
    case ValueType::integer: return "integer";
    case ValueType::long_integer: return "long";
    case ValueType::real: return "double";
    case ValueType::string: break;
  }
  return "string";
}

/// Declares `<attribute>`s of one class; ids are their positions ("0", "1", …) since titles
/// may hold anything.
class AttributeWriter {
 public:
  /// The declarations go before `nodes`: GEXF wants every <attributes> first.
  AttributeWriter(pugi::xml_node graph, pugi::xml_node nodes, const char* which, xml::OutputText& text)
      : graph_(graph), nodes_(nodes), which_(which), text_(text) {}

  std::string add(const std::string& title, const char* type) {
    if (!element_) {
      // Declared only when there is something to declare.
      element_ = graph_.insert_child_before("attributes", nodes_);
      element_.append_attribute("class") = which_;
      element_.append_attribute("mode") = "static";
    }
    std::string id = std::to_string(next_++);
    pugi::xml_node attribute = element_.append_child("attribute");
    attribute.append_attribute("id") = id.c_str();
    const std::string clean = text_.clean(title, [&] { return "attribute title '" + title + "'"; });
    attribute.append_attribute("title") = clean.c_str();
    attribute.append_attribute("type") = type;
    return id;
  }

 private:
  pugi::xml_node graph_;
  pugi::xml_node nodes_;
  const char* which_;
  pugi::xml_node element_;
  xml::OutputText& text_;
  std::size_t next_ = 0;
};

void add_value(pugi::xml_node& values, pugi::xml_node element, const std::string& id,
               const std::string& value) {
  if (!values) values = element.append_child("attvalues");
  pugi::xml_node attvalue = values.append_child("attvalue");
  attvalue.append_attribute("for") = id.c_str();
  attvalue.append_attribute("value") = value.c_str();
}

/// "#rrggbb" or "#rrggbbaa" in lower-case hex: the colours read from viz:color.
bool is_viz_colour(std::string_view text) {
  if ((text.size() != 7 && text.size() != 9) || text.front() != '#') return false;
  return std::all_of(text.begin() + 1, text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

int hex_byte(std::string_view two) {
  const auto digit = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  return digit(two[0]) * 16 + digit(two[1]);
}

/// The attributes written as viz elements instead of attvalues: x, y, z and size when every
/// value is a number, color when every value is a viz colour.
bool is_viz_column(const Column& column, const Network& network) {
  const std::string& name = column.name;
  if (name == "x" || name == "y" || name == "z" || name == "size")
    return column.type == ValueType::integer || column.type == ValueType::long_integer ||
           column.type == ValueType::real;
  if (name != "color") return false;
  return std::all_of(network.stakeholders.begin(), network.stakeholders.end(), [](const Stakeholder& s) {
    const auto it = s.attributes.find("color");
    return it == s.attributes.end() || it->second.empty() || is_viz_colour(it->second);
  });
}

void write_viz(pugi::xml_node node, const Stakeholder& s, const std::vector<std::string>& viz) {
  const auto value = [&](const char* name) -> const std::string* {
    if (std::find(viz.begin(), viz.end(), name) == viz.end()) return nullptr;
    const auto it = s.attributes.find(name);
    return it == s.attributes.end() || it->second.empty() ? nullptr : &it->second;
  };
  if (const std::string* colour = value("color")) {
    pugi::xml_node element = node.append_child("viz:color");
    const std::string_view hex = *colour;
    element.append_attribute("r") = hex_byte(hex.substr(1, 2));
    element.append_attribute("g") = hex_byte(hex.substr(3, 2));
    element.append_attribute("b") = hex_byte(hex.substr(5, 2));
    if (hex.size() == 9)
      element.append_attribute("a") = format_number(hex_byte(hex.substr(7, 2)) / 255.0).c_str();
  }
  pugi::xml_node position;
  for (const char* axis : {"x", "y", "z"}) {
    const std::string* coordinate = value(axis);
    if (coordinate == nullptr) continue;
    if (!position) position = node.append_child("viz:position");
    position.append_attribute(axis) = coordinate->c_str();
  }
  if (const std::string* size = value("size"))
    node.append_child("viz:size").append_attribute("value") = size->c_str();
}

void write_nodes(const Network& network, pugi::xml_node graph, pugi::xml_node nodes, xml::OutputText& text,
                 const std::vector<std::string>& ids) {
  // Only columns some stakeholder has a value in; the id and the name are the node's id and
  // label; x, y, z, size and color are viz elements when they hold what those hold.
  std::vector<std::string> fields;
  std::vector<std::string> viz;
  AttributeWriter declare(graph, nodes, "node", text);
  std::vector<std::string> attribute_ids;
  for (const Column& column : stakeholder_columns(network, false)) {
    if (column.name == "name") continue;
    if (is_viz_column(column, network)) {
      viz.push_back(column.name);
      continue;
    }
    fields.push_back(column.name);
    attribute_ids.push_back(declare.add(column.name, gexf_type(column.type)));
  }
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    const Stakeholder& s = network.stakeholders[i];
    pugi::xml_node node = nodes.append_child("node");
    node.append_attribute("id") = ids[i].c_str();
    if (!s.name.empty()) {
      const std::string name =
          text.clean(s.name, [&] { return "stakeholder '" + ids[i] + "' field 'name'"; });
      node.append_attribute("label") = name.c_str();
    }
    const std::vector<std::string> values = stakeholder_values(s, fields);
    pugi::xml_node attvalues;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (values[f].empty()) continue;
      add_value(attvalues, node, attribute_ids[f], text.clean(values[f], [&] {
        return "stakeholder '" + ids[i] + "' field '" + fields[f] + "'";
      }));
    }
    write_viz(node, s, viz);
  }
}

void write_edges(const Network& network, pugi::xml_node graph, pugi::xml_node nodes, xml::OutputText& text,
                 const std::vector<std::string>& ids) {
  AttributeWriter declare(graph, nodes, "edge", text);
  // The kind is an attvalue (what every GEXF reader keeps) and the label (what Gephi shows).
  const std::string kind_id = network.ties.empty() ? std::string() : declare.add("kind", "string");
  const std::vector<std::string> date_fields = xml::tie_date_fields(network);
  std::vector<std::string> date_ids;
  for (const std::string& field : date_fields)
    date_ids.push_back(declare.add(field, "string"));
  const std::vector<Column> attributes = tie_attribute_columns(network);
  std::vector<std::string> attribute_ids;
  for (const Column& column : attributes)
    attribute_ids.push_back(declare.add(column.name, gexf_type(column.type)));
  std::vector<std::string> kinds;
  for (const std::string& kind : network.kinds)
    kinds.push_back(text.clean(kind, [&] { return "tie kind '" + kind + "'"; }));

  pugi::xml_node edges = graph.append_child("edges");
  for (std::size_t i = 0; i < network.ties.size(); ++i) {
    const Tie& tie = network.ties[i];
    pugi::xml_node edge = edges.append_child("edge");
    edge.append_attribute("id") = std::to_string(i).c_str();
    edge.append_attribute("source") = ids[static_cast<std::size_t>(tie.source)].c_str();
    edge.append_attribute("target") = ids[static_cast<std::size_t>(tie.target)].c_str();
    edge.append_attribute("weight") = format_number(tie.weight).c_str();
    const std::string& kind = kinds[static_cast<std::size_t>(tie.kind)];
    edge.append_attribute("label") = kind.c_str();
    pugi::xml_node attvalues;
    add_value(attvalues, edge, kind_id, kind);
    for (std::size_t d = 0; d < date_fields.size(); ++d) {
      const std::string date = xml::tie_date(tie, date_fields[d]);
      if (!date.empty()) add_value(attvalues, edge, date_ids[d], date);
    }
    for (std::size_t a = 0; a < attributes.size(); ++a) {
      const std::string& name = attributes[a].name;
      const auto it = tie.attributes.find(name);
      if (it == tie.attributes.end() || it->second.empty()) continue;
      add_value(attvalues, edge, attribute_ids[a], text.clean(it->second, [&] {
        return "tie " + std::to_string(i + 1) + " field '" + name + "'";
      }));
    }
  }
}

}  // namespace

void read_gexf(const SourceText& source, NetworkBuilder& builder) {
  // Nodes are declared, so an edge to an id that is not a node is an error.
  builder.set_implicit_stakeholders(false);
  const xml::Document xml(source, "GEXF", builder.diagnostics());
  if (!xml.ok()) return;
  Reader(xml, builder).read();
}

std::string write_gexf(const Network& network, const std::string& file, Diagnostics& warnings) {
  xml::OutputText text(file, warnings);
  pugi::xml_document document;
  xml::add_declaration(document);
  pugi::xml_node root = document.append_child("gexf");
  root.append_attribute("xmlns") = kNamespace;
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  root.append_attribute("xmlns:viz") = kVizNamespace;
  root.append_attribute("xsi:schemaLocation") =
      "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd";
  root.append_attribute("version") = "1.2";
  pugi::xml_node meta = root.append_child("meta");
  meta.append_child("creator")
      .append_child(pugi::node_pcdata)
      .set_value("clusterscope " CLUSTERSCOPE_VERSION);
  if (!network.description.empty()) {
    const std::string description =
        text.clean(network.description, [] { return std::string("description"); });
    meta.append_child("description").append_child(pugi::node_pcdata).set_value(description.c_str());
  }
  pugi::xml_node graph = root.append_child("graph");
  graph.append_attribute("defaultedgetype") = network.directed ? "directed" : "undirected";
  graph.append_attribute("mode") = "static";
  std::vector<std::string> ids;
  ids.reserve(network.stakeholders.size());
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    ids.push_back(text.clean(network.stakeholders[i].id,
                             [&] { return "stakeholder " + std::to_string(i + 1) + " id"; }));
  }
  xml::require_distinct_ids(network, ids, file, "GEXF");
  const pugi::xml_node nodes = graph.append_child("nodes");
  write_nodes(network, graph, nodes, text, ids);
  write_edges(network, graph, nodes, text, ids);
  return xml::serialise(document);
}

std::string write_gexf(const Network& network, const GexfDrawing& drawing, const std::string& file,
                       Diagnostics& warnings) {
  Network drawn = network;
  const auto set = [&](const char* name, std::size_t v, std::string value) {
    if (std::find(drawn.attribute_names.begin(), drawn.attribute_names.end(), name) ==
        drawn.attribute_names.end())
      drawn.attribute_names.emplace_back(name);
    auto& attributes = drawn.stakeholders[v].attributes;
    if (value.empty())
      attributes.erase(name);
    else
      attributes[name] = std::move(value);
  };
  const auto number = [](const std::vector<double>& values, std::size_t v) {
    return v < values.size() && std::isfinite(values[v]) ? format_number(values[v]) : std::string();
  };
  for (std::size_t v = 0; v < drawn.stakeholders.size(); ++v) {
    if (drawing.layout.size() > 0) {
      set("x", v, number(drawing.layout.x, v));
      set("y", v, number(drawing.layout.y, v));
    }
    if (!drawing.colours.empty()) {
      std::string colour = v < drawing.colours.size() ? xml::lower(drawing.colours[v]) : std::string();
      set("color", v, is_viz_colour(colour) ? colour : std::string());
    }
    if (!drawing.sizes.empty()) set("size", v, number(drawing.sizes, v));
  }
  return write_gexf(drawn, file, warnings);
}

}  // namespace clusterscope::io
