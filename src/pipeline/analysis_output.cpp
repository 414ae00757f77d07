// write_analysis(): analyze's output folder and its manifest.json (clusterscope/pipeline/analysis.hpp).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <thread>

#include "clusterscope/core/sha256.hpp"
#include "clusterscope/graph/graph.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/summary.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/pipeline/analysis.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "clusterscope/render/figure.hpp"
#include "clusterscope/render/scene.hpp"
#include "compare_content.hpp"
#include "stages.hpp"

namespace clusterscope::pipeline {

namespace fs = std::filesystem;

namespace {

/// stakeholders.csv: the stakeholder's fields and attributes, every measure, then the consensus
/// community and the stakeholder's stability in it, and the position in the figures.
std::string stakeholder_table(const Network& network, const metrics::MetricsResult& result,
                              const communities::CommunityResult& groups, const Layout& positions) {
  const std::vector<std::string> fields = io::used_stakeholder_fields(network);
  std::vector<std::string> header = fields;
  for (const metrics::MetricColumn& c : result.nodes)
    header.push_back(c.name);
  header.emplace_back("community");
  header.emplace_back("community_stability");
  header.emplace_back("x");
  header.emplace_back("y");
  std::string out;
  io::append_csv_row(out, header);
  for (std::size_t i = 0; i < network.stakeholders.size(); ++i) {
    std::vector<std::string> row = io::stakeholder_values(network.stakeholders[i], fields);
    for (const metrics::MetricColumn& c : result.nodes)
      row.push_back(metrics::metric_text(c.values[i]));
    row.push_back(std::to_string(groups.partition.membership[i]));
    row.push_back(metrics::metric_text(groups.node_stability[i]));
    row.push_back(io::format_number(positions.x[i]));
    row.push_back(io::format_number(positions.y[i]));
    io::append_csv_row(out, row);
  }
  return out;
}

/// network/network.gexf: the network with every measure, the consensus community and its
/// stability as typed attributes (a measure named like a stakeholder field or attribute is left
/// out: stakeholders.csv has it), drawn as the communities figure is — its layout, community
/// colours and node radii (area by betweenness).
std::string network_gexf(const Network& network, const metrics::MetricsResult& result,
                         const communities::CommunityResult& groups, const Layout& positions,
                         Diagnostics& warnings) {
  Network measured = network;
  const auto taken = [&](const std::string& name) {
    const auto& fields = stakeholder_fields();
    return std::find(fields.begin(), fields.end(), name) != fields.end() ||
           std::find(measured.attribute_names.begin(), measured.attribute_names.end(), name) !=
               measured.attribute_names.end();
  };
  const auto add = [&](const std::string& name, const auto& value_of) {
    if (taken(name)) return;
    measured.attribute_names.push_back(name);
    for (std::size_t i = 0; i < measured.stakeholders.size(); ++i)
      if (std::string value = value_of(i); !value.empty()) measured.stakeholders[i].attributes[name] = value;
  };
  for (const metrics::MetricColumn& c : result.nodes)
    add(c.name, [&](std::size_t i) { return metrics::metric_text(c.values[i]); });
  add("community", [&](std::size_t i) { return std::to_string(groups.partition.membership[i]); });
  add("community_stability", [&](std::size_t i) { return metrics::metric_text(groups.node_stability[i]); });
  render::FigureOptions figure;
  figure.colour_by = render::ColourBy::community;
  figure.communities = groups.partition;
  figure.size_by = result.column("betweenness");
  io::GexfDrawing drawing;
  drawing.layout = positions;
  drawing.colours = render::node_colours(network, figure);
  drawing.sizes = render::node_radii(figure, network.size());
  return io::write_gexf(measured, drawing, "network/network.gexf", warnings);
}

/// One file of the output folder in manifest.json: its path relative to the folder, size and hash.
nlohmann::ordered_json file_entry(const fs::path& folder, const fs::path& file) {
  return {{"file", fs::relative(file, folder).generic_string()},
          {"bytes", fs::file_size(file)},
          {"sha256", sha256_file(file)}};
}

/// manifest.json: what went in (files with SHA-256, every option and its source, the seed), what
/// came out (every file in `folder` with SHA-256), with which software, and how long each stage
/// took. "run" holds everything that changes between identical runs (date, timings, memory).
std::string run_manifest(const Analysis& a, const fs::path& folder, const std::vector<StageTime>& stages) {
  const Network& network = a.network;
  nlohmann::ordered_json m;
  m["clusterscope"] = CLUSTERSCOPE_VERSION;
  m["command"] = "analyze";
  m["dataset"] = network.name;
  m["inputs"] = a.inputs;
  m["seed"] = a.config.run.seed;
  nlohmann::ordered_json options = a.config.manifest_options;
  options["candidates"] = {{"value", candidates::candidate_config_to_json(a.config.candidates)},
                           {"source", a.config.candidates_from_config ? "config" : "default"}};
  options["recommend"] = {{"value", recommend::recommend_config_to_json(a.config.recommend)},
                          {"source", a.config.recommend_from_config ? "config" : "default"}};
  m["options"] = options;
  m["versions"] = versions_record();
  m["network"] = {{"stakeholders", network.stakeholders.size()}, {"ties", network.ties.size()}};
  if (!network.overrides.empty()) {
    // The manifest's corrections, so a reader of the results knows which values are not the
    // source's (the source files' hashes alone would not say).
    nlohmann::ordered_json overrides = nlohmann::ordered_json::array();
    for (const FieldOverride& o : network.overrides)
      overrides.push_back({{"id", o.id}, {"field", o.field}, {"previous", o.previous}, {"value", o.value}});
    m["overrides"] = overrides;
  }
  m["outputs"] = output_files(folder);
  m["run"] = run_record(a.started_utc, stages);
  return m.dump(2) + "\n";
}

}  // namespace

nlohmann::ordered_json input_records(const std::vector<std::string>& files) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const std::string& file : files)
    out.push_back({{"file", file}, {"bytes", fs::file_size(file)}, {"sha256", sha256_file(file)}});
  return out;
}

