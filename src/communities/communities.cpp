#include "clusterscope/communities/communities.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "clusterscope/core/run.hpp"
#include "clusterscope/graph/community.hpp"
#include "clusterscope/graph/graph.hpp"

namespace clusterscope::communities {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The community streams of the run's seed (core/run.hpp).
enum class Stream { ensemble, consensus, null_rewire, null_run };

std::uint64_t derive(std::uint64_t seed, Stream stream, std::uint64_t index) {
  constexpr core::SeedStream streams[] = {core::SeedStream::community_runs,
                                          core::SeedStream::community_consensus,
                                          core::SeedStream::null_rewire, core::SeedStream::null_run};
  return core::stream_seed(seed, streams[static_cast<int>(stream)], index);
}

/// The network as community detection reads it: the tie view's undirected pairs (both directions
/// of a directed network summed, no self-loops); weights 1 when unweighted.
struct Analysed {
  std::int32_t n = 0;
  bool weighted = true;
  std::vector<AggregatedEdge> edges;  ///< source < target, sorted
  std::vector<double> strength;       ///< weights as used
  double total_weight = 0;            ///< Σ edge weights
  std::int32_t components = 0;
  graph::Graph graph;

  Analysed(std::int32_t vertices, std::vector<AggregatedEdge> list, bool use_weights)
      : n(vertices), weighted(use_weights), edges(std::move(list)), graph(vertices, edges, false) {
    strength.assign(static_cast<std::size_t>(n), 0.0);
    for (const AggregatedEdge& e : edges) {
      strength[static_cast<std::size_t>(e.source)] += e.weight;
      strength[static_cast<std::size_t>(e.target)] += e.weight;
      total_weight += e.weight;
    }
    components = static_cast<std::int32_t>(graph::components(graph).sizes.size());
  }
};

/// Undirected pairs (a tie view's, or undirected_pairs() of the aggregate) as community detection
/// reads them: weights 1 when unweighted.
std::vector<AggregatedEdge> pairs_as_used(std::vector<AggregatedEdge> pairs, bool weighted) {
  if (!weighted)
    for (AggregatedEdge& e : pairs)
      e.weight = 1.0;
  return pairs;
}

void validate(const CommunityOptions& o) {
  const auto fail = [](const std::string& what) { throw std::invalid_argument("communities: " + what); };
  if (o.runs < 1) fail("runs must be at least 1 (got " + std::to_string(o.runs) + ")");
  if (!(o.resolution >= 0) || !std::isfinite(o.resolution))
    fail("the resolution must be a finite number ≥ 0 (got " + std::to_string(o.resolution) + ")");
  if (o.null_models < 0) fail("null_models must not be negative");
  if (!(o.consensus_threshold > 0 && o.consensus_threshold <= 1))
    fail("the consensus threshold must lie in (0, 1]");
  if (o.consensus_runs < 2) fail("consensus_runs must be at least 2");
  if (o.consensus_iterations < 1) fail("consensus_iterations must be at least 1");
  if (o.infomap_trials < 1) fail("infomap_trials must be at least 1");
  if (o.walktrap_steps < 1) fail("walktrap_steps must be at least 1");
  if (o.rewire_trials_per_edge < 1) fail("rewire_trials_per_edge must be at least 1");
  if (o.auto_resolution) {
    if (o.algorithm != Algorithm::leiden && o.algorithm != Algorithm::louvain)
      fail("automatic resolution needs leiden or louvain; " + algorithm_name(o.algorithm) +
           " has no resolution parameter");
    if (o.sweep.empty()) fail("automatic resolution needs at least one resolution in the sweep");
    for (const double r : o.sweep) {
      if (!(r >= 0) || !std::isfinite(r)) fail("sweep resolutions must be finite numbers ≥ 0");
    }
  }
}

graph::CommunityCall call_for(const CommunityOptions& o, double resolution) {
  graph::CommunityCall call;
  switch (o.algorithm) {
    case Algorithm::leiden:
      call.method = o.quality == Quality::modularity ? graph::CommunityMethod::leiden_modularity
                                                     : graph::CommunityMethod::leiden_cpm;
      break;
    case Algorithm::louvain: call.method = graph::CommunityMethod::louvain; break;
    case Algorithm::infomap: call.method = graph::CommunityMethod::infomap; break;
    case Algorithm::walktrap: call.method = graph::CommunityMethod::walktrap; break;
    case Algorithm::labelprop: call.method = graph::CommunityMethod::label_propagation; break;
  }
  call.resolution = resolution;
  call.infomap_trials = o.infomap_trials;
  call.walktrap_steps = o.walktrap_steps;
  return call;
}

Partition run_once(const graph::Graph& g, const graph::CommunityCall& call, bool weighted,
                   std::uint64_t seed) {
  return Partition::canonical(graph::detect_communities(g, call, weighted, seed));
}

/// The share of the work done when the ensemble is finished (the null networks take the rest).
double ensemble_share(const CommunityOptions& o) {
  return o.null_models > 0 ? 0.4 : 1.0;
}

std::vector<Partition> run_ensemble(const Analysed& a, const graph::CommunityCall& call, std::int32_t runs,
                                    std::uint64_t seed, const std::function<void(double)>& progress = {},
                                    double share = 1.0) {
  std::vector<Partition> out;
  out.reserve(static_cast<std::size_t>(runs));
  for (std::int32_t r = 0; r < runs; ++r) {
    out.push_back(run_once(a.graph, call, a.weighted, run_seed(seed, r)));
    if (progress) progress(share * (r + 1) / runs);
  }
  return out;
}

bool all_equal(const std::vector<Partition>& runs) {
  return std::all_of(runs.begin(), runs.end(),
                     [&](const Partition& p) { return p.membership == runs.front().membership; });
}

/// Union-find for the connectivity split.
struct DisjointSets {
  std::vector<std::int32_t> parent;
  explicit DisjointSets(std::int32_t n) : parent(static_cast<std::size_t>(n)) {
    std::iota(parent.begin(), parent.end(), 0);
  }
  std::int32_t find(std::int32_t v) {
    while (parent[static_cast<std::size_t>(v)] != v) {
      auto& p = parent[static_cast<std::size_t>(v)];
      p = parent[static_cast<std::size_t>(p)];
      v = p;
    }
    return v;
  }
  void join(std::int32_t a, std::int32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
  }
};

struct Split {
  Partition partition;
  std::vector<bool> split;  ///< per resulting community: came from a disconnected group
  std::int32_t groups = 0;  ///< groups that were disconnected
};

/// Splits every community into its connected parts within the analysed graph.
Split split_of(const Analysed& a, const Partition& p) {
  DisjointSets sets(a.n);
  for (const AggregatedEdge& e : a.edges) {
    if (p.membership[static_cast<std::size_t>(e.source)] == p.membership[static_cast<std::size_t>(e.target)])
      sets.join(e.source, e.target);
  }
  std::vector<std::int64_t> roots(static_cast<std::size_t>(a.n));
  for (std::int32_t v = 0; v < a.n; ++v)
    roots[static_cast<std::size_t>(v)] = sets.find(v);
  Split out;
  out.partition = Partition::canonical(roots);
  // A group is split when its members fall into more than one part.
  std::vector<std::int32_t> first_part(static_cast<std::size_t>(p.count), -1);
  std::vector<bool> group_split(static_cast<std::size_t>(p.count), false);
  for (std::size_t v = 0; v < p.membership.size(); ++v) {
    const auto g = static_cast<std::size_t>(p.membership[v]);
    const std::int32_t part = out.partition.membership[v];
    if (first_part[g] < 0) {
      first_part[g] = part;
    } else if (first_part[g] != part) {
      group_split[g] = true;
    }
  }
  out.groups = static_cast<std::int32_t>(std::count(group_split.begin(), group_split.end(), true));
  out.split.assign(static_cast<std::size_t>(out.partition.count), false);
  for (std::size_t v = 0; v < p.membership.size(); ++v) {
    if (group_split[static_cast<std::size_t>(p.membership[v])])
      out.split[static_cast<std::size_t>(out.partition.membership[v])] = true;
  }
  return out;
}

/// Share of `runs` in which the two ends of each analysed edge share a community.
std::vector<double> co_classification(const Analysed& a, const std::vector<Partition>& runs) {
  std::vector<std::int32_t> together(a.edges.size(), 0);
  for (const Partition& p : runs) {
    for (std::size_t e = 0; e < a.edges.size(); ++e) {
      const auto s = static_cast<std::size_t>(a.edges[e].source);
      const auto t = static_cast<std::size_t>(a.edges[e].target);
      together[e] += p.membership[s] == p.membership[t] ? 1 : 0;
    }
  }
  std::vector<double> share(a.edges.size());
  for (std::size_t e = 0; e < share.size(); ++e)
    share[e] = static_cast<double>(together[e]) / static_cast<double>(runs.size());
  return share;
}

/// The partition of `runs` that agrees best with the others (highest summed NMI; first on ties).
const Partition& medoid(const std::vector<Partition>& runs) {
  std::size_t best = 0;
  double best_sum = -1;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    double sum = 0;
    for (std::size_t j = 0; j < runs.size(); ++j) {
      if (i != j) sum += graph::compare_memberships(runs[i].membership, runs[j].membership).nmi;
    }
    if (sum > best_sum) {
      best_sum = sum;
      best = i;
    }
  }
  return runs[best];
}

