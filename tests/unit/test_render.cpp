// The render module: Scene JSON goldens (FixedMeasure, so fonts do not matter), the Cairo backend's
// three formats, and the network figure's promises — labels never overlap each other or a node,
// nothing is clipped by the page.

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "clusterscope/model/network.hpp"
#include "clusterscope/render/charts.hpp"
#include "clusterscope/render/figure.hpp"
#include "clusterscope/render/scene.hpp"
#include "support.hpp"

using namespace clusterscope;
using namespace clusterscope::render;

namespace {

Network small_network() {
  Network net;
  net.name = "small";
  const std::vector<std::array<std::string, 4>> people = {
      {"U1", "Uniwersytet Mikołaja Kopernika w Toruniu", "university", "education"},
      {"E1", "Zakład Mechaniczny Łódź Sp. z o.o.", "enterprise", "machine-tool"},
      {"E2", "Örebro Precision AB", "enterprise", "machine-tool"},
      {"E3", "Toruńska Agencja Rozwoju Regionalnego S.A.", "support", "services"},
      {"R1", "Instytut Badawczy", "research", "machine-tool"},
      {"G1", "Gmina Grabnik", "government", "public"},
      {"C1", "Klaster Logistyczny Brama Wisły", "cluster", "logistics"},
      {"E4", "Żuraw", "enterprise", "logistics"}};
  for (const auto& p : people) {
    Stakeholder s;
    s.id = p[0];
    s.name = p[1];
    s.type = p[2];
    s.sector = p[3];
    net.stakeholders.push_back(s);
  }
  net.reindex();
  const KindId k = net.intern_kind("cooperation");
  const std::vector<std::array<int, 3>> ties = {{0, 1, 3}, {0, 2, 1}, {1, 2, 2}, {3, 1, 1}, {4, 0, 2},
                                                {5, 3, 1}, {6, 7, 1}, {6, 1, 1}, {2, 4, 1}};
  for (const auto& t : ties)
    net.ties.push_back(Tie{t[0], t[1], k, static_cast<double>(t[2]), {}, {}, {}});
  return net;
}

/// Ranks of longitude and latitude as x and y (a quantile map: north stays up, east right, but far-away
/// partners do not squeeze the region into a corner): a deterministic layout for the example until
/// the layout module lands. Stakeholders without coordinates are placed by stakeholder order.
Layout geographic_layout(const Network& net) {
  const std::size_t n = net.size();
  std::vector<double> lon(n), lat(n);
  for (std::size_t v = 0; v < n; ++v) {
    const auto& s = net.stakeholders[v];
    lon[v] = s.lon ? *s.lon : static_cast<double>(v) / static_cast<double>(n);
    lat[v] = s.lat ? *s.lat : static_cast<double>((v * 7) % n) / static_cast<double>(n);
  }
  const auto ranks = [n](const std::vector<double>& value) {
    std::vector<std::size_t> order(n);
    for (std::size_t v = 0; v < n; ++v)
      order[v] = v;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return value[a] < value[b]; });
    std::vector<double> rank(n);
    for (std::size_t i = 0; i < n; ++i)
      rank[order[i]] = static_cast<double>(i);
    return rank;
  };
  return Layout{ranks(lon), ranks(lat)};
}

Network example() {
  Diagnostics d;
  return test::load(test::project_dir() / "datasets" / "vistula-bend", d);
}

std::vector<double> degrees(const Network& net) {
  std::vector<double> d(net.size(), 0.0);
  for (const auto& e : aggregate_ties(net)) {
    d[static_cast<std::size_t>(e.source)] += 1;
    d[static_cast<std::size_t>(e.target)] += 1;
  }
  return d;
}

const Group& group_named(const Scene& scene, const std::string& name) {
  for (const auto& g : scene.groups)
    if (g.name == name) return g;
  FAIL("no group " << name);
  throw std::logic_error("unreachable");
}

