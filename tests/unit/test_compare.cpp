// Change over time (docs/compare.md): period semantics at the boundaries, snapshots, tie and
// stakeholder changes against a hand-worked example, community tracking with merges and splits,
// stable ids and colours, anchored positions, uptake against the example's planted truth,
// determinism, and bad input through the command line.

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "clusterscope/change/change.hpp"
#include "clusterscope/pipeline/compare.hpp"
#include "clusterscope/render/figure.hpp"
#include "support.hpp"

using namespace clusterscope;
using namespace clusterscope::change;
using Catch::Matchers::Contains;
using clusterscope::test::TempDir;
using test::quote;
using test::run_cli;

namespace fs = std::filesystem;

namespace {

Date d(int y, int m = 0, int day = 0) {
  return Date{static_cast<std::int16_t>(y), static_cast<std::int8_t>(m), static_cast<std::int8_t>(day)};
}

Period period(const std::string& text) {
  std::string error;
  const auto p = parse_period(text, error);
  INFO(text << ": " << error);
  REQUIRE(p.has_value());
  return *p;
}

Network people(const std::vector<std::string>& ids) {
  Network n;
  for (const std::string& id : ids) {
    Stakeholder s;
    s.id = id;
    s.name = "Name " + id;
    s.type = "enterprise";
    n.stakeholders.push_back(s);
  }
  n.reindex();
  return n;
}

void tie(Network& n, const std::string& a, const std::string& b, const std::string& kind, double weight,
         Date start, Date end = {}) {
  Tie t;
  t.source = *n.find(a);
  t.target = *n.find(b);
  t.kind = n.intern_kind(kind);
  t.weight = weight;
  t.start = start;
  t.end = end.empty() ? start : end;
  n.ties.push_back(t);
}

nlohmann::json read_json(const fs::path& p) {
  return nlohmann::json::parse(test::read_file(p));
}

}  // namespace

TEST_CASE("compare: periods are inclusive at the precision written", "[compare]") {
  const Period year = period("2012..2012");
  CHECK(year.first_day() == d(2012, 1, 1));
  CHECK(year.last_day() == d(2012, 12, 31));
  CHECK(year.label == "2012");
  const Period months = period("2012-03..2013-06");
  CHECK(months.first_day() == d(2012, 3, 1));
  CHECK(months.last_day() == d(2013, 6, 30));
  CHECK(period("2012-02..2012-02").last_day() == d(2012, 2, 29));  // leap year
  CHECK(period("2012-04..2012-06").label == "2012-Q2");
  const Period day = period("2012-03-05..2012-03-05");
  CHECK(day.first_day() == d(2012, 3, 5));
  CHECK(day.last_day() == d(2012, 3, 5));

  // A tie counts when its date or span overlaps the period, at both boundaries.
  CHECK(year.overlaps(d(2012, 12, 31), {}));
  CHECK(year.overlaps(d(2012, 1, 1), {}));
  CHECK_FALSE(year.overlaps(d(2013, 1, 1), {}));
  CHECK_FALSE(year.overlaps(d(2011, 12, 31), {}));
  CHECK(year.overlaps(d(2011, 6), d(2012, 1)));  // a span reaching into the period
  CHECK(year.overlaps(d(2010), d(2015)));        // a span around it
  CHECK(day.overlaps(d(2012, 3), {}));           // a month-precision date covers the day
  CHECK_FALSE(day.overlaps(d(2012, 3, 6), {}));
  CHECK_FALSE(year.overlaps({}, {}));  // undated: never by date

  // Open ends.
  const Period from = period("2014..");
  CHECK(from.overlaps(d(2050, 1, 1), {}));
  CHECK_FALSE(from.overlaps(d(2013, 12, 31), {}));
  const Period to = period("..2013");
  CHECK(to.overlaps(d(1990), {}));
  CHECK_FALSE(to.overlaps(d(2014, 1, 1), {}));

  std::string error;
  CHECK_FALSE(parse_period("2014..2012", error));
  CHECK_THAT(error, Contains("inverted"));
  CHECK_FALSE(parse_period("..", error));
  CHECK(period("2012").first_day() == d(2012, 1, 1));  // one date: the period it covers
  CHECK(period("2012").last_day() == d(2012, 12, 31));
  CHECK(period("2012-02").last_day() == d(2012, 2, 29));
  CHECK_FALSE(parse_period("2012-", error));
  CHECK_FALSE(parse_period("2012-13..2013", error));
  CHECK_THAT(error, Contains("not a date"));

  CHECK(check_periods({period("2012..2012"), period("2013..2014")}).empty());
  CHECK_THAT(check_periods({period("2012..2013"), period("2013..2014")}), Contains("overlap"));
  CHECK_THAT(check_periods({period("2014..2014"), period("2012..2012")}), Contains("order"));
  CHECK_THAT(check_periods({period("2012..2012-12-31"), period("2012-12-31..2013")}), Contains("overlap"));
  CHECK(check_periods({period("2012..2012-12-30"), period("2012-12-31..2013")}).empty());
}