struct Consensus {
  Partition partition;
  std::int32_t iterations = 0;
  bool converged = true;
};

/// Lancichinetti & Fortunato (2012) consensus clustering restricted to the analysed edges.
Consensus consensus_of(const Analysed& a, const std::vector<Partition>& runs,
                       const graph::CommunityCall& call, const CommunityOptions& o) {
  Consensus out;
  if (runs.size() == 1 || all_equal(runs)) {
    out.partition = runs.front();
    return out;
  }
  const double mean_weight = a.edges.empty() ? 1.0 : a.total_weight / static_cast<double>(a.edges.size());
  std::vector<Partition> current = runs;
  for (std::int32_t iteration = 1; iteration <= o.consensus_iterations; ++iteration) {
    const std::vector<double> share = co_classification(a, current);
    // Keep the pairs co-classified in at least τ of the runs, and for every stakeholder with ties
    // its strongest pair, so thresholding alone never makes anyone a singleton.
    std::vector<bool> keep(share.size(), false);
    std::vector<std::int64_t> strongest(static_cast<std::size_t>(a.n), -1);
    for (std::size_t e = 0; e < share.size(); ++e) {
      if (share[e] >= o.consensus_threshold) keep[e] = true;
      for (const VertexId v : {a.edges[e].source, a.edges[e].target}) {
        auto& s = strongest[static_cast<std::size_t>(v)];
        if (s < 0 || share[e] > share[static_cast<std::size_t>(s)]) s = static_cast<std::int64_t>(e);
      }
    }
    for (const std::int64_t e : strongest) {
      if (e >= 0 && share[static_cast<std::size_t>(e)] > 0) keep[static_cast<std::size_t>(e)] = true;
    }
    std::vector<AggregatedEdge> kept;
    double kept_weight = 0;
    for (std::size_t e = 0; e < share.size(); ++e) {
      if (!keep[e]) continue;
      kept.push_back({a.edges[e].source, a.edges[e].target, share[e], 1});
      kept_weight += share[e];
    }
    const graph::Graph consensus_graph(a.n, kept, false);
    graph::CommunityCall recall = call;
    if (call.method == graph::CommunityMethod::leiden_cpm && !kept.empty()) {
      // CPM is not invariant to the scale of the weights: keep the resolution's meaning relative
      // to the mean pair weight.
      recall.resolution = call.resolution * (kept_weight / static_cast<double>(kept.size())) / mean_weight;
    }
    current.clear();
    for (std::int32_t k = 0; k < o.consensus_runs; ++k) {
      const auto index =
          static_cast<std::uint64_t>(iteration - 1) * static_cast<std::uint64_t>(o.consensus_runs) +
          static_cast<std::uint64_t>(k);
      current.push_back(run_once(consensus_graph, recall, true, derive(o.seed, Stream::consensus, index)));
    }
    out.iterations = iteration;
    if (all_equal(current)) {
      out.partition = current.front();
      return out;
    }
  }
  out.converged = false;
  out.partition = medoid(current);
  return out;
}