/// No two label texts overlap and no label overlaps a node disc.
std::size_t check_labels(const Scene& scene) {
  std::vector<Box> labels;
  for (const auto& item : group_named(scene, "labels").items)
    if (const auto* t = std::get_if<Text>(&item)) labels.push_back(t->box);
  for (std::size_t i = 0; i < labels.size(); ++i)
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      INFO("labels " << i << " and " << j);
      REQUIRE_FALSE(overlaps(labels[i], labels[j]));
    }
  for (const auto& item : group_named(scene, "nodes").items) {
    const auto& c = std::get<Circle>(item);
    for (const Box& l : labels)
      REQUIRE_FALSE(overlaps(l, c.cx, c.cy, c.r));
  }
  return labels.size();
}

using test::check_golden;
using test::pdf_pages;
using test::png_header_size;
using test::require_all_formats;
using test::require_unclipped;

}  // namespace

TEST_CASE("shorten_name drops legal forms and cuts long names", "[render]") {
  CHECK(shorten_name("Zakład Mechaniczny Łódź Sp. z o.o.") == "Zakład Mechaniczny Łódź");
  CHECK(shorten_name("Toruńska Agencja S.A.") == "Toruńska Agencja");
  CHECK(shorten_name("Örebro Precision AB") == "Örebro Precision");
  CHECK(shorten_name("Firma, sp. z o.o. sp. k.") == "Firma");
  CHECK(shorten_name("S.A.") == "S.A.");
  const std::string long_name = "Stowarzyszenie Klaster Obrabiarkowy \"Dolina Precyzji\"";
  const std::string short_name = shorten_name(long_name);
  CHECK(short_name == "Stowarzyszenie Klaster…");
  CHECK(shorten_name("Ąćęłńóśźżąćęłńóśźżąćęłńóśźżąćęłńóśźż", 10) == "Ąćęłńóśźż…");
}

TEST_CASE("FixedMeasure counts code points", "[render]") {
  FixedMeasure m;
  const Box b = m.measure("Łódź", 10, false);
  CHECK(b.width == Approx(22.0));
  CHECK(b.height == Approx(12.0));
}

TEST_CASE("PangoMeasure measures DejaVu Sans text", "[render]") {
  PangoMeasure m;
  const Box a = m.measure("Toruń", 10, false);
  const Box b = m.measure("Toruń Toruń", 10, false);
  CHECK(a.width > 15);
  CHECK(a.width < 60);
  CHECK(b.width > 2 * a.width);
  CHECK(a.height > 9);
  CHECK(a.height < 16);
  CHECK(m.measure("Toruń", 10, true).width > a.width);
}

TEST_CASE("network figure golden scene", "[render]") {
  const Network net = small_network();
  FigureOptions options;
  options.width = 400;
  options.height = 300;
  options.title = "Small network — Toruń";
  options.caption = "Colours by type; size by degree; test figure.";
  options.size_by = degrees(net);
  options.size_label = "degree";
  options.labels = 5;
  FixedMeasure measure;
  const Scene scene = network_scene(net, circle_layout(net.size()), options, measure);
  check_golden("network_small.json", scene_json(scene));
  require_unclipped(scene);
  CHECK(check_labels(scene) >= 3);
}

TEST_CASE("network figure colours by community keep palette colour k", "[render]") {
  const Network net = small_network();
  FigureOptions options;
  options.colour_by = ColourBy::community;
  options.communities = Partition::canonical({0, 0, 0, 1, 2, 1, 3, 3});
  FixedMeasure measure;
  const Scene scene = network_scene(net, circle_layout(net.size()), options, measure);
  std::map<std::string, std::size_t> counts;
  for (const auto& item : group_named(scene, "nodes").items)
    ++counts[std::get<Circle>(item).fill];
  CHECK(counts[community_palette()[0]] == 3);
  CHECK(counts[community_palette()[1]] == 2);
  CHECK(counts[community_palette()[3]] == 2);
  options.colour_by = ColourBy::sector;
  const Scene by_sector = network_scene(net, circle_layout(net.size()), options, measure);
  // Sorted categories: education, logistics, machine-tool, public, services.
  const auto& nodes = group_named(by_sector, "nodes").items;
  bool found = false;
  for (const auto& item : nodes)
    if (std::get<Circle>(item).fill == categorical_palette()[2]) found = true;
  CHECK(found);
  CHECK_THROWS_AS(network_scene(net, circle_layout(3), options, measure), std::invalid_argument);
}