TEST_CASE("compare: --periods rules cover the dated span", "[compare]") {
  std::string error;
  const auto yearly = periods_from_rule("yearly", d(2012, 3, 5), d(2014, 2, 1), error);
  REQUIRE(yearly);
  REQUIRE(yearly->size() == 3);
  CHECK((*yearly)[0].label == "2012");
  CHECK((*yearly)[2].label == "2014");
  const auto quarterly = periods_from_rule("quarterly", d(2012, 2, 5), d(2012, 7, 1), error);
  REQUIRE(quarterly);
  REQUIRE(quarterly->size() == 3);
  CHECK((*quarterly)[0].label == "2012-Q1");
  CHECK((*quarterly)[2].label == "2012-Q3");
  const auto halves = periods_from_rule("6-months", d(2012, 3, 5), d(2013, 3, 1), error);
  REQUIRE(halves);
  REQUIRE(halves->size() == 3);
  CHECK((*halves)[0].first_day() == d(2012, 3, 1));
  CHECK((*halves)[0].last_day() == d(2012, 8, 31));
  CHECK((*halves)[2].first_day() == d(2013, 3, 1));
  for (const auto& list : {*yearly, *quarterly, *halves})
    CHECK(check_periods(list).empty());
  CHECK_FALSE(periods_from_rule("weekly", d(2012), d(2013), error));
  CHECK_FALSE(periods_from_rule("0-months", d(2012), d(2013), error));
  CHECK_FALSE(periods_from_rule("121-months", d(2012), d(2013), error));
  CHECK(add_months(d(2012, 1, 31), 1) == d(2012, 2, 29));
  CHECK(days_between(d(2012, 2, 28), d(2012, 3, 1)) == 2);
  CHECK(days_between(d(2013, 2, 28), d(2013, 3, 1)) == 1);
}

TEST_CASE("compare: a snapshot holds the period's ties and the stakeholders present", "[compare]") {
  Network n = people({"a", "b", "c", "d", "e"});
  tie(n, "a", "b", "cooperation", 1, d(2012, 5, 1));
  tie(n, "b", "c", "cooperation", 1, d(2011, 6), d(2013, 2));  // spans 2012
  tie(n, "c", "d", "cooperation", 1, d(2013, 1, 1));
  tie(n, "a", "d", "cooperation", 1, {});                   // undated
  n.stakeholders[4].attributes["active_from"] = "2012-06";  // e: no tie, but active
  const Snapshot drop = snapshot_in_period(n, period("2012..2012"), Undated::drop);
  CHECK(drop.network.ties.size() == 2);
  CHECK(drop.undated == 1);
  REQUIRE(drop.network.size() == 4);  // a, b, c (ties) and e (active); not d
  CHECK(drop.base == std::vector<VertexId>{0, 1, 2, 4});
  CHECK_FALSE(drop.network.find("d"));
  const Snapshot keep = snapshot_in_period(n, period("2012..2012"), Undated::keep);
  CHECK(keep.network.ties.size() == 3);
  CHECK(keep.network.find("d"));
  // e is active from 2012-06: not in 2011, and in 2014 through its open end.
  CHECK_FALSE(snapshot_in_period(n, period("2011..2011"), Undated::drop).network.find("e"));
  CHECK(snapshot_in_period(n, period("2014..2014"), Undated::drop).network.find("e"));
  n.stakeholders[4].attributes["active_to"] = "2012-01";
  CHECK_THROWS_AS(snapshot_in_period(n, period("2012..2012"), Undated::drop), InputError);
}