struct Recovery {
  std::vector<std::int32_t> recovered_runs;  ///< per consensus community
  std::vector<double> node_stability;
};

/// For every consensus community, the runs holding a community with Jaccard ≥ 0.5 to it; for
/// every stakeholder, the share of runs in which it lies in the run community recovering its own.
Recovery recovery(const Partition& consensus, const std::vector<Partition>& runs) {
  const std::size_t n = consensus.membership.size();
  const auto k = static_cast<std::size_t>(consensus.count);
  const std::vector<std::int32_t> sizes = consensus.sizes();
  Recovery out;
  out.recovered_runs.assign(k, 0);
  std::vector<std::int32_t> agree(n, 0);
  std::vector<std::uint64_t> keys(n);
  std::vector<std::int64_t> best_overlap(k);
  std::vector<std::int64_t> best_union(k);
  std::vector<std::int32_t> match(k);
  for (const Partition& run : runs) {
    const std::vector<std::int32_t> run_sizes = run.sizes();
    const auto width = static_cast<std::uint64_t>(run.count);
    for (std::size_t v = 0; v < n; ++v)
      keys[v] = static_cast<std::uint64_t>(consensus.membership[v]) * width +
                static_cast<std::uint64_t>(run.membership[v]);
    std::sort(keys.begin(), keys.end());
    std::fill(best_overlap.begin(), best_overlap.end(), 0);
    std::fill(best_union.begin(), best_union.end(), 1);
    std::fill(match.begin(), match.end(), -1);
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i;
      while (j < n && keys[j] == keys[i])
        ++j;
      const auto c = static_cast<std::size_t>(keys[i] / width);
      const auto q = static_cast<std::int32_t>(keys[i] % width);
      const auto overlap = static_cast<std::int64_t>(j - i);
      const std::int64_t united = sizes[c] + run_sizes[static_cast<std::size_t>(q)] - overlap;
      // Larger Jaccard wins; on equal Jaccard the smaller run label (keys ascend in q).
      if (overlap * best_union[c] > best_overlap[c] * united) {
        best_overlap[c] = overlap;
        best_union[c] = united;
        match[c] = q;
      }
      i = j;
    }
    for (std::size_t c = 0; c < k; ++c) {
      if (2 * best_overlap[c] >= best_union[c]) {
        ++out.recovered_runs[c];
      } else {
        match[c] = -1;
      }
    }
    for (std::size_t v = 0; v < n; ++v) {
      if (match[static_cast<std::size_t>(consensus.membership[v])] == run.membership[v]) ++agree[v];
    }
  }
  out.node_stability.assign(n, 0.0);
  for (std::size_t v = 0; v < n; ++v)
    out.node_stability[v] = static_cast<double>(agree[v]) / static_cast<double>(runs.size());
  return out;
}

