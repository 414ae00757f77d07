# All dependencies are Debian bookworm packages (see README.md for the apt-get line).
find_package(igraph CONFIG REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(pugixml REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(PkgConfig REQUIRED)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
find_package(Threads REQUIRED)
# igraph links libgomp (PRPACK's PageRank is OpenMP-parallel); the graph module pins it to one
# thread through the runtime's API, so only the runtime is linked (no -fopenmp for our sources).
find_package(OpenMP REQUIRED COMPONENTS CXX)
