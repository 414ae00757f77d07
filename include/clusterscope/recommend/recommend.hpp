#pragma once
// Partner recommendations (docs/recommend.md): for a query stakeholder, the stakeholders it has no
// tie with yet, scored by documented parts — how the two would meet through the network, what the
// pair adds that neither has (roles, related sectors, one group), needs matched by offers,
// proximity in space — each reported separately, with a plain-language reason and the
// best-placed introducer. Also the evaluation on later ties (precision@K, recall@K, MAP, hits@K
// against the classic link-prediction baselines) and the fit of the part weights.
//
// Pure scoring over the tie view: no igraph, no I/O. Deterministic: no part is random, ties in a
// ranking are broken by stakeholder id, and the query loop's results do not depend on the
// number of threads.

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "clusterscope/core/names.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/model/partition.hpp"
#include "clusterscope/model/tie_view.hpp"

namespace clusterscope::recommend {

/// The score's parts, in output order (the CSV's columns after `reason`).
enum class Part { common, paths, activity, helix, sector, group, needs, space };
inline constexpr std::size_t kParts = 8;

inline constexpr std::array<core::Name<Part>, kParts> kPartNames = {{
    {Part::common, "common", "shared partners (weighted Adamic–Adar)"},
    {Part::paths, "paths", "three-step paths"},
    {Part::activity, "activity", "the partner's cooperation activity"},
    {Part::helix, "helix", "a role the stakeholder's partners lack"},
    {Part::sector, "sector", "sectors that cooperate more than chance"},
    {Part::group, "group", "same candidate group or community"},
    {Part::needs, "needs", "needs matched by offers"},
    {Part::space, "space", "proximity in space"},
}};

using PartValues = std::array<double, kParts>;

/// Everything settable (the `recommend` object of a config file; docs/recommend.md gives each
/// default and why).
struct RecommendConfig {
  /// Weight of each part, in kPartNames order (normalised to sum 1 when used).
  PartValues weights = {0.15, 0.15, 0.05, 0.05, 0.03, 0.04, 0.50, 0.03};
  std::int32_t top = 10;  ///< partners per query
  /// Query types when no query is named: every stakeholder of these types.
  std::vector<std::string> query_types = {"enterprise"};
  // Roles (type vocabulary terms) for the helix part and the introducer.
  std::vector<std::string> firm_types = {"enterprise"};
  std::vector<std::string> academia_types = {"university", "research"};
  std::vector<std::string> support_types = {"support", "cluster"};
  std::vector<std::string> government_types = {"government"};
  /// Partners with at most this many steps between them and the query are considered through
  /// the network (2 or 3); needs matches and the query's groups are considered whatever the distance.
  std::int32_t max_steps = 3;
  /// A partner within this distance (km, where both have lat/lon) gets part of the space term.
  double space_radius_km = 25;
  /// Sectors with fewer stakeholders give no relatedness (too little evidence).
  std::int32_t sector_min_stakeholders = 3;
  /// Keyword synonyms: each list's words count as its first (after folding).
  std::vector<std::vector<std::string>> synonyms;
};

/// Throws std::invalid_argument naming the first offending key ("recommend.top: expected a whole
/// number ≥ 1, got 0").
void check_config(const RecommendConfig& config);
/// Reads the `recommend` object of a config; unknown keys and wrong types are
/// std::invalid_argument naming the key.
RecommendConfig recommend_config_from_json(const nlohmann::json& object);
/// Every setting, in declaration order (the JSON output's "settings" and --fit's output).
nlohmann::ordered_json recommend_config_to_json(const RecommendConfig& config);

/// What the scoring reads. Vectors are indexed by stakeholder.
struct RecommendInput {
  const Network* network = nullptr;
  const TieView* ties = nullptr;
  const Partition* communities = nullptr;  ///< may be null: no community term
  /// Candidate groups (e.g. the initiative candidates' members), each sorted; may be empty.
  std::vector<std::vector<VertexId>> groups;
  std::vector<std::string> group_names;  ///< per group, for the reasons ("candidate 2, ICT")
};

/// A need of one side matched by an offer of the other.
struct Match {
  std::string need;         ///< as the needing stakeholder wrote it
  std::string offer;        ///< as the offering stakeholder wrote it
  bool query_needs = true;  ///< false: the partner needs what the query offers
};

struct Recommendation {
  VertexId query = 0;
  VertexId partner = -1;  ///< −1: the query has no possible partner (a row saying so)
  std::int32_t rank = 0;  ///< 1 = best
  double score = 0;       ///< Σ weight × part / Σ weight, 0–1
  PartValues parts{};
  std::int32_t shared = 0;     ///< common partners
  std::vector<VertexId> via;   ///< the strongest common partners, at most 3, best first
  VertexId introducer = -1;    ///< who could introduce them (−1: nobody in common)
  std::int32_t steps = 0;      ///< network distance (0: not connected within max_steps)
  std::vector<Match> matches;  ///< needs matched by offers
  std::string role;            ///< the role the partner adds ("research", "" when none)
  std::string reason;          ///< plain language, from the largest parts
};

/// Keyword matching (docs/recommend.md, "Needs and offers"): a keyword is folded (case, accents,
/// separators; core::fold_text), each word put in the singular by simple English rules
/// ("services" → "service", "batteries" → "battery", "boxes" → "box"; "glass", "bus", "analysis"
/// stay), then replaced by its synonym group's first entry.
class KeywordMatcher {
 public:
  explicit KeywordMatcher(const std::vector<std::vector<std::string>>& synonyms = {});
  [[nodiscard]] std::string key(std::string_view keyword) const;

