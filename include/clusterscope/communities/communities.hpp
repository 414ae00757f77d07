#pragma once
// Community detection (docs/communities.md): single seeded runs of igraph's algorithms, ensembles
// with a consensus partition and stability, a resolution sweep, significance against
// degree-preserving null networks, and comparison of partitions (NMI, ARI).
//
// Directed networks are read as undirected for community detection (the weights of both
// directions summed), as Leiden and Louvain define modularity on undirected graphs.

#include <cstdint>
#include <string>
#include <vector>

#include "clusterscope/model/network.hpp"
#include "clusterscope/model/partition.hpp"

namespace clusterscope::communities {

enum class Algorithm { leiden, louvain, infomap, walktrap, labelprop };
enum class Quality { modularity, cpm };  ///< Leiden's objective (the others optimise their own)

/// "leiden" → Algorithm::leiden, …; throws std::invalid_argument for an unknown name.
Algorithm parse_algorithm(const std::string& name);
std::string algorithm_name(Algorithm a);

struct CommunityOptions {
  Algorithm algorithm = Algorithm::leiden;
  Quality quality = Quality::modularity;
  double resolution = 1.0;
  /// Choose the resolution from `sweep` by stability (the most stable; ties to the one closest
  /// to 1). `resolution` is then ignored.
  bool auto_resolution = false;
  std::vector<double> sweep = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0};
  bool weighted = true;           ///< use the aggregated tie weights
  std::int32_t runs = 50;         ///< seeded runs of the ensemble (1 = a single run, stability 1)
  std::uint64_t seed = 1;         ///< run r uses a seed derived from (seed, r); recorded in outputs
  std::int32_t null_models = 20;  ///< rewired networks for the significance test; 0 = none
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
};

CommunityResult detect_communities(const Network& network, const CommunityOptions& options);

/// Normalised mutual information (Danon et al. 2005, 2I/(H(a)+H(b)); 1 when both partitions
/// are trivial) and the adjusted Rand index (Hubert & Arabie 1985), as igraph's
/// igraph_compare_communities computes them. Labels need not be canonical.
struct Comparison {
  double nmi = 0;
  double ari = 0;
};
Comparison compare_partitions(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b);

}  // namespace clusterscope::communities