TEST_CASE("edge opacity falls with the number of edges", "[render]") {
  CHECK(edge_base_opacity(10) == Approx(0.6));
  CHECK(edge_base_opacity(600) == Approx(0.3));
  CHECK(edge_base_opacity(10'000'000) == Approx(0.05));
}

TEST_CASE("example figure: labels never overlap, nothing clipped, all formats", "[render]") {
  const Network net = example();
  FigureOptions options;
  options.title = "Vistula Bend innovation ecosystem";
  options.caption = "Stakeholders coloured by type, sized by degree; the 25 best connected are named.";
  options.size_by = degrees(net);
  options.size_label = "degree";
  options.labels = 25;
  test::TempDir dir;
  SECTION("FixedMeasure") {
    FixedMeasure measure;
    const Scene scene = network_scene(net, geographic_layout(net), options, measure);
    require_unclipped(scene);
    CHECK(check_labels(scene) >= 10);
  }
  SECTION("PangoMeasure, drawn to SVG, PDF and PNG") {
    PangoMeasure measure;
    const Scene scene = network_scene(net, geographic_layout(net), options, measure);
    require_unclipped(scene);
    CHECK(check_labels(scene) >= 10);

    const auto svg = dir.path() / "figure.svg";
    draw(scene, svg, 150);
    pugi::xml_document doc;
    REQUIRE(doc.load_file(svg.c_str()));
    CHECK(std::string(doc.child("svg").child("title").text().get()) == options.title);
    // Cairo draws text as glyphs; the title is in the scene and the PDF text layer.
    const auto pdf = dir.path() / "figure.pdf";
    draw(scene, pdf, 150);
    REQUIRE(pdf_pages(pdf) == 1);
    const std::string text = test::pdf_text(pdf);  // fails the test when poppler-utils is missing
    CHECK(text.find("Vistula Bend innovation ecosystem") != std::string::npos);
    bool polish = false;
    for (const auto& item : group_named(scene, "labels").items)
      if (const auto* t = std::get_if<Text>(&item))
        if (t->text.find("ł") != std::string::npos || t->text.find("ó") != std::string::npos ||
            t->text.find("ń") != std::string::npos || t->text.find("ś") != std::string::npos) {
          polish = true;
          INFO("label " << t->text);
          CHECK(text.find(t->text) != std::string::npos);
        }
    CHECK(polish);

    const auto png = dir.path() / "figure.png";
    draw(scene, png, 150);
    CHECK(png_header_size(png) == std::pair<int, int>{1250, 938});
    CHECK(png_size(scene, 150) == std::pair<int, int>{1250, 938});
    const char* keep = std::getenv("CLUSTERSCOPE_KEEP_FIGURES");
    if (keep != nullptr) {
      draw(scene, std::filesystem::path(keep) / "vistula-bend.png", 150);
      draw(scene, std::filesystem::path(keep) / "vistula-bend.pdf", 150);
    }
  }
}

TEST_CASE("draw rejects unknown formats and missing folders with OutputError", "[render]") {
  Scene scene;
  test::TempDir dir;
  CHECK_THROWS_AS(draw(scene, dir.path() / "x.bmp", 72), OutputError);
  CHECK_THROWS_AS(draw(scene, dir.path() / "missing" / "x.svg", 72), OutputError);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "x.bmp"));
}

