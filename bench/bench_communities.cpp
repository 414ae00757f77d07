// Community-detection benchmark: loads a planted-partition CSV edge list and times one stage of
// community detection in this process (weighted, Leiden with modularity, resolution 1).
//
// Usage:
//   bench_communities <file.csv> --stage one|bare|ensemble|full|candidates|nmi [--runs R]
//                     [--bare-seconds S]
//   bench_communities --generate <ties> <mixing> <folder>
// Stages:
//   one       one Leiden run on the igraph graph (graph built beforehand, as the peer's is)
//   bare      R Leiden runs (the ensemble's seeds) on the same graph, nothing else
//   ensemble  detect_communities with R runs, consensus, stability, statistics, no null networks
//             (--bare-seconds: the bare stage's time, to print the ratio)
//   full      detect_communities with its defaults (R runs, consensus, 20 null networks)
//   candidates  communities with the defaults, then the candidate scoring (two rows)
//   nmi       NMI against <file.csv>.truth.csv: mean (and min) over the R single runs, and the
//             consensus; the time is the ensemble stage's
// --generate writes <folder>/planted-<ties>-mu<mixing>.csv (ties/10 stakeholders, communities of
// 200, seed 1, as bench_paths' files but with the given mixing) unless it exists, and its truth.
// One stage per process, so that the peak memory (getrusage ru_maxrss) is that stage's. Prints one
// table row: stage, stakeholders, ties, seconds, peak MiB, note. Run through
// bench/run_communities.sh, which also times python-igraph on the same files.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/graph/community.hpp"
#include "clusterscope/graph/graph.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "planted_partition.hpp"

namespace {

using namespace clusterscope;

using clusterscope::bench::peak_mib;

double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void row(const std::string& stage, const Network& network, double seconds, const std::string& note) {
  std::printf("%-44s %8zu %9zu %9.3f %9.1f  %s\n", stage.c_str(), network.stakeholders.size(),
              network.ties.size(), seconds, peak_mib(), note.c_str());
  std::fflush(stdout);
}

std::string fixed(double x, int digits) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(digits);
  s << x;
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 5 && std::string(argv[1]) == "--generate") {
      bench::PlantedPartition p;
      p.ties = std::stoll(argv[2]);
      p.stakeholders = p.ties / 10;
      p.communities = std::max<std::int64_t>(1, p.stakeholders / 200);
      p.mixing = std::stod(argv[3]);
      const std::filesystem::path folder = argv[4];
      std::filesystem::create_directories(folder);
      const auto file = folder / ("planted-" + std::string(argv[2]) + "-mu" + std::string(argv[3]) + ".csv");
      if (!std::filesystem::exists(file)) bench::write_planted_partition(p, file);
      std::cout << file.string() << '\n';
      return 0;
    }
    if (argc < 2) {
      std::cerr
          << "usage: bench_communities <file.csv> --stage one|bare|ensemble|full|candidates|nmi [--runs R] "
             "[--bare-seconds S]\n       bench_communities --generate <ties> <mixing> <folder>\n";
      return 2;
    }
    const std::filesystem::path file = argv[1];
    std::string stage = "one";
    std::int32_t runs = 50;
    double bare_seconds = 0;
    for (int i = 2; i < argc; ++i) {
      const std::string arg = argv[i];
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      const std::string value = argv[++i];
      if (arg == "--stage") {
        stage = value;
      } else if (arg == "--runs") {
        runs = std::stoi(value);
      } else if (arg == "--bare-seconds") {
        bare_seconds = std::stod(value);
      } else {
        throw std::invalid_argument("unknown option " + arg);
      }
    }

    Diagnostics diagnostics;
    const Network network = io::load_network(file, io::LoadOptions{}, diagnostics);
    communities::CommunityOptions options;
    options.runs = runs;
    const std::string runs_text = std::to_string(runs);

    if (stage == "one" || stage == "bare") {
      // The undirected planted file aggregates to one pair per tie: the graph the ensemble uses.
      const graph::Graph g(static_cast<std::int32_t>(network.size()), aggregate_ties(network), false);
      const graph::CommunityCall call;  // Leiden, modularity, resolution 1, until stable
      const std::int32_t count = stage == "one" ? 1 : runs;
      std::size_t communities = 0;
      const auto start = std::chrono::steady_clock::now();
      for (std::int32_t r = 0; r < count; ++r) {
        const std::vector<std::int64_t> membership =
            graph::detect_communities(g, call, true, communities::run_seed(options.seed, r));
        communities = Partition::canonical(membership).sizes().size();
      }
      const double seconds = since(start);
      row(stage == "one" ? "leiden 1 run (ours)" : "leiden " + runs_text + " bare runs (ours)", network,
          seconds, std::to_string(communities) + " communities");
    } else if (stage == "ensemble" || stage == "full") {
      if (stage == "ensemble") options.null_models = 0;
      const auto start = std::chrono::steady_clock::now();
      const communities::CommunityResult r = communities::detect_communities(network, options);
      const double seconds = since(start);
      std::string note = std::to_string(r.partition.count) + " communities, " +
                         std::to_string(r.consensus_iterations) + " consensus iterations";
      if (bare_seconds > 0) note += ", " + fixed(seconds / bare_seconds, 2) + "x the bare runs";
      if (stage == "full") note += ", z " + fixed(r.modularity_z, 1);
      row(stage == "ensemble" ? runs_text + "-run ensemble + consensus (ours)"
                              : runs_text + " runs + consensus + 20 nulls (ours)",
          network, seconds, note);
    } else if (stage == "candidates") {
      // What `clusterscope candidates` does after loading: communities with the defaults (50 runs,
      // consensus, 20 null networks), then the candidate scoring; one row each.
      auto start = std::chrono::steady_clock::now();
      const communities::CommunityResult r = communities::detect_communities(network, options);
      row("candidates: communities, defaults (ours)", network, since(start),
          std::to_string(r.partition.count) + " communities");
      start = std::chrono::steady_clock::now();
      const std::vector<candidates::Candidate> found =
          pipeline::find_candidates(network, make_tie_view(network), r, candidates::CandidateConfig{});
      row("candidates: scoring (ours)", network, since(start), std::to_string(found.size()) + " candidates");
    } else if (stage == "nmi") {
      const std::vector<std::int32_t> truth =
          bench::read_planted_truth(network, file.string() + ".truth.csv", 0);
      options.null_models = 0;
      double sum = 0;
      double low = 1;
      for (const Partition& p : communities::ensemble(network, options)) {
        const double nmi = communities::compare_partitions(p.membership, truth).nmi;
        sum += nmi;
        low = std::min(low, nmi);
      }
      const auto start = std::chrono::steady_clock::now();  // the ensemble + consensus only
      const communities::CommunityResult r = communities::detect_communities(network, options);
      const double seconds = since(start);
      const double consensus = communities::compare_partitions(r.partition.membership, truth).nmi;
      row("nmi " + file.stem().string() + " (ours)", network, seconds,
          "single mean " + fixed(sum / runs, 4) + " (min " + fixed(low, 4) + "), consensus " +
              fixed(consensus, 4) + ", " + std::to_string(r.partition.count) + " communities");
    } else {
      throw std::invalid_argument("unknown --stage " + stage);
    }
    return diagnostics.has_errors() ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_communities: " << e.what() << '\n';
    return 1;
  }
}
