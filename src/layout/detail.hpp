#pragma once
// Private to the layout module: the undirected adjacency every layout reads, the ForceAtlas2
// core, seeded draws and the pieces the algorithms share. Never included from a public header.

#include <cstdint>
#include <random>
#include <vector>

#include "clusterscope/layout/layout.hpp"
#include "clusterscope/model/layout.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::layout::detail {

/// Undirected adjacency in compressed rows: the neighbours of v are
/// neighbours[offsets[v] … offsets[v + 1]), ascending, with the pair's weight beside each.
struct Adjacency {
  std::int32_t n = 0;
  std::vector<std::int64_t> offsets;
  std::vector<std::int32_t> neighbours;
  std::vector<double> weights;
  [[nodiscard]] std::int32_t degree(std::int32_t v) const {
    const auto i = static_cast<std::size_t>(v);
    return static_cast<std::int32_t>(offsets[i + 1] - offsets[i]);
  }
};
Adjacency adjacency(std::int32_t n, const std::vector<AggregatedEdge>& edges);

/// SplitMix64 of seed and salt: independent seeds for the parts of one layout.
std::uint64_t mix(std::uint64_t seed, std::uint64_t salt);
/// Uniform in [0, 1) from the top 53 bits (std distributions differ between libraries).
double unit(std::mt19937_64& rng);
/// n positions uniform in the square [−side/2, side/2)², seeded.
Layout random_positions(std::int32_t n, std::uint64_t seed, double side);

/// Connected components, each ascending, ordered by size (largest first), then smallest vertex.
std::vector<std::vector<std::int32_t>> components(const Adjacency& adjacency);

/// Fills the NaN entries of `initial` (stakeholders without a previous position): rounds of
/// placing them at the mean of their placed partners plus a small offset; those never reached go
/// to a ring around the placed ones (Strays::beside: a small ring right of them, for maps); with
/// none placed at all, seeded random positions. Throws std::invalid_argument on a size mismatch.
enum class Strays { around, beside };
Layout complete_initial(const Layout& initial, const Adjacency& adjacency, std::uint64_t seed,
                        Strays strays = Strays::around);

struct Fa2Settings {
  std::int32_t iterations = 0;
  bool linlog = false;
  bool prevent_overlap = false;
  bool weighted = true;
  double gravity = 1.0;
  double scaling = 2.0;
  std::int32_t barnes_hut_above = 1000;
  unsigned threads = 0;
  double theta = 1.2;  ///< Barnes–Hut opening criterion (cell size / distance), Gephi's default
};

/// Iterations used when 0 is asked: enough for the adaptive speed to settle, fewer for large n.
std::int32_t automatic_fa2_iterations(std::int32_t n);

/// ForceAtlas2 (Jacomy, Venturini, Heymann, Bastian 2014, doi:10.1371/journal.pone.0098679) from
/// the positions in (x, y), in place. mass and radius have one entry per vertex. Cost per
/// iteration O(n log n + m) with Barnes–Hut, O(n² + m) without.
void forceatlas2(const Adjacency& adjacency, const std::vector<double>& mass,
                 const std::vector<double>& radius, const Fa2Settings& settings, std::vector<double>& x,
                 std::vector<double>& y);

Fa2Settings fa2_settings(const LayoutOptions& options);

/// The layouts by algorithm (options already checked).
Layout fa2_layout(const Adjacency& adjacency, const LayoutOptions& options);
Layout igraph_layout(const Adjacency& adjacency, const LayoutOptions& options);
Layout grouped_layout(const Adjacency& adjacency, const LayoutOptions& options);
Layout geo_layout(const Network& network, const Adjacency& adjacency);

}  // namespace clusterscope::layout::detail
