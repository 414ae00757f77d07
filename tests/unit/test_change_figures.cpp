// The change-over-time figures (docs/figures.md, "Change over time figures"): the network in small
// multiples (one layout, one scale, kept / new / lost ties), the alluvial chart of communities and
// the measures over periods — all inside the page margins, in every format — and the primitives
// they brought: dashed lines and polygons.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "clusterscope/layout/layout.hpp"
#include "clusterscope/model/network.hpp"
#include "clusterscope/render/change.hpp"
#include "clusterscope/render/charts.hpp"
#include "clusterscope/render/figure.hpp"
#include "clusterscope/render/scene.hpp"
#include "support.hpp"

using namespace clusterscope;
using namespace clusterscope::render;

namespace {

/// A deterministic generator (64-bit LCG, Knuth's MMIX constants): the same example everywhere.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  double next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) / 9007199254740992.0;
  }

 private:
  std::uint64_t state_;
};

/// The change figure's inputs for a made-up region: stakeholders in communities who join (and a
/// few leave) over the periods, ties that start and end.
struct ChangeExample {
  Network network;
  Layout layout;
  std::vector<std::string> colours;
  std::vector<ChangePanel> panels;
  std::vector<std::pair<std::string, std::string>> legend;
  std::vector<std::int32_t> community;
};

ChangeExample change_example(std::size_t n = 60, std::size_t periods = 3, std::size_t communities = 4) {
  const std::vector<std::string> sectors = {"machine-tool", "logistics", "ICT", "food processing"};
  const std::vector<std::string> names = {"Zakład Mechaniczny",
                                          "Usługi Transportowe",
                                          "Instytut Badań",
                                          "Centrum Logistyki",
                                          "Politechnika",
                                          "Agencja Rozwoju",
                                          "Spółdzielnia Mleczarska",
                                          "Fabryka Narzędzi",
                                          "Soft-Tech",
                                          "Piekarnia"};
  const std::vector<std::string> places = {"Toruń", "Łódź", "Grudziądz", "Chełmno", "Świecie", "Włocławek"};
  const std::vector<std::string> forms = {" Sp. z o.o.", " S.A.", "", " sp. j."};
  ChangeExample ex;
  Lcg random(20240611);
  std::vector<std::size_t> join(n), leave(n);
  for (std::size_t v = 0; v < n; ++v) {
    Stakeholder s;
    s.id = "S" + std::to_string(v + 1);
    s.name = names[v % names.size()] + " " + places[(v / names.size()) % places.size()] +
             (v >= names.size() * places.size() ? " " + std::to_string(v) : "") +
             forms[(v / 3) % forms.size()];
    s.type = "enterprise";
    const auto c = static_cast<std::int32_t>(v % communities);
    s.sector = sectors[static_cast<std::size_t>(c) % sectors.size()];
    ex.network.stakeholders.push_back(s);
    ex.community.push_back(c);
    const double r = random.next();
    join[v] = r < 0.7 ? 0 : r < 0.88 ? 1 : std::min<std::size_t>(2, periods - 1);
    leave[v] = random.next() < 0.08 && join[v] + 1 < periods ? periods - 1 : periods;
  }
  ex.network.reindex();
  const KindId kind = ex.network.intern_kind("cooperation");
  struct Span {
    VertexId a, b;
    std::size_t start, end;  // active in periods start..end
  };
  std::vector<Span> spans;
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = a + 1; b < n; ++b) {
      const bool same = ex.community[a] == ex.community[b];
      if (random.next() >= (same ? 0.3 : 0.015)) continue;
      // Most ties start early; a tie lasts one to three periods.
      const auto start =
          static_cast<std::size_t>(std::pow(random.next(), 1.6) * static_cast<double>(periods));
      const auto end = std::min(periods - 1, start + static_cast<std::size_t>(random.next() * 2.5));
      spans.push_back({static_cast<VertexId>(a), static_cast<VertexId>(b), start, end});
      Tie t;
      t.source = static_cast<VertexId>(a);
      t.target = static_cast<VertexId>(b);
      t.kind = kind;
      t.weight = 1 + std::floor(random.next() * 3);
      ex.network.ties.push_back(t);
    }
  const auto present = [&](std::size_t v, std::size_t p) { return join[v] <= p && p < leave[v]; };
  const auto active = [&](const Span& s, std::size_t p) {
    return s.start <= p && p <= s.end && present(static_cast<std::size_t>(s.a), p) &&
           present(static_cast<std::size_t>(s.b), p);
  };
  for (std::size_t p = 0; p < periods; ++p) {
    ChangePanel panel;
    panel.title = std::to_string(2012 + p);
    panel.present.resize(n);
    for (std::size_t v = 0; v < n; ++v)
      panel.present[v] = present(v, p);
    for (std::size_t i = 0; i < spans.size(); ++i) {
      const Span& s = spans[i];
      const double w = ex.network.ties[i].weight;
      const bool now = active(s, p), before = p > 0 && active(s, p - 1);
      if (now)
        panel.edges.push_back(
            {s.a, s.b, w, p == 0 || before ? ChangeEdge::Status::kept : ChangeEdge::Status::added});
      else if (before)
        panel.edges.push_back({s.a, s.b, w, ChangeEdge::Status::lost});
    }
    ex.panels.push_back(std::move(panel));
  }
  layout::LayoutOptions lo;
  lo.threads = 1;
  ex.layout = layout::compute_layout(ex.network, lo);
  for (std::size_t v = 0; v < n; ++v)
    ex.colours.push_back(community_palette()[static_cast<std::size_t>(ex.community[v])]);
  for (std::size_t c = 0; c < communities; ++c)
    ex.legend.emplace_back(std::to_string(c) + " " + sectors[c % sectors.size()], community_palette()[c]);
  return ex;
}