TEST_CASE("compare: tie and stakeholder changes of a hand-worked example", "[compare]") {
  // 2012: a–b cooperation 1, a–c visit 1, b–c cooperation 2.
  // 2013: a–b cooperation 1 + 1 (strengthened: 1 → 2), b–c cooperation 1 (weakened: 2 → 1),
  //       c–d cooperation 1 (new; d is a newcomer), a–c visit gone (lost), a–b visit (new kind).
  Network n = people({"a", "b", "c", "d"});
  tie(n, "a", "b", "cooperation", 1, d(2012, 3, 1));
  tie(n, "a", "c", "visit", 1, d(2012, 4, 1));
  tie(n, "b", "c", "cooperation", 2, d(2012, 5, 1));
  tie(n, "b", "a", "cooperation", 1, d(2013, 3, 1));
  tie(n, "a", "b", "cooperation", 1, d(2013, 9, 1));
  tie(n, "b", "c", "cooperation", 1, d(2013, 5, 1));
  tie(n, "c", "d", "cooperation", 1, d(2013, 6, 1));
  tie(n, "a", "b", "visit", 1, d(2013, 7, 1));
  const Snapshot s12 = snapshot_in_period(n, period("2012..2012"), Undated::drop);
  const Snapshot s13 = snapshot_in_period(n, period("2013..2013"), Undated::drop);
  const Step step = compare_snapshots(n, s12, s13, 0);
  std::map<std::string, TieChange> by;
  for (const PairChange& p : step.pairs)
    by[n.stakeholders[static_cast<std::size_t>(p.source)].id +
       n.stakeholders[static_cast<std::size_t>(p.target)].id + " " + p.kind] = p.change;
  CHECK(by.size() == 5);
  CHECK(by["ab cooperation"] == TieChange::strengthened);
  CHECK(by["bc cooperation"] == TieChange::weakened);
  CHECK(by["cd cooperation"] == TieChange::added);
  CHECK(by["ac visit"] == TieChange::lost);
  CHECK(by["ab visit"] == TieChange::added);
  REQUIRE(step.kinds.size() == 3);  // cooperation, visit, all
  CHECK(step.kinds[0].kind == "cooperation");
  CHECK(step.kinds[0].added == 1);
  CHECK(step.kinds[0].strengthened == 1);
  CHECK(step.kinds[0].weakened == 1);
  CHECK(step.kinds[1].added == 1);
  CHECK(step.kinds[1].lost == 1);
  CHECK(step.kinds[2].kind == "all");
  CHECK(step.kinds[2].added == 2);
  CHECK(step.entered == std::vector<VertexId>{3});
  CHECK(step.left.empty());
  CHECK(step.stayed == 3);
  CHECK(step.new_ties_of_newcomers == 1);
}

