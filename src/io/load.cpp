#include "clusterscope/io/load.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "clusterscope/io/builder.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/manifest.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/io/text.hpp"

namespace clusterscope::io {

std::optional<FileFormat> format_named(std::string_view name) {
  return core::find_name(kFileFormatNames, name);
}

std::optional<FileFormat> format_of(const std::filesystem::path& path) {
  const std::string ext = format_extension(path);
  if (ext.size() < 2 || ext.front() != '.') return std::nullopt;
  return format_named(std::string_view(ext).substr(1));
}

const char* format_name(FileFormat format) {
  return core::name_of(kFileFormatTitles, format).data();  // the table's names are literals
}

namespace {

bool is_manifest(const std::filesystem::path& path) {
  return path.filename() == "dataset.json";
}

/// Reads one file's text in `format`; a CSV edge list with its node table when `nodes_path` names
/// one.
void read_in_format(const SourceText& source, FileFormat format,
                    const std::optional<std::filesystem::path>& nodes_path, const LoadOptions& options,
                    NetworkBuilder& builder) {
  if (source.bytes.empty()) return;
  switch (format) {
    case FileFormat::csv: {
      if (nodes_path) {
        const SourceText nodes = read_source(*nodes_path, builder.diagnostics(), options.max_input_bytes);
        builder.network().input_files.push_back(nodes_path->string());
        if (nodes.bytes.empty()) return;
        read_csv_edge_list(source, &nodes, builder);
      } else {
        read_csv_edge_list(source, nullptr, builder);
      }
      break;
    }
    case FileFormat::graphml: read_graphml(source, builder); break;
    case FileFormat::gml: read_gml(source, builder); break;
    case FileFormat::pajek: read_pajek(source, builder); break;
    case FileFormat::gexf: read_gexf(source, builder); break;
    case FileFormat::json: read_node_link_json(source, builder); break;
  }
}

void read_single_file(const std::filesystem::path& input, const LoadOptions& options,
                      NetworkBuilder& builder) {
  Diagnostics& diagnostics = builder.diagnostics();
  const auto format = format_of(input);
  if (!format) {
    diagnostics.error(
        {input.string(), 0, 0},
        "unknown input format '" + input.extension().string() +
            "'; expected a dataset folder, dataset.json, or a .csv, .graphml, .gml, .net, .gexf or "
            ".json file (optionally .gz)");
    return;
  }
  const SourceText source = read_source(input, diagnostics, options.max_input_bytes);
  builder.network().input_files.push_back(input.string());
  std::optional<std::filesystem::path> nodes_path = options.nodes_file;
  if (*format == FileFormat::csv && !nodes_path && std::filesystem::exists(csv_nodes_path(input)))
    nodes_path = csv_nodes_path(input);
  read_in_format(source, *format, nodes_path, options, builder);
}

void merge(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const std::string& value : more) {
    if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
  }
}

/// Warns about referrals the analysed network cannot judge: dated outside the span of its dated
/// ties, or naming a stakeholder the filters or the roll-up removed.
void check_referrals(const Network& network, Diagnostics& diagnostics) {
  if (network.referrals.empty()) return;
  const DatedSpan span = dated_span(network);
  const Date& first = span.first;
  const Date& last = span.last;
  std::size_t missing = 0;
  for (const Referral& r : network.referrals) {
    const Location at{r.file, r.line, 1};
    if (!network.find(r.firm) || !network.find(r.partner)) {
      ++missing;
      continue;
    }
    if (first.empty()) continue;
    if (r.date.last_day() < first || last < r.date.first_day())
      diagnostics.warning(at, "referral date " + r.date.to_string() + " is outside the data's dated span (" +
                                  first.to_string() + " … " + last.to_string() +
                                  "); its uptake cannot be judged");
  }
  if (missing > 0)
    diagnostics.warning(
        Location{network.referrals.front().file, 0, 0},
        std::to_string(missing) + (missing == 1 ? " referral names" : " referrals name") +
            " a stakeholder the filters or the roll-up left out; reported as not in the network");
}

/// What every input goes through once read: the builder's final checks, roll-up, and the
/// manifest's filters merged with the command line's. Throws InputError on any error.
void finish_loading(Network& network, NetworkBuilder& builder, Filters filters, Level level,
                    const LoadOptions& options) {
  Diagnostics& diagnostics = builder.diagnostics();
  diagnostics.throw_if_errors();
  builder.finish();
  diagnostics.throw_if_errors();
  if (options.level == Level::institution) level = Level::institution;
  if (level == Level::institution) roll_up(network, diagnostics);
  merge(filters.region_prefixes, options.filters.region_prefixes);
  merge(filters.types, options.filters.types);
  merge(filters.kinds, options.filters.kinds);
  if (!options.filters.from.empty()) filters.from = options.filters.from;
  if (!options.filters.to.empty()) filters.to = options.filters.to;
  filters.keep_partners = filters.keep_partners || options.filters.keep_partners;
  apply_filters(network, filters, diagnostics, options.empty_filter_is_error);
  diagnostics.throw_if_errors();
  check_referrals(network, diagnostics);
}

}  // namespace