 private:
  std::map<std::string, std::string, std::less<>> canonical_;
};

/// The K best partners of each query (in the order given), best first; a query with none gets
/// one row with partner −1. Threads: 0 = all cores; no result depends on it.
std::vector<Recommendation> recommend(const RecommendInput& input, const std::vector<VertexId>& queries,
                                      const RecommendConfig& config, unsigned threads = 0);

/// The default queries: every stakeholder of config.query_types, in stakeholder order.
std::vector<VertexId> default_queries(const Network& network, const RecommendConfig& config);

/// The CSV of docs/recommend.md: id,id_name,partner,partner_name,rank,score,reason,introducer,
/// introducer_name,shared,steps, then one column per part.
std::string recommendations_csv(const Network& network, const std::vector<Recommendation>& rows);
/// The same with the settings: {"settings": …, "recommendations": [{…}, …]}.
std::string recommendations_json(const Network& network, const std::vector<Recommendation>& rows,
                                 const RecommendConfig& config, std::uint64_t seed);

// ---- Evaluation on later ties ----------------------------------------------------------------

/// The ranking methods of an evaluation: clusterscope's score and the classic baselines
/// (networkx's definitions, on the unweighted training graph).
enum class Method {
  clusterscope,
  common_neighbours,
  adamic_adar,
  resource_allocation,
  preferential_attachment
};
inline constexpr std::array<core::Name<Method>, 5> kMethodNames = {{
    {Method::clusterscope, "clusterscope"},
    {Method::common_neighbours, "common-neighbours"},
    {Method::adamic_adar, "adamic-adar"},
    {Method::resource_allocation, "resource-allocation"},
    {Method::preferential_attachment, "preferential-attachment"},
}};

/// A network cut at a date: ties before it (the training network), and for each stakeholder
/// present before (a tie before the date) its new partners after it — present before too, no tie
/// before.
struct Split {
  Date date;
  Network training;
  std::vector<std::vector<VertexId>> later;  ///< per stakeholder, sorted (training ids = original ids)
  std::int64_t training_ties = 0;
  std::int64_t later_ties = 0;
  std::int64_t undated_ties = 0;  ///< left out of both sides
  std::int32_t present = 0;       ///< stakeholders with a tie before the date
  std::int32_t queries = 0;       ///< present stakeholders with a new partner after it
};
/// Throws InputError naming the counts when the split leaves no training ties or no query.
Split split_at(const Network& network, Date date);

/// Mean metrics of one method over the queries.
struct Metrics {
  double precision = 0;  ///< hits in the top K / K
  double recall = 0;     ///< hits in the top K / new partners
  double map = 0;        ///< mean average precision at K
  double hits = 0;       ///< share of queries with at least one hit
};
/// Precision, recall, average precision and hit of one ranked list against the true partners
/// (sorted): docs/recommend.md, "Evaluation".
Metrics score_ranking(const std::vector<VertexId>& ranked, const std::vector<VertexId>& truth,
                      std::int32_t k);

struct Evaluation {
  std::int32_t k = 10;
  std::vector<VertexId> queries;                    ///< evaluated, in id order
  std::vector<std::pair<Method, Metrics>> methods;  ///< clusterscope first, then the baselines
  std::vector<std::pair<Part, Metrics>> ablation;   ///< clusterscope without each part
};

/// The baseline scores of `query` over `candidates` (networkx's definitions on the unweighted
/// graph of the view: common neighbours |N(u)∩N(v)|, Adamic–Adar Σ 1/ln|N(z)|, resource allocation
/// Σ 1/|N(z)|, preferential attachment |N(u)|·|N(v)|).
std::vector<double> baseline_scores(const TieView& ties, Method method, VertexId query,
                                    const std::vector<VertexId>& candidates);

/// The top config.top partners of `query` by one method, as evaluate() ranks them (every
/// stakeholder eligible). Builds the scorer for one query: for tests and one-off use.
std::vector<VertexId> rank_partners(const RecommendInput& input, const RecommendConfig& config,
                                    VertexId query, Method method);

/// Ranks every method on the split's queries (all of them, or `sample` drawn with `seed`).
Evaluation evaluate(const RecommendInput& training, const Split& split, const RecommendConfig& config,
                    std::int32_t sample, std::uint64_t seed, unsigned threads = 0);

/// The weights that maximise precision@K (then MAP) on the split, found by coordinate search from
/// config.weights; returns them with the metrics they reach.
std::pair<PartValues, Metrics> fit_weights(const RecommendInput& training, const Split& split,
                                           const RecommendConfig& config, std::int32_t sample,
                                           std::uint64_t seed, unsigned threads = 0);

/// evaluation.json: the settings, the split's counts, each method's metrics, the ablation.
std::string evaluation_json(const Evaluation& evaluation, const Split& split, const RecommendConfig& config,
                            std::int32_t sample, std::uint64_t seed);
/// The same as a Markdown table for people.
std::string evaluation_table(const Evaluation& evaluation);

}  // namespace clusterscope::recommend

