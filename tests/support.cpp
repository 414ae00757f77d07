#include "support.hpp"

#include <sys/wait.h>

#include <cstdio>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <random>
#include <sstream>

#include "clusterscope/io/load.hpp"
#include "clusterscope/render/charts.hpp"
#include "clusterscope/render/figure.hpp"
#include "planted_partition.hpp"

namespace clusterscope::test {

namespace fs = std::filesystem;

fs::path fixture(const std::string& relative) {
  return fs::path(CLUSTERSCOPE_FIXTURES) / relative;
}

fs::path shared_dataset(const std::string& relative) {
  // The environment may point elsewhere than the build was configured with (a run of the test
  // binary by hand, or the check that every test reading shared data is tagged [shared]).
  const char* from_environment = std::getenv("CLUSTERSCOPE_SHARED_DATASETS");
  const fs::path root = from_environment != nullptr && *from_environment != '\0'
                            ? fs::path(from_environment)
                            : fs::path(CLUSTERSCOPE_SHARED_DATASETS);
  const fs::path path = root / relative;
  if (!fs::exists(path))
    FAIL("shared dataset missing: "
         << path
         << " (set CLUSTERSCOPE_SHARED_DATASETS; ctest skips the [shared] tests when the "
            "folder is absent at configure time, and every test reading it must be tagged "
            "[shared])");
  return path;
}

fs::path shared_manifest(const fs::path& manifest) {
  static TempDir folder;
  std::string text = read_file(manifest);
  REQUIRE_FALSE(text.empty());
  std::string shared = shared_dataset("").lexically_normal().string();
  while (shared.size() > 1 && shared.back() == '/')
    shared.pop_back();
  // Replace every "<../ repeated>shared/datasets" with the configured folder.
  const std::string marker = "shared/datasets";
  for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at)) {
    std::size_t start = at;
    while (start >= 3 && text.compare(start - 3, 3, "../") == 0)
      start -= 3;
    text.replace(start, at + marker.size() - start, shared);
    at = start + shared.size();
  }
  const fs::path copy = folder.path() / manifest.parent_path().filename() / "dataset.json";
  fs::create_directories(copy.parent_path());
  std::ofstream(copy, std::ios::binary) << text;
  return copy;
}

fs::path example_dataset() {
  return project_dir() / "datasets" / "vistula-bend";
}

