// Partner recommendations: each part worked by hand on a small network, then combined; keyword
// matching; the evaluation's metrics by hand; the baselines against networkx; determinism; bad
// input through the command line.

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "clusterscope/recommend/recommend.hpp"
#include "support.hpp"

using namespace clusterscope;
using namespace clusterscope::recommend;
using clusterscope::test::TempDir;
using test::quote;

namespace {

Stakeholder person(const std::string& id, const std::string& type, const std::string& municipality = "") {
  Stakeholder s;
  s.id = id;
  s.name = "Name of " + id;
  s.type = type;
  s.municipality = municipality;
  return s;
}

/// Q (enterprise, Toruń) is tied to A (enterprise) and D (support); A and D are both tied to C
/// (enterprise, Toruń) and B (university); B is tied to E (enterprise), who offers "Laser Cutting",
/// which Q needs. Weights 1, so strengths are degrees: Q 2, A 3, D 3, B 3, C 2, E 1.
Network small() {
  Network n;
  for (const auto& [id, type, place] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"Q", "enterprise", "Toruń"},
                                                                      {"A", "enterprise", ""},
                                                                      {"B", "university", ""},
                                                                      {"C", "enterprise", "Toruń"},
                                                                      {"D", "support", ""},
                                                                      {"E", "enterprise", ""}})
    n.stakeholders.push_back(person(id, type, place));
  n.stakeholders[0].needs = {"laser cutting"};
  n.stakeholders[5].offers = {"Laser Cutting"};
  n.reindex();
  const KindId kind = n.intern_kind("cooperation");
  for (const auto& [a, b] :
       std::vector<std::pair<VertexId, VertexId>>{{0, 1}, {0, 4}, {1, 3}, {4, 3}, {4, 2}, {1, 2}, {2, 5}})
    n.ties.push_back({a, b, kind, 1.0, {}, {}, {}});
  return n;
}

PartValues only(Part part) {
  PartValues w{};
  w[static_cast<std::size_t>(part)] = 1;
  return w;
}

const Recommendation& row_for(const std::vector<Recommendation>& rows, const Network& n,
                              const std::string& id) {
  for (const Recommendation& r : rows)
    if (r.partner >= 0 && n.stakeholders[static_cast<std::size_t>(r.partner)].id == id) return r;
  FAIL("no recommendation of " << id);
  return rows.front();
}

}  // namespace