TEST_CASE("compare: communities are tracked through merges, splits, growth and dissolution", "[compare]") {
  // Snapshot 0: A = 0–5, B = 6–11, C = 12–17, D = 18–23, F = 33–35.
  // Snapshot 1: A ∪ B merged; C split in 12–14 and 15–17; D grown by newcomers 24–29; E = 30–32
  // new (newcomers); F's members gone, so F dissolved.
  const auto snapshot = [](const std::vector<VertexId>& members) {
    Snapshot s;
    s.base = members;
    return s;
  };
  std::vector<VertexId> first, second;
  for (VertexId v = 0; v < 24; ++v)
    first.push_back(v);
  for (VertexId v = 33; v < 36; ++v)
    first.push_back(v);
  for (VertexId v = 0; v < 33; ++v)
    second.push_back(v);
  const auto partition = [](const std::vector<VertexId>& base,
                            const std::function<std::int64_t(VertexId)>& of) {
    std::vector<std::int64_t> labels;
    for (const VertexId v : base)
      labels.push_back(of(v));
    return Partition::canonical(labels);
  };
  const std::vector<Snapshot> snaps = {snapshot(first), snapshot(second)};
  const std::vector<Partition> parts = {
      partition(first, [](VertexId v) { return v < 33 ? v / 6 : 9; }),
      partition(second,
                [](VertexId v) -> std::int64_t {
                  if (v < 12) return 0;
                  if (v < 15) return 1;
                  if (v < 18) return 2;
                  if (v < 30) return 3;
                  return 4;
                }),
  };
  const Tracking t = track_communities(snaps, parts, 36);
  REQUIRE(t.snapshots[0].size() == 5);
  // Ids largest first, then by smallest member: A 1, B 2, C 3, D 4, F 5.
  CHECK(t.id_of[0][0] == 1);
  CHECK(t.id_of[0][6] == 2);
  CHECK(t.id_of[0][12] == 3);
  CHECK(t.id_of[0][18] == 4);
  CHECK(t.id_of[0][33] == 5);
  REQUIRE(t.snapshots[1].size() == 5);
  std::map<std::int32_t, const TrackedCommunity*> by_id;
  for (const TrackedCommunity& c : t.snapshots[1])
    by_id[c.id] = &c;
  // The merger keeps the id of its first best match (A), C's larger-or-first piece keeps C's id.
  REQUIRE(by_id.count(1) == 1);
  CHECK(by_id[1]->event == Event::merged);
  CHECK(by_id[1]->from == std::vector<std::int32_t>{1, 2});
  CHECK(by_id[1]->members.size() == 12);
  REQUIRE(by_id.count(3) == 1);
  CHECK(by_id[3]->event == Event::split);
  CHECK(by_id[3]->members.front() == 12);
  REQUIRE(by_id.count(4) == 1);
  CHECK(by_id[4]->event == Event::grown);  // 6 → 12; Jaccard 1 over the members present in both
  CHECK(by_id[4]->jaccard == Approx(1.0));
  // New ids go to the other split piece (15–17), then to the new community (30–32).
  REQUIRE(by_id.count(6) == 1);
  CHECK(by_id[6]->event == Event::split);
  CHECK(by_id[6]->members.front() == 15);
  REQUIRE(by_id.count(7) == 1);
  CHECK(by_id[7]->event == Event::new_);
  CHECK(by_id.count(2) == 0);  // B merged into 1
  REQUIRE(t.dissolved.size() == 1);
  CHECK(t.dissolved[0].id == 5);
  CHECK(t.ids == 7);
  // Flows of the members present in both: A→1 6, B→1 6, C→3 3, C→6 3, D→4 6.
  std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> flows;
  for (const Flow& f : t.flows)
    flows[{f.from, f.to}] = f.members;
  CHECK(flows == std::map<std::pair<std::int32_t, std::int32_t>, std::size_t>{
                     {{1, 1}, 6}, {{2, 1}, 6}, {{3, 3}, 3}, {{3, 6}, 3}, {{4, 4}, 6}});
  // Colours: one per id, the palette to the ids with the most members over both snapshots
  // (1: 6 + 12, 4: 6 + 12 first), grey beyond; an id has one colour in every snapshot by design.
  const std::vector<std::string> colours = pipeline::tracked_colours(t);
  REQUIRE(colours.size() == 8);
  CHECK(colours[1] != colours[4]);
  CHECK(colours[1] == render::community_palette()[0]);
  CHECK(colours[4] == render::community_palette()[1]);
}

