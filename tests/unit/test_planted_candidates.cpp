// End-to-end recovery: the planted cluster-initiative groups of the bundled example
// (datasets/vistula-bend/PLANTED.md) must come out of detected communities as the top candidates.
//
// Thresholds, and why: PLANTED.md reports what one plain Louvain run finds (networkx, seeds 1–20):
// recall ≈ 1 for the four larger groups, precision 0.87 (machine-tool), 0.72 (wood-furniture),
// 0.57 (tourism-spa), 0.63 (ICT) — the best community also takes in the group's periphery.
// (mean recall 1.00, 1.00, 1.00, 0.92). A candidate is built from a consensus community (or a
// sector group), so it should recover about as much: precision and recall no worse than plain
// Louvain's mean less 0.1 — precision ≥ 0.75, 0.6, 0.5, 0.55 and recall ≥ 0.9, 0.9, 0.9, 0.82
// (set when Louvain's means were 0.60 and 0.65 for tourism-spa and ICT, before the referrals'
// uptake ties; kept, the candidates still meet them).
// The food group is planted weak: it must not be rated initiative-ready. Levels and order follow
// PLANTED.md: machine-tool and wood-furniture initiative-ready at ranks 1 and 2; ICT below them
// (at most at the border of initiative-ready) and above every candidate that is no planted
// group; tourism-spa emerging, flagged for having no coordinator, and among the two best
// emerging candidates. (Candidates are ranked by level first, so an emerging group follows every
// initiative-ready one, including the logistics and construction sectors that already have a
// cluster organisation with members.)

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "clusterscope/candidates/candidates.hpp"
#include "clusterscope/communities/communities.hpp"
#include "clusterscope/io/csv.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "support.hpp"

using namespace clusterscope;

namespace {

struct Planted {
  std::set<VertexId> members;
  std::string coordinator;
};

std::map<std::string, Planted> planted_groups(const Network& network) {
  std::map<std::string, Planted> groups;
  const std::string text =
      test::read_file(test::project_dir() / "datasets" / "vistula-bend" / "planted_groups.csv");
  std::size_t start = text.find('\n') + 1;  // skip the header
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const std::size_t a = line.find(','), b = line.find(',', a + 1);
    const std::string group = line.substr(0, a), id = line.substr(a + 1, b - a - 1),
                      role = line.substr(b + 1);
    const auto v = network.find(id);
    REQUIRE(v.has_value());
    groups[group].members.insert(*v);
    if (role == "coordinator") groups[group].coordinator = id;
  }
  return groups;
}

struct Match {
  const candidates::Candidate* candidate = nullptr;
  double precision = 0, recall = 0, f1 = 0;
};

Match best_match(const std::vector<candidates::Candidate>& found, const std::set<VertexId>& group) {
  Match best;
  for (const candidates::Candidate& c : found) {
    std::size_t shared = 0;
    for (const VertexId v : c.members)
      shared += group.count(v);
    if (shared == 0) continue;
    const double precision = static_cast<double>(shared) / static_cast<double>(c.members.size());
    const double recall = static_cast<double>(shared) / static_cast<double>(group.size());
    const double f1 = 2 * precision * recall / (precision + recall);
    if (f1 > best.f1) best = {&c, precision, recall, f1};
  }
  return best;
}

}  // namespace

TEST_CASE("the planted groups of the example come out as the top candidates", "[candidates][planted]") {
  Diagnostics diagnostics;
  const Network network = test::load(test::project_dir() / "datasets" / "vistula-bend", diagnostics);
  const auto groups = planted_groups(network);
  REQUIRE(groups.size() == 5);
  communities::CommunityOptions options;  // the defaults analyze uses: Leiden, 50 runs
  options.seed = 42;
  const communities::CommunityResult detected = communities::detect_communities(network, options);
  const std::vector<candidates::Candidate> found =
      pipeline::find_candidates(network, make_tie_view(network), detected, {});
  REQUIRE_FALSE(found.empty());

  const std::map<std::string, std::pair<double, double>> thresholds = {{"machine-tool", {0.75, 0.9}},
                                                                       {"wood-furniture", {0.6, 0.9}},
                                                                       {"tourism-spa", {0.5, 0.9}},
                                                                       {"ICT", {0.55, 0.82}}};
  std::map<std::string, Match> matches;
  for (const auto& [name, group] : groups) {
    matches[name] = best_match(found, group.members);
    const Match& m = matches[name];
    // Reported in the test log (run with -s) so the figures can be quoted.
    INFO(name);
    if (m.candidate != nullptr) {
      WARN(name << ": candidate rank " << m.candidate->rank << " ("
                << candidates::level_name(m.candidate->level) << ", score " << m.candidate->score << ", "
                << m.candidate->members.size() << " members): precision " << m.precision << ", recall "
                << m.recall);
    } else {
      WARN(name << ": no candidate shares a member");
    }
  }
  for (const auto& [name, limits] : thresholds) {
    INFO(name);
    const Match& m = matches[name];
    REQUIRE(m.candidate != nullptr);
    CHECK(m.precision >= limits.first);
    CHECK(m.recall >= limits.second);
  }
  const auto& machine = *matches["machine-tool"].candidate;
  const auto& wood = *matches["wood-furniture"].candidate;
  const auto& tourism = *matches["tourism-spa"].candidate;
  const auto& ict = *matches["ICT"].candidate;
  CHECK(machine.level == candidates::Level::initiative_ready);
  CHECK(wood.level == candidates::Level::initiative_ready);
  CHECK(std::max(machine.rank, wood.rank) <= 2);
  CHECK(tourism.level != candidates::Level::initiative_ready);
  CHECK(tourism.coordinator == -1);
  CHECK(ict.rank == 3);
  const auto id_of = [&](VertexId v) {
    return v < 0 ? std::string() : network.stakeholders[static_cast<std::size_t>(v)].id;
  };
  CHECK(id_of(machine.coordinator) == "C1");
  CHECK(id_of(wood.coordinator) == "S5");
  CHECK(tourism.level == candidates::Level::emerging);
  std::int32_t emerging_above = 0;
  for (const candidates::Candidate& c : found)
    emerging_above += (c.level == candidates::Level::emerging && c.rank < tourism.rank) ? 1 : 0;
  CHECK(emerging_above <= 1);
  if (matches["food"].candidate != nullptr)
    CHECK(matches["food"].candidate->level != candidates::Level::initiative_ready);
}
