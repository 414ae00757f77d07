#pragma once
// Community detection (docs/communities.md): single seeded runs of igraph's algorithms, ensembles
// with a consensus partition and stability, a resolution sweep, significance against
// degree-preserving null networks, and comparison of partitions (NMI, ARI).
//
// Directed networks are read as undirected for community detection (the weights of both
// directions summed), as Leiden and Louvain define modularity on undirected graphs.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "clusterscope/core/names.hpp"
#include "clusterscope/core/run.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/partition.hpp"
#include "clusterscope/model/tie_view.hpp"

namespace clusterscope::communities {

enum class Algorithm { leiden, louvain, infomap, walktrap, labelprop };
enum class Quality { modularity, cpm };  ///< Leiden's objective (the others optimise their own)

/// --algorithm and the "algorithm" of communities.json.
inline constexpr std::array<core::Name<Algorithm>, 5> kAlgorithmNames = {{
    {Algorithm::leiden, "leiden"},
    {Algorithm::louvain, "louvain"},
    {Algorithm::infomap, "infomap"},
    {Algorithm::walktrap, "walktrap"},
    {Algorithm::labelprop, "labelprop"},
}};
/// --quality and the "quality" of communities.json.
inline constexpr std::array<core::Name<Quality>, 2> kQualityNames = {{
    {Quality::modularity, "modularity"},
    {Quality::cpm, "cpm"},
}};
/// --community-weights: CommunityOptions::weighted by name.
inline constexpr std::array<core::Name<bool>, 2> kWeightedNames = {{
    {true, "strength", "use tie weights"},
    {false, "none", "every tie counts 1"},
}};

/// "leiden" → Algorithm::leiden, … (kAlgorithmNames); throws std::invalid_argument for an
/// unknown name.
Algorithm parse_algorithm(const std::string& name);
/// The name of kAlgorithmNames.
std::string algorithm_name(Algorithm a);

struct CommunityOptions {
  Algorithm algorithm = Algorithm::leiden;
  Quality quality = Quality::modularity;
  double resolution = 1.0;
  /// Choose the resolution from `sweep` by stability (the most stable; ties to the one closest
  /// to 1). `resolution` is then ignored.
  bool auto_resolution = false;
  std::vector<double> sweep = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0};
  bool weighted = true;                     ///< use the aggregated tie weights
  std::int32_t runs = 50;                   ///< seeded runs of the ensemble (1 = a single run, stability 1)
  std::uint64_t seed = core::default_seed;  ///< run r uses a seed derived from (seed, r); recorded in outputs
  std::int32_t null_models = 20;            ///< rewired networks for the significance test; 0 = none

  // Added beyond the first interface; the defaults are the documented method.
  double consensus_threshold = 0.5;          ///< τ: consensus edges below this share are dropped
  std::int32_t consensus_runs = 10;          ///< runs on the consensus graph per iteration
  std::int32_t consensus_iterations = 10;    ///< cap on consensus iterations
  std::int32_t infomap_trials = 10;          ///< igraph_community_infomap nb_trials
  std::int32_t walktrap_steps = 4;           ///< igraph_community_walktrap steps
  std::int32_t rewire_trials_per_edge = 10;  ///< rewiring trials = this × aggregated pairs
  /// With auto_resolution: a resolution whose consensus is trivial (one community per connected
  /// component, or every stakeholder alone) is chosen only when every resolution is trivial.
  bool auto_skip_trivial = true;
  /// Called with the share of the work done (0–1) after each run and each null network; results
  /// do not depend on it.
  std::function<void(double)> progress;
};

/// One community of the consensus partition.
struct CommunityStats {
  CommunityId id = 0;
  std::int32_t size = 0;
  std::int32_t internal_edges = 0;  ///< aggregated pairs inside
  double internal_weight = 0;
  std::int32_t boundary_edges = 0;  ///< aggregated pairs with one end inside
  double density = 0;               ///< internal_edges / (size·(size−1)/2); 0 below 2 members
  double conductance = 0;           ///< cut weight / min(vol(C), vol(V∖C)); 0 when undefined
  double stability = 0;             ///< share of runs that recover it (best Jaccard ≥ 0.5)
  std::int32_t recovered_runs = 0;
  double null_internal_mean = 0;  ///< internal aggregated pairs over the null networks
  double null_internal_sd = 0;
  double z_internal = 0;  ///< (internal_edges − mean) / sd; NaN without nulls or sd 0
  bool split = false;     ///< came from a disconnected consensus group, split apart
};

