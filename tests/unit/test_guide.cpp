// docs/guide.md, run as written: every "$ clusterscope …" line of its ```sh blocks, in order, in a
// fresh folder beside the bundled datasets, with the files of its "```json NAME" blocks written
// first — then the figures the guide quotes, checked against what the commands wrote.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

using namespace clusterscope;
namespace fs = std::filesystem;

namespace {

struct GuideStep {
  std::string command;  ///< a shell command line (clusterscope replaced by the built binary)
  std::string file;     ///< or a file to write…
  std::string content;  ///< …with this content
  std::string section;  ///< the guide's "## …" heading it is under
};

std::vector<GuideStep> guide_steps(const std::string& guide) {
  std::vector<GuideStep> steps;
  std::istringstream lines(guide);
  std::string line, section, fence, file, content;
  bool in_block = false;
  while (std::getline(lines, line)) {
    if (!in_block && line.rfind("## ", 0) == 0) section = line.substr(3);
    if (line.rfind("```", 0) == 0) {
      if (!in_block) {
        in_block = true;
        fence = line.substr(3);
        file.clear();
        content.clear();
        if (fence.rfind("json ", 0) == 0) file = fence.substr(5);
      } else {
        in_block = false;
        if (!file.empty()) steps.push_back({"", file, content, section});
      }
      continue;
    }
    if (!in_block) continue;
    if (!file.empty()) {
      content += line + "\n";
    } else if (fence == "sh" && line.rfind("$ clusterscope ", 0) == 0) {
      steps.push_back({std::string("'") + CLUSTERSCOPE_BINARY + "'" + line.substr(14), "", "", section});
    }
  }
  return steps;
}

}  // namespace