ChangeFigureOptions change_options() {
  ChangeFigureOptions o;
  o.title = "How the Vistula Bend network changed, 2012–2014";
  o.caption =
      "One layout for every year: a stakeholder keeps its place. Ties new in a year are orange, ties "
      "of the previous year that ended are dashed; stakeholders new in a year are ringed. The "
      "stakeholders with the most new ties are named.";
  return o;
}

const Group& group_named(const Scene& scene, const std::string& name) {
  for (const auto& g : scene.groups)
    if (g.name == name) return g;
  FAIL("no group " << name);
  throw std::logic_error("unreachable");
}

template <typename T>
std::vector<T> all_of(const Group& group) {
  std::vector<T> out;
  for (const auto& item : group.items)
    if (const auto* p = std::get_if<T>(&item)) out.push_back(*p);
  return out;
}

/// Flow chart input: three periods, communities splitting, merging, leaving and arriving.
struct FlowExample {
  std::vector<std::string> periods = {"2012", "2013", "2014"};
  std::vector<std::vector<FlowBlock>> blocks = {
      {{0, "0 machine-tool", 24, ""}, {1, "1 logistics", 15, ""}, {2, "2 ICT", 12, ""}, {3, "3 food", 9, ""}},
      {{0, "0 machine-tool", 28, ""}, {1, "1 logistics", 11, ""}, {2, "2 ICT", 18, ""}, {3, "3 food", 2, ""}},
      {{0, "0 machine-tool", 22, ""},
       {1, "1 logistics", 14, ""},
       {2, "2 ICT", 16, ""},
       {4, "4 new: bioeconomy", 8, ""}}};
  std::vector<FlowLink> links = {{0, 0, 0, 21}, {0, 1, 1, 10}, {0, 1, 0, 4},  {0, 2, 2, 11}, {0, 3, 2, 4},
                                 {0, 3, 3, 2},  {0, 2, 0, 0},  {1, 0, 0, 20}, {1, 0, 4, 5},  {1, 1, 1, 9},
                                 {1, 2, 2, 15}, {1, 2, 4, 2},  {1, 3, 1, 2}};
};

ChartOptions flow_options() {
  ChartOptions o;
  o.title = "Communities from year to year";
  o.caption =
      "Block height: members in the year; band: members who stayed together from one year to the "
      "next. Members who left or arrived have no band.";
  return o;
}

const std::vector<std::string> kMeasures = {"density",      "components", "giant share",
                                            "transitivity", "modularity", "E-I index"};