Network load_network(const std::filesystem::path& input, const LoadOptions& options,
                     Diagnostics& diagnostics) {
  Network network;
  NetworkBuilder builder(network, diagnostics);
  builder.set_csv_settings(options.csv);
  Filters filters;
  Level level = Level::as_loaded;
  std::error_code ec;
  if (std::filesystem::is_directory(input, ec)) {
    const auto manifest = input / "dataset.json";
    if (!std::filesystem::exists(manifest, ec)) {
      diagnostics.error({input.string(), 0, 0},
                        "folder has no dataset.json; expected a dataset folder with a manifest");
    } else {
      read_manifest(manifest, builder, filters, level, options.max_input_bytes);
    }
  } else if (is_manifest(input)) {
    read_manifest(input, builder, filters, level, options.max_input_bytes);
  } else {
    if (network.name.empty()) network.name = input.stem().string();
    read_single_file(input, options, builder);
  }
  finish_loading(network, builder, filters, level, options);
  return network;
}

Network load_network_from_source(const SourceText& source, FileFormat format, const LoadOptions& options,
                                 Diagnostics& diagnostics) {
  Network network;
  network.name = "stdin";
  NetworkBuilder builder(network, diagnostics);
  builder.set_csv_settings(options.csv);
  read_in_format(source, format, options.nodes_file, options, builder);
  finish_loading(network, builder, {}, Level::as_loaded, options);
  return network;
}

void load_referrals(const std::filesystem::path& file, Network& network, const LoadOptions& options,
                    const Date& default_date, Diagnostics& diagnostics) {
  NetworkBuilder builder(network, diagnostics);
  builder.set_csv_settings(options.csv);
  network.referrals.clear();
  read_referral_file(file, builder, default_date, options.max_input_bytes);
  diagnostics.throw_if_errors();
  check_referrals(network, diagnostics);
}

namespace {

/// Keeps the stakeholders flagged in `keep` and the ties between them, renumbering vertices.
void keep_stakeholders(Network& network, const std::vector<char>& keep) {
  std::vector<VertexId> new_id(network.stakeholders.size(), -1);
  std::vector<Stakeholder> kept;
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    if (!keep[i]) continue;
    new_id[i] = static_cast<VertexId>(kept.size());
    kept.push_back(std::move(network.stakeholders[i]));
  }
  network.stakeholders = std::move(kept);
  std::vector<Tie> ties;
  for (Tie& tie : network.ties) {
    const VertexId s = new_id[static_cast<std::size_t>(tie.source)];
    const VertexId t = new_id[static_cast<std::size_t>(tie.target)];
    if (s < 0 || t < 0) continue;
    tie.source = s;
    tie.target = t;
    ties.push_back(std::move(tie));
  }
  network.ties = std::move(ties);
  network.reindex();
}

}  // namespace

namespace {

std::string window_text(const Filters& filters) {
  const Date from = filters.from.first_day();
  const Date to = filters.to.last_day();
  if (filters.to.empty()) return "from " + from.to_string();
  if (filters.from.empty()) return "through " + to.to_string();
  return from.to_string() + " to " + to.to_string();
}

}  // namespace

