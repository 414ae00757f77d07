// libFuzzer target: the Pajek reader on arbitrary bytes (docs/fuzzing.md).

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace clusterscope;
  std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::expecting_input_errors(
      [&] { fuzz::exercise(fuzz::load_text(io::FileFormat::pajek, std::move(text))); });
  return 0;
}