std::vector<std::vector<double>> measure_values() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return {{0.0412, 0.0468, 0.0391}, {3, 2, 4},          {0.91, 0.95, 0.88},
          {0.312, 0.335, nan},      {0.48, 0.44, 0.52}, {-0.62, -0.55, -0.58}};
}

ChartOptions measures_options() {
  ChartOptions o;
  o.title = "Network measures by year";
  o.caption = "Each measure on its own scale. Transitivity is not defined for 2014 (no connected triple).";
  return o;
}

}  // namespace

TEST_CASE("change figure: inside the margins, one position per stakeholder in every panel",
          "[render][change]") {
  const ChangeExample ex = change_example();
  FixedMeasure measure;
  const std::size_t n = ex.network.size();
  // Radii that tell the stakeholders apart.
  std::vector<double> radius(n);
  for (std::size_t v = 0; v < n; ++v)
    radius[v] = 1.5 + 0.02 * static_cast<double>(v);
  const ChangeFigureOptions options = change_options();
  const Scene scene =
      change_network_scene(ex.network, ex.layout, ex.colours, radius, ex.panels, ex.legend, options, measure);
  test::require_unclipped(scene);
  test::require_inside_margins(scene);
  CHECK(scene.title == options.title);
  CHECK(scene.width == options.width);
  CHECK(scene.height > 200);

  std::vector<std::map<std::size_t, Point>> where(ex.panels.size());
  for (std::size_t p = 0; p < ex.panels.size(); ++p) {
    INFO("panel " << p + 1);
    const std::string prefix = "panel " + std::to_string(p + 1) + "/";
    const Rect frame = all_of<Rect>(group_named(scene, prefix + "frame")).at(0);
    const double ox = frame.box.x - 0.25, oy = frame.box.y - 0.25;
    // Absent stakeholders are not drawn: one disc per present stakeholder.
    const auto circles = all_of<Circle>(group_named(scene, prefix + "nodes"));
    const auto present =
        static_cast<std::size_t>(std::count(ex.panels[p].present.begin(), ex.panels[p].present.end(), true));
    CHECK(circles.size() == present);
    std::size_t fresh = 0;
    for (std::size_t v = 0; v < n; ++v)
      if (p > 0 && ex.panels[p].present[v] && !ex.panels[p - 1].present[v]) ++fresh;
    if (p > 0) CHECK(fresh > 0);
    CHECK(static_cast<std::size_t>(std::count_if(circles.begin(), circles.end(), [](const Circle& c) {
            return c.stroke == "#222222";
          })) == fresh);
    for (const Circle& c : circles) {
      const auto v = static_cast<std::size_t>(std::lround((c.r - 1.5) / 0.02));
      REQUIRE(v < n);
      CHECK(ex.panels[p].present[v]);
      where[p][v] = {c.cx - ox, c.cy - oy};
      CHECK(c.cx - c.r >= frame.box.x);
      CHECK(c.cx + c.r <= frame.box.right());
    }

    // Kept ties solid grey, lost ties dashed, new ties in the highlight colour.
    std::size_t kept = 0, lost = 0, added = 0;
    for (const ChangeEdge& e : ex.panels[p].edges) {
      kept += e.status == ChangeEdge::Status::kept ? 1 : 0;
      lost += e.status == ChangeEdge::Status::lost ? 1 : 0;
      added += e.status == ChangeEdge::Status::added ? 1 : 0;
    }
    const auto kept_lines = all_of<Line>(group_named(scene, prefix + "kept ties"));
    const auto lost_lines = all_of<Line>(group_named(scene, prefix + "lost ties"));
    const auto new_lines = all_of<Line>(group_named(scene, prefix + "new ties"));
    CHECK(kept_lines.size() == kept);
    CHECK(lost_lines.size() == lost);
    CHECK(new_lines.size() == added);
    if (p > 0) {
      CHECK(lost > 0);
      CHECK(added > 0);
    }
    for (const Line& l : kept_lines) {
      CHECK(l.dash.empty());
      CHECK(l.colour == options.kept_colour);
    }
    for (const Line& l : lost_lines) {
      CHECK(l.dash == std::vector<double>{2, 2});
      CHECK(l.colour == options.lost_colour);
    }
    for (const Line& l : new_lines) {
      CHECK(l.dash.empty());
      CHECK(l.colour == options.added_colour);
    }

    // Labels: at most `labels`, never on each other or on a node of the panel.
    const auto labels = all_of<Text>(group_named(scene, prefix + "labels"));
    CHECK(labels.size() <= options.labels);
    if (p > 0) CHECK(labels.size() >= 3);
    for (std::size_t i = 0; i < labels.size(); ++i) {
      for (std::size_t j = i + 1; j < labels.size(); ++j)
        CHECK_FALSE(overlaps(labels[i].box, labels[j].box));
      for (const Circle& c : circles)
        CHECK_FALSE(overlaps(labels[i].box, c.cx, c.cy, c.r));
    }
  }
  // A stakeholder present in two panels sits at the same place in both.
  std::size_t shared = 0;
  for (std::size_t p = 1; p < where.size(); ++p)
    for (const auto& [v, at] : where[p]) {
      const auto it = where[0].find(v);
      if (it == where[0].end()) continue;
      ++shared;
      CHECK(at.x == Approx(it->second.x).margin(1e-9));
      CHECK(at.y == Approx(it->second.y).margin(1e-9));
    }
  CHECK(shared > 40);

  // Panel titles: the period and its counts.
  std::string heads;
  for (const Text& t : all_of<Text>(group_named(scene, "panel titles")))
    heads += t.text + "\n";
  CHECK(heads.find("2013") != std::string::npos);
  CHECK(heads.find(" new · \u2212") != std::string::npos);
  // The shared legend: the three tie samples (the lost one dashed) and the communities.
  const auto legend_lines = all_of<Line>(group_named(scene, "legend"));
  REQUIRE(legend_lines.size() == 3);
  CHECK(legend_lines[1].colour == options.added_colour);
  CHECK(legend_lines[2].dash == std::vector<double>{2, 2});
  std::string legend;
  for (const Text& t : all_of<Text>(group_named(scene, "legend")))
    legend += t.text + "\n";
  CHECK(legend.find("3 food processing") != std::string::npos);
}