TEST_CASE("100,000 stakeholders render to a scene quickly", "[render][large]") {
  Network net;
  const std::size_t n = 100'000;
  net.stakeholders.assign(n, Stakeholder{});
  for (std::size_t v = 0; v < n; ++v) {
    net.stakeholders[v].id = "S" + std::to_string(v);
    net.stakeholders[v].name = "Stakeholder " + std::to_string(v);
    net.stakeholders[v].type = v % 3 == 0 ? "enterprise" : "university";
  }
  net.reindex();
  const KindId k = net.intern_kind("tie");
  for (std::size_t v = 1; v < n; ++v)
    if ((v * 2654435761U) % n != v)
      net.ties.push_back(
          Tie{static_cast<VertexId>(v), static_cast<VertexId>((v * 2654435761U) % n), k, 1.0, {}, {}, {}});
  FigureOptions options;
  options.labels = 30;
  FixedMeasure measure;
  const auto start = std::chrono::steady_clock::now();
  const Scene scene = network_scene(net, circle_layout(n), options, measure);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(group_named(scene, "nodes").items.size() == n);
  CHECK(seconds < 10);
  check_labels(scene);
  // Drawing 100,000 discs and lines takes seconds (PNG ~12 s on the 2-core CI machine): only on request.
  if (std::getenv("CLUSTERSCOPE_TIMINGS") == nullptr) return;
  test::TempDir dir;
  for (const char* name : {"large.png", "large.pdf", "large.svg"}) {
    const auto t0 = std::chrono::steady_clock::now();
    draw(scene, dir.path() / name, 150);
    const double drawn = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    WARN(name << ": " << drawn << " s, " << std::filesystem::file_size(dir.path() / name) << " bytes");
    CHECK(drawn < 60);
  }
  WARN("scene: " << seconds << " s");
}

namespace {

std::vector<std::pair<std::string, Scene>> all_charts(const TextMeasure& measure) {
  const Network net = small_network();
  const std::vector<double> d = degrees(net);
  std::vector<std::string> names;
  for (const auto& s : net.stakeholders)
    names.push_back(s.name);
  ChartOptions options;
  std::vector<std::pair<std::string, Scene>> charts;
  options.title = "Degree distribution";
  options.caption = "Log-log; one point per degree.";
  std::vector<std::int64_t> whole;
  for (const double x : d)
    whole.push_back(static_cast<std::int64_t>(x));
  whole.push_back(0);
  for (int i = 0; i < 200; ++i)
    whole.push_back(1 + (i * i) % 37);
  charts.emplace_back("degree", degree_distribution_scene(whole, options, measure));
  options.title = "Most connected stakeholders";
  options.caption.clear();
  options.x_label = "degree";
  charts.emplace_back("bars", top_bars_scene(names, d, 6, options, measure));
  options.x_label.clear();
  options.title = "Ties between types";
  const std::vector<std::string> types = {"enterprise", "university", "research institute", "support"};
  charts.emplace_back("heatmap",
                      mixing_heatmap_scene(types, {{12, 3, 4, 1}, {3, 2, 5, 0}, {4, 5, 1, 2}, {1, 0, 2, 0}},
                                           options, measure));
  options.title = "Community composition";
  charts.emplace_back("composition", community_composition_scene(
                                         {"Community 1", "Community 2", "Community 3"}, types,
                                         {"#0072B2", "#D55E00", "#E69F00", "#009E73"},
                                         {{10, 2, 1, 1}, {3, 0, 4, 1}, {0, 1, 0, 6}}, options, measure));
  options.title = "Communities and the ties between them";
  charts.emplace_back(
      "supergraph",
      community_graph_scene({"Community 1", "Community 2", "Community 3", "Community 4"}, {40, 12, 25, 3},
                            {{0, 1, 10}, {0, 2, 4}, {1, 2, 1}, {2, 3, 2}}, options, measure));
  candidates::Candidate candidate;
  candidate.rank = 1;
  candidate.level = candidates::Level::emerging;
  candidate.score = 0.512;
  candidate.parts = {0.8, 0.6, 0.9, 0.3, 0.5, 0.7};
  candidate.members = {0, 1, 2, 3, 4};
  candidate.anchors = {0, 1};
  candidate.coordinator = 3;
  candidate.sector = "machine-tool";
  candidate.reason =
      "Five stakeholders around Uniwersytet Mikołaja Kopernika with dense ties; a support institution "
      "reaches most members.";
  candidate.gaps = {"no government", "small: fewer than 15 members"};
  options.title.clear();
  options.caption = "Members placed on a circle in stakeholder order.";
  charts.emplace_back("card", candidate_card_scene(net, aggregate_ties(net), candidate, options, measure));
  return charts;
}

}  // namespace

