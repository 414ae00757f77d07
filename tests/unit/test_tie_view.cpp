// The tie view built once after loading (clusterscope/model/tie_view.hpp), the one sector rule
// and the type labels. Expected values are derived by hand in the comments.
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "clusterscope/core/text.hpp"
#include "clusterscope/model/tie_view.hpp"
#include "clusterscope/pipeline/community_outputs.hpp"
#include "support.hpp"

using namespace clusterscope;

namespace {

/// Stakeholders v0…v(n−1) with the given types and sectors, ties (source, target, weight, kind).
Network network_of(const std::vector<std::string>& types, const std::vector<std::string>& sectors,
                   const std::vector<std::tuple<int, int, double, std::string>>& ties,
                   bool directed = false) {
  Network net;
  net.directed = directed;
  for (std::size_t i = 0; i < types.size(); ++i) {
    Stakeholder s;
    s.id = "v" + std::to_string(i);
    s.type = types[i];
    s.sector = i < sectors.size() ? sectors[i] : "";
    net.stakeholders.push_back(s);
  }
  net.reindex();
  for (const auto& [a, b, w, kind] : ties) {
    Tie t;
    t.source = a;
    t.target = b;
    t.weight = w;
    t.kind = net.intern_kind(kind);
    net.ties.push_back(t);
  }
  return net;
}

}  // namespace

TEST_CASE("Tie view of a directed multiplex network with a self-loop", "[tie-view]") {
  // 0→1 twice (visit 1, project 2 with kind weight 3), 1→0 once (1), 2→2 (a self-loop, 4), 1→2 (5).
  Network net = network_of({"enterprise", "university", "enterprise"}, {},
                           {{0, 1, 1.0, "visit"},
                            {0, 1, 2.0, "project"},
                            {1, 0, 1.0, "visit"},
                            {2, 2, 4.0, "visit"},
                            {1, 2, 5.0, "visit"}},
                           true);
  net.kind_weights["project"] = 3.0;
  const TieView view = make_tie_view(net);
  CHECK(view.n == 3);
  CHECK(view.directed);
  // Ordered pairs, sorted: 0→1 (1 + 2·3 = 7, 2 ties), 1→0 (1), 1→2 (5), 2→2 (4).
  REQUIRE(view.pairs.size() == 4);
  CHECK(std::tie(view.pairs[0].source, view.pairs[0].target) == std::tuple(0, 1));
  CHECK(view.pairs[0].weight == 7.0);
  CHECK(view.pairs[0].ties == 2);
  CHECK(std::tie(view.pairs[1].source, view.pairs[1].target) == std::tuple(1, 0));
  CHECK(std::tie(view.pairs[3].source, view.pairs[3].target) == std::tuple(2, 2));
  // Undirected: {0,1} = 7 + 1 = 8 over 3 ties, {1,2} = 5; the self-loop is dropped.
  REQUIRE(view.undirected.size() == 2);
  CHECK(std::tie(view.undirected[0].source, view.undirected[0].target) == std::tuple(0, 1));
  CHECK(view.undirected[0].weight == 8.0);
  CHECK(view.undirected[0].ties == 3);
  CHECK(std::tie(view.undirected[1].source, view.undirected[1].target) == std::tuple(1, 2));
  CHECK(view.undirected[1].weight == 5.0);
  CHECK(view.undirected[1].ties == 1);
  // Strength over the pairs: v0 = 7 + 1, v1 = 7 + 1 + 5, v2 = 5 + 2·4 (the loop counts twice).
  CHECK(view.strength == std::vector<double>{8.0, 13.0, 13.0});
}

TEST_CASE("Tie view of an undirected network: the undirected pairs are the pairs without loops",
          "[tie-view]") {
  const Network net = network_of({"enterprise", "enterprise", "enterprise"}, {},
                                 {{1, 0, 1.0, "visit"}, {0, 1, 2.0, "visit"}, {1, 1, 1.0, "visit"}});
  const TieView view = make_tie_view(net);
  REQUIRE(view.pairs.size() == 2);  // {0,1} = 3 over 2 ties, {1,1}
  CHECK(view.pairs[0].weight == 3.0);
  CHECK(view.pairs[0].ties == 2);
  REQUIRE(view.undirected.size() == 1);
  CHECK(view.undirected[0].weight == 3.0);
  CHECK(view.undirected[0].ties == 2);
  CHECK(view.strength == std::vector<double>{3.0, 5.0, 0.0});
  // undirected_pairs() on its own does the same merge for any list.
  const std::vector<AggregatedEdge> merged = undirected_pairs({{2, 0, 1.5, 1}, {0, 2, 0.5, 2}, {1, 1, 9, 1}});
  REQUIRE(merged.size() == 1);
  CHECK(std::tie(merged[0].source, merged[0].target) == std::tuple(0, 2));
  CHECK(merged[0].weight == 2.0);
  CHECK(merged[0].ties == 3);
}