namespace {

/// The example compared 2012–2013 against 2014, uptake over `cooperation` ties (as PLANTED.md
/// computes it), through the pipeline.
pipeline::Comparison example_comparison(unsigned threads = 1) {
  pipeline::CompareConfig config;
  config.analysis.input = test::example_dataset().string();
  config.analysis.run.threads = threads;
  config.analysis.communities.runs = 10;
  config.analysis.communities.null_models = 0;
  config.periods = {period("2012..2013"), period("2014..2014")};
  config.uptake.kinds = {"cooperation"};
  return pipeline::run_comparison(config);
}

/// referral_truth.csv: row,date,by,firm,partner,status,uptake_date,days (written by the generator).
std::vector<std::vector<std::string>> truth_rows() {
  std::istringstream in(test::read_file(test::example_dataset() / "referral_truth.csv"));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream cell(line);
    std::string c;
    while (std::getline(cell, c, ','))
      cells.push_back(c);
    if (line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("compare: uptake of the example's referrals equals the planted truth", "[compare][uptake]") {
  const pipeline::Comparison c = example_comparison();
  REQUIRE(c.uptake.has_value());
  const UptakeResult& u = *c.uptake;
  const auto truth = truth_rows();
  REQUIRE(truth.size() == c.base.referrals.size());
  REQUIRE(truth.size() == 75);
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_institution;  // taken, decided
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const auto& row = truth[i];
    const Referral& r = c.base.referrals[i];
    INFO("referral row " << row[0] << ": " << row[2] << " " << row[3] << " → " << row[4]);
    REQUIRE(r.firm == row[3]);
    REQUIRE(r.partner == row[4]);
    const std::string status(core::name_of(kUptakeStatusNames, u.referrals[i].status));
    CHECK(status == row[5]);
    if (row[5] == "taken_up" || row[5] == "late") {
      CHECK(u.referrals[i].tie.to_string() == row[6]);
      CHECK(std::to_string(u.referrals[i].days) == row[7]);
    }
    if (row[5] != "pending") {
      auto& x = by_institution[row[2]];
      x.first += row[5] == "taken_up" ? 1U : 0U;
      ++x.second;
    }
  }
  // PLANTED.md: 23 of 70 decided referrals taken up; median 166 days, mean 170.5.
  CHECK(u.overall.hits == 23);
  CHECK(u.overall.trials == 70);
  CHECK(u.median_days == Approx(166));
  CHECK(u.mean_days == Approx(170.52).margin(0.01));
  REQUIRE(u.by_institution.size() == by_institution.size());
  for (const RateRow& row : u.by_institution) {
    INFO(row.group);
    CHECK(row.rate.hits == by_institution[row.group].first);
    CHECK(row.rate.trials == by_institution[row.group].second);
  }
  // The baseline as the generator computes it independently (PLANTED.md, "Baseline"): 21 of 4625
  // comparable pairs, by distance 12/1721, 2/1210, 7/1694.
  CHECK(u.baseline.hits == 21);
  CHECK(u.baseline.trials == 4625);
  REQUIRE(u.baseline_by_distance.size() == 3);
  CHECK(u.baseline_by_distance[0].rate.hits == 12);
  CHECK(u.baseline_by_distance[0].rate.trials == 1721);
  CHECK(u.baseline_by_distance[1].rate.hits == 2);
  CHECK(u.baseline_by_distance[1].rate.trials == 1210);
  CHECK(u.baseline_by_distance[2].rate.hits == 7);
  CHECK(u.baseline_by_distance[2].rate.trials == 1694);
  CHECK(u.z > 1.96);  // recommendations beat chance on the planted data
  // A 24-month window takes the three late ones in.
  UptakeConfig longer;
  longer.kinds = {"cooperation"};
  longer.window_months = 24;
  const UptakeResult l = uptake(c.base, longer);
  std::size_t taken = 0;
  for (const Uptake& x : l.referrals)
    taken += x.status == UptakeStatus::taken_up ? 1 : 0;
  CHECK(taken == 26);
}

TEST_CASE("compare: stable ids, anchored positions and the example's planted groups", "[compare]") {
  const pipeline::Comparison c = example_comparison();
  REQUIRE(c.snapshots.size() == 2);
  // One layout for every period: a stakeholder present in both is drawn at one place (it moves
  // 0); a newcomer sits near its partners — closer to their centroid than half the median
  // distance between two stakeholders.
  REQUIRE(c.positions.x.size() == c.drawn.network.size());
  std::vector<double> pair_distances;
  for (std::size_t v = 0; v + 1 < c.drawn.network.size(); v += 7)
    for (std::size_t w = v + 1; w < c.drawn.network.size(); w += 11)
      pair_distances.push_back(
          std::hypot(c.positions.x[v] - c.positions.x[w], c.positions.y[v] - c.positions.y[w]));
  std::sort(pair_distances.begin(), pair_distances.end());
  const double median = pair_distances[pair_distances.size() / 2];
  const change::Step& step = c.steps.front();
  REQUIRE(!step.entered.empty());
  double near = 0;
  std::size_t counted = 0;
  for (const VertexId v : step.entered) {
    const auto dv = static_cast<std::size_t>(c.drawn.index[static_cast<std::size_t>(v)]);
    double x = 0, y = 0;
    std::size_t partners = 0;
    for (const Tie& t : c.snapshots[1].network.ties) {
      const VertexId a = c.snapshots[1].base[static_cast<std::size_t>(t.source)];
      const VertexId b = c.snapshots[1].base[static_cast<std::size_t>(t.target)];
      if (a != v && b != v) continue;
      const auto p = static_cast<std::size_t>(c.drawn.index[static_cast<std::size_t>(a == v ? b : a)]);
      x += c.positions.x[p];
      y += c.positions.y[p];
      ++partners;
    }
    if (partners == 0) continue;
    near += std::hypot(c.positions.x[dv] - x / static_cast<double>(partners),
                       c.positions.y[dv] - y / static_cast<double>(partners));
    ++counted;
  }
  REQUIRE(counted > 0);
  CHECK(near / static_cast<double>(counted) < 0.5 * median);
  // The planted machine-tool and wood-furniture groups continue with their ids and colours.
  const nlohmann::json j = nlohmann::json::parse(c.changes_json);
  std::map<std::string, std::map<std::string, std::pair<int, std::string>>>
      seen;  // period → name → id, colour
  for (const auto& t : j["tracking"]["communities"])
    seen[t["period"]][t["name"]] = {t["id"].get<int>(), t["colour"].get<std::string>()};
  for (const std::string sector : {"machine-tool", "wood-furniture"}) {
    std::string in_first, in_last;
    for (const auto& [name, idc] : seen["2012 … 2013"])
      if (name.rfind(sector, 0) == 0) in_first = name;
    for (const auto& [name, idc] : seen["2014"])
      if (name.rfind(sector, 0) == 0) in_last = name;
    INFO(sector);
    REQUIRE(!in_first.empty());
    CHECK(in_first == in_last);
    CHECK(seen["2012 … 2013"][in_first] == seen["2014"][in_last]);
  }
}

TEST_CASE("compare: the same input, options and seed give the same bytes at any thread count", "[compare]") {
  TempDir dir;
  std::string out, err;
  const std::string base =
      "compare " + quote(test::example_dataset()) + " --period 2012..2013 --period 2014 --runs 8";
  REQUIRE(run_cli(base + " -o " + quote(dir.path() / "one") + " --threads 1 --quiet", out, err) == 0);
  INFO(err);
  REQUIRE(run_cli(base + " -o " + quote(dir.path() / "two") + " --threads 2 --quiet", out, err) == 0);
  for (const std::string file : {"changes.json", "report.html", "report.pdf", "tables/ties.csv",
                                 "tables/stakeholders.csv", "tables/uptake.csv", "figures/network-change.svg",
                                 "figures/community-flows.png", "figures/layout.csv"}) {
    INFO(file);
    CHECK(test::read_file(dir.path() / "one" / file) == test::read_file(dir.path() / "two" / file));
  }
  // Its own previous output is replaced; a folder holding someone's file is not (exit 4).
  REQUIRE(run_cli(base + " -o " + quote(dir.path() / "one") + " --threads 1 --quiet", out, err) == 0);
  dir.write("theirs/notes.txt", "mine");
  CHECK(run_cli(base + " -o " + quote(dir.path() / "theirs") + " --quiet", out, err) == 4);
  CHECK(test::read_file(dir.path() / "theirs" / "notes.txt") == "mine");
  const nlohmann::json m = read_json(dir.path() / "one" / "manifest.json");
  CHECK(m["command"] == "compare");
  CHECK(m["periods"].size() == 2);
  CHECK(m["inputs"].size() == 5);
  // The report leads with "What changed" and has the uptake section.
  const std::string html = test::read_file(dir.path() / "one" / "report.html");
  CHECK_THAT(html, Contains("id=\"changed\""));
  CHECK_THAT(html, Contains("id=\"uptake\""));
  CHECK_THAT(html, Contains("The largest changes first"));
  CHECK(test::pdf_pages(dir.path() / "one" / "report.pdf") > 5);
  CHECK_THAT(test::pdf_text(dir.path() / "one" / "report.pdf"), Contains("What changed"));
}

TEST_CASE("compare: two datasets matched by id", "[compare]") {
  TempDir dir;
  const auto a = dir.write(
      "before.csv", "source,target,kind,weight\na,b,cooperation,1\nb,c,cooperation,2\nc,d,cooperation,1\n");
  const auto b = dir.write(
      "after.csv", "source,target,kind,weight\na,b,cooperation,3\nb,c,cooperation,1\nd,e,cooperation,1\n");
  std::string out, err;
  REQUIRE(run_cli("compare " + quote(a) + " " + quote(b) + " -o " + quote(dir.path() / "out") + " --runs 4",
                  out, err) == 0);
  INFO(err);
  CHECK_THAT(out, Contains("1 ties new, 1 lost"));
  const nlohmann::json j = read_json(dir.path() / "out" / "changes.json");
  REQUIRE(j["periods"].size() == 2);
  CHECK(j["periods"][0]["label"] == "before");
  const auto& all = j["changes"][0]["ties"].back();
  CHECK(all["new"] == 1);           // d–e
  CHECK(all["lost"] == 1);          // c–d
  CHECK(all["strengthened"] == 1);  // a–b 1 → 3
  CHECK(all["weakened"] == 1);      // b–c 2 → 1
  CHECK(j["changes"][0]["stakeholders"]["entered"] == nlohmann::json::array({"e"}));
  CHECK(j["changes"][0]["stakeholders"]["left"].empty());
}

TEST_CASE("compare: bad periods, periods without ties and bad referrals are clear errors",
          "[compare][errors]") {
  TempDir dir;
  std::string out, err;
  const std::string input = quote(test::example_dataset());
  const auto fails = [&](const std::string& args, int status, const std::string& says) {
    INFO(args);
    CHECK(run_cli("compare " + args + " -o " + quote(dir.path() / "out") + " --runs 2", out, err) == status);
    CHECK_THAT(err, Contains(says));
    CHECK_FALSE(fs::exists(dir.path() / "out"));
  };
  fails(input + " --period 2012..2013 --period 2013..2014", 2, "overlap");
  fails(input + " --period 2014..2012 --period 2015", 2, "inverted");
  fails(input + " --period 2014 --period 2012", 2, "order");
  fails(input + " --period 2012", 2, "one --period");
  fails(input, 2, "nothing to compare");
  fails(input + " --period 2012 --period 2020..2021", 3, "period 2020 … 2021 holds no dated tie");
  fails(input + " --periods weekly", 2, "unknown rule");
  fails(input + " --period 2012 --period 2014 --uptake-window 12", 2, "--uptake-window");
  fails(input + " " + input + " --period 2012", 2, "with two inputs");
  // Referrals naming unknown stakeholders: file:line:column, exit 3.
  const auto bad =
      dir.write("referrals.csv", "date,by,firm,partner\n2012-05-01,S1,E001,E002\n2012-06-01,S1,NOPE,E002\n");
  fails(input + " --period 2012 --period 2014 --referrals " + quote(bad), 3,
        bad.string() + ":3:15: firm 'NOPE' is not a stakeholder");
  const auto self = dir.write("self.csv", "date,by,firm,partner\n2012-05-01,S1,E001,E001\n");
  fails(input + " --period 2012 --period 2014 --referrals " + quote(self), 3, "the firm itself");
  const auto baddate = dir.write("date.csv", "date,by,firm,partner\n2012-02-30,S1,E001,E002\n");
  fails(input + " --period 2012 --period 2014 --referrals " + quote(baddate), 3,
        baddate.string() + ":2:1: bad date");
  // A referral dated outside the data: a warning at its line; the comparison is still made.
  const auto late =
      dir.write("late.csv", "date,by,firm,partner\n2012-05-01,S1,E001,E002\n2019-01-01,S1,E001,E003\n");
  REQUIRE(run_cli("compare " + input + " --period 2012 --period 2014 --runs 2 --referrals " + quote(late) +
                      " -o " + quote(dir.path() / "late"),
                  out, err) == 0);
  CHECK_THAT(err,
             Contains(late.string() + ":3:1: referral date 2019-01-01 is outside the data's dated span"));
  const nlohmann::json j = read_json(dir.path() / "late" / "changes.json");
  CHECK(j["uptake"]["referrals"] == 2);
  CHECK(j["uptake"]["status"]["pending"] == 1);
}

TEST_CASE("compare: active_from and active_to are checked where they are written", "[compare][errors]") {
  TempDir dir;
  const auto nodes = dir.write(
      "t.nodes.csv", "id,type,active_from\na,enterprise,2012\nb,enterprise,2012-13\nc,enterprise,\n");
  const auto ties = dir.write("t.csv", "source,target,date\na,b,2012-01-01\nb,c,2013-01-01\n");
  std::string out, err;
  CHECK(run_cli("validate " + quote(ties), out, err) == 3);
  CHECK_THAT(err, Contains(nodes.string() + ":3:14: bad date '2012-13'"));
}

TEST_CASE("analyze: --period analyses one period; several periods add compare/; referrals add uptake",
          "[compare][analyze]") {
  TempDir dir;
  std::string out, err;
  const std::string input = quote(test::example_dataset());
  REQUIRE(run_cli("analyze " + input + " --period 2014..2014 --runs 4 --null-models 0 -o " +
                      quote(dir.path() / "y"),
                  out, err) == 0);
  INFO(err);
  CHECK_THAT(out, Contains("256 stakeholders"));  // as compare's 2014 snapshot
  CHECK(fs::exists(dir.path() / "y" / "tables" / "uptake.csv"));
  // The normalised dataset in network/ keeps the referrals among its stakeholders. Counted from
  // the CSV files by hand: the 256 stakeholders with a 2014 tie or a shared 2014 activity hold
  // 68 of the 75 referrals (by, firm and partner all present); the whole network holds all 75.
  Diagnostics diagnostics;
  CHECK(test::load(dir.path() / "y" / "network", diagnostics).referrals.size() == 68);
  REQUIRE(run_cli("analyze " + input + " --runs 2 --null-models 0 -o " + quote(dir.path() / "whole"), out,
                  err) == 0);
  CHECK(test::load(dir.path() / "whole" / "network", diagnostics).referrals.size() == 75);
  CHECK_THAT(test::read_file(dir.path() / "y" / "report.html"), Contains("id=\"uptake\""));
  REQUIRE(run_cli("analyze " + input + " --periods yearly --runs 4 --null-models 0 -o " +
                      quote(dir.path() / "all"),
                  out, err) == 0);
  CHECK_THAT(out, Contains("compare/ over 3 periods"));
  const nlohmann::json j = read_json(dir.path() / "all" / "compare" / "changes.json");
  CHECK(j["periods"].size() == 3);
  CHECK(j["periods"][1]["label"] == "2013");
  CHECK(fs::exists(dir.path() / "all" / "compare" / "figures" / "network-change.svg"));
  CHECK(fs::exists(dir.path() / "all" / "compare" / "report.pdf"));
  // The tool's own suggestions: recommend on 2012, then the uptake of its top 3 by 2013–2014.
  REQUIRE(run_cli("recommend " + input + " --to 2012 --top 3 -o " + quote(dir.path() / "r.csv"), out, err) ==
          0);
  REQUIRE(run_cli("compare " + input + " --period 2012 --period 2013..2014 --runs 2 --referrals " +
                      quote(dir.path() / "r.csv") + " -o " + quote(dir.path() / "own"),
                  out, err) == 0);
  const nlohmann::json own = read_json(dir.path() / "own" / "changes.json");
  CHECK(own["uptake"]["by_institution"][0]["group"] == "clusterscope");
  CHECK(own["uptake"]["overall"]["trials"].get<int>() > 100);
}
