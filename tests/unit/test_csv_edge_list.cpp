// CSV edge list + node table: round trips, RFC 4180 reading, and every malformed case.

#include <catch2/catch.hpp>

#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "support.hpp"

using namespace clusterscope;
using clusterscope::test::TempDir;

TEST_CASE("CSV round trip keeps hostile names, fields, attributes, kinds, weights and dates",
          "[csv][roundtrip]") {
  for (const bool directed : {false, true}) {
    const Network original = test::hostile_network(directed);
    TempDir dir;
    Diagnostics warnings;
    io::save_network(original, dir.path() / "net.csv", warnings);
    CHECK(warnings.entries().empty());
    REQUIRE(std::filesystem::exists(dir.path() / "net.nodes.csv"));
    Diagnostics diagnostics;
    Network loaded = test::load(dir.path() / "net.csv", diagnostics);
    // CSV holds no directedness; it is declared by the manifest or the reader's caller.
    loaded.directed = directed;
    test::require_same_network(original, loaded);
  }
}
