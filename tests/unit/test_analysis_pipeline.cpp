// pipeline::run_analysis as a function: what the figures say about how they were made.

#include <catch2/catch.hpp>
#include <string>

#include "clusterscope/pipeline/analysis.hpp"
#include "support.hpp"

using namespace clusterscope;

namespace {

/// Every text of a scene, joined by newlines (captions may be wrapped over several lines).
std::string scene_text(const render::Scene& scene) {
  std::string out;
  for (const render::Group& group : scene.groups)
    for (const render::Primitive& p : group.items)
      if (const auto* text = std::get_if<render::Text>(&p)) out += text->text + "\n";
  return out;
}

std::string network_figure_text(layout::Algorithm algorithm) {
  pipeline::AnalysisConfig config;
  config.input = test::example_dataset().string();
  config.communities.runs = 3;
  config.communities.null_models = 0;
  config.layout.algorithm = algorithm;
  const pipeline::Analysis a = pipeline::run_analysis(config);
  for (const pipeline::NamedScene& figure : a.figures)
    if (figure.name == "network-types") return scene_text(figure.scene);
  FAIL("no network-types figure");
  return {};
}

}  // namespace

TEST_CASE("The network figure's caption names the layout that drew it", "[pipeline][render]") {
  // Before, every caption said ForceAtlas2, whatever --layout chose.
  const std::string fa2 = network_figure_text(layout::Algorithm::fa2);
  CHECK(fa2.find("ForceAtlas2") != std::string::npos);
  const std::string kk = network_figure_text(layout::Algorithm::kk);
  CHECK(kk.find("Kamada") != std::string::npos);
  CHECK(kk.find("ForceAtlas2") == std::string::npos);
  const std::string geo = network_figure_text(layout::Algorithm::geo);
  CHECK(geo.find("geographic") != std::string::npos);
}
