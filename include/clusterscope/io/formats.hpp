#pragma once
// Readers and writers of single graph files. Readers add to a Network through NetworkBuilder and
// report every problem into Diagnostics (file:line:column); writers return the file content and
// report, as warnings, every value the format cannot hold and how it was escaped or replaced.

#include <array>
#include <filesystem>
#include <optional>
#include <string>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/core/names.hpp"
#include "clusterscope/io/builder.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::io {

enum class FileFormat { csv, graphml, gml, pajek, gexf, json };

/// The formats by name (--format, --output-format) and by extension: paj and pajek are read as
/// net.
inline constexpr std::array<core::Name<FileFormat>, 8> kFileFormatNames = {{
    {FileFormat::csv, "csv"},
    {FileFormat::graphml, "graphml"},
    {FileFormat::gml, "gml"},
    {FileFormat::pajek, "net"},
    {FileFormat::pajek, "paj"},
    {FileFormat::pajek, "pajek"},
    {FileFormat::gexf, "gexf"},
    {FileFormat::json, "json"},
}};
/// The formats' names for people.
inline constexpr std::array<core::Name<FileFormat>, 6> kFileFormatTitles = {{
    {FileFormat::csv, "CSV"},
    {FileFormat::graphml, "GraphML"},
    {FileFormat::gml, "GML"},
    {FileFormat::pajek, "Pajek"},
    {FileFormat::gexf, "GEXF"},
    {FileFormat::json, "JSON node-link"},
}};

/// The format of a file by its extension (".graphml", ".gml", ".net", ".gexf", ".json",
/// ".csv", each optionally followed by ".gz"); nullopt when unknown.
std::optional<FileFormat> format_of(const std::filesystem::path& path);
/// A format by its name as --format gives it (kFileFormatNames).
std::optional<FileFormat> format_named(std::string_view name);
/// The format's name for people (kFileFormatTitles).
const char* format_name(FileFormat format);

/// CSV edge list `source,target[,weight,kind,date,start,end,…]` and an optional node table
/// `id[,name,type,…]`. Without a node table, ids are created as they appear.
void read_csv_edge_list(const SourceText& edges, const SourceText* nodes, NetworkBuilder& builder);
/// GraphML (graphml.graphdrawing.org): node `id` is the stakeholder id; `<key>` declarations
/// name the data; an edge key named `weight` is the weight, `kind` the kind.
void read_graphml(const SourceText& source, NetworkBuilder& builder);
/// GEXF 1.1/1.2/1.3: node `id`, `label` → name, attvalues by attribute title, viz:position →
/// attributes x, y (z), viz:color → color "#rrggbb" ("#rrggbbaa" with an alpha), viz:size →
/// size; edge `weight`, `kind` attribute or `label` → kind.
void read_gexf(const SourceText& source, NetworkBuilder& builder);
/// GML: `graph [ directed 0|1 node [ id … label … ] edge [ source … target … ] ]`.
void read_gml(const SourceText& source, NetworkBuilder& builder);
/// Pajek .net: `*Vertices n`, `i "label"`, `*Edges`/`*Arcs` (optionally `:k "kind"`), `i j [w]`.
void read_pajek(const SourceText& source, NetworkBuilder& builder);
/// JSON node-link (networkx `node_link_data`): `{"directed", "nodes": [{"id", …}],
/// "links"|"edges": [{"source", "target", "weight", "kind", …}]}`.
void read_node_link_json(const SourceText& source, NetworkBuilder& builder);

/// Writers: file content of `network` in each format. `file` is the output's name, used in
/// the warnings about values the format cannot hold.
std::string write_csv_edges(const Network& network);
std::string write_csv_nodes(const Network& network);
/// The referrals as `date,by,firm,partner,note`, those whose three ids are stakeholders of the
/// network (a recommendations file's "clusterscope" is not), for a normalised dataset folder.
std::string write_csv_referrals(const Network& network);
std::string write_graphml(const Network& network, const std::string& file, Diagnostics& warnings);
std::string write_gexf(const Network& network, const std::string& file, Diagnostics& warnings);
/// How write_gexf draws the stakeholders in Gephi: for stakeholder v, viz:position x[v], y[v]
/// (layout units; y grows upwards in a Layout and in Gephi alike, so it is written as it is),
/// viz:color colours[v] ("#rrggbb") and viz:size sizes[v]. An empty layout or vector leaves
/// that element out; a non-finite number or an empty colour leaves it out for that stakeholder.
struct GexfDrawing {
  Layout layout;
  std::vector<std::string> colours;
  std::vector<double> sizes;
};
/// GEXF of `network` drawn as `drawing` says: the stakeholder attributes x, y, color and size
/// are replaced by the drawing's and written as viz elements.
std::string write_gexf(const Network& network, const GexfDrawing& drawing, const std::string& file,
                       Diagnostics& warnings);
std::string write_gml(const Network& network, const std::string& file, Diagnostics& warnings);
std::string write_pajek(const Network& network, const std::string& file, Diagnostics& warnings);
std::string write_node_link_json(const Network& network, const std::string& file, Diagnostics& warnings);

/// The stakeholder columns worth writing: id, name and type always, the other canonical fields
/// (stakeholder_fields()) when any stakeholder has a value, then the extra attribute names.
std::vector<std::string> used_stakeholder_fields(const Network& network);
/// The values of `fields` (canonical or attribute names) of one stakeholder as text: numbers
/// by format_number, tags joined with ';', a missing value as "".
std::vector<std::string> stakeholder_values(const Stakeholder& s, const std::vector<std::string>& fields);

/// Path of the node table written beside a CSV edge list: "ties.csv" → "ties.nodes.csv".
std::filesystem::path csv_nodes_path(const std::filesystem::path& edges);

}  // namespace clusterscope::io