TEST_CASE("recommend: each part alone, worked by hand", "[recommend]") {
  const Network n = small();
  const TieView view = make_tie_view(n);
  RecommendInput input;
  input.network = &n;
  input.ties = &view;
  RecommendConfig config;
  config.top = 10;
  // Only B, C (two steps, through A and D) and E (three steps, or through the need) are in reach.
  const std::vector<Recommendation> all = recommend::recommend(input, {0}, config, 1);
  REQUIRE(all.size() == 3);
  const Recommendation& b = row_for(all, n, "B");
  const Recommendation& c = row_for(all, n, "C");
  const Recommendation& e = row_for(all, n, "E");
  // common: Σ w_qz·w_zc / ln(1 + s_z) = 2 / ln 4 for B and C, none for E; divided by the maximum.
  CHECK(b.parts[0] == Approx(1.0));
  CHECK(c.parts[0] == Approx(1.0));
  CHECK(e.parts[0] == 0.0);
  CHECK(b.shared == 2);
  CHECK(e.shared == 0);
  // paths: Q–A–B–E and Q–D–B–E, each 1/√(3·3); B and C have no three-step path to a stranger.
  CHECK(e.parts[1] == Approx(1.0));
  CHECK(b.parts[1] == 0.0);
  CHECK(e.steps == 3);
  CHECK(b.steps == 2);
  // activity: ln(1 + degree) / ln(1 + 3).
  CHECK(b.parts[2] == Approx(1.0));
  CHECK(c.parts[2] == Approx(std::log(3.0) / std::log(4.0)));
  CHECK(e.parts[2] == Approx(std::log(2.0) / std::log(4.0)));
  // helix: Q's partners are a firm and a support institution; B brings research.
  CHECK(b.parts[3] == 1.0);
  CHECK(c.parts[3] == 0.0);
  CHECK(b.role == "research");
  // needs: Q needs laser cutting, E offers "Laser Cutting".
  CHECK(e.parts[6] == 1.0);
  REQUIRE(e.matches.size() == 1);
  CHECK(e.matches[0].need == "laser cutting");
  CHECK(e.matches[0].offer == "Laser Cutting");
  // space: Q and C are both in Toruń.
  CHECK(c.parts[7] == 1.0);
  CHECK(b.parts[7] == 0.0);
  // No sectors, no groups, no communities: those parts are 0.
  for (const Recommendation& r : all) {
    CHECK(r.parts[4] == 0.0);
    CHECK(r.parts[5] == 0.0);
  }

  SECTION("a part alone ranks by that part") {
    config.weights = only(Part::needs);
    const auto rows = recommend::recommend(input, {0}, config, 1);
    REQUIRE(rows.size() == 1);  // a score of 0 is no recommendation
    CHECK(n.stakeholders[static_cast<std::size_t>(rows[0].partner)].id == "E");
    CHECK(rows[0].score == Approx(1.0));
    CHECK(rows[0].reason.find("Needs laser cutting — offers Laser Cutting") == 0);
    config.weights = only(Part::space);
    const auto near = recommend::recommend(input, {0}, config, 1);
    REQUIRE(near.size() == 1);
    CHECK(n.stakeholders[static_cast<std::size_t>(near[0].partner)].id == "C");
    CHECK(near[0].reason.find("Both in Toruń") == 0);
  }
  SECTION("combined: Σ weight × part / Σ weight, best first") {
    config.weights = {0.4, 0.2, 0.1, 0.1, 0, 0, 0.15, 0.05};
    const auto rows = recommend::recommend(input, {0}, config, 1);
    REQUIRE(rows.size() == 3);
    // B: 0.4 + 0.1 + 0.1 = 0.6; C: 0.4 + 0.1·ln3/ln4 + 0.05; E: 0.2 + 0.1·ln2/ln4 + 0.15.
    CHECK(n.stakeholders[static_cast<std::size_t>(rows[0].partner)].id == "B");
    CHECK(rows[0].score == Approx(0.6));
    CHECK(rows[1].score == Approx(0.4 + 0.1 * std::log(3.0) / std::log(4.0) + 0.05));
    CHECK(rows[2].score == Approx(0.2 + 0.05 + 0.15));
    CHECK(rows[0].rank == 1);
    CHECK(rows[2].rank == 3);
    // The introducer is the common partner that supports business (D), the strongest common
    // partners are named, ties in strength by id.
    CHECK(n.stakeholders[static_cast<std::size_t>(rows[0].introducer)].id == "D");
    REQUIRE(rows[0].via.size() == 2);
    CHECK(n.stakeholders[static_cast<std::size_t>(rows[0].via[0])].id == "A");
    CHECK(rows[0].reason.find("2 shared partners, among them Name of A") == 0);
    CHECK(rows[0].reason.find("Name of D could introduce them") != std::string::npos);
    CHECK(rows[2].introducer == -1);
  }
  SECTION("a query without a possible partner gets a row saying so") {
    // A is tied to Q, B and C; through them D and E are in reach — remove E's tie and D's.
    Network lonely = n;
    lonely.stakeholders.push_back(person("Z", "enterprise"));
    lonely.reindex();
    const TieView v2 = make_tie_view(lonely);
    RecommendInput in2{&lonely, &v2, nullptr, {}, {}};
    const auto rows = recommend::recommend(in2, {6}, config, 1);
    // Z has no ties: its sector and place are unknown, so only the support institution D is there.
    REQUIRE(rows.size() == 1);
    CHECK(lonely.stakeholders[static_cast<std::size_t>(rows[0].partner)].id == "D");
    RecommendConfig no_roles = config;
    no_roles.support_types.clear();
    const auto none = recommend::recommend(in2, {6}, no_roles, 1);
    REQUIRE(none.size() == 1);
    CHECK(none[0].partner == -1);
    CHECK(none[0].reason.find("no possible partner") == 0);
  }
}

TEST_CASE("recommend: keywords fold case, accents, separators and plurals; synonyms", "[recommend]") {
  const KeywordMatcher m;
  CHECK(m.key("Laser Cutting") == "laser cutting");
  CHECK(m.key("  laser-cutting ") == "laser cutting");
  CHECK(m.key("Łódź") == "lodz");
  CHECK(m.key("Örebro") == "orebro");
  CHECK(m.key("ZAŻÓŁĆ GĘŚLĄ JAŹŃ") == "zazolc gesla jazn");
  CHECK(m.key("services") == "service");
  CHECK(m.key("batteries") == "battery");
  CHECK(m.key("boxes") == "box");
  CHECK(m.key("Export Services") == m.key("export service"));
  CHECK(m.key("glass") == "glass");
  CHECK(m.key("analysis") == "analysis");
  CHECK(m.key("bus") == "bus");
  CHECK(m.key("gas") == "gas");
  const KeywordMatcher s({{"laser cutting", "cięcie laserowe", "laser machining"}});
  CHECK(s.key("Cięcie laserowe") == "laser cutting");
  CHECK(s.key("laser machinings") == "laser cutting");
  CHECK(s.key("wood drying") == "wood drying");
}