TEST_CASE("chart golden scene", "[render]") {
  FixedMeasure measure;
  const auto charts = all_charts(measure);
  check_golden("bars.json", scene_json(charts.at(1).second));
  check_golden("card.json", scene_json(charts.at(5).second));
}

TEST_CASE("every chart renders to SVG, PDF and PNG and nothing is clipped", "[render]") {
  PangoMeasure measure;
  test::TempDir dir;
  const char* keep = std::getenv("CLUSTERSCOPE_KEEP_FIGURES");
  for (const auto& [name, scene] : all_charts(measure)) {
    INFO("chart " << name);
    require_unclipped(scene);
    require_all_formats(scene, scene.title, dir.path(), name);
    if (keep != nullptr) draw(scene, std::filesystem::path(keep) / (name + ".png"), 110);
  }
  FixedMeasure fixed;
  for (const auto& [name, scene] : all_charts(fixed)) {
    INFO("chart " << name << " (FixedMeasure)");
    require_unclipped(scene);
  }
}

TEST_CASE("charts with no data still render", "[render]") {
  FixedMeasure measure;
  ChartOptions options;
  options.title = "Empty";
  CHECK_NOTHROW(require_unclipped(degree_distribution_scene({}, options, measure)));
  CHECK_NOTHROW(require_unclipped(top_bars_scene({}, {}, 10, options, measure)));
  CHECK_NOTHROW(require_unclipped(community_graph_scene({}, {}, {}, options, measure)));
  CHECK_THROWS_AS(top_bars_scene({"a"}, {}, 10, options, measure), std::invalid_argument);
}

TEST_CASE("network figure colours by any attribute, categories sorted, with a size legend", "[render]") {
  Network net = small_network();
  const std::vector<std::string> size_class = {"large", "small", "",       "medium",
                                               "small", "large", "medium", "small"};
  for (std::size_t v = 0; v < net.size(); ++v)
    if (!size_class[v].empty()) net.stakeholders[v].attributes["size_class"] = size_class[v];
  FigureOptions options;
  options.colour_by = ColourBy::attribute;
  options.attribute = "size_class";
  options.size_by = degrees(net);
  FixedMeasure measure;
  const Scene scene = network_scene(net, circle_layout(net.size()), options, measure);
  // Sorted: large → palette 0, medium → 1, small → 2; the stakeholder without a value is grey.
  const auto& nodes = group_named(scene, "nodes").items;
  std::map<std::string, std::size_t> counts;
  for (const auto& item : nodes)
    ++counts[std::get<Circle>(item).fill];
  CHECK(counts[categorical_palette()[0]] == 2);
  CHECK(counts[categorical_palette()[1]] == 2);
  CHECK(counts[categorical_palette()[2]] == 3);
  CHECK(counts[other_colour] == 1);
  std::vector<std::string> legend_text;
  for (const auto& item : group_named(scene, "legend").items)
    if (const auto* t = std::get_if<Text>(&item)) legend_text.push_back(t->text);
  REQUIRE(legend_text.size() >= 6);
  CHECK(legend_text[0] == "Size_class");
  CHECK(legend_text[1] == "large");
  CHECK(legend_text[2] == "medium");
  CHECK(legend_text[3] == "small");
  CHECK(legend_text[4] == "none");
  CHECK(legend_text[5] == "size");
  require_unclipped(scene);
}

