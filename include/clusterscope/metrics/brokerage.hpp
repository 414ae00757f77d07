#pragma once
// Structural-hole measures over the aggregated ties (docs/metrics/brokerage.md): Gould &
// Fernandez brokerage roles by stakeholder type, and Burt's effective size. Pure C++, exact.

#include <cstdint>
#include <vector>

#include "clusterscope/model/network.hpp"

namespace clusterscope::metrics {

/// Raw Gould–Fernandez role counts, one entry per stakeholder (vertex order of the network).
struct BrokerageRoles {
  std::vector<double> coordinator;     ///< A(a) = A(b) = A(c)                  (sna: w_I)
  std::vector<double> gatekeeper;      ///< A(a) ≠ A(b) = A(c)                  (sna: b_OI)
  std::vector<double> representative;  ///< A(a) = A(b) ≠ A(c)                  (sna: b_IO)
  std::vector<double> consultant;      ///< A(a) = A(c) ≠ A(b), "itinerant"     (sna: w_O)
  std::vector<double> liaison;         ///< A(a), A(b), A(c) all different      (sna: b_O)
};

/// Gould & Fernandez (1989) brokerage over stakeholder types (groups = Stakeholder::type).
///
/// For every two-path a → b → c with a ≠ c and no tie a → c, broker b gets one role by the
/// groups A(·) of a, b and c (see the fields). These are the raw counts of R's sna::brokerage
/// (`raw.nli`) and UCINET; nothing is normalised.
///
/// - Groups: stakeholders with the same `type` string (exact, case-sensitive) form one group;
///   an empty type is a group of its own, "".
/// - Undirected networks: every tie is read as reciprocated (a → b and b → a), exactly as sna does
///   with a symmetric graph, so each unordered open two-path a – b – c is counted in both
///   orientations: coordinator, consultant and liaison count it twice; a path with one end outside
///   b's group gives b one gatekeeper and one representative. The result equals that of the same
///   ties loaded as a directed network with both arcs; halve coordinator/consultant/liaison to
///   count unordered paths.
/// - Multiplex ties count once (`edges` is one edge per pair; weights are ignored); self-loops
///   and repeated edges are ignored.
///
/// `edges` are the aggregated ties (aggregate_ties(network)); endpoints must be < network.size()
/// (std::out_of_range otherwise).
/// Complexity: O(n + m log m) to build sorted adjacency, then O(Σ_b indeg(b)·outdeg(b)) ≤ O(Σ deg²)
/// for the census (a marker array answers "a → c?" in O(1)); memory O(n + m).
BrokerageRoles brokerage(const Network& network, const std::vector<AggregatedEdge>& edges);

/// Burt's (1992) effective size of every vertex 0..n−1, as networkx.effective_size (2.8.8).
///
/// - `weighted` (or `directed`): Burt's redundancy formula with networkx's mutual weights,
///   e(u) = Σ_{v∈N(u)} (1 − Σ_{w∈N(u)} p_uw · m_vw), where N(u) are all (in- and out-)neighbours,
///   mw(u,v) = w(u→v) + w(v→u), p_uw = mw(u,w) / Σ_x mw(u,x), m_vw = mw(v,w) / max_x mw(v,x)
///   (0 when the sum or max is 0). When not `weighted` every edge weighs 1, so a reciprocated
///   directed pair has mutual weight 2 — networkx's effective_size(G) on a DiGraph.
/// - undirected and not `weighted`: Borgatti's (1997) form n − 2t/n (n = neighbours, t = ties
///   among them), which equals the formula above with all weights 1.
/// - Isolates (no neighbour in either direction) get NaN, as in networkx. A directed vertex with
///   in-ties only gets its value (networkx 2.8.8 returns NaN there, because its isolate test reads
///   successors only; its own formula on the reversed graph gives our value).
/// - Self-loops are ignored; repeated edges of one pair are merged by summing their weights.
///
/// Endpoints must be < n (std::out_of_range otherwise).
/// Complexity: O(n + m log m) + O(Σ_v deg(v)²) time with a dense scatter array; memory O(n + m).
std::vector<double> effective_size(std::int32_t n, const std::vector<AggregatedEdge>& edges, bool directed,
                                   bool weighted);

}  // namespace clusterscope::metrics