std::string check_date_window(const Filters& filters) {
  if (filters.from.empty() || filters.to.empty()) return {};
  if (filters.to.last_day() < filters.from.first_day())
    return "the date window is inverted: it would start " + filters.from.first_day().to_string() + " (from " +
           filters.from.to_string() + ") after it ends " + filters.to.last_day().to_string() + " (to " +
           filters.to.to_string() + ")";
  return {};
}

void apply_filters(Network& network, const Filters& filters, Diagnostics& diagnostics, bool empty_is_error) {
  if (filters.empty()) return;
  if (const std::string inverted = check_date_window(filters); !inverted.empty()) {
    diagnostics.error({}, inverted);
    return;
  }
  // An emptied network is an error where an analysis would follow (nothing to analyse is not a
  // result), a warning for validate, which only reports.
  const auto emptied = [&](const std::string& message) {
    if (empty_is_error) {
      diagnostics.error({}, message);
    } else {
      diagnostics.warning({}, message);
    }
  };
  // Ties first: kind, then the date window. A window is inclusive at the precision written: a
  // tie is kept when its [first day of start, last day of end] meets [first day of --from, last
  // day of --to], so --from 2012 --to 2012 keeps every tie of 2012.
  if (!filters.kinds.empty()) {
    for (const std::string& kind : filters.kinds) {
      if (std::find(network.kinds.begin(), network.kinds.end(), kind) == network.kinds.end()) {
        diagnostics.warning({}, "filter kind '" + kind + "' matches no tie");
      }
    }
    const std::size_t before = network.ties.size();
    std::erase_if(network.ties, [&](const Tie& tie) {
      return std::find(filters.kinds.begin(), filters.kinds.end(), network.kind_name(tie.kind)) ==
             filters.kinds.end();
    });
    if (before > 0 && network.ties.empty()) {
      std::string kinds;
      for (const std::string& kind : filters.kinds)
        kinds += (kinds.empty() ? "'" : ", '") + kind + "'";
      emptied("the kind filter (" + kinds + ") keeps none of the " + std::to_string(before) + " ties");
      return;
    }
  }
  if (!filters.from.empty() || !filters.to.empty()) {
    const Date from = filters.from.first_day();
    const Date to = filters.to.last_day();
    std::size_t undated = 0;
    std::size_t dated = 0;
    Date earliest;
    Date latest;
    std::erase_if(network.ties, [&](const Tie& tie) {
      if (tie.start.empty()) {
        ++undated;
        return false;
      }
      const Date start = tie.start.first_day();
      const Date end = tie.last_day();
      if (dated++ == 0 || start < earliest) earliest = start;
      if (dated == 1 || latest < end) latest = end;
      return (!filters.from.empty() && end < from) || (!filters.to.empty() && to < start);
    });
    if (undated > 0) {
      diagnostics.warning({}, std::to_string(undated) + " undated ties kept by the date window filter");
    }
    if (dated > 0 && network.ties.empty()) {
      emptied("the date window (" + window_text(filters) + ") keeps none of the " + std::to_string(dated) +
              " dated ties, which run from " + earliest.to_string() + " to " + latest.to_string());
      return;
    }
  }
  // Stakeholders: region prefix (optionally with direct partners) and type.
  if (!filters.region_prefixes.empty() || !filters.types.empty()) {
    std::vector<char> keep(network.stakeholders.size(), 1);
    for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
      const Stakeholder& s = network.stakeholders[i];
      if (!filters.region_prefixes.empty()) {
        keep[i] = std::any_of(filters.region_prefixes.begin(), filters.region_prefixes.end(),
                              [&](const std::string& prefix) { return s.region.rfind(prefix, 0) == 0; });
      }
    }
    if (filters.keep_partners && !filters.region_prefixes.empty()) {
      const std::vector<char> core = keep;
      for (const Tie& tie : network.ties) {
        if (core[static_cast<std::size_t>(tie.source)]) keep[static_cast<std::size_t>(tie.target)] = 1;
        if (core[static_cast<std::size_t>(tie.target)]) keep[static_cast<std::size_t>(tie.source)] = 1;
      }
    }
    if (!filters.types.empty()) {
      for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
        const std::string& type = network.stakeholders[i].type;
        if (std::find(filters.types.begin(), filters.types.end(), type) == filters.types.end()) keep[i] = 0;
      }
    }
    const std::size_t ties_before = network.ties.size();
    keep_stakeholders(network, keep);
    const char* which = filters.region_prefixes.empty() ? "type"
                        : filters.types.empty()         ? "region"
                                                        : "region and type";
    if (network.stakeholders.empty()) {
      emptied(std::string("the ") + which + " filters keep no stakeholder");
    } else if (ties_before > 0 && network.ties.empty()) {
      emptied(std::string("the ") + which + " filters keep " + std::to_string(network.stakeholders.size()) +
              " stakeholders but none of the " + std::to_string(ties_before) + " ties");
    }
  }
}

