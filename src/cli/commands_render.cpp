// render.
#include "commands.hpp"

#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>

#include "bounded.hpp"
#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/output_guard.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/metrics/metrics.hpp"
#include "clusterscope/pipeline/figures.hpp"
#include "clusterscope/render/figure.hpp"
#include "clusterscope/render/scene.hpp"
#include "config.hpp"
#include "support.hpp"

namespace clusterscope::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int cmd_render(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  InputOptions o;
  CommonFlags common;
  FigureFlags flags;
  CommunityFlags community_flags;
  std::string output, colour_by = "type", size_by, title, caption;
  std::size_t labels = 15;
  core::RunContext run;
  bool force = false;
  po::options_description own("render options");
  own.add_options()("help,h", "show this help")(
      "input", text_value(&o.input)->required()->value_name("INPUT"), "input ('-': standard input)")(
      "output,o", text_value(&output)->required()->value_name("FILE"),
      "FILE.svg, FILE.pdf or FILE.png (the figure), or FILE.csv (the layout: id,x,y); '-': standard output")(
      "color-by", text_value(&colour_by)->value_name("ATTR")->default_value("type"),
      (core::choices(render::kColourByNames, ", ") + ", or any stakeholder attribute").c_str())(
      "size-by", text_value(&size_by)->value_name("METRIC"),
      "node area by a measure (degree, strength, betweenness, pagerank, … as in metrics)")(
      "labels", bounded(&labels, std::size_t{0}, kMaxLabels, "labels")->value_name("N")->default_value(15),
      "label the N largest nodes (0: none)")("title", text_value(&title)->value_name("TEXT"),
                                             "title above the figure")(
      "caption", text_value(&caption)->value_name("TEXT"), "caption below the figure")(
      "seed", seed_value(&run.seed), "seed of the layout (and of communities for --color-by community)")(
      "force", po::bool_switch(&force), kForceHelp);
  add_common_options(
      own, common,
      "JSON config holding any of these options (flags win over it), e.g. the house "
      "\"figures\": {\"palette\": …} shared with analyze; paths in it are read from its folder");
  add_output_format(own, common, "svg (default), pdf, png or csv");
  const po::options_description figures_options = figure_options(flags);
  const po::options_description groups_options = community_options(community_flags);
  const po::options_description filters = input_options(o);
  po::options_description d;
  d.add(own).add(figures_options).add(groups_options).add(filters);
  const std::vector<ConfigSection> sections = {
      {"", &own}, {"filters", &filters}, {"communities", &groups_options}, {"figures", &figures_options}};
  if (parse(args, d, out,
            "usage: clusterscope render <input> -o FILE.svg|.pdf|.png|.csv [--layout " +
                core::choices(layout::kAlgorithmNames, "|", {}, "|") +
                "] [--color-by ATTR|community] [--size-by METRIC] [--labels N] [--title TEXT] [options]",
            &sections)
          .help)
    return 0;
  const bool to_stdout = output == kStandardStream;
  const std::string extension = to_stdout
                                    ? "." + stdout_format(common, output, "svg", {"svg", "pdf", "png", "csv"})
                                    : io::format_extension(output);
  if (!to_stdout)
    stdout_format(common, output, "svg", {"svg", "pdf", "png", "csv"});  // --output-format with a file
  if (extension != ".svg" && extension != ".pdf" && extension != ".png" && extension != ".csv")
    throw UsageError("-o '" + output + "': expected a .svg, .pdf, .png or .csv file");
  check_input(o, common);
  const layout::Algorithm layout_algorithm =
      layout_settings(flags, run).algorithm;  // option errors before any work
  const std::optional<render::ColourBy> named_colour = core::find_name(render::kColourByNames, colour_by);
  const communities::CommunityOptions community_settings_ = community_settings(community_flags, run);
  io::OutputRequest request;
  if (!to_stdout) {
    request = output_request(output, io::OutputKind::file, o, force, {flags.initial});
    io::check_output(request);  // before any work
  }
  // The figure or layout to -o, or to standard output with -o - (the summary then to standard error).
  const auto emit = [&](const std::string& content) {
    if (to_stdout) {
      out << content;
      out.flush();
    } else {
      io::write_checked_file(request, content);
    }
  };
  std::ostream& info = to_stdout ? err : out;
  const std::string shown = to_stdout ? std::string("standard output") : output;
  Diagnostics diagnostics;
  Network network = load(o, common, err, diagnostics);
  add_loaded_inputs(request, network);
  apply_palette(network, flags.palette);
  const TieView view = make_tie_view(network);
  communities::CommunityResult groups;
  const bool need_communities =
      named_colour == render::ColourBy::community || layout_algorithm == layout::Algorithm::grouped;
  if (need_communities) groups = communities::detect_communities(view, community_settings_);
  const Layout positions =
      compute_figure_layout(network, view, flags, run, need_communities ? &groups.partition : nullptr);
  if (extension == ".csv") {
    emit(pipeline::layout_csv(network, positions));
    if (!common.quiet)
      info << "wrote " << shown << " (" << network.size() << " positions, layout " << flags.layout
           << ", seed " << run.seed << ")\n";
    return 0;
  }
  render::FigureOptions figure;
  figure.title = title;
  figure.caption = caption;
  figure.labels = labels;
  if (named_colour) {
    figure.colour_by = *named_colour;
    if (*named_colour == render::ColourBy::community) figure.communities = groups.partition;
  } else {
    const auto& fields = stakeholder_fields();
    const bool known = std::find(fields.begin(), fields.end(), colour_by) != fields.end() ||
                       std::find(network.attribute_names.begin(), network.attribute_names.end(), colour_by) !=
                           network.attribute_names.end();
    if (!known || colour_by == "id")
      throw UsageError("--color-by '" + colour_by + "': no such stakeholder attribute");
    figure.colour_by = render::ColourBy::attribute;
    figure.attribute = colour_by;
  }
  if (!size_by.empty()) {
    metrics::MetricOptions settings;
    settings.permutations = 0;
    const metrics::MetricsResult result = metrics::compute_metrics(network, view, settings);
    const auto column = std::find_if(result.nodes.begin(), result.nodes.end(),
                                     [&](const metrics::MetricColumn& c) { return c.name == size_by; });
    if (column == result.nodes.end()) {
      std::string known;
      for (const metrics::MetricColumn& c : result.nodes)
        known += (known.empty() ? "" : ", ") + c.name;
      throw UsageError("--size-by '" + size_by + "': no such measure; known: " + known);
    }
    figure.size_by = column->values;
    figure.size_label = size_by;
  }
  const render::PangoMeasure measure;
  emit(
      render::encode(render::network_scene(network, view, positions, figure, measure), extension, flags.dpi));
  if (!common.quiet)
    info << "wrote " << shown << " (" << network.size() << " stakeholders, layout " << flags.layout
         << ", seed " << run.seed << ")\n";
  return 0;
}

}  // namespace clusterscope::cli
