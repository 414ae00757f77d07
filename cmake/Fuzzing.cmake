# CLUSTERSCOPE_FUZZ: libFuzzer targets for every loader (fuzz/, docs/fuzzing.md). libFuzzer ships
# with clang only, so the option checks for clang and a working -fsanitize=fuzzer before fuzz/
# builds the instrumented loaders and the targets.
if(NOT CLUSTERSCOPE_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR
    "CLUSTERSCOPE_FUZZ=ON needs clang with libFuzzer (found ${CMAKE_CXX_COMPILER_ID}); configure a "
    "fresh build folder with CC=clang CXX=clang++ (Debian: apt-get install -y clang libclang-rt-14-dev)")
endif()
if(CLUSTERSCOPE_SANITIZE)
  message(FATAL_ERROR "CLUSTERSCOPE_FUZZ already builds with ASan and UBSan; leave CLUSTERSCOPE_SANITIZE off")
endif()
include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
]] CLUSTERSCOPE_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT CLUSTERSCOPE_HAVE_LIBFUZZER)
  message(FATAL_ERROR
    "CLUSTERSCOPE_FUZZ=ON: ${CMAKE_CXX_COMPILER} cannot link -fsanitize=fuzzer; install the libFuzzer "
    "runtime (Debian: apt-get install -y libclang-rt-14-dev)")
endif()