TEST_CASE("recommend: the evaluation's metrics, worked by hand", "[recommend]") {
  // Ranked 5, 3, 9, 1 against the true partners {1, 3}.
  const Metrics at3 = score_ranking({5, 3, 9, 1}, {1, 3}, 3);
  CHECK(at3.precision == Approx(1.0 / 3));
  CHECK(at3.recall == Approx(0.5));
  CHECK(at3.map == Approx(0.5 / 2));  // a hit at rank 2 (precision 1/2), over min(3, 2)
  CHECK(at3.hits == 1.0);
  const Metrics at4 = score_ranking({5, 3, 9, 1}, {1, 3}, 4);
  CHECK(at4.precision == Approx(0.5));
  CHECK(at4.recall == Approx(1.0));
  CHECK(at4.map == Approx((0.5 + 0.5) / 2));  // hits at ranks 2 and 4: 1/2 and 2/4
  const Metrics none = score_ranking({5, 9}, {1, 3}, 10);
  CHECK(none.precision == 0.0);
  CHECK(none.hits == 0.0);
  // Fewer recommendations than K: the missing places count as misses.
  CHECK(score_ranking({1}, {1}, 10).precision == Approx(0.1));
}

TEST_CASE("recommend: a split at a date, its queries and its errors", "[recommend]") {
  Network n = small();
  // Q–A and Q–D in 2014, the rest in 2015; then Q–B and C–E from 2016 on (new partners), and A–C
  // again (not new).
  for (std::size_t i = 0; i < n.ties.size(); ++i)
    n.ties[i].start = n.ties[i].end = Date{static_cast<std::int16_t>(i < 2 ? 2014 : 2015), 0, 0};
  const KindId kind = n.ties.front().kind;
  n.ties.push_back({0, 2, kind, 1.0, {2016, 3, 0}, {2016, 3, 0}, {}});
  n.ties.push_back({3, 5, kind, 1.0, {2017, 0, 0}, {2017, 0, 0}, {}});
  n.ties.push_back({1, 3, kind, 1.0, {2016, 0, 0}, {2016, 0, 0}, {}});
  n.ties.push_back({1, 3, kind, 1.0, {}, {}, {}});  // undated
  const Split split = split_at(n, Date{2016, 0, 0});
  CHECK(split.training_ties == 7);
  CHECK(split.later_ties == 3);
  CHECK(split.undated_ties == 1);
  CHECK(split.present == 6);
  CHECK(split.queries == 4);  // Q, B, C, E
  CHECK(split.later[0] == std::vector<VertexId>{2});
  CHECK(split.later[3] == std::vector<VertexId>{5});
  CHECK(split.later[1].empty());
  CHECK_THROWS_WITH(split_at(n, Date{2014, 0, 0}),
                    Catch::Contains("leaves no training ties (0 ties before 2014"));
  CHECK_THROWS_WITH(split_at(n, Date{2018, 0, 0}), Catch::Contains("leaves no test query"));

  const TieView view = make_tie_view(split.training);
  const RecommendInput input{&split.training, &view, nullptr, {}, {}};
  RecommendConfig config;
  config.top = 2;
  const Evaluation ev = evaluate(input, split, config, 0, 42, 1);
  CHECK(ev.queries.size() == 4);
  REQUIRE(ev.methods.size() == 5);
  // Common neighbours, by hand: Q ranks B and C (2 shared each; B first by id): hit B at rank 1.
  // B (tied to A, D, E) ranks C and Q (2 shared each, C first by id): hit Q at rank 2. C (tied to A, D) ranks
  // Q and B (2 each): no hit (E is 3 steps away). E (tied to B) ranks A and D (1 each): no hit.
  const Metrics cn = ev.methods[1].second;
  CHECK(cn.precision == Approx((0.5 + 0.5 + 0 + 0) / 4));
  CHECK(cn.hits == Approx(0.5));
  CHECK(cn.map == Approx((1.0 + 0.5) / 4));
  CHECK(ev.ablation.size() == kParts);
  const std::string json = evaluation_json(ev, split, config, 0, 42);
  const auto doc = nlohmann::json::parse(json);
  CHECK(doc["split"]["queries"] == 4);
  CHECK(doc["methods"][1]["method"] == "common-neighbours");
}

