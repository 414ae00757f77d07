#include "clusterscope/io/standard_input.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>

#include "clusterscope/io/builder.hpp"

namespace clusterscope::io {

std::optional<FileFormat> format_named(std::string_view name) {
  if (name == "csv") return FileFormat::csv;
  if (name == "graphml") return FileFormat::graphml;
  if (name == "gml") return FileFormat::gml;
  if (name == "net" || name == "pajek") return FileFormat::pajek;
  if (name == "gexf") return FileFormat::gexf;
  if (name == "json") return FileFormat::json;
  return std::nullopt;
}

SourceText read_standard_input(Diagnostics& diagnostics, std::uint64_t max_bytes) {
  if (isatty(STDIN_FILENO) != 0) {
    diagnostics.error({kStandardInputName, 0, 0},
                      "standard input is a terminal; pipe or redirect the data, e.g. "
                      "clusterscope validate - < ties.csv");
    return {kStandardInputName, {}};
  }
  std::string raw;
  std::array<char, 1 << 16> chunk{};
  while (true) {
    const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), stdin);
    if (got > 0) {
      if (raw.size() + got > max_bytes) {
        diagnostics.error({kStandardInputName, 0, 0},
                          "standard input holds more than the input size limit of " +
                              format_byte_size(max_bytes) + " (" + std::to_string(max_bytes) +
                              " bytes); reading stopped there — raise the limit with --max-input-size "
                              "(e.g. --max-input-size 4G) if the data is genuine");
        return {kStandardInputName, {}};
      }
      raw.append(chunk.data(), got);
    }
    if (got < chunk.size()) {
      if (std::ferror(stdin) != 0) {
        diagnostics.error({kStandardInputName, 0, 0}, "cannot read standard input");
        return {kStandardInputName, {}};
      }
      break;
    }
  }
  return source_from_bytes(kStandardInputName, std::move(raw), diagnostics, max_bytes);
}

Network load_network_from_source(const SourceText& source, FileFormat format, const LoadOptions& options,
                                 Diagnostics& diagnostics) {
  Network network;
  network.name = "stdin";
  NetworkBuilder builder(network, diagnostics);
  builder.set_csv_settings(options.csv);
  if (!source.bytes.empty()) {
    switch (format) {
      case FileFormat::csv:
        if (options.nodes_file) {
          const SourceText nodes = read_source(*options.nodes_file, diagnostics, options.max_input_bytes);
          network.input_files.push_back(options.nodes_file->string());
          if (!nodes.bytes.empty()) read_csv_edge_list(source, &nodes, builder);
        } else {
          read_csv_edge_list(source, nullptr, builder);
        }
        break;
      case FileFormat::graphml: read_graphml(source, builder); break;
      case FileFormat::gml: read_gml(source, builder); break;
      case FileFormat::pajek: read_pajek(source, builder); break;
      case FileFormat::gexf: read_gexf(source, builder); break;
      case FileFormat::json: read_node_link_json(source, builder); break;
    }
  }
  diagnostics.throw_if_errors();
  builder.finish();
  diagnostics.throw_if_errors();
  if (options.level == Level::institution) roll_up(network, diagnostics);
  apply_filters(network, options.filters, diagnostics);
  diagnostics.throw_if_errors();
  return network;
}

}  // namespace clusterscope::io
