// Layout benchmark: loads a planted-partition CSV edge list, times one layout in this process and
// reports the intra/inter edge-length ratio against the planted truth (<file>.truth.csv; lower =
// communities better apart, ~1 for a random layout).
//
// Usage:
//   bench_layout <file.csv> --algorithm fa2|fr|kk|drl|grouped [--threads T] [--iterations N]
//                [--linlog] [--seed S] [--render DIR]
// --render DIR also draws the network figure (coloured by the planted communities, 15 labels) to
// DIR/layout-<algorithm>.png (150 dpi) and .pdf, timing the scene and each file, and prints the
// total of layout + scene + PNG and PDF drawn at once (draw_all, as analyze draws them) — the
// figure end to end.
// grouped uses the planted truth as its communities. Only the layout is timed (loading the file
// and aggregating is not, as for the peers). One algorithm per process, so that the peak memory
// (getrusage ru_maxrss) is that run's. Prints one table row: stage, stakeholders, ties, seconds,
// peak MiB, note. Run through bench/run_layout.sh, which also times python-igraph's DrL and
// graph-tool's sfdp on the same file.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "clusterscope/io/load.hpp"
#include "clusterscope/layout/layout.hpp"
#include "clusterscope/render/figure.hpp"
#include "clusterscope/render/scene.hpp"
#include "planted_partition.hpp"

namespace {

using namespace clusterscope;
using clusterscope::bench::peak_mib;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void row(const std::string& stage, const Network& network, double seconds, double mib,
         const std::string& note) {
  std::printf("%-32s %8zu %9zu %9.3f %9.1f  %s\n", stage.c_str(), network.stakeholders.size(),
              network.ties.size(), seconds, mib, note.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) {
      std::cerr << "usage: bench_layout <file.csv> --algorithm fa2|fr|kk|drl|grouped [--threads T] "
                   "[--iterations N] [--linlog] [--seed S]\n";
      return 2;
    }
    const std::filesystem::path file = argv[1];
    layout::LayoutOptions options;
    std::filesystem::path render_folder;
    for (int i = 2; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--linlog") {
        options.linlog = true;
        continue;
      }
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      const std::string value = argv[++i];
      if (arg == "--algorithm") {
        options.algorithm = layout::parse_algorithm(value);
      } else if (arg == "--threads") {
        options.threads = static_cast<unsigned>(std::stoul(value));
      } else if (arg == "--iterations") {
        options.iterations = std::stoi(value);
      } else if (arg == "--seed") {
        options.seed = std::stoull(value);
      } else if (arg == "--render") {
        render_folder = value;
      } else {
        throw std::invalid_argument("unknown option " + arg);
      }
    }
    Diagnostics diagnostics;
    const Network network = io::load_network(file, io::LoadOptions{}, diagnostics);
    const std::vector<std::int32_t> truth =
        bench::read_planted_truth(network, file.string() + ".truth.csv", 0);
    const Partition communities = Partition::canonical(std::vector<std::int64_t>(truth.begin(), truth.end()));
    options.communities = &communities;
    const auto start = std::chrono::steady_clock::now();
    const Layout l = layout::compute_layout(network, options);
    const double seconds = seconds_since(start);
    const double ratio = layout::intra_inter_ratio(network, l, truth);
    std::ostringstream note;
    note.setf(std::ios::fixed);
    note.precision(4);
    note << "intra/inter " << ratio << ", threads "
         << (options.threads == 0 ? std::string("all") : std::to_string(options.threads));
    if (options.linlog) note << ", linlog";
    const std::string stage = layout::algorithm_name(options.algorithm) + " (ours)";
    row(stage, network, seconds, peak_mib(), note.str());
    if (render_folder.empty()) return 0;

    std::filesystem::create_directories(render_folder);
    const std::string base =
        (render_folder / ("layout-" + layout::algorithm_name(options.algorithm))).string();
    auto t = std::chrono::steady_clock::now();
    render::FigureOptions figure;
    figure.colour_by = render::ColourBy::community;
    figure.communities = communities;
    figure.title = "Planted partition, " + std::to_string(network.size()) + " stakeholders";
    const render::PangoMeasure measure;
    const render::Scene scene = render::network_scene(network, l, figure, measure);
    const double scene_seconds = seconds_since(t);
    row("  scene", network, scene_seconds, peak_mib(),
        std::to_string(render::primitive_count(scene)) + " primitives");
    t = std::chrono::steady_clock::now();
    render::draw(scene, base + ".png", 150);
    const double png_seconds = seconds_since(t);
    row("  draw PNG (150 dpi)", network, png_seconds, peak_mib(), base + ".png");
    t = std::chrono::steady_clock::now();
    render::draw(scene, base + ".pdf");
    const double pdf_seconds = seconds_since(t);
    row("  draw PDF", network, pdf_seconds, peak_mib(), base + ".pdf");
    t = std::chrono::steady_clock::now();
    render::draw_all({{&scene, base + ".png", 150}, {&scene, base + ".pdf", 150}});
    const double both_seconds = seconds_since(t);
    row("  draw PNG + PDF (draw_all)", network, both_seconds, peak_mib(),
        "both files at once, as analyze draws");
    row(layout::algorithm_name(options.algorithm) + " + scene + PNG + PDF", network,
        seconds + scene_seconds + both_seconds, peak_mib(), "the figure, end to end (file loading aside)");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_layout: " << e.what() << '\n';
    return 1;
  }
}
