# All dependencies are Debian bookworm packages (see README.md for the apt-get line).
find_package(igraph CONFIG REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(pugixml REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(PkgConfig REQUIRED)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
# SHA-256 of the manifest's inputs and outputs (core/sha256.cpp).
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)
# Case folding and accent stripping of keywords (core::fold_text).
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
find_package(Threads REQUIRED)
# OpenMP (GCC's libgomp): core::run_workers (core/parallel.cpp) runs the parallel stages on an
# OpenMP team; igraph links the same runtime (PRPACK's PageRank, which the graph module pins to one
# thread through the runtime's API).
find_package(OpenMP REQUIRED COMPONENTS CXX)
