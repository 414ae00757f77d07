// libFuzzer target: the CSV edge list reader on arbitrary bytes (docs/fuzzing.md). The input is
// the edge list; when it holds a NUL byte, what follows the first one is the node table.

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace clusterscope;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  std::string edges(input.substr(0, split));
  if (split == std::string_view::npos) {
    fuzz::expecting_input_errors(
        [&] { fuzz::exercise(fuzz::load_text(io::FileFormat::csv, std::move(edges))); });
  } else {
    const std::string nodes(input.substr(split + 1));
    fuzz::expecting_input_errors(
        [&] { fuzz::exercise(fuzz::load_text(io::FileFormat::csv, std::move(edges), &nodes)); });
  }
  return 0;
}