TEST_CASE("change figure: a given height, many panels and default radii stay inside the margins",
          "[render][change]") {
  FixedMeasure measure;
  const ChangeExample ex = change_example(90, 5, 4);
  ChangeFigureOptions options = change_options();
  SECTION("automatic height, 3 columns") {
    const Scene scene =
        change_network_scene(ex.network, ex.layout, ex.colours, {}, ex.panels, ex.legend, options, measure);
    test::require_inside_margins(scene);
  }
  SECTION("given height and 2 columns") {
    options.height = 500;
    options.columns = 2;
    options.width = 600;
    const Scene scene =
        change_network_scene(ex.network, ex.layout, ex.colours, {}, ex.panels, ex.legend, options, measure);
    CHECK(scene.height == 500);
    test::require_inside_margins(scene);
  }
  SECTION("a lost tie of a stakeholder present in no panel") {
    std::vector<ChangePanel> panels = ex.panels;
    Layout layout = ex.layout;
    const std::size_t gone = 0;
    for (auto& panel : panels)
      panel.present[gone] = false;
    layout.x[gone] = 1e3;  // far outside the others
    layout.y[gone] = -1e3;
    panels[1].edges.push_back({0, 1, 1, ChangeEdge::Status::lost});
    const Scene scene =
        change_network_scene(ex.network, layout, ex.colours, {}, panels, ex.legend, options, measure);
    test::require_inside_margins(scene);
  }
  SECTION("no panels") {
    const Scene scene =
        change_network_scene(ex.network, ex.layout, ex.colours, {}, {}, ex.legend, options, measure);
    test::require_inside_margins(scene);
  }
}