namespace clusterscope::recommend {

// ---- Visit plans for animators -----------------------------------------------------------------

/// A candidate group as the visit plan reads it.
struct VisitGroup {
  std::string name;               ///< "candidate group 2 (machine-tool)"
  std::vector<VertexId> members;  ///< sorted
  std::vector<VertexId> leaders;  ///< its coordinator and anchors
  bool leading = false;           ///< initiative-ready or emerging
};

/// The criteria a firm's visit priority adds up (docs/recommend.md, "Visit plans"), each 0–1.
enum class Criterion { weak_group_tie, no_research_or_support, isolated, structural_hole, size };
inline constexpr std::size_t kCriteria = 5;
inline constexpr std::array<core::Name<Criterion>, kCriteria> kCriterionNames = {{
    {Criterion::weak_group_tie, "weak_group_tie",
     "in a leading candidate group, not tied to its coordinator or anchors"},
    {Criterion::no_research_or_support, "no_research_or_support", "no tie to academia or business support"},
    {Criterion::isolated, "isolated", "at most one partner"},
    {Criterion::structural_hole, "structural_hole", "its best recommended partner is in another community"},
    {Criterion::size, "size", "employees, on a log scale"},
}};
inline constexpr std::array<double, kCriteria> kCriterionWeights = {0.30, 0.25, 0.20, 0.15, 0.10};

struct VisitOptions {
  std::int32_t visits = 20;          ///< visits to plan
  std::vector<VertexId> animators;   ///< support institutions whose staff visit (may be empty)
  std::vector<std::string> sectors;  ///< target sectors (empty: all)
  std::int32_t partners = 3;         ///< recommended partners per visit sheet
};

struct Visit {
  std::int32_t rank = 0;
  VertexId firm = 0;
  double priority = 0;
  std::array<double, kCriteria> criteria{};
  std::string why;                       ///< plain language, from the criteria met
  std::vector<std::string> labels;       ///< the criteria met, in a few words each (for tables)
  VertexId animator = -1;                ///< −1: no animator given
  std::int32_t animator_steps = 0;       ///< network distance to the animator (0: not connected)
  std::vector<Recommendation> partners;  ///< the sheet's recommendations, best first
};

/// Ranks the firms (config.firm_types, in `options.sectors` when given) by their visit priority,
/// plans the first options.visits, assigns them among the animators (nearest in the network, then
/// same municipality, at most ⌈N / animators⌉ each) and attaches each firm's top recommendations.
/// `known`: recommendations already made with these settings and a top of at least
/// options.partners (analyze's); the firms they hold are not scored again.
std::vector<Visit> plan_visits(const RecommendInput& input, const std::vector<VisitGroup>& groups,
                               const RecommendConfig& config, const VisitOptions& options,
                               unsigned threads = 0, const std::vector<Recommendation>* known = nullptr);

/// visit-plan.csv: rank,id,name,priority,why,animator,animator_name, one column per criterion,
/// then partner_1, partner_1_name, partner_1_reason … for the sheet's partners.
std::string visits_csv(const Network& network, const std::vector<Visit>& visits, std::int32_t partners);
/// visit-plan.md: the list, then one sheet per visit (why, whom to introduce, and through whom).
std::string visits_markdown(const Network& network, const std::vector<Visit>& visits);

}  // namespace clusterscope::recommend

namespace clusterscope::recommend {

/// A need that no stakeholder of the area offers (after keyword matching): a gap for the strategy.
struct UnmetNeed {
  std::string need;                 ///< as first written
  std::vector<VertexId> needed_by;  ///< stakeholder order
};
/// Every unmet need, the most needed first (ties by the folded keyword).
std::vector<UnmetNeed> unmet_needs(const Network& network, const RecommendConfig& config);

}  // namespace clusterscope::recommend
