#pragma once
// "-" as INPUT: a network read from standard input, in a format named by the user (there is no
// file name to take it from), within the same input size limit as a file (docs/CLI.md,
// "Standard input and output").

#include <cstdint>
#include <optional>
#include <string_view>

#include "clusterscope/core/diagnostics.hpp"
#include "clusterscope/io/formats.hpp"
#include "clusterscope/io/load.hpp"
#include "clusterscope/io/text.hpp"
#include "clusterscope/model/network.hpp"

namespace clusterscope::io {

/// The name standard input has in diagnostics ("<stdin>:3:5: weight is NaN").
inline constexpr const char* kStandardInputName = "<stdin>";

/// Reads all of standard input: refused when it is a terminal (nothing would ever arrive) and
/// when it holds more than `max_bytes`, gzip data is decompressed within the same limit. Problems
/// are errors in `diagnostics`, with an empty text returned.
SourceText read_standard_input(Diagnostics& diagnostics, std::uint64_t max_bytes = kDefaultMaxInputBytes);

}  // namespace clusterscope::io