TEST_CASE("change figure rejects vectors that do not match the stakeholders", "[render][change]") {
  FixedMeasure measure;
  const ChangeExample ex = change_example(20, 2, 2);
  const ChangeFigureOptions options;
  const auto build = [&](const Layout& layout, const std::vector<std::string>& colours,
                         const std::vector<double>& radius, const std::vector<ChangePanel>& panels) {
    return change_network_scene(ex.network, layout, colours, radius, panels, ex.legend, options, measure);
  };
  CHECK_NOTHROW(build(ex.layout, ex.colours, {}, ex.panels));
  {
    // Of the same weight, a new tie is thicker than a kept one.
    std::vector<ChangePanel> two = {ex.panels[0], ex.panels[0]};
    two[0].present.assign(20, true);
    two[1].present.assign(20, true);
    two[0].edges = {{0, 1, 2, ChangeEdge::Status::kept}};
    two[1].edges = {{0, 1, 2, ChangeEdge::Status::kept},
                    {2, 3, 2, ChangeEdge::Status::added},
                    {4, 5, 1, ChangeEdge::Status::kept},
                    {6, 7, 3, ChangeEdge::Status::lost}};
    const Scene scene = build(ex.layout, ex.colours, {}, two);
    const auto kept = all_of<Line>(group_named(scene, "panel 2/kept ties"));
    const auto added = all_of<Line>(group_named(scene, "panel 2/new ties"));
    REQUIRE(kept.size() == 2);
    REQUIRE(added.size() == 1);
    CHECK(added[0].width > kept[1].width);
    CHECK(kept[1].width > kept[0].width);  // heavier, drawn later
  }
  Layout short_layout = ex.layout;
  short_layout.x.pop_back();
  CHECK_THROWS_AS(build(short_layout, ex.colours, {}, ex.panels), std::invalid_argument);
  CHECK_THROWS_AS(build(ex.layout, {"#000000"}, {}, ex.panels), std::invalid_argument);
  CHECK_THROWS_AS(build(ex.layout, ex.colours, {1.0, 2.0}, ex.panels), std::invalid_argument);
  std::vector<ChangePanel> panels = ex.panels;
  panels[1].present.push_back(true);
  CHECK_THROWS_AS(build(ex.layout, ex.colours, {}, panels), std::invalid_argument);
  panels = ex.panels;
  panels[0].edges.push_back({0, 20, 1, ChangeEdge::Status::added});
  CHECK_THROWS_AS(build(ex.layout, ex.colours, {}, panels), std::invalid_argument);
}

TEST_CASE("flow chart: one band per link, block heights proportional to sizes", "[render][change]") {
  FixedMeasure measure;
  const FlowExample ex;
  const Scene scene = community_flow_scene(ex.periods, ex.blocks, ex.links, flow_options(), measure);
  test::require_unclipped(scene);
  test::require_inside_margins(scene);
  const auto bands = all_of<Polygon>(group_named(scene, "bands"));
  CHECK(bands.size() == static_cast<std::size_t>(std::count_if(
                            ex.links.begin(), ex.links.end(), [](const FlowLink& l) { return l.size > 0; })));
  for (const Polygon& b : bands) {
    CHECK(b.points.size() == 34);
    CHECK(b.opacity == Approx(0.45));
  }
  // The first band leaves block 0 of 2012 in its colour (community palette colour 0).
  CHECK(bands.front().fill == community_palette()[0]);
  const auto blocks = all_of<Rect>(group_named(scene, "blocks"));
  REQUIRE(blocks.size() == 12);
  std::vector<double> sizes;
  for (const auto& column : ex.blocks)
    for (const FlowBlock& b : column)
      sizes.push_back(b.size);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    INFO("block " << i);
    CHECK(blocks[i].box.height / sizes[i] == Approx(blocks[0].box.height / sizes[0]));
  }
  // A band is as thick as its link at both ends: 21 members from block 0 to block 0.
  const double unit = blocks[0].box.height / sizes[0];
  CHECK(bands.front().points.back().y - bands.front().points.front().y == Approx(21 * unit));
  // The period labels and the labels of the large blocks.
  std::string text;
  for (const Text& t : all_of<Text>(group_named(scene, "labels")))
    text += t.text + "\n";
  for (const Text& t : all_of<Text>(group_named(scene, "periods")))
    text += t.text + "\n";
  CHECK(text.find("0 machine-tool") != std::string::npos);
  CHECK(text.find("2014") != std::string::npos);
  CHECK(text.find("28") != std::string::npos);
}

