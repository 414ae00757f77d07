// Hostile bytes: every loader, fed seeded mutations of a valid file (truncations, flipped bytes,
// stray quotes and brackets, deleted spans), either loads or reports an InputError — never a
// crash, a hang or another exception. Run under the sanitizers in CI, this is a small fuzzer.

#include <catch2/catch.hpp>
#include <random>

#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;

namespace {

std::string mutate(std::string text, std::mt19937& rng) {
  static const std::string specials = "\"'<>[]{},;:\n\r\t\\&#*0-9e.x\xC3\xFF";
  const auto pick = [&](std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); };
  switch (rng() % 5) {
    case 0:  // truncate
      text.resize(pick(text.size()));
      break;
    case 1:  // overwrite a byte
      if (!text.empty()) text[pick(text.size())] = specials[pick(specials.size())];
      break;
    case 2:  // insert a byte
      text.insert(text.begin() + static_cast<std::ptrdiff_t>(pick(text.size() + 1)),
                  specials[pick(specials.size())]);
      break;
    case 3: {  // delete a span
      const std::size_t at = pick(text.size());
      text.erase(at, pick(40) + 1);
      break;
    }
    default: {  // duplicate a span (repeated ids, nested structures)
      const std::size_t at = pick(text.size());
      const std::string span = text.substr(at, pick(80) + 1);
      text.insert(pick(text.size() + 1), span);
      break;
    }
  }
  return text;
}

}  // namespace

TEST_CASE("Every loader survives mutated input", "[robustness]") {
  const Network original = test::hostile_network(true);
  for (const char* extension : {".csv", ".graphml", ".gexf", ".gml", ".net", ".json"}) {
    test::TempDir dir;
    const auto valid = dir.path() / (std::string("valid") + extension);
    Diagnostics warnings;
    io::save_network(original, valid, warnings);
    const std::string text = test::read_file(valid);
    std::mt19937 rng(20121);
    std::size_t loaded = 0;
    std::size_t rejected = 0;
    for (int round = 0; round < 300; ++round) {
      std::string bad = text;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e)
        bad = mutate(std::move(bad), rng);
      const auto path = dir.write(std::string("m") + extension, bad);
      Diagnostics d;
      try {
        io::load_network(path, io::LoadOptions{}, d);
        ++loaded;
      } catch (const InputError& error) {
        ++rejected;
        INFO(extension << " round " << round);
        REQUIRE_FALSE(error.diagnostics().empty());
      } catch (const std::exception& other) {
        FAIL(extension << " round " << round << ": unexpected exception: " << other.what() << "\ninput:\n"
                       << bad);
      }
    }
    INFO(extension << ": " << loaded << " loaded, " << rejected << " rejected");
    CHECK(rejected > 0);
  }
}