TEST_CASE("docs/guide.md: every worked example runs as written and says what it gets", "[guide][cli]") {
  const std::string guide = test::read_file(test::project_dir() / "docs" / "guide.md");
  const std::vector<GuideStep> steps = guide_steps(guide);
  // 2 strategist, 2 researcher, print-config + file + 2 author, 2 animator, 1 comparison
  REQUIRE(steps.size() == 11);
  test::TempDir dir;
  fs::create_directory_symlink(test::project_dir() / "datasets", dir.path() / "datasets");
  for (const GuideStep& step : steps) {
    INFO(step.section << ": " << (step.command.empty() ? "write " + step.file : step.command));
    if (!step.file.empty()) {
      dir.write(step.file, step.content);
      continue;
    }
    const std::string command = "cd " + test::quote(dir.path()) + " && " + step.command + " 2>" +
                                test::quote(dir.path() / "stderr.txt") +
                                (step.command.find(" > ") == std::string::npos ? " >/dev/null" : "");
    const int status = std::system(command.c_str());
    INFO(test::read_file(dir.path() / "stderr.txt"));
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
  }
  const fs::path root = dir.path();

  SECTION("1. the strategist's candidates, whom to visit, and the cooperation-only run") {
    const std::string table = test::read_file(root / "output/vistula-bend/tables/candidates.md");
    for (const char* row : {"| 1 | machine-tool (community 0) | initiative-ready | 0.92 | 32 | "
                            "Stowarzyszenie Klaster Obrabiarkowy "
                            "\"Dolina Precyzji\" |",
                            "| 2 | wood-furniture (community 7) | initiative-ready | 0.90 | 27 | Centrum "
                            "Wzornictwa i Meblarstwa w "
                            "Modrzewie |",
                            "| 3 | ICT (community 14) | initiative-ready | 0.80 | 20 | Inkubator "
                            "Technologiczny „Start-Zakole” |"}) {
      INFO(row << "\n" << table);
      CHECK(table.find(row) != std::string::npos);
    }
    const std::string html = test::read_file(root / "output/vistula-bend/report.html");
    CHECK(html.find("tied to 97 % of the other members") != std::string::npos);
    CHECK(html.find("Zakład Mechaniki Precyzyjnej Tulejka") != std::string::npos);
    CHECK(html.find("Odlewnia Skrawal") != std::string::npos);
    const std::string only = test::read_file(root / "output/cooperation-only/tables/candidates.md");
    CHECK(only.find("| 1 | machine-tool (community") != std::string::npos);
    CHECK(only.find("| 2 | wood-furniture (community") != std::string::npos);
    CHECK(only.find("| emerging |") != std::string::npos);
    CHECK(only.find("| initiative-ready |") == std::string::npos);  // no candidate at that level
    CHECK(only.find("no coordinator") != std::string::npos);
    const auto manifest =
        nlohmann::json::parse(test::read_file(root / "output/cooperation-only/manifest.json"));
    CHECK(manifest["options"]["filters"]["kind"]["value"] == nlohmann::json::array({"cooperation"}));
    CHECK(manifest["options"]["filters"]["kind"]["source"] == "flag");
  }

  SECTION("2. the researcher's significance, sector comparison and type mixing") {
    const auto c = nlohmann::json::parse(test::read_file(root / "communities.json"));
    const auto rounded = [](double v, double unit) { return std::round(v / unit) * unit; };
    CHECK(rounded(c["modularity"].get<double>(), 0.001) == Approx(0.563));
    CHECK(rounded(c["null_modularity_mean"].get<double>(), 0.001) == Approx(0.341));
    CHECK(rounded(c["null_modularity_sd"].get<double>(), 0.001) == Approx(0.006));
    CHECK(rounded(c["modularity_z"].get<double>(), 0.1) == Approx(37.9));
    CHECK(c["comparison"]["stakeholders"] == 281);
    CHECK(rounded(c["comparison"]["nmi"].get<double>(), 0.001) == Approx(0.609));
    CHECK(rounded(c["comparison"]["ari"].get<double>(), 0.001) == Approx(0.455));
    const auto m = nlohmann::json::parse(test::read_file(root / "metrics.json"));
    CHECK(rounded(m["network"]["ei_index"].get<double>(), 0.01) == Approx(-0.29));
    CHECK(rounded(m["network"]["ei_p_value"].get<double>(), 0.001) == Approx(0.043));
    CHECK(rounded(m["network"]["type_assortativity"].get<double>(), 0.01) == Approx(0.05));
    const auto& types = m["mixing"]["types"];
    const auto& ties = m["mixing"]["ties"];
    const auto at = [&](const std::string& name) {
      for (std::size_t i = 0; i < types.size(); ++i)
        if (types[i] == name) return i;
      FAIL("no type " << name);
      return std::size_t{0};
    };
    CHECK(ties[at("enterprise")][at("support")] == 428);
    CHECK(ties[at("enterprise")][at("university")] == 196);
  }

  SECTION("3. the report author's house colours, 300 dpi, the single figure, the manifest") {
    const auto printed = nlohmann::json::parse(test::read_file(root / "house.json"));
    CHECK(printed["figures"]["dpi"] == 300);  // the guide's own house.json replaced the printed one
    const fs::path figures = root / "output/house/figures";
    const std::string png = test::read_file(figures / "network-types.png");
    REQUIRE(png.size() > 24);
    const auto be32 = [&](std::size_t at) {
      return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
             (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
    };
    CHECK(be32(16) == 2500);
    CHECK(be32(20) == 1875);
    // Cairo writes fills as percentages: #1F4E79 = rgb(12.2%,30.6%,47.5%), #C00000 = rgb(75.3%,0%,0%).
    const std::string svg = test::read_file(figures / "network-types.svg");
    CHECK(svg.find("rgb(12.156863%,30.588235%,47.45098%)") != std::string::npos);
    CHECK(svg.find("rgb(75.294118%,0%,0%)") != std::string::npos);
    CHECK(test::pdf_pages(root / "figure-12.pdf") == 1);
    CHECK(test::pdf_text(root / "figure-12.pdf").find("Figure 12. Who cooperates with whom") !=
          std::string::npos);
    const auto manifest = nlohmann::json::parse(test::read_file(root / "output/house/manifest.json"));
    CHECK(manifest["options"]["figures"]["palette"]["source"] == "config");
    CHECK(manifest["options"]["figures"]["dpi"]["value"] == 300.0);
    CHECK(manifest["inputs"].size() == 5);  // dataset.json and its four tables
  }

  SECTION("4. the animator's recommendations, visit plan and unmet needs") {
    const std::string csv = test::read_file(root / "e037.csv");
    CHECK(test::count_lines(csv) == 4);
    CHECK(csv.find("\nE037,Belka Prefabrykaty Sp. z o.o.,E076,Imadło Maszyny Specjalne Sp. z o.o.,1,") !=
          std::string::npos);
    CHECK(csv.find(",Needs laser cutting — offers Laser Cutting; Biowat Pompy "
                   "Ciepła Sp. z o.o. could introduce them,") != std::string::npos);
    CHECK(csv.find(",4,2,") != std::string::npos);  // four shared partners, two steps (rank 2)
    const std::string md = test::read_file(root / "visits/visit-plan.md");
    CHECK(md.find("## 1. Biuro Rachunkowe \"Saldo\" i Wspólnicy, Sp. p.") != std::string::npos);
    CHECK(md.find("Visited by Zakolińska Agencja Rozwoju Regionalnego S.A.\n") != std::string::npos);
    CHECK(test::pdf_pages(root / "visits/visit-plan.pdf") >= 13);
    const std::string html = test::read_file(root / "output/vistula-bend/report.html");
    CHECK(html.find("hydrogen storage — needed by") != std::string::npos);
    CHECK(html.find("industrial design — needed by") != std::string::npos);
    CHECK(html.find("wastewater treatment — needed by") != std::string::npos);
  }

  SECTION("5. the strategist's comparison of 2012–2013 with 2014") {
    const nlohmann::json j = nlohmann::json::parse(test::read_file(root / "change/changes.json"));
    const auto& all = j["changes"][0]["ties"].back();
    CHECK(all["new"] == 712);
    CHECK(all["lost"] == 3596);
    CHECK(j["changes"][0]["stakeholders"]["entered"].size() == 3);
    CHECK(j["changes"][0]["stakeholders"]["left"].size() == 36);
    std::map<std::string, nlohmann::json> measures;
    for (const auto& m : j["measures"])
      measures[m["measure"]] = m["values"];
    CHECK(measures["density"][0].get<double>() == Approx(0.0853).margin(5e-5));
    CHECK(measures["density"][1].get<double>() == Approx(0.0248).margin(5e-5));
    CHECK(measures["modularity"][0].get<double>() == Approx(0.581).margin(5e-4));
    CHECK(measures["modularity"][1].get<double>() == Approx(0.736).margin(5e-4));
    const std::string communities = test::read_file(root / "change/tables/communities-tracked.md");
    CHECK(communities.find("| 3 | machine-tool (3) | 33 | 32 | 2014: continued |") != std::string::npos);
    CHECK(communities.find("| 5 | wood-furniture (5) |") != std::string::npos);
    bool story = false;
    for (const auto& c : j["candidates"])
      story = story || c["story"] ==
                           "The machine-tool group stayed initiative-ready (2012 … 2013 → 2014: score "
                           "0.912 → 0.854, 33 → 38 members).";
    CHECK(story);
    const std::string brokers = test::read_file(root / "change/tables/brokers-rose.md");
    CHECK(brokers.find(
              "| Zakolińska Agencja Rozwoju Regionalnego S.A. | Business-support institution | 0.196 | "
              "0.509 |") != std::string::npos);
    const auto& u = j["uptake"];
    CHECK(u["overall"]["hits"] == 23);
    CHECK(u["overall"]["trials"] == 70);
    CHECK(u["referrals"] == 75);
    CHECK(u["status"]["pending"] == 5);
    CHECK(u["baseline"]["rate"].get<double>() == Approx(0.005).margin(5e-4));
    std::map<std::string, std::pair<int, int>> by;
    for (const auto& r : u["by_institution"])
      by[r["group"]] = {r["hits"].get<int>(), r["trials"].get<int>()};
    CHECK(by["S5"] == std::pair<int, int>{10, 18});
    CHECK(by["S4"] == std::pair<int, int>{2, 14});
    CHECK(test::count_lines(test::read_file(root / "change/tables/follow-up.csv")) == 48);
    CHECK(fs::exists(root / "change/figures/network-change.png"));
  }
}