/// Everything detect_communities computes at one resolution, before the significance test.
struct Detected {
  double resolution = 1.0;
  Partition partition;
  std::vector<bool> split;
  std::int32_t split_groups = 0;
  std::vector<double> node_stability;
  std::vector<std::int32_t> recovered_runs;
  std::int32_t iterations = 0;
  bool converged = true;
  double modularity = 0;
  double run_modularity_mean = 0;
};

Detected detect_at(const Analysed& a, const CommunityOptions& o, double resolution) {
  const graph::CommunityCall call = call_for(o, resolution);
  const std::vector<Partition> runs = run_ensemble(a, call, o.runs, o.seed, o.progress, ensemble_share(o));
  Consensus consensus = consensus_of(a, runs, call, o);
  Split split = split_of(a, consensus.partition);
  Detected d;
  d.resolution = resolution;
  d.partition = std::move(split.partition);
  d.split = std::move(split.split);
  d.split_groups = split.groups;
  d.iterations = consensus.iterations;
  d.converged = consensus.converged;
  if (o.runs == 1) {
    d.node_stability.assign(static_cast<std::size_t>(a.n), 1.0);
    d.recovered_runs.assign(static_cast<std::size_t>(d.partition.count), 1);
  } else {
    Recovery r = recovery(d.partition, runs);
    d.node_stability = std::move(r.node_stability);
    d.recovered_runs = std::move(r.recovered_runs);
  }
  d.modularity = graph::modularity(a.graph, d.partition.membership, 1.0, a.weighted);
  double sum = 0;
  for (const Partition& run : runs)
    sum += graph::modularity(a.graph, run.membership, 1.0, a.weighted);
  d.run_modularity_mean = sum / static_cast<double>(runs.size());
  return d;
}