nlohmann::ordered_json output_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (const fs::path& file : files)
    outputs.push_back(file_entry(folder, file));
  return outputs;
}

nlohmann::ordered_json run_record(const std::string& started_utc, const std::vector<StageTime>& stages) {
  nlohmann::ordered_json timings = nlohmann::ordered_json::array();
  double total = 0, peak = 0;
  for (const StageTime& t : stages) {
    timings.push_back({{"stage", t.stage},
                       {"seconds", std::round(t.seconds * 1000) / 1000},
                       {"peak_mib", std::round(t.peak_mib * 10) / 10}});
    total += t.seconds;
    peak = std::max(peak, t.peak_mib);
  }
  return {{"started_utc", started_utc},
          {"stages", timings},
          {"seconds", std::round(total * 1000) / 1000},
          {"peak_mib", std::round(peak * 10) / 10},
          {"cores", std::thread::hardware_concurrency()}};
}

nlohmann::ordered_json versions_record() {
  nlohmann::ordered_json versions = {{"clusterscope", CLUSTERSCOPE_VERSION},
                                     {"igraph", graph::igraph_version()}};
  for (const auto& [library, version] : render::library_versions())
    versions[library] = version;
  return versions;
}

void write_analysis(const Analysis& a, io::OutputRequest request, const AnalysisProgress& progress,
                    const Comparison* comparison) {
  StageClock clock(progress, a.stages);
  clock.begin("write");
  const Network& network = a.network;
  for (const std::string& file : network.input_files)
    request.inputs.emplace_back(file);
  Diagnostics gexf_warnings;  // values XML 1.0 cannot hold, replaced by U+FFFD
  std::vector<std::pair<std::string, std::string>> files = {
      {"stakeholders.csv", stakeholder_table(network, a.metrics, a.communities, a.positions)},
      {"metrics.json", metrics::metrics_json(network, a.metrics, a.config.metrics)},
      {"communities.csv",
       community_table_csv(network, a.ties, a.communities, a.config.candidates.sector_group_min_share)},
      {"communities.json",
       community_json(network, a.ties, a.communities, a.config.candidates.sector_group_min_share)},
      {"candidates.json", candidates::candidates_json(network, a.candidates, a.config.candidates)},
      {"candidates.md", candidates::candidates_markdown(network, a.candidates)},
      {"recommendations.csv", recommend::recommendations_csv(network, a.recommendations)},
      {"visit-plan.csv", recommend::visits_csv(network, a.visits, a.config.visits.partners)},
      {"figures/layout.csv", layout_csv(network, a.positions)},
      {"network/stakeholders.csv", io::write_csv_nodes(network)},
      {"network/ties.csv", io::write_csv_edges(network)},
      {"network/dataset.json", io::normalised_manifest(network)},
      {"network/network.gexf", network_gexf(network, a.metrics, a.communities, a.positions, gexf_warnings)},
      {"summary.json", io::summary_json(network, a.diagnostics)},
      {"summary.md", io::summary_markdown(network, a.diagnostics)},
      {"report.html", a.report_html},
      {"report.pdf", a.report_pdf},
  };
  for (const auto& table : a.annex_tables)
    files.push_back(table);
  if (a.uptake) files.emplace_back("tables/uptake.csv", uptake_csv(network, *a.uptake));
  if (!network.referrals.empty())
    files.emplace_back("network/referrals.csv", io::write_csv_referrals(network));
  if (comparison != nullptr)
    for (auto& [path, content] : comparison_files(*comparison))
      files.emplace_back("compare/" + path, std::move(content));
  if (progress.warning)
    for (const Diagnostic& warning : gexf_warnings.entries())
      progress.warning(warning.message);
  io::write_checked_folder(request, files, [&](const fs::path& temporary) {
    std::vector<render::DrawJob> jobs;
    for (const NamedScene& f : a.figures)
      for (const std::string extension : {".svg", ".pdf", ".png"}) {
        const fs::path file = temporary / "figures" / (f.name + extension);
        if (extension == ".png" && a.pngs.count(f.name) != 0) {
          io::write_file_atomically(file, a.pngs.at(f.name));  // encoded for the report already
        } else {
          jobs.push_back({&f.scene, file, a.config.dpi});
        }
      }
    if (comparison != nullptr) add_figure_jobs(*comparison, temporary / "compare", jobs);
    render::draw_all(jobs, a.config.run.threads);
    clock.end();
    io::write_file_atomically(temporary / "manifest.json", run_manifest(a, temporary, clock.times()));
  });
}

}  // namespace clusterscope::pipeline
