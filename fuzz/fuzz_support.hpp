#pragma once
// What the libFuzzer targets share: loading a network from fuzzed bytes the way io::load_network
// loads a file, and telling expected outcomes (the documented exceptions) from findings.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/builder.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::fuzz {

/// A finding: prints `what` and aborts, so that libFuzzer saves the input as a crash.
[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "clusterscope fuzz finding: %s\n", what.c_str());
  std::fflush(stderr);
  __builtin_trap();
}

/// The file name each format is read under (it shows in diagnostics only).
inline const char* file_name(io::FileFormat format) {
  switch (format) {
    case io::FileFormat::csv: return "fuzz.csv";
    case io::FileFormat::graphml: return "fuzz.graphml";
    case io::FileFormat::gml: return "fuzz.gml";
    case io::FileFormat::pajek: return "fuzz.net";
    case io::FileFormat::gexf: return "fuzz.gexf";
    case io::FileFormat::json: return "fuzz.json";
  }
  return "fuzz";
}

/// Reads `text` (and, for CSV, the optional node table `nodes`) as `format` in the steps
/// io::load_network takes for a single file: the source checks (gzip, BOM, empty, UTF-8), the
/// reader, NetworkBuilder::finish. Throws InputError when the input has any error.
inline Network load_text(io::FileFormat format, std::string text, const std::string* nodes = nullptr) {
  Network network;
  network.name = "fuzz";
  Diagnostics diagnostics;
  io::NetworkBuilder builder(network, diagnostics);
  const io::SourceText source = io::source_from_bytes(file_name(format), std::move(text), diagnostics);
  if (!source.bytes.empty()) {
    switch (format) {
      case io::FileFormat::csv: {
        if (nodes != nullptr) {
          const io::SourceText node_table = io::source_from_bytes("fuzz.nodes.csv", *nodes, diagnostics);
          if (!node_table.bytes.empty()) io::read_csv_edge_list(source, &node_table, builder);
        } else {
          io::read_csv_edge_list(source, nullptr, builder);
        }
        break;
      }
      case io::FileFormat::graphml: io::read_graphml(source, builder); break;
      case io::FileFormat::gml: io::read_gml(source, builder); break;
      case io::FileFormat::pajek: io::read_pajek(source, builder); break;
      case io::FileFormat::gexf: io::read_gexf(source, builder); break;
      case io::FileFormat::json: io::read_node_link_json(source, builder); break;
    }
  }
  diagnostics.throw_if_errors();
  builder.finish();
  diagnostics.throw_if_errors();
  return network;
}

/// Runs `body`; the documented exception types (include/clusterscope/core/diagnostics.hpp) are
/// expected outcomes of bad input, anything else escaping is a finding. Returns true when `body`
/// finished without an exception.
template <typename Body>
bool expecting_input_errors(Body&& body) {
  try {
    body();
    return true;
  } catch (const InputError&) {
  } catch (const UsageError&) {
  } catch (const OutputError&) {
  } catch (const InternalError&) {
  } catch (const std::bad_alloc&) {
    finding("std::bad_alloc escaped the loader");
  } catch (const std::exception& e) {
    finding(std::string("undocumented exception escaped the loader: ") + e.what());
  } catch (...) {
    finding("a non-std exception escaped the loader");
  }
  return false;
}

/// What a successful load is used for besides: the unit → institution roll-up (parents were
/// checked by finish) and aggregation must not crash on any network a loader accepts.
inline void exercise(const Network& network) {
  Network rolled = network;
  Diagnostics diagnostics;
  io::roll_up(rolled, diagnostics);
  (void)aggregate_ties(network);
}

}  // namespace clusterscope::fuzz