double mean(const std::vector<double>& x) {
  return x.empty() ? nan : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

/// Sample standard deviation (n − 1); 0 for a single value, NaN for none.
double sd(const std::vector<double>& x) {
  if (x.empty()) return nan;
  if (x.size() == 1) return 0;
  const double m = mean(x);
  double sum = 0;
  for (const double v : x)
    sum += (v - m) * (v - m);
  return std::sqrt(sum / static_cast<double>(x.size() - 1));
}

double z_score(double observed, double m, double s) {
  return std::isfinite(s) && s > 0 ? (observed - m) / s : nan;
}

std::vector<CommunityStats> community_stats(const Analysed& a, const Detected& d, std::int32_t runs) {
  const auto k = static_cast<std::size_t>(d.partition.count);
  std::vector<CommunityStats> stats(k);
  const std::vector<std::int32_t> sizes = d.partition.sizes();
  std::vector<double> volume(k, 0.0);
  std::vector<double> cut(k, 0.0);
  for (std::size_t v = 0; v < d.partition.membership.size(); ++v)
    volume[static_cast<std::size_t>(d.partition.membership[v])] += a.strength[v];
  for (const AggregatedEdge& e : a.edges) {
    const auto cs = static_cast<std::size_t>(d.partition.membership[static_cast<std::size_t>(e.source)]);
    const auto ct = static_cast<std::size_t>(d.partition.membership[static_cast<std::size_t>(e.target)]);
    if (cs == ct) {
      ++stats[cs].internal_edges;
      stats[cs].internal_weight += e.weight;
    } else {
      ++stats[cs].boundary_edges;
      ++stats[ct].boundary_edges;
      cut[cs] += e.weight;
      cut[ct] += e.weight;
    }
  }
  const double total_volume = 2 * a.total_weight;
  for (std::size_t c = 0; c < k; ++c) {
    CommunityStats& s = stats[c];
    s.id = static_cast<CommunityId>(c);
    s.size = sizes[c];
    const double pairs = static_cast<double>(s.size) * static_cast<double>(s.size - 1) / 2;
    s.density = s.size < 2 ? 0 : static_cast<double>(s.internal_edges) / pairs;
    const double smaller = std::min(volume[c], total_volume - volume[c]);
    s.conductance = smaller > 0 ? cut[c] / smaller : 0;
    s.recovered_runs = d.recovered_runs[c];
    s.stability = static_cast<double>(s.recovered_runs) / static_cast<double>(runs);
    s.split = d.split[c];
    s.null_internal_mean = nan;
    s.null_internal_sd = nan;
    s.z_internal = nan;
  }
  return stats;
}

/// Degree-preserving null networks (docs/communities.md, "Significance").
void significance(const Analysed& a, const CommunityOptions& o, double resolution, CommunityResult& result) {
  result.null_models = o.null_models;
  result.null_modularity_mean = nan;
  result.null_modularity_sd = nan;
  result.modularity_z = nan;
  if (o.null_models == 0 || a.n == 0) return;
  const graph::CommunityCall call = call_for(o, resolution);
  const auto k = static_cast<std::size_t>(result.partition.count);
  std::vector<std::vector<double>> internal(k, std::vector<double>(static_cast<std::size_t>(o.null_models)));
  std::vector<double> q(static_cast<std::size_t>(o.null_models));
  std::vector<std::int32_t> count(k);
  const auto trials =
      static_cast<std::int64_t>(o.rewire_trials_per_edge) * static_cast<std::int64_t>(a.edges.size());
  for (std::int32_t j = 0; j < o.null_models; ++j) {
    const auto index = static_cast<std::uint64_t>(j);
    const std::vector<AggregatedEdge> edges =
        rewire(a.n, a.edges, trials, derive(o.seed, Stream::null_rewire, index));
    const graph::Graph null(a.n, edges, false);
    const Partition p = run_once(null, call, a.weighted, derive(o.seed, Stream::null_run, index));
    q[static_cast<std::size_t>(j)] = graph::modularity(null, p.membership, 1.0, a.weighted);
    std::fill(count.begin(), count.end(), 0);
    for (const AggregatedEdge& e : edges) {
      const auto cs = result.partition.membership[static_cast<std::size_t>(e.source)];
      if (cs == result.partition.membership[static_cast<std::size_t>(e.target)])
        ++count[static_cast<std::size_t>(cs)];
    }
    for (std::size_t c = 0; c < k; ++c)
      internal[c][static_cast<std::size_t>(j)] = count[c];
    if (o.progress) o.progress(ensemble_share(o) + (1 - ensemble_share(o)) * (j + 1) / o.null_models);
  }
  result.null_modularity_mean = mean(q);
  result.null_modularity_sd = sd(q);
  result.modularity_z =
      z_score(result.run_modularity_mean, result.null_modularity_mean, result.null_modularity_sd);
  for (std::size_t c = 0; c < k; ++c) {
    CommunityStats& s = result.communities[c];
    s.null_internal_mean = mean(internal[c]);
    s.null_internal_sd = sd(internal[c]);
    s.z_internal = z_score(s.internal_edges, s.null_internal_mean, s.null_internal_sd);
  }
}

double mean_stability(const Detected& d) {
  return d.node_stability.empty() ? 1.0 : mean(d.node_stability);
}

bool trivial(const Analysed& a, const Detected& d) {
  return d.partition.count == a.components || d.partition.count == a.n;
}

}  // namespace