void roll_up(Network& network, Diagnostics& diagnostics) {
  // Parents were checked by NetworkBuilder::finish: they exist and form no cycle.
  const std::size_t n = network.stakeholders.size();
  std::vector<VertexId> parent(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (!network.stakeholders[i].parent.empty()) parent[i] = *network.find(network.stakeholders[i].parent);
  }
  // Each stakeholder's root institution.
  std::vector<VertexId> root(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> path;
    std::size_t v = i;
    while (parent[v] >= 0 && root[v] < 0) {
      path.push_back(v);
      v = static_cast<std::size_t>(parent[v]);
    }
    const VertexId r = root[v] >= 0 ? root[v] : static_cast<VertexId>(v);
    root[v] = r;
    for (std::size_t u : path)
      root[u] = r;
  }
  std::size_t internal = 0;
  std::vector<Tie> ties;
  for (Tie& tie : network.ties) {
    tie.source = root[static_cast<std::size_t>(tie.source)];
    tie.target = root[static_cast<std::size_t>(tie.target)];
    if (tie.source == tie.target) {
      ++internal;
      continue;
    }
    ties.push_back(std::move(tie));
  }
  network.ties = std::move(ties);
  std::vector<char> keep(n);
  std::size_t units = 0;
  for (std::size_t i = 0; i < n; ++i) {
    keep[i] = root[i] == static_cast<VertexId>(i);
    if (!keep[i]) ++units;
  }
  keep_stakeholders(network, keep);
  if (units > 0) {
    diagnostics.warning({}, "rolled " + std::to_string(units) + " units up to their institutions; " +
                                std::to_string(internal) + " ties inside one institution dropped");
  }
}

void save_network(const Network& network, const std::filesystem::path& output, Diagnostics& warnings) {
  OutputRequest request;
  request.target = output;
  request.force = true;  // the library call writes where it is told; the CLI checks first
  save_network(network, request, warnings);
}

void save_network(const Network& network, const OutputRequest& request, Diagnostics& warnings) {
  const std::filesystem::path& output = request.target;
  const auto format = format_of(output);
  if (!format) {
    throw UsageError("cannot write '" + output.string() +
                     "': unknown format; expected .csv, .graphml, .gml, .net, .gexf or .json");
  }
  if (format_extension(output) != output.extension().string()) {
    throw UsageError("cannot write '" + output.string() + "': compressed output is not supported");
  }
  const std::string name = output.string();
  switch (*format) {
    case FileFormat::csv: {
      // Both files or neither: the node table beside the edge list is part of the same output.
      OutputRequest nodes = request;
      nodes.target = csv_nodes_path(output);
      write_checked_files({request, nodes}, {write_csv_edges(network), write_csv_nodes(network)});
      break;
    }
    case FileFormat::graphml: write_checked_file(request, write_graphml(network, name, warnings)); break;
    case FileFormat::gml: write_checked_file(request, write_gml(network, name, warnings)); break;
    case FileFormat::pajek: write_checked_file(request, write_pajek(network, name, warnings)); break;
    case FileFormat::gexf: write_checked_file(request, write_gexf(network, name, warnings)); break;
    case FileFormat::json: write_checked_file(request, write_node_link_json(network, name, warnings)); break;
  }
}

}  // namespace clusterscope::io