TEST_CASE("labels of stakeholders in a crowded centre are all placed, with leaders clear of labels",
          "[render]") {
  // 15 hubs packed into a small disc at the centre among 60 other nodes, 200 more spread thinly
  // around them: every label of a hub has to leave the crowd on a leader line. A greedy search
  // limited to the node's surroundings placed 3 of 15 on the example network.
  Network net;
  net.name = "crowd";
  Layout layout;
  std::vector<double> score;
  const int total = 275;
  for (int i = 0; i < total; ++i) {
    Stakeholder s;
    s.id = "S" + std::to_string(i);
    s.name = i < 15 ? "Hub institution " + std::to_string(i) : s.id;
    s.type = "enterprise";
    net.stakeholders.push_back(s);
    const double angle = i * 2.399963;  // golden angle: an even spread
    const double radius = i < 75 ? 0.15 * std::sqrt(i / 75.0) : 0.5 + 0.5 * std::sqrt((i - 75) / 200.0);
    layout.x.push_back(radius * std::cos(angle));
    layout.y.push_back(radius * std::sin(angle));
    score.push_back(i < 15 ? 100.0 - i : 1.0);
  }
  net.reindex();
  const KindId meeting = net.intern_kind("meeting");
  for (int i = 1; i < total; ++i)
    net.ties.push_back(
        Tie{static_cast<VertexId>(i % 15), static_cast<VertexId>(i), meeting, 1.0, {}, {}, {}});
  FigureOptions options;
  options.label_by = score;
  options.labels = 15;
  FixedMeasure measure;
  const Scene scene = network_scene(net, layout, options, measure);
  if (const char* keep = std::getenv("CLUSTERSCOPE_KEEP_FIGURES"))
    draw(scene, std::filesystem::path(keep) / "crowd.png", 110);
  require_unclipped(scene);
  // 13 of 15 here: the last two hubs' leaders would have to cross the ring of labels already placed
  // around the crowd, which the figure never allows. A search limited to 28 pt around the node placed 11.
  CHECK(check_labels(scene) >= 13);
  std::vector<Box> boxes;
  std::vector<std::pair<Point, Point>> leaders;
  for (const auto& item : group_named(scene, "labels").items) {
    if (const auto* t = std::get_if<Text>(&item)) boxes.push_back(t->box);
    if (const auto* l = std::get_if<Line>(&item)) leaders.emplace_back(l->points.front(), l->points.back());
  }
  CHECK(leaders.size() >= 10);  // most of the hubs' labels had to move out of the crowd
  // A leader ends at its own label's edge; it never passes through the inside of another label.
  for (const auto& [a, b] : leaders)
    for (const Box& box : boxes) {
      const Box inner{box.x + 1.5, box.y + 1.5, box.width - 3, box.height - 3};
      bool through = false;
      for (int k = 0; k <= 64; ++k) {
        const double t = k / 64.0;
        const double x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
        through = through || (x > inner.x && x < inner.right() && y > inner.y && y < inner.bottom());
      }
      CHECK_FALSE(through);
    }
}

TEST_CASE("a candidate card places members by the network layout when given one", "[render]") {
  const Network net = small_network();
  candidates::Candidate candidate;
  candidate.rank = 1;
  candidate.level = candidates::Level::emerging;
  candidate.members = {0, 1, 2, 3};
  candidate.parts = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
  Layout layout;
  for (std::size_t v = 0; v < net.size(); ++v) {
    layout.x.push_back(static_cast<double>(v) * 10.0);  // members on a line, evenly spaced
    layout.y.push_back(v == 3 ? 5.0 : 0.0);             // the fourth a little below
  }
  FixedMeasure measure;
  const Scene scene = candidate_card_scene(net, aggregate_ties(net), candidate, {}, measure, &layout);
  std::vector<Circle> discs;
  for (const auto& item : group_named(scene, "nodes").items)
    discs.push_back(std::get<Circle>(item));
  REQUIRE(discs.size() == 4);
  CHECK(discs[0].cy == Approx(discs[1].cy));
  CHECK(discs[1].cx - discs[0].cx == Approx(discs[2].cx - discs[1].cx));
  CHECK(discs[1].cx > discs[0].cx);
  CHECK(discs[3].cy > discs[0].cy);  // y grows downwards on the page as in the layout
  CHECK((discs[3].cy - discs[0].cy) / (discs[1].cx - discs[0].cx) == Approx(0.5));  // aspect kept
  require_unclipped(scene);
}