Algorithm parse_algorithm(const std::string& name) {
  if (const auto algorithm = core::find_name(kAlgorithmNames, name)) return *algorithm;
  throw std::invalid_argument("unknown community algorithm '" + name + "'; expected one of " +
                              core::choices(kAlgorithmNames, ", "));
}

std::string algorithm_name(Algorithm a) {
  return std::string(core::name_of(kAlgorithmNames, a));
}

std::uint64_t run_seed(std::uint64_t seed, std::int32_t run) {
  if (run < 0) throw std::invalid_argument("run_seed: negative run");
  return derive(seed, Stream::ensemble, static_cast<std::uint64_t>(run));
}

std::vector<Partition> ensemble(const Network& network, const CommunityOptions& options) {
  validate(options);
  const Analysed a(static_cast<std::int32_t>(network.size()),
                   pairs_as_used(undirected_pairs(aggregate_ties(network)), options.weighted),
                   options.weighted);
  return run_ensemble(a, call_for(options, options.resolution), options.runs, options.seed);
}

double modularity(const Network& network, const std::vector<std::int32_t>& membership, bool weighted,
                  double resolution) {
  const Analysed a(static_cast<std::int32_t>(network.size()),
                   pairs_as_used(undirected_pairs(aggregate_ties(network)), weighted), weighted);
  return graph::modularity(a.graph, membership, resolution, weighted);
}