TEST_CASE("flow chart rejects inconsistent input and draws an empty chart", "[render][change]") {
  FixedMeasure measure;
  const FlowExample ex;
  const ChartOptions options;
  CHECK_THROWS_AS(community_flow_scene({"2012"}, ex.blocks, ex.links, options, measure),
                  std::invalid_argument);
  std::vector<FlowLink> links = ex.links;
  links.push_back({2, 0, 0, 1});  // from the last period
  CHECK_THROWS_AS(community_flow_scene(ex.periods, ex.blocks, links, options, measure),
                  std::invalid_argument);
  links = ex.links;
  links.push_back({0, 9, 0, 1});  // no block 9 in 2012
  CHECK_THROWS_AS(community_flow_scene(ex.periods, ex.blocks, links, options, measure),
                  std::invalid_argument);
  auto blocks = ex.blocks;
  blocks[1].push_back(blocks[1].front());
  CHECK_THROWS_AS(community_flow_scene(ex.periods, blocks, ex.links, options, measure),
                  std::invalid_argument);
  CHECK_NOTHROW(test::require_inside_margins(community_flow_scene({}, {}, {}, options, measure)));
}

TEST_CASE("measures over periods: one panel per measure, a gap where a value is not defined",
          "[render][change]") {
  FixedMeasure measure;
  const std::vector<std::string> periods = {"2012", "2013", "2014", "2015"};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  SECTION("the gap") {
    const Scene scene = measures_over_periods_scene(periods, {"transitivity"}, {{0.31, nan, 0.35, 0.33}},
                                                    measures_options(), measure);
    test::require_inside_margins(scene);
    const auto lines = all_of<Line>(group_named(scene, "lines"));
    REQUIRE(lines.size() == 1);  // 0.35 → 0.33; 0.31 stands alone
    CHECK(lines[0].points.size() == 2);
    CHECK(all_of<Circle>(group_named(scene, "points")).size() == 3);
    const auto values = all_of<Text>(group_named(scene, "values"));
    CHECK(std::any_of(values.begin(), values.end(), [](const Text& t) { return t.text == "n/a"; }));
    CHECK(std::any_of(values.begin(), values.end(), [](const Text& t) { return t.text == "0.31"; }));
  }
  SECTION("six measures") {
    const std::vector<std::string> three = {"2012", "2013", "2014"};
    const Scene scene =
        measures_over_periods_scene(three, kMeasures, measure_values(), measures_options(), measure);
    test::require_unclipped(scene);
    test::require_inside_margins(scene);
    std::set<std::string> names;
    for (const Text& t : all_of<Text>(group_named(scene, "axes")))
      names.insert(t.text);
    for (const auto& m : kMeasures)
      CHECK(names.contains(m));
    // Round ticks with the decimals their step needs, e.g. 0.040 for the density.
    CHECK((names.contains("0.040") || names.contains("0.04")));
    CHECK(all_of<Circle>(group_named(scene, "points")).size() == 17);
    // No two printed values overlap.
    const auto values = all_of<Text>(group_named(scene, "values"));
    for (std::size_t i = 0; i < values.size(); ++i)
      for (std::size_t j = i + 1; j < values.size(); ++j)
        CHECK_FALSE(overlaps(values[i].box, values[j].box));
  }
  SECTION("a measure never defined, long period names") {
    const Scene scene =
        measures_over_periods_scene({"2014-01 … 2014-06", "2014-07 … 2014-12"}, {"E-I", "density"},
                                    {{nan, nan}, {0.1, 0.1}}, measures_options(), measure);
    test::require_inside_margins(scene);
  }
  CHECK_THROWS_AS(
      measures_over_periods_scene(periods, {"a", "b"}, {{1, 2, 3, 4}}, measures_options(), measure),
      std::invalid_argument);
  CHECK_THROWS_AS(measures_over_periods_scene(periods, {"a"}, {{1, 2, 3}}, measures_options(), measure),
                  std::invalid_argument);
}

