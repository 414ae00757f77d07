# Strict warnings for every clusterscope target; -Werror in CI (CLUSTERSCOPE_WERROR=ON).
add_library(clusterscope_warnings INTERFACE)
target_compile_options(clusterscope_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${CLUSTERSCOPE_WERROR}>:-Werror>
  # GCC 12 reports false -Wrestrict positives inside std::string's operator+ at -O2/-O3
  # (GCC bug 105329); the warning stays on for other compilers.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)

add_library(clusterscope_sanitizers INTERFACE)
if(CLUSTERSCOPE_SANITIZE)
  target_compile_options(clusterscope_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
    # GCC 12 reports false -Wmaybe-uninitialized in <regex>/std::function under ASan
    # instrumentation (reached through Catch2); ordinary builds keep the warning.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(clusterscope_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