TEST_CASE("recommend: the baselines equal networkx's on the karate club", "[recommend][peers]") {
  // tests/fixtures/recommend/make_reference.py (networkx 2.8) wrote the reference.
  Diagnostics d;
  const Network n = test::load(test::fixture("recommend/karate.csv"), d);
  const TieView view = make_tie_view(n);
  const auto ref = nlohmann::json::parse(test::read_file(test::fixture("recommend/reference.json")));
  std::size_t checked = 0;
  for (const auto& [query, rows] : ref["queries"].items()) {
    const VertexId q = *n.find(query);
    std::vector<VertexId> candidates;
    for (const auto& row : rows)
      candidates.push_back(*n.find(row["candidate"].get<std::string>()));
    const auto cn = baseline_scores(view, Method::common_neighbours, q, candidates);
    const auto aa = baseline_scores(view, Method::adamic_adar, q, candidates);
    const auto ra = baseline_scores(view, Method::resource_allocation, q, candidates);
    const auto pa = baseline_scores(view, Method::preferential_attachment, q, candidates);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CHECK(cn[i] == rows[i]["common_neighbours"].get<double>());
      CHECK(aa[i] == Approx(rows[i]["adamic_adar"].get<double>()).epsilon(1e-12));
      CHECK(ra[i] == Approx(rows[i]["resource_allocation"].get<double>()).epsilon(1e-12));
      CHECK(pa[i] == rows[i]["preferential_attachment"].get<double>());
      ++checked;
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("CLI: recommend writes the same bytes at any thread count, names and parts", "[cli][recommend]") {
  TempDir dir;
  std::string out, err;
  const std::string base =
      "recommend " + quote(test::example_dataset()) + " --runs 4 --null-models 2 --top 3 -o ";
  REQUIRE(test::run_cli(base + quote(dir.path() / "one.csv") + " --threads 1", out, err) == 0);
  CHECK(out.find("recommended partners for ") != std::string::npos);
  REQUIRE(test::run_cli(base + quote(dir.path() / "two.csv") + " --threads 2", out, err) == 0);
  const std::string one = test::read_file(dir.path() / "one.csv");
  CHECK(one == test::read_file(dir.path() / "two.csv"));
  CHECK(one.rfind("id,id_name,partner,partner_name,rank,score,reason,introducer,introducer_name,shared,steps,"
                  "matches,common,paths,activity,helix,sector,group,needs,space\n",
                  0) == 0);
  REQUIRE(test::run_cli(base + quote(dir.path() / "r.json") + " --for E001 --for E002", out, err) == 0);
  const auto doc = nlohmann::json::parse(test::read_file(dir.path() / "r.json"));
  CHECK(doc["seed"] == 42);
  CHECK(doc["settings"]["top"] == 3);
  REQUIRE(doc["recommendations"].size() == 6);
  CHECK(doc["recommendations"][0]["id"] == "E001");
  CHECK(doc["recommendations"][3]["id"] == "E002");
  CHECK(!doc["recommendations"][0]["reason"].get<std::string>().empty());
}

TEST_CASE("CLI: recommend's bad input", "[cli][recommend]") {
  TempDir dir;
  std::string out, err;
  const std::string base = "recommend " + quote(test::example_dataset()) + " --runs 2 --null-models 0 -o " +
                           quote(dir.path() / "r.csv");
  CHECK(test::run_cli(base + " --for NOPE", out, err) == 3);
  CHECK(err.find("no stakeholder has the id 'NOPE'") != std::string::npos);
  const auto list = dir.write("queries.txt", "E001\n  NOPE\n# a comment\nE002\n");
  CHECK(test::run_cli(base + " --for-file " + quote(list), out, err) == 3);
  CHECK(err.find(list.string() + ":2:3: no stakeholder has the id 'NOPE'") != std::string::npos);
  CHECK(test::run_cli(base + " --top 0", out, err) == 2);
  CHECK(test::run_cli(base + " --top -1", out, err) == 2);
  CHECK(test::run_cli(base + " --evaluate-split 2099-13", out, err) == 2);
  CHECK(!std::filesystem::exists(dir.path() / "r.csv"));
  const std::string json = "recommend " + quote(test::example_dataset()) + " --runs 2 --null-models 0 -o " +
                           quote(dir.path() / "e.json");
  CHECK(test::run_cli(json + " --evaluate-split 1990", out, err) == 3);
  CHECK(err.find("leaves no training ties") != std::string::npos);
  CHECK(test::run_cli(json + " --evaluate-split 2099", out, err) == 3);
  CHECK(err.find("leaves no test query") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.path() / "e.json"));
  const auto config = dir.write("c.json", "{\"recommend\": {\"weights\": {\"nope\": 1}}}");
  CHECK(test::run_cli(base + " --config " + quote(config), out, err) == 3);
  CHECK(err.find("recommend.weights.nope: unknown part") != std::string::npos);
  // An edge list has no types, so no default query: a warning says how to name them.
  const auto ties = dir.write("ties.csv", "source,target\na,b\nb,c\n");
  REQUIRE(test::run_cli("recommend " + quote(ties) + " -o " + quote(dir.path() / "t.csv"), out, err) == 0);
  CHECK(err.find("no stakeholder has a query type (enterprise); name the queries with --for") !=
        std::string::npos);
  REQUIRE(
      test::run_cli("recommend " + quote(ties) + " --for a -o " + quote(dir.path() / "t.csv") + " --force",
                    out, err) == 0);
  const std::string t = test::read_file(dir.path() / "t.csv");
  CHECK(t.find("\na,,c,,1,") != std::string::npos);  // c, two steps away through b
  CHECK(t.find("A shared partner, b, who could introduce them") != std::string::npos);
}

TEST_CASE("CLI: visits plans the visits, shares them among animators, one PDF page per visit",
          "[cli][recommend]") {
  TempDir dir;
  std::string out, err;
  REQUIRE(test::run_cli(
              "visits " + quote(test::example_dataset()) +
                  " --runs 4 --null-models 2 --visits 12 --animator S1 --animator S2 --animator S4 -o " +
                  quote(dir.path() / "plan"),
              out, err) == 0);
  CHECK(out.find("12 visits shared among 3 animators") != std::string::npos);
  const std::string csv = test::read_file(dir.path() / "plan" / "visit-plan.csv");
  CHECK(test::count_lines(csv) == 13);
  // ⌈12 / 3⌉ = 4 visits at most per animator, so each of the three gets exactly 4.
  const std::string md = test::read_file(dir.path() / "plan" / "visit-plan.md");
  Diagnostics d;
  const Network n = test::load(test::example_dataset(), d);
  for (const char* animator : {"S1", "S2", "S4"}) {
    const std::string& name = n.stakeholders[static_cast<std::size_t>(*n.find(animator))].name;
    const std::string line = "Visited by " + name + (name.back() == '.' ? "\n" : ".\n");
    std::size_t count = 0;
    for (std::size_t at = md.find(line); at != std::string::npos; at = md.find(line, at + 1))
      ++count;
    CHECK(count == 4);
  }
  CHECK(test::pdf_pages(dir.path() / "plan" / "visit-plan.pdf") >= 13);  // the list, then a page per visit
  CHECK(md.find("**Partners to recommend:**") != std::string::npos);
  CHECK(test::run_cli(
            "visits " + quote(test::example_dataset()) + " --animator NOPE -o " + quote(dir.path() / "x"),
            out, err) == 3);
  CHECK(err.find("no stakeholder has the id 'NOPE'") != std::string::npos);
  CHECK(
      test::run_cli("visits " + quote(test::example_dataset()) + " --visits 0 -o " + quote(dir.path() / "x"),
                    out, err) == 2);
  CHECK(!std::filesystem::exists(dir.path() / "x"));
}

TEST_CASE("analyze: the planted needs are matched and the unmet needs reported", "[cli][recommend]") {
  // datasets/vistula-bend/PLANTED.md, "Needs and offers": E037 needs laser cutting, which only E076
  // offers (as "Laser Cutting"); hydrogen storage is needed by four firms and offered by nobody.
  TempDir dir;
  std::string out, err;
  REQUIRE(test::run_cli("analyze " + quote(test::example_dataset()) + " --runs 4 --null-models 2 -o " +
                            quote(dir.path() / "out"),
                        out, err) == 0);
  const std::string csv = test::read_file(dir.path() / "out" / "recommendations.csv");
  CHECK(csv.find("\nE037,Belka Prefabrykaty Sp. z o.o.,E076,") != std::string::npos);
  CHECK(
      csv.find(
          ",E076,Imadło Maszyny Specjalne Sp. z o.o.,1,0.6177,Needs laser cutting — offers Laser Cutting;") !=
      std::string::npos);
  CHECK(std::filesystem::exists(dir.path() / "out" / "visit-plan.csv"));
  // recommend gives the same rows: the same communities and candidate groups (it skips only the
  // null networks, which set the candidates' levels and not their members).
  REQUIRE(test::run_cli("recommend " + quote(test::example_dataset()) + " --runs 4 --top 5 -o " +
                            quote(dir.path() / "r.csv"),
                        out, err) == 0);
  CHECK(test::read_file(dir.path() / "r.csv") == csv);
  const std::string html = test::read_file(dir.path() / "out" / "report.html");
  CHECK(html.find("Whom to visit, whom to introduce") != std::string::npos);
  CHECK(html.find("Needs nobody in the area offers") != std::string::npos);
  CHECK(html.find("hydrogen storage — needed by") != std::string::npos);
}

TEST_CASE("recommend: the evaluation ranks each baseline as networkx scores it", "[recommend][peers]") {
  // The rankings evaluate() uses come from the scorer's own sums; they must order the karate
  // club's non-neighbours as networkx's scores do (tests/fixtures/recommend/make_reference.py).
  Diagnostics d;
  const Network n = test::load(test::fixture("recommend/karate.csv"), d);
  const TieView view = make_tie_view(n);
  const RecommendInput input{&n, &view, nullptr, {}, {}};
  RecommendConfig config;
  config.top = 10;
  const auto ref = nlohmann::json::parse(test::read_file(test::fixture("recommend/reference.json")));
  const std::vector<std::pair<Method, std::string>> methods = {
      {Method::common_neighbours, "common_neighbours"},
      {Method::adamic_adar, "adamic_adar"},
      {Method::resource_allocation, "resource_allocation"},
      {Method::preferential_attachment, "preferential_attachment"}};
  for (const auto& [query, rows] : ref["queries"].items()) {
    for (const auto& [method, key] : methods) {
      INFO(query << " " << key);
      std::map<std::string, double> score;
      std::vector<std::pair<double, std::string>> expected;
      for (const auto& row : rows) {
        const double s = row[key].get<double>();
        score[row["candidate"].get<std::string>()] = s;
        if (s > 0) expected.emplace_back(-s, row["candidate"].get<std::string>());
      }
      std::sort(expected.begin(), expected.end());  // best first, ties by id
      if (expected.size() > 10) expected.resize(10);
      const std::vector<VertexId> ranked = rank_partners(input, config, *n.find(query), method);
      REQUIRE(ranked.size() == expected.size());
      for (std::size_t i = 0; i < ranked.size(); ++i) {
        const std::string& id = n.stakeholders[static_cast<std::size_t>(ranked[i])].id;
        REQUIRE(score.count(id) == 1);
        // The same score at every place (floating sums may order exact ties differently).
        CHECK(score[id] == Approx(-expected[i].first).epsilon(1e-12));
        if (key == "common_neighbours" || key == "preferential_attachment") CHECK(id == expected[i].second);
      }
    }
  }
}

TEST_CASE("analyze: the config's recommend object reaches recommendations.csv and the manifest",
          "[cli][recommend]") {
  TempDir dir;
  std::string out, err;
  const auto config = dir.write("run.json", "{\"recommend\": {\"top\": 2, \"weights\": {\"needs\": 0}}}");
  REQUIRE(test::run_cli("analyze " + quote(test::example_dataset()) + " --runs 2 --null-models 0 --config " +
                            quote(config) + " -o " + quote(dir.path() / "out"),
                        out, err) == 0);
  const std::string csv = test::read_file(dir.path() / "out" / "recommendations.csv");
  CHECK(csv.find(",3,0.") == std::string::npos);                                       // no third partner
  CHECK(csv.find("\nE037,Belka Prefabrykaty Sp. z o.o.,E076,") == std::string::npos);  // needs weigh nothing
  const auto m = nlohmann::json::parse(test::read_file(dir.path() / "out" / "manifest.json"));
  CHECK(m["options"]["recommend"]["source"] == "config");
  CHECK(m["options"]["recommend"]["value"]["top"] == 2);
  CHECK(m["options"]["recommend"]["value"]["weights"]["needs"] == 0.0);
}