CommunityResult detect_communities(const Network& network, const CommunityOptions& options) {
  return detect_communities(make_tie_view(network), options);
}

CommunityResult detect_communities(const TieView& view, const CommunityOptions& options) {
  validate(options);
  const Analysed a(view.n, pairs_as_used(view.undirected, options.weighted), options.weighted);
  CommunityResult result;
  result.algorithm = options.algorithm;
  result.quality = options.quality;
  result.runs = options.runs;
  result.seed = options.seed;

  Detected chosen;
  if (options.auto_resolution) {
    // Every resolution of the sweep: ensemble + consensus; the most stable non-trivial one wins,
    // ties to the resolution closest to 1, then the smaller.
    bool have = false;
    bool chosen_trivial = true;
    double chosen_stability = 0;
    for (const double resolution : options.sweep) {
      Detected d = detect_at(a, options, resolution);
      const double stability = mean_stability(d);
      const bool is_trivial = trivial(a, d);
      result.sweep.push_back({resolution, d.partition.count, d.modularity, stability, is_trivial});
      const auto better = [&] {
        if (!have) return true;
        if (options.auto_skip_trivial && is_trivial != chosen_trivial) return !is_trivial;
        constexpr double tolerance = 1e-12;
        if (std::fabs(stability - chosen_stability) > tolerance) return stability > chosen_stability;
        const double distance = std::fabs(resolution - 1.0);
        const double chosen_distance = std::fabs(chosen.resolution - 1.0);
        if (distance != chosen_distance) return distance < chosen_distance;
        return resolution < chosen.resolution;
      };
      if (better()) {
        chosen = std::move(d);
        chosen_stability = stability;
        chosen_trivial = is_trivial;
        have = true;
      }
    }
  } else {
    chosen = detect_at(a, options, options.resolution);
  }

  result.resolution = chosen.resolution;
  result.consensus_iterations = chosen.iterations;
  result.consensus_converged = chosen.converged;
  result.split_communities = chosen.split_groups;
  result.modularity = chosen.modularity;
  result.run_modularity_mean = chosen.run_modularity_mean;
  result.communities = community_stats(a, chosen, options.runs);
  result.partition = std::move(chosen.partition);
  result.node_stability = std::move(chosen.node_stability);
  significance(a, options, result.resolution, result);
  return result;
}

ConnectedSplit split_disconnected(const Network& network, const std::vector<std::int32_t>& membership) {
  if (membership.size() != network.size())
    throw std::invalid_argument("split_disconnected: the membership covers " +
                                std::to_string(membership.size()) + " of " + std::to_string(network.size()) +
                                " stakeholders");
  if (std::any_of(membership.begin(), membership.end(), [](std::int32_t x) { return x < 0; }))
    throw std::invalid_argument("split_disconnected: community labels must not be negative");
  const Analysed a(static_cast<std::int32_t>(network.size()),
                   pairs_as_used(undirected_pairs(aggregate_ties(network)), false), false);
  Split s =
      split_of(a, Partition::canonical(std::vector<std::int64_t>(membership.begin(), membership.end())));
  return {std::move(s.partition), std::move(s.split), s.groups};
}

Comparison compare_partitions(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b) {
  if (a.size() != b.size())
    throw std::invalid_argument("compare_partitions: the partitions cover " + std::to_string(a.size()) +
                                " and " + std::to_string(b.size()) + " stakeholders");
  // igraph wants labels below the number of elements: relabel 0..k−1 (the scores do not change).
  const auto relabel = [](const std::vector<std::int32_t>& labels) {
    if (std::any_of(labels.begin(), labels.end(), [](std::int32_t x) { return x < 0; }))
      throw std::invalid_argument("compare_partitions: community labels must not be negative");
    return Partition::canonical(std::vector<std::int64_t>(labels.begin(), labels.end())).membership;
  };
  const graph::Agreement agreement = graph::compare_memberships(relabel(a), relabel(b));
  return {agreement.nmi, agreement.ari};
}

}  // namespace clusterscope::communities