TEST_CASE("dashed lines and polygons: JSON, bounds, embedding and the backend", "[render][change]") {
  Scene scene;
  scene.width = 100;
  scene.height = 60;
  scene.title = "dash";
  Line solid;
  solid.points = {{10, 10}, {90, 10}};
  Line dashed = solid;
  dashed.points = {{10, 30}, {90, 30}};
  dashed.dash = {2, 2};
  Polygon polygon;
  polygon.points = {{10, 40}, {50, 35}, {90, 50}};
  polygon.fill = "#D55E00";
  polygon.opacity = 0.45;
  scene.group("lines").items = {solid, dashed, polygon};
  const std::string json = scene_json(scene);
  CHECK(json.find("{\"line\": [[10.00, 10.00], [90.00, 10.00]], \"width\": 1.00, \"colour\": \"#000000\", "
                  "\"opacity\": 1.00}") != std::string::npos);
  CHECK(json.find("\"opacity\": 1.00, \"dash\": [2.00, 2.00]}") != std::string::npos);
  CHECK(json.find("{\"polygon\": [[10.00, 40.00], [50.00, 35.00], [90.00, 50.00]], \"fill\": \"#D55E00\", "
                  "\"opacity\": 0.45}") != std::string::npos);
  const Box b = bounds(Primitive{polygon});
  CHECK(b.x == 10);
  CHECK(b.y == 35);
  CHECK(b.width == 80);
  CHECK(b.height == 15);

  Scene page;
  page.width = 50;
  page.height = 30;
  embed(scene, {0, 0, 50, 30}, page);
  CHECK(std::get<Line>(group_named(page, "figure/lines").items[1]).dash == std::vector<double>{1, 1});
  CHECK(std::get<Polygon>(group_named(page, "figure/lines").items[2]).points[1].x == Approx(25));

  // The SVG backend writes the dash; a solid scene has none; a dash cairo cannot draw is drawn solid.
  CHECK(encode(scene, ".svg").find("stroke-dasharray") != std::string::npos);
  Scene plain = scene;
  std::get<Line>(plain.groups[0].items[1]).dash.clear();
  CHECK(encode(plain, ".svg").find("stroke-dasharray") == std::string::npos);
  std::get<Line>(plain.groups[0].items[1]).dash = {0, 0};
  CHECK_NOTHROW(encode(plain, ".png", 72));
  std::get<Line>(plain.groups[0].items[1]).dash = {-1, 2};
  CHECK_NOTHROW(encode(plain, ".pdf"));
}

TEST_CASE("change figures golden scenes", "[render][change]") {
  FixedMeasure measure;
  const ChangeExample ex = change_example(16, 2, 2);
  ChangeFigureOptions options = change_options();
  options.width = 500;
  options.labels = 3;
  test::check_golden("change_network.json",
                     scene_json(change_network_scene(ex.network, ex.layout, ex.colours, {}, ex.panels,
                                                     ex.legend, options, measure)));
  const FlowExample flow;
  test::check_golden("flow.json", scene_json(community_flow_scene(flow.periods, flow.blocks, flow.links,
                                                                  flow_options(), measure)));
  test::check_golden("measures.json",
                     scene_json(measures_over_periods_scene({"2012", "2013", "2014"}, kMeasures,
                                                            measure_values(), measures_options(), measure)));
}

TEST_CASE("change figures render to SVG, PDF and PNG", "[render][change]") {
  PangoMeasure measure;
  test::TempDir dir;
  const ChangeExample ex = change_example();
  std::vector<std::pair<std::string, Scene>> scenes;
  scenes.emplace_back("change-network", change_network_scene(ex.network, ex.layout, ex.colours, {}, ex.panels,
                                                             ex.legend, change_options(), measure));
  const FlowExample flow;
  scenes.emplace_back("community-flow",
                      community_flow_scene(flow.periods, flow.blocks, flow.links, flow_options(), measure));
  scenes.emplace_back("measures", measures_over_periods_scene({"2012", "2013", "2014"}, kMeasures,
                                                              measure_values(), measures_options(), measure));
  const char* keep = std::getenv("CLUSTERSCOPE_KEEP_FIGURES");
  for (const auto& [name, scene] : scenes) {
    INFO("figure " << name);
    test::require_inside_margins(scene);
    test::require_all_formats(scene, scene.title, dir.path(), name);
    if (keep != nullptr) draw(scene, std::filesystem::path(keep) / (name + ".png"), 150);
  }
}