std::string quote(const fs::path& path) {
  return "'" + path.string() + "'";
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

Planted planted(double mixing, std::int64_t stakeholders, std::int64_t ties, std::int64_t communities) {
  static TempDir dir;
  bench::PlantedPartition p;
  p.stakeholders = stakeholders;
  p.ties = ties;
  p.communities = communities;
  p.mixing = mixing;
  std::ostringstream name;
  name << "planted-" << stakeholders << "-" << ties << "-" << communities << "-" << mixing << ".csv";
  const fs::path file = dir.path() / name.str();
  bench::write_planted_partition(p, file);
  Planted out;
  Diagnostics d;
  out.network = load(file, d);
  out.truth = bench::read_planted_truth(out.network, file.string() + ".truth.csv");
  return out;
}

fs::path project_dir() {
  return fs::path(CLUSTERSCOPE_PROJECT_DIR);
}

TempDir::TempDir() {
  std::random_device device;
  path_ = fs::temp_directory_path() /
          ("clusterscope-test-" + std::to_string(device()) + std::to_string(device()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& name, const std::string& content) const {
  const fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

Network load(const fs::path& path, Diagnostics& diagnostics) {
  return io::load_network(path, io::LoadOptions{}, diagnostics);
}

Diagnostics load_failing(const fs::path& path) {
  Diagnostics diagnostics;
  try {
    io::load_network(path, io::LoadOptions{}, diagnostics);
  } catch (const InputError& e) {
    Diagnostics out;
    for (const Diagnostic& d : e.diagnostics())
      out.add(d);
    return out;
  }
  FAIL("expected loading " << path << " to fail, but it succeeded");
  return diagnostics;
}

bool has_error(const Diagnostics& diagnostics, std::size_t line, std::size_t column,
               const std::string& needle) {
  for (const Diagnostic& d : diagnostics.entries()) {
    if (d.severity == Severity::error && d.where.line == line && d.where.column == column &&
        d.message.find(needle) != std::string::npos)
      return true;
  }
  return false;
}

std::string dump(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.entries())
    out += format_diagnostic(d) + "\n";
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_cli(const std::string& args, std::string& out, std::string& err) {
  TempDir dir;
  const std::string command = std::string("'") + CLUSTERSCOPE_BINARY + "' " + args + " >'" +
                              (dir.path() / "out").string() + "' 2>'" + (dir.path() / "err").string() + "'";
  const int status = std::system(command.c_str());
  out = read_file(dir.path() / "out");
  err = read_file(dir.path() / "err");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const std::vector<std::string>& hostile_names() {
  static const std::vector<std::string> names = {
      "Toruńska Agencja Rozwoju Regionalnego S.A., Toruń",
      "Örebro universitet",
      "Firma \"Meble\" Sp. z o.o.",
      "Line one\nline two",
      "Ελληνικό Ινστιτούτο Έρευνας",
      "東京大学",
      "Заводы, «Урал»",
      "<b>Tags & 'quotes'</b>",
      "  leading and trailing blanks  ",
      "Tab\there; semi;colon",
  };
  return names;
}

void require_same_network(const Network& a, const Network& b, SameAs what) {
  REQUIRE(a.directed == b.directed);
  REQUIRE(a.stakeholders.size() == b.stakeholders.size());
  for (std::size_t i = 0; i < a.stakeholders.size(); ++i) {
    const Stakeholder& x = a.stakeholders[i];
    const Stakeholder& y = b.stakeholders[i];
    INFO("stakeholder " << i << " '" << x.id << "'");
    REQUIRE(x.id == y.id);
    if (what.names) REQUIRE(x.name == y.name);
    if (what.fields) {
      CHECK(x.type == y.type);
      CHECK(x.sector == y.sector);
      CHECK(x.municipality == y.municipality);
      CHECK(x.region == y.region);
      CHECK(x.country == y.country);
      CHECK(x.lat == y.lat);
      CHECK(x.lon == y.lon);
      CHECK(x.employees == y.employees);
      CHECK(x.parent == y.parent);
      CHECK(x.tags == y.tags);
      CHECK(x.needs == y.needs);
      CHECK(x.offers == y.offers);
      CHECK(x.attributes == y.attributes);
    }
  }
  REQUIRE(a.ties.size() == b.ties.size());
  for (std::size_t i = 0; i < a.ties.size(); ++i) {
    const Tie& x = a.ties[i];
    const Tie& y = b.ties[i];
    INFO("tie " << i);
    REQUIRE(a.stakeholders[static_cast<std::size_t>(x.source)].id ==
            b.stakeholders[static_cast<std::size_t>(y.source)].id);
    REQUIRE(a.stakeholders[static_cast<std::size_t>(x.target)].id ==
            b.stakeholders[static_cast<std::size_t>(y.target)].id);
    CHECK(a.kind_name(x.kind) == b.kind_name(y.kind));
    CHECK(x.weight == y.weight);
    if (what.tie_dates) {
      CHECK(x.start == y.start);
      CHECK(x.end == y.end);
    }
    if (what.tie_attributes) CHECK(x.attributes == y.attributes);
  }
}

Network hostile_network(bool directed) {
  Network n;
  n.name = "hostile";
  n.directed = directed;
  const auto& names = hostile_names();
  const std::vector<std::string> types = {"enterprise", "university", "research", "support",
                                          "government", "cluster",    "ngo",      "other"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    Stakeholder s;
    s.id = i == 0 ? "PL-613, \"TARR\"" : (i == 5 ? "東大" : "s" + std::to_string(i));
    s.name = names[i];
    s.type = types[i % types.size()];
    s.sector = i % 2 == 0 ? "wood-furniture" : "ICT, software";
    s.municipality = i % 3 == 0 ? "Toruń" : "Örebro";
    s.region = i % 2 == 0 ? "PL613" : "SE124";
    s.country = i % 2 == 0 ? "PL" : "SE";
    if (i % 4 != 3) {
      s.lat = 53.0138 + 0.001 * static_cast<double>(i);
      s.lon = 18.5984 - 0.25 * static_cast<double>(i);
    }
    if (i % 3 != 2) s.employees = static_cast<double>(10 * i + 1);
    if (i == 4) s.parent = "s1";
    if (i % 2 == 1) s.tags = {"CNC machining", "export, EU"};
    if (i % 3 == 0) s.needs = {"cięcie laserowe", "Förderung \"EU\""};
    if (i % 3 == 1) s.offers = {"laser cutting", "audyt energetyczny"};
    s.attributes["website"] = i % 2 == 0 ? "https://example.org/?a=1&b=\"2\"" : "";
    s.attributes["note ąę"] = names[(i + 1) % names.size()];
    n.stakeholders.push_back(s);
  }
  n.attribute_names = {"note ąę", "website"};
  for (auto& s : n.stakeholders) {
    if (s.attributes["website"].empty()) s.attributes.erase("website");
  }
  n.reindex();
  const auto kind_project = n.intern_kind("project");
  const auto kind_visit = n.intern_kind("visit");
  const auto kind_meeting = n.intern_kind("meeting, group");
  const std::vector<std::tuple<int, int, KindId, double, Date, Date>> ties = {
      {0, 1, kind_project, 1.0, {2012, 3, 1}, {2014, 2, 28}},
      {0, 1, kind_visit, 0.5, {2013, 0, 0}, {2013, 0, 0}},
      {1, 2, kind_meeting, 0.3333333333333333, {2013, 5, 17}, {2013, 5, 17}},
      {2, 3, kind_project, 2.75, {}, {}},
      {3, 4, kind_visit, 1e-3, {2014, 12, 31}, {2014, 12, 31}},
      {4, 5, kind_project, 3.0, {2012, 1, 1}, {2012, 1, 1}},
      {5, 6, kind_meeting, 1.0, {2012, 2, 29}, {2012, 2, 29}},
      {6, 7, kind_visit, 12.5, {2013, 7, 0}, {2013, 7, 0}},
      {7, 8, kind_project, 1.0, {2012, 6, 1}, {2013, 6, 1}},
      {8, 0, kind_visit, 1.0, {2014, 1, 2}, {2014, 1, 2}},
      {2, 0, kind_project, 0.1, {2014, 1, 2}, {2014, 1, 2}},
  };
  for (const auto& [s, t, k, w, start, end] : ties) {
    Tie tie;
    tie.source = s;
    tie.target = t;
    tie.kind = k;
    tie.weight = w;
    tie.start = start;
    tie.end = end;
    n.ties.push_back(tie);
  }
  n.ties[2].attributes["role"] = "coordinator, \"lead\"";
  n.ties[5].attributes["role"] = "partner\nline 2";
  n.tie_attribute_names = {"role"};
  // Stakeholder 9 stays an isolate.
  return n;
}

std::unique_ptr<SampleReport> sample_report(const render::TextMeasure& measure, bool large_figure) {
  using namespace pipeline;
  auto sample = std::make_unique<SampleReport>();
  auto& scenes = sample->scenes;
  scenes.reserve(4);  // the report points into this vector: no reallocation after this
  render::ChartOptions chart;
  chart.title = "Most connected stakeholders";
  chart.x_label = "degree";
  scenes.push_back(render::top_bars_scene({"Uniwersytet Mikołaja Kopernika", "Zakład Mechaniczny Łódź",
                                           "Örebro Precision", "Gmina Grabnik <&> \"Wisła\""},
                                          {12, 9, 4, 2}, 4, chart, measure));
  chart = {};
  chart.title = "Ties between types";
  scenes.push_back(render::mixing_heatmap_scene(
      {"enterprise", "university", "support"}, {{2584, 40, 130}, {40, 2, 12}, {130, 12, 7}}, chart, measure));
  chart = {};
  chart.title = "Communities";
  scenes.push_back(render::community_graph_scene({"0 machine-tool", "1 logistics", "2 ICT"}, {32, 42, 18},
                                                 {{0, 1, 10}, {1, 2, 4}}, chart, measure));
  if (large_figure) {
    // 10,000 stakeholders on a circle and 20,000 ties: a figure too large to inline as SVG.
    Network net;
    net.name = "large";
    for (int i = 0; i < 10000; ++i) {
      Stakeholder st;
      st.id = "S" + std::to_string(i);
      st.type = "enterprise";
      net.stakeholders.push_back(st);
    }
    net.reindex();
    const KindId kind = net.intern_kind("project");
    for (int i = 0; i < 10000; ++i) {
      net.ties.push_back(Tie{i, (i + 1) % 10000, kind, 1.0, {}, {}, {}});
      net.ties.push_back(Tie{i, (i * 7 + 3) % 10000, kind, 1.0, {}, {}, {}});
    }
    render::FigureOptions figure;
    figure.title = "A large network";
    scenes.push_back(render::network_scene(net, render::circle_layout(net.size()), figure, measure));
  }

  Report& r = sample->report;
  r.title = "sample-region: cluster-network analysis";
  r.subtitle = "Stakeholders of the Dolina Wisły <functional area> & partners";
  r.meta = "clusterscope test · seed 42";
  ReportSection overview{"overview", "The functional area in numbers", {}};
  overview.blocks.push_back(key_figures({{"319", "stakeholders"}, {"4,844", "ties"}, {"9", "communities"}}));
  overview.blocks.push_back(paragraph(
      "Enterprises make up 70 % of the stakeholders; ties < 2 years old & \"recent\" are counted."));
  r.sections.push_back(std::move(overview));

  ReportSection actors{"actors", "Key actors and brokers", {}};
  ReportTable table;
  table.name = "key-actors";
  table.caption = "The stakeholders with the most partners";
  table.header = {"rank", "stakeholder", "type", "degree", "betweenness"};
  table.numeric = {true, false, false, true, true};
  table.rows = {{"1", "Uniwersytet Mikołaja Kopernika", "university", "12", "0.41"},
                {"2", "Zakład | Mechaniczny *Łódź*", "enterprise", "9", "0.22"},
                {"3", "Gmina Grabnik <&> \"Wisła\"", "government", "2", "0"}};
  actors.blocks.push_back(table_block(table));
  actors.blocks.push_back(figure_block("top-degree", &scenes[0], "Degree of the four best connected."));
  actors.blocks.push_back(figure_block("type-mixing", &scenes[1], "Ties between and within types."));
  r.sections.push_back(std::move(actors));

  ReportSection groups{"communities", "Communities", {}};
  groups.blocks.push_back(
      figure_block("community-graph", &scenes[2], "Communities and the ties between them."));
  if (large_figure)
    groups.blocks.push_back(
        figure_block("network-large", &scenes[3], "Every stakeholder, coloured by type."));
  r.sections.push_back(std::move(groups));

  ReportSection candidates{"candidates", "Cluster-initiative candidates", {}};
  candidates.blocks.push_back(subheading("1. machine-tool (initiative-ready, score 0.92)"));
  candidates.blocks.push_back(paragraph("Community 0 coincides with the machine-tool sector group."));
  candidates.blocks.push_back(bullets({"no public partner (no local or regional government)"}, "warning"));
  candidates.blocks.push_back(page_break());
  candidates.blocks.push_back(subheading("2. logistics (emerging, score 0.61)"));
  candidates.blocks.push_back(bullets({"a coordinator: Klaster Logistyczny", "42 members"}));
  r.sections.push_back(std::move(candidates));

  ReportSection methods{"methods", "Methods and parameters", {}};
  methods.blocks.push_back(paragraph("Communities: Leiden, 50 seeded runs, consensus; seed 42."));
  r.sections.push_back(std::move(methods));
  r.references = {
      "Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing "
      "well-connected communities. Scientific Reports 9, 5233.",
      "Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of "
      "Mathematical Sociology 25(2), 163–177."};
  return sample;
}

std::string shell(const std::string& command, const std::string& package, int* status) {
  const std::string tool = command.substr(0, command.find(' '));
  if (std::system(("command -v " + tool + " > /dev/null 2>&1").c_str()) != 0)
    FAIL(tool << " not found: apt-get install -y " << package);
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) FAIL("cannot run: " << command);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    out.append(buffer, n);
  const int raw = pclose(pipe);
  if (status != nullptr) *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

int pdf_pages(const std::filesystem::path& pdf) {
  const std::string info = shell("pdfinfo " + quote(pdf), "poppler-utils");
  const auto at = info.find("Pages:");
  if (at == std::string::npos) FAIL("pdfinfo could not read " << pdf << ":\n" << info);
  return std::stoi(info.substr(at + 6));
}

std::string pdf_text(const std::filesystem::path& pdf) {
  return shell("pdftotext -layout " + quote(pdf) + " -", "poppler-utils");
}

void check_golden(const std::string& name, const std::string& actual) {
  const auto path = fixture("render/" + name);
  const char* update = std::getenv("CLUSTERSCOPE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("golden updated: " << path);
    return;
  }
  const std::string expected = read_file(path);
  if (expected == actual) return;
  std::istringstream a(expected), b(actual);
  std::string la, lb, diff;
  int shown = 0;
  for (std::size_t line = 1; shown < 8; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) break;
    if (more_a && more_b && la == lb) continue;
    diff += "line " + std::to_string(line) + ":\n  expected: " + (more_a ? la : "<end>") +
            "\n  actual:   " + (more_b ? lb : "<end>") + "\n";
    ++shown;
  }
  FAIL("scene differs from golden " << path << " (CLUSTERSCOPE_UPDATE_GOLDEN=1 to accept)\n" << diff);
}

void require_unclipped(const render::Scene& scene) {
  for (const auto& group : scene.groups)
    for (const auto& item : group.items) {
      const render::Box b = render::bounds(item);
      INFO("group " << group.name << " box " << b.x << "," << b.y << " " << b.width << "x" << b.height);
      REQUIRE(b.x >= -1e-6);
      REQUIRE(b.y >= -1e-6);
      REQUIRE(b.right() <= scene.width + 1e-6);
      REQUIRE(b.bottom() <= scene.height + 1e-6);
    }
}

void require_inside_margins(const render::Scene& scene) {
  const auto& m = scene.margins;
  for (const auto& group : scene.groups)
    for (const auto& item : group.items) {
      const render::Box b = render::bounds(item);
      INFO("group " << group.name << " box " << b.x << "," << b.y << " " << b.width << "x" << b.height);
      REQUIRE(b.x >= m.left - 1e-6);
      REQUIRE(b.y >= m.top - 1e-6);
      REQUIRE(b.right() <= scene.width - m.right + 1e-6);
      REQUIRE(b.bottom() <= scene.height - m.bottom + 1e-6);
    }
}

std::pair<int, int> png_header_size(const std::filesystem::path& png) {
  const std::string bytes = read_file(png);
  REQUIRE(bytes.size() > 24);
  REQUIRE(bytes.substr(1, 3) == "PNG");
  const auto be = [&](std::size_t at) {
    return (static_cast<int>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<int>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<int>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<int>(static_cast<unsigned char>(bytes[at + 3]));
  };
  return {be(16), be(20)};
}

void require_all_formats(const render::Scene& scene, const std::string& title,
                         const std::filesystem::path& folder, const std::string& stem) {
  const auto svg = folder / (stem + ".svg");
  render::draw(scene, svg, 150);
  pugi::xml_document doc;
  REQUIRE(doc.load_file(svg.c_str()));
  REQUIRE(std::string(doc.first_child().name()) == "svg");
  CHECK(std::string(doc.child("svg").child("title").text().get()) == title);
  const auto pdf = folder / (stem + ".pdf");
  render::draw(scene, pdf, 150);
  REQUIRE(pdf_pages(pdf) == 1);
  const auto png = folder / (stem + ".png");
  render::draw(scene, png, 96);
  REQUIRE(png_header_size(png) == render::png_size(scene, 96));
}

BrowserRun run_chromium(const std::filesystem::path& page, const std::string& extra, const TempDir& dir) {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0)
    FAIL("chromium is not on PATH: this test needs a real browser — apt-get install -y chromium");
  static int run = 0;
  const std::string tag = std::to_string(++run);
  const std::filesystem::path profile = dir.path() / ("profile-" + tag);
  const std::filesystem::path out = dir.path() / ("out-" + tag);
  const std::filesystem::path err = dir.path() / ("err-" + tag);
  const std::string command =
      "timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
      "--disable-component-update --disable-sync --no-first-run --user-data-dir=" +
      quote(profile) + " --enable-logging=stderr --v=0 " + extra + " " + quote("file://" + page.string()) +
      " >" + quote(out) + " 2>" + quote(err);
  const int status = std::system(command.c_str());
  BrowserRun r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

std::vector<std::string> console_problems(const std::string& log) {
  std::vector<std::string> problems;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    const std::string line = log.substr(start, end - start);
    for (const char* marker : {":CONSOLE", "Uncaught", "Refused to", "Content Security Policy"})
      if (line.find(marker) != std::string::npos) {
        problems.push_back(line);
        break;
      }
    start = end + 1;
  }
  return problems;
}

}  // namespace clusterscope::test
