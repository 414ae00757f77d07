#include "clusterscope/io/standard_input.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>

#include "clusterscope/io/builder.hpp"

namespace clusterscope::io {

SourceText read_standard_input(Diagnostics& diagnostics, std::uint64_t max_bytes) {
  if (isatty(STDIN_FILENO) != 0) {
    diagnostics.error({kStandardInputName, 0, 0},
                      "standard input is a terminal; pipe or redirect the data, e.g. "
                      "clusterscope validate - < ties.csv");
    return {kStandardInputName, {}};
  }
  std::string raw;
  std::array<char, 1 << 16> chunk{};
  while (true) {
    const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), stdin);
    if (got > 0) {
      if (raw.size() + got > max_bytes) {
        diagnostics.error({kStandardInputName, 0, 0},
                          "standard input holds more than the input size limit of " +
                              format_byte_size(max_bytes) + " (" + std::to_string(max_bytes) +
                              " bytes); reading stopped there — raise the limit with --max-input-size "
                              "(e.g. --max-input-size 4G) if the data is genuine");
        return {kStandardInputName, {}};
      }
      raw.append(chunk.data(), got);
    }
    if (got < chunk.size()) {
      if (std::ferror(stdin) != 0) {
        diagnostics.error({kStandardInputName, 0, 0}, "cannot read standard input");
        return {kStandardInputName, {}};
      }
      break;
    }
  }
  return source_from_bytes(kStandardInputName, std::move(raw), diagnostics, max_bytes);
}

}  // namespace clusterscope::io
