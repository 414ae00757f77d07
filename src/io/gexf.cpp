// GEXF (gexf.net) reader and writer; writes 1.3, reads 1.3, 1.2 and 1.2draft.
//
// Reading: node `id` is the stakeholder id and `label` its name; `<attributes class="node">`
// declare the node values by title — canonical fields matched case-insensitively, anything else
// an attribute (an attvalue titled "name" replaces the label). Edges: the `weight` attribute is
// the weight; the kind is an edge attvalue titled "kind", else the `kind` attribute (GEXF 1.3),
// else the `label`; attvalues titled date, start and end are ISO dates; other edge attvalues
// become tie attributes. GEXF's dynamic mode (start/end attributes, spells) is not read: tie
// dates are plain values. Hierarchies (nested nodes) and mixed edge types are reported as not
// supported.

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clusterscope/io/formats.hpp"
#include "xml_support.hpp"

namespace clusterscope::io {

namespace {

constexpr const char* kNamespace = "http://gexf.net/1.3";

struct Attribute {
  std::string id;
  std::string title;
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
  bool directed_ = false;

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
    builder_.set_field(s, "id", xml::strip(id.value()), id_at);
    if (const pugi::xml_attribute label = node.attribute("label"))
      builder_.set_field(s, "name", label.value(), xml_.at(label, node));
    for (const Attribute* attribute : node_attributes_.defaults)
      values_.set(s, attribute->node_column, attribute->default_value, attribute->default_at);
    for_each_value(node, node_attributes_,
                   [&](const Attribute& attribute, std::string_view value, Location at) {
                     values_.set(s, attribute.node_column, value, at);
                   });
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
    const auto s = builder_.resolve(xml::strip(source.value()), xml_.at(source, edge));
    const auto t = builder_.resolve(xml::strip(target.value()), xml_.at(target, edge));
    xml::TieValues values;
    // Later values win: label, then the kind attribute, then attvalues.
    for (const auto& [name, role] :
         {std::pair{"label", xml::TieRole::kind}, std::pair{"kind", xml::TieRole::kind},
          std::pair{"weight", xml::TieRole::weight}}) {
      if (const pugi::xml_attribute attribute = edge.attribute(name))
        values.set(role, name, attribute.value(), xml_.at(attribute, edge));
    }
    for (const Attribute* attribute : edge_attributes_.defaults)
      values.set(attribute->edge_role, attribute->title, attribute->default_value, attribute->default_at);
    for_each_value(edge, edge_attributes_,
                   [&](const Attribute& attribute, std::string_view value, Location where) {
                     values.set(attribute.edge_role, attribute.title, std::string(value), where);
                   });
    xml::add_tie(builder_, s, t, values, at);
  }
};

const char* field_type(const std::string& field) {
  return field == "lat" || field == "lon" || field == "employees" ? "double" : "string";
}

/// Declares `<attribute>`s of one class; ids are their positions ("0", "1", …) since titles
/// may hold anything.
class AttributeWriter {
 public:
  /// The declarations go before `nodes`: GEXF wants every <attributes> first.
  AttributeWriter(pugi::xml_node graph, pugi::xml_node nodes, const char* which, xml::OutputText& text)
      : text_(text) {
    element_ = graph.insert_child_before("attributes", nodes);
    element_.append_attribute("class") = which;
    element_.append_attribute("mode") = "static";
  }

  std::string add(const std::string& title, const char* type) {
    std::string id = std::to_string(next_++);
    pugi::xml_node attribute = element_.append_child("attribute");
    attribute.append_attribute("id") = id.c_str();
    const std::string clean = text_.clean(title, [&] { return "attribute title '" + title + "'"; });
    attribute.append_attribute("title") = clean.c_str();
    attribute.append_attribute("type") = type;
    return id;
  }

 private:
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

void write_nodes(const Network& network, pugi::xml_node graph, pugi::xml_node nodes, xml::OutputText& text,
                 const std::vector<std::string>& ids) {
  std::vector<std::string> fields = used_stakeholder_fields(network);
  // The id and the name are the node's id and label.
  fields.erase(std::remove_if(fields.begin(), fields.end(),
                              [](const std::string& f) { return f == "id" || f == "name"; }),
               fields.end());
  AttributeWriter declare(graph, nodes, "node", text);
  std::vector<std::string> attribute_ids;
  for (const std::string& field : fields)
    attribute_ids.push_back(declare.add(field, field_type(field)));
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    const Stakeholder& s = network.stakeholders[i];
    pugi::xml_node node = nodes.append_child("node");
    node.append_attribute("id") = ids[i].c_str();
    const std::string name = text.clean(s.name, [&] { return "stakeholder '" + ids[i] + "' field 'name'"; });
    node.append_attribute("label") = name.c_str();
    const std::vector<std::string> values = stakeholder_values(s, fields);
    pugi::xml_node attvalues;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (values[f].empty()) continue;
      add_value(attvalues, node, attribute_ids[f], text.clean(values[f], [&] {
        return "stakeholder '" + ids[i] + "' field '" + fields[f] + "'";
      }));
    }
  }
}

void write_edges(const Network& network, pugi::xml_node graph, pugi::xml_node nodes, xml::OutputText& text,
                 const std::vector<std::string>& ids) {
  AttributeWriter declare(graph, nodes, "edge", text);
  // The kind is an attvalue (what every GEXF reader keeps) and the label (what Gephi shows).
  const std::string kind_id = declare.add("kind", "string");
  const std::vector<std::string> date_fields = xml::tie_date_fields(network);
  std::vector<std::string> date_ids;
  for (const std::string& field : date_fields)
    date_ids.push_back(declare.add(field, "string"));
  std::vector<std::string> attribute_ids;
  for (const std::string& name : network.tie_attribute_names)
    attribute_ids.push_back(declare.add(name, "string"));
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
    for (std::size_t a = 0; a < network.tie_attribute_names.size(); ++a) {
      const std::string& name = network.tie_attribute_names[a];
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
  root.append_attribute("xsi:schemaLocation") = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";
  root.append_attribute("version") = "1.3";
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

}  // namespace clusterscope::io