TEST_CASE("heatmap numbers: whole up to 9,999, then k — each readable on its cell", "[render]") {
  FixedMeasure measure;
  ChartOptions options;
  options.title = "Ties between types";
  const Scene scene = mixing_heatmap_scene(
      {"a", "b", "c"}, {{2584, 40, 1300}, {40, 0, 12345}, {1300, 12345, 700}}, options, measure);
  std::map<std::string, std::string> colour;
  for (const auto& item : group_named(scene, "cells").items)
    if (const auto* t = std::get_if<Text>(&item)) colour[t->text] = t->colour;
  REQUIRE(colour.count("2584") == 1);   // not 2.58e+03
  REQUIRE(colour.count("12.3k") == 1);  // the largest: on the darkest cell
  REQUIRE(colour.count("40") == 1);
  CHECK(colour["12.3k"] == "#ffffff");  // white on dark blue
  CHECK(colour["40"] == "#000000");     // black on near-white
  // 2584 / 12345 = 0.21 of the way to dark blue: a light cell, black text (WCAG contrast).
  CHECK(colour["2584"] == "#000000");
}

TEST_CASE("the same scene gives the same bytes, drawn alone or many at once", "[render]") {
  PangoMeasure measure;
  const auto charts = all_charts(measure);
  test::TempDir dir;
  const auto read = [](const std::filesystem::path& p) { return test::read_file(p); };
  // Alone, one after another: cairo's process-wide surface counter and the PDF creation date must
  // not leak into the files.
  std::vector<std::string> alone;
  for (const char* ext : {".svg", ".pdf", ".png"}) {
    draw(charts.at(0).second, dir.path() / (std::string("first") + ext), 150);
    alone.push_back(read(dir.path() / (std::string("first") + ext)));
  }
  CHECK(alone[1].find("/CreationDate") == std::string::npos);
  // Many at once on two threads, in another order, after other surfaces were made.
  std::vector<DrawJob> jobs;
  for (std::size_t c = charts.size(); c-- > 0;)
    for (const char* ext : {".png", ".svg", ".pdf"})
      jobs.push_back({&charts[c].second, dir.path() / (charts[c].first + ext), 150});
  draw_all(jobs, 2);
  CHECK(read(dir.path() / (charts.at(0).first + ".svg")) == alone[0]);
  CHECK(read(dir.path() / (charts.at(0).first + ".pdf")) == alone[1]);
  CHECK(read(dir.path() / (charts.at(0).first + ".png")) == alone[2]);
  for (const DrawJob& job : jobs)
    CHECK(std::filesystem::file_size(job.out) > 0);
}

TEST_CASE("draw_all reports the first failing job after finishing the others", "[render]") {
  PangoMeasure measure;
  const auto charts = all_charts(measure);
  test::TempDir dir;
  const std::vector<DrawJob> jobs = {{&charts[0].second, dir.path() / "a.svg", 72},
                                     {&charts[1].second, dir.path() / "missing" / "b.svg", 72},
                                     {&charts[2].second, dir.path() / "c.bmp", 72},
                                     {&charts[3].second, dir.path() / "d.svg", 72}};
  try {
    draw_all(jobs, 2);
    FAIL("draw_all should have thrown");
  } catch (const OutputError& e) {
    CHECK(std::string(e.what()).find("missing") != std::string::npos);  // job 1, not job 2
  }
  CHECK(std::filesystem::exists(dir.path() / "a.svg"));
  CHECK(std::filesystem::exists(dir.path() / "d.svg"));
}