/// One resolution of the sweep.
struct SweepPoint {
  double resolution = 0;
  std::int32_t communities = 0;  ///< in the consensus at this resolution
  double quality = 0;            ///< modularity (at resolution 1) of that consensus
  double stability = 0;          ///< mean stakeholder stability
  bool trivial = false;          ///< one community per component, or every stakeholder alone
};

struct CommunityResult {
  Algorithm algorithm = Algorithm::leiden;
  Quality quality = Quality::modularity;
  double resolution = 1.0;  ///< the one used (chosen, when auto)
  std::int32_t runs = 0;
  std::uint64_t seed = 0;
  Partition partition;                      ///< the consensus, every community connected
  std::vector<double> node_stability;       ///< per stakeholder, share of runs agreeing
  std::vector<CommunityStats> communities;  ///< by community id
  double modularity = 0;                    ///< of `partition`, resolution 1, weights as used
  double null_modularity_mean = 0;          ///< best modularity found on the null networks
  double null_modularity_sd = 0;
  double modularity_z = 0;  ///< NaN without nulls
  std::int32_t null_models = 0;
  std::int32_t split_communities = 0;  ///< consensus groups split for being disconnected
  std::vector<SweepPoint> sweep;       ///< filled when auto_resolution

  // Added beyond the first interface.
  std::int32_t consensus_iterations = 0;  ///< re-clustering rounds the consensus took (0: runs agreed)
  bool consensus_converged = true;        ///< false when the cap was reached (docs/communities.md)
  /// Mean modularity (resolution 1, weights as used) of the ensemble's single runs. modularity_z
  /// compares this, not `modularity`, with the null networks' single runs: like with like (a
  /// consensus of a structureless network fragments and scores below any single run).
  double run_modularity_mean = 0;
};

/// Throws std::invalid_argument for options out of range (runs < 1, negative resolution, …).
CommunityResult detect_communities(const Network& network, const CommunityOptions& options);
/// The same over a tie view already built (its undirected pairs).
CommunityResult detect_communities(const TieView& view, const CommunityOptions& options);

/// The seed of ensemble run `run` (0-based): output run + 1 of SplitMix64 started from
/// mix(seed + γ), γ = 0x9E3779B97F4A7C15 (docs/communities.md, "Seeds").
std::uint64_t run_seed(std::uint64_t seed, std::int32_t run);

/// The `options.runs` single runs of the ensemble that detect_communities would make at
/// `options.resolution`, each canonical (for inspection and tests; no consensus, no splitting).
std::vector<Partition> ensemble(const Network& network, const CommunityOptions& options);

/// Newman's modularity of `membership` on the network as community detection reads it (undirected
/// aggregate, weights as used), as igraph_modularity computes it; NaN without ties.
double modularity(const Network& network, const std::vector<std::int32_t>& membership, bool weighted = true,
                  double resolution = 1.0);

/// A partition made connected: every community split into its connected parts in the network as
/// community detection reads it (undirected aggregate); what detect_communities does to its
/// consensus.
struct ConnectedSplit {
  Partition partition;            ///< canonical
  std::vector<bool> split;        ///< per community of `partition`: part of a split group
  std::int32_t split_groups = 0;  ///< groups of the input that were disconnected
};
ConnectedSplit split_disconnected(const Network& network, const std::vector<std::int32_t>& membership);

/// Normalised mutual information (Danon et al. 2005, 2I/(H(a)+H(b)); 1 when both partitions
/// are trivial) and the adjusted Rand index (Hubert & Arabie 1985), as igraph's
/// igraph_compare_communities computes them. Labels need not be canonical.
struct Comparison {
  double nmi = 0;
  double ari = 0;
};
/// Degree-preserving randomisation (Maslov & Sneppen 2002): `trials` attempted switches of two
/// edges' ends (a–b, c–d → a–d, c–b), a switch that would make a loop or a multi-edge skipped.
/// Every vertex keeps its degree; each weight stays with its edge slot. Edges come back with
/// source < target, in slot order. Seeded (std::mt19937_64), the same on every platform.
std::vector<AggregatedEdge> rewire(std::int32_t n, std::vector<AggregatedEdge> edges, std::int64_t trials,
                                   std::uint64_t seed);

Comparison compare_partitions(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b);

}  // namespace clusterscope::communities