TEST_CASE("Types are interned in vocabulary order and then by name", "[tie-view]") {
  // Vocabulary: the default eight. Data types: "zoo" and "bank" (unlisted), "" (none) and listed ones.
  const Network net = network_of({"zoo", "university", "", "enterprise", "bank", "zoo"}, {}, {});
  const TypeIndex types = index_types(net);
  REQUIRE(types.listed == 8);
  REQUIRE(types.names.size() == 11);
  CHECK(types.names[0] == "enterprise");
  CHECK(types.names[7] == "other");
  // Byte order of the unlisted: "" < "bank" < "zoo".
  CHECK(types.names[8] == "");
  CHECK(types.names[9] == "bank");
  CHECK(types.names[10] == "zoo");
  CHECK(types.of == std::vector<std::int32_t>{10, 1, 8, 0, 9, 10});
  CHECK(types.term[1] == 1);
  CHECK(types.term[9] == -1);
  CHECK(types.is_listed(7));
  CHECK_FALSE(types.is_listed(8));
  CHECK_FALSE(types.is_listed(-1));
  CHECK(types.find("bank") == 9);
  CHECK(types.find("ngo") == 6);
  CHECK(types.find("circus") == -1);
  // The tie view carries the same index.
  CHECK(make_tie_view(net).types.of == types.of);
}

TEST_CASE("One sector rule: the share among members with a sector", "[tie-view][sector]") {
  // Members 0–4: sectors a, a, b, "", "" → a has 2 of the 3 with a sector (0.667, not 2 of 5).
  const Network net =
      network_of({"enterprise", "enterprise", "enterprise", "support", "support", "enterprise"},
                 {"a", "a", "b", "", "", "b"}, {});
  const SectorShare s = sector_share(net, {0, 1, 2, 3, 4});
  CHECK(s.top == "a");
  CHECK(s.in_top == 2);
  CHECK(s.with_sector == 3);
  CHECK(s.share == Approx(2.0 / 3.0));
  CHECK(s.dominant == "a");
  // Exactly at the threshold dominates (≥): a, b → 0.5 each, the tie goes to the first name.
  const SectorShare tie = sector_share(net, {0, 5});
  CHECK(tie.top == "a");
  CHECK(tie.share == 0.5);
  CHECK(tie.dominant == "a");
  CHECK(sector_share(net, {0, 5}, 0.51).dominant.empty());
  CHECK(sector_share(net, {0, 5}, 0.51).top == "a");
  // No member with a sector: nothing dominates, share 0.
  const SectorShare none = sector_share(net, {3, 4}, 0.0);
  CHECK(none.top.empty());
  CHECK(none.dominant.empty());
  CHECK(none.share == 0.0);
}

TEST_CASE("communities.csv names the dominant sector by the one rule", "[tie-view][sector]") {
  // Community 0 = {0,1,2,3,4}: a dominates (2 of 3 with a sector); community 1 = {5, 6}: b, c → 0.5
  // each → b at the default 0.5, mixed at 0.6.
  const Network net = network_of(
      {"enterprise", "enterprise", "enterprise", "support", "support", "enterprise", "enterprise"},
      {"a", "a", "b", "", "", "b", "c"},
      {{0, 1, 1, "visit"}, {1, 2, 1, "visit"}, {2, 3, 1, "visit"}, {3, 4, 1, "visit"}, {5, 6, 1, "visit"}});
  communities::CommunityResult result;
  result.partition = Partition::canonical(std::vector<std::int64_t>{0, 0, 0, 0, 0, 1, 1});
  result.communities.resize(2);
  result.communities[0].id = 0;
  result.communities[1].id = 1;
  const TieView view = make_tie_view(net);
  const auto column = [](const std::string& csv, std::size_t line, const std::string& name) {
    std::vector<std::string> rows;
    std::string row;
    std::istringstream in(csv);
    while (std::getline(in, row))
      rows.push_back(row);
    const auto split = [](const std::string& text) {
      std::vector<std::string> cells;
      std::string cell;
      std::istringstream parts(text);
      while (std::getline(parts, cell, ','))
        cells.push_back(cell);
      if (!text.empty() && text.back() == ',') cells.emplace_back();
      return cells;
    };
    const std::vector<std::string> header = split(rows.at(0));
    const auto at = static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    return split(rows.at(line)).at(at);
  };
  const std::string csv = pipeline::community_table_csv(net, view, result);
  CHECK(column(csv, 1, "dominant_sector") == "a");
  CHECK(column(csv, 1, "top_sector") == "a");
  CHECK(std::stod(column(csv, 1, "sector_share")) == Approx(2.0 / 3.0));
  CHECK(column(csv, 2, "dominant_sector") == "b");
  const std::string stricter = pipeline::community_table_csv(net, view, result, 0.6);
  CHECK(column(stricter, 2, "dominant_sector").empty());
  CHECK(column(stricter, 2, "top_sector") == "b");
  // The most connected members are ranked by the view's strength: v1, v2, v3 (2 each; by id), v0.
  CHECK(column(csv, 1, "central_members") == "v1;v2;v3");
}

TEST_CASE("Type labels: as written and mid-sentence", "[tie-view]") {
  Network net = network_of({"research"}, {}, {});
  net.vocabulary.push_back({"ngo2", "#000000", "NGO"});
  net.vocabulary.push_back({"ict", "#000000", "ICT cluster"});
  CHECK(type_label(net, "research") == "Research institute");
  CHECK(type_label_in_text(net, "research") == "research institute");
  CHECK(type_label_in_text(net, "ngo2") == "NGO");
  CHECK(type_label_in_text(net, "ict") == "ICT cluster");
  CHECK(type_label(net, "Circus") == "Circus");  // not in the vocabulary: the type itself
  CHECK(type_label_in_text(net, "Circus") == "circus");
  CHECK(type_label(net, "") == "unknown type");
  CHECK(core::mid_sentence("Ośrodek") == "Ośrodek");  // a non-ASCII second letter: left as it is
  CHECK(core::mid_sentence("Ł") == "Ł");
  CHECK(core::mid_sentence("3D printing") == "3D printing");
  CHECK(core::mid_sentence("A") == "A");
}
