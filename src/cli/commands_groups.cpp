// communities and candidates.
#include "commands.hpp"

#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <set>
#include <sstream>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "clusterscope/render/scene.hpp"
#include "config.hpp"
#include "support.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

/// One line for people: how many communities, how good, how sure.
std::string community_summary(const communities::CommunityResult& r) {
  std::ostringstream line;
  std::int32_t stable = 0;
  for (const communities::CommunityStats& c : r.communities) {
    if (c.size >= 2 && c.stability >= 0.5) ++stable;
  }
  line << r.partition.count << " communities (" << communities::algorithm_name(r.algorithm) << ", resolution "
       << io::readable_number(r.resolution) << ", consensus of " << r.runs << " runs, seed " << r.seed
       << "); modularity " << io::readable_number(r.modularity);
  if (std::isfinite(r.modularity_z)) {
    line << " (z = " << io::readable_number(r.modularity_z) << " against " << r.null_models
         << " rewired networks)";
  }
  line << "; " << stable << " groups of 2+ recovered in at least half the runs";
  if (r.split_communities > 0) line << "; " << r.split_communities << " disconnected groups split";
  return line.str();
}

}  // namespace

int cmd_communities(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  CommunityFlags flags;
  std::string output;
  std::string compare;
  core::RunContext run;
  bool force = false;
  po::options_description own("communities options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->required()->value_name("INPUT"), "input ('-': standard input)")(
      "output,o", text_value(&output)->value_name("FILE"),
      "FILE.csv (id,community,stability) or FILE.json (also per-community figures, significance, sweep); "
      "'-' or none: standard output")("seed", seed_value(&run.seed),
                                      "seed of the runs and of the null networks")(
      "force", po::bool_switch(&force), kForceHelp)(
      "compare-with", text_value(&compare)->value_name("ATTR"),
      "compare the partition with a stakeholder attribute (NMI, ARI), e.g. sector or office");
  add_common_options(own, common);
  add_output_format(own, common, "csv (default) or json");
  const po::options_description groups_options = community_options(flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(groups_options).add(filters);
  const std::vector<ConfigSection> sections = {
      {"", &own}, {"filters", &filters}, {"communities", &groups_options}};
  if (parse(args, d, out, "usage: clusterscope communities <input> [-o FILE.csv|FILE.json] [options]",
            &sections)
          .help)
    return 0;
  const std::string extension = table_extension(output, common, o);
  const communities::CommunityOptions settings = community_settings(flags, run);
  io::OutputRequest request = checked_file_request(output, o, force);
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics);
  const TieView view = make_tie_view(network);
  const communities::CommunityResult result = communities::detect_communities(view, settings);
  communities::Comparison comparison;
  std::size_t compared = 0;
  if (!compare.empty())
    comparison = pipeline::compare_with_attribute(network, result.partition, compare, compared);
  const std::string content = extension == ".json"
                                  ? pipeline::community_json(network, view, result, default_sector_min_share,
                                                             compare, comparison, compared)
                                  : pipeline::community_assignment_csv(network, result);
  if (output.empty()) {
    out << content;
  } else {
    add_loaded_inputs(request, network);
    io::write_checked_file(request, content);
  }
  if (common.quiet) return 0;
  std::ostream& info = output.empty() ? err : out;
  info << community_summary(result) << '\n';
  if (!compare.empty()) {
    info << "compared with " << compare << " over " << compared << " stakeholders: NMI "
         << io::readable_number(comparison.nmi) << ", ARI " << io::readable_number(comparison.ari) << '\n';
  }
  return 0;
}

int cmd_candidates(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  CommunityFlags flags;
  std::string output;
  core::RunContext run;
  bool force = false;
  po::options_description own("candidates options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->required()->value_name("INPUT"), "input ('-': standard input)")(
      "output,o", text_value(&output)->required()->value_name("DIR"),
      "folder for candidates.json and candidates.md (created when missing)")(
      "seed", seed_value(&run.seed), "seed of the community runs and null networks")(
      "force", po::bool_switch(&force), kForceHelp);
  add_common_options(
      own, common,
      "JSON config holding any of these options (flags win over it); its \"candidates\" object "
      "sets score weights and level thresholds (docs/candidates.md)");
  const po::options_description groups_options = community_options(flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(groups_options).add(filters);
  const std::vector<ConfigSection> sections = {
      {"", &own}, {"filters", &filters}, {"communities", &groups_options}};
  const Parsed parsed =
      parse(args, d, out, "usage: clusterscope candidates <input> -o DIR [options]", &sections);
  if (parsed.help) return 0;
  refuse_stdout_folder("candidates", output, "a folder (candidates.json and candidates.md)");
  check_input(o, common);
  const std::string& config_file = common.config;
  const communities::CommunityOptions settings = community_settings(flags, run);
  const candidates::CandidateConfig& config = parsed.candidates;
  io::OutputRequest folder = output_request(output, io::OutputKind::files, o, force, {config_file});
  io::check_output(folder);  // before any work
  Diagnostics diagnostics;
  const Network network = load(o, common, err, diagnostics);
  add_loaded_inputs(folder, network);
  const TieView view = make_tie_view(network);
  const communities::CommunityResult groups = communities::detect_communities(view, settings);
  const std::vector<candidates::Candidate> found = pipeline::find_candidates(network, view, groups, config);
  std::vector<io::OutputRequest> requests(2, folder);
  requests[0].kind = requests[1].kind = io::OutputKind::file;
  requests[0].target = folder.target / "candidates.json";
  requests[1].target = folder.target / "candidates.md";
  io::write_checked_files(requests, {candidates::candidates_json(network, found, config),
                                     candidates::candidates_markdown(network, found)});
  std::int32_t ready = 0, emerging = 0;
  for (const candidates::Candidate& c : found) {
    if (c.level == candidates::Level::initiative_ready) ++ready;
    if (c.level == candidates::Level::emerging) ++emerging;
  }
  if (common.quiet) return 0;
  out << "wrote " << (fs::path(output) / "candidates.json").string() << " and candidates.md: " << found.size()
      << " candidates (" << ready << " " << candidates::level_name(candidates::Level::initiative_ready)
      << ", " << emerging << " " << candidates::level_name(candidates::Level::emerging) << "); seed "
      << run.seed << '\n';
  return 0;
}

}  // namespace clusterscope::cli
