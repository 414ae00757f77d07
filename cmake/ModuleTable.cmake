# The module table of docs/ARCHITECTURE.md, read by src/CMakeLists.txt (one library per module,
# linked only to what it may use) and by cmake/CheckModuleIncludes.cmake (no source includes a
# header of a module it may not use). Change the table here and in docs/ARCHITECTURE.md together.
#
# For each module:
#   CLUSTERSCOPE_<module>_PUBLIC    modules its public headers (include/clusterscope/<module>/) use
#   CLUSTERSCOPE_<module>_PRIVATE   further modules only its sources (src/<module>/) use
#   CLUSTERSCOPE_<module>_EXTERNAL  third-party libraries: PUBLIC when its public headers include
#                                   them, PRIVATE otherwise
# Modules are listed in build order: each uses only modules listed before it.

set(CLUSTERSCOPE_MODULES core model io graph metrics communities layout candidates recommend change render pipeline cli)

set(CLUSTERSCOPE_core_PUBLIC)
set(CLUSTERSCOPE_core_PRIVATE)
# run_workers (core/parallel.cpp) is an OpenMP team; SHA-256 is Nettle's; fold_text is utf8proc's.
set(CLUSTERSCOPE_core_EXTERNAL PUBLIC Threads::Threads PRIVATE OpenMP::OpenMP_CXX PkgConfig::NETTLE PkgConfig::UTF8PROC)

set(CLUSTERSCOPE_model_PUBLIC)
set(CLUSTERSCOPE_model_PRIVATE core)
set(CLUSTERSCOPE_model_EXTERNAL)

set(CLUSTERSCOPE_io_PUBLIC core model)
set(CLUSTERSCOPE_io_PRIVATE)
set(CLUSTERSCOPE_io_EXTERNAL PUBLIC nlohmann_json::nlohmann_json PRIVATE pugixml::pugixml ZLIB::ZLIB Threads::Threads)

# igraph links libgomp; graph pins it to one thread through the runtime's API (omp.h), so only the
# runtime is linked.
set(CLUSTERSCOPE_graph_PUBLIC model)
set(CLUSTERSCOPE_graph_PRIVATE core)
set(CLUSTERSCOPE_graph_EXTERNAL PRIVATE igraph::igraph $<LINK_ONLY:OpenMP::OpenMP_CXX>)

# metrics, communities, layout, candidates and render keep their enums' name tables
# (core/names.hpp) in their public headers, so they use core publicly.
set(CLUSTERSCOPE_metrics_PUBLIC core model)
set(CLUSTERSCOPE_metrics_PRIVATE graph)
set(CLUSTERSCOPE_metrics_EXTERNAL PRIVATE nlohmann_json::nlohmann_json Threads::Threads)

set(CLUSTERSCOPE_communities_PUBLIC core model)
set(CLUSTERSCOPE_communities_PRIVATE graph)
set(CLUSTERSCOPE_communities_EXTERNAL)

set(CLUSTERSCOPE_layout_PUBLIC core model)
set(CLUSTERSCOPE_layout_PRIVATE graph)
set(CLUSTERSCOPE_layout_EXTERNAL PRIVATE Threads::Threads)

# candidates.hpp declares its config reader over nlohmann/json_fwd.hpp.
set(CLUSTERSCOPE_candidates_PUBLIC core model)
set(CLUSTERSCOPE_candidates_PRIVATE metrics)
set(CLUSTERSCOPE_candidates_EXTERNAL PUBLIC nlohmann_json::nlohmann_json)

# recommend.hpp declares its config reader over nlohmann/json_fwd.hpp.
set(CLUSTERSCOPE_recommend_PUBLIC core model)
set(CLUSTERSCOPE_recommend_PRIVATE)
set(CLUSTERSCOPE_recommend_EXTERNAL PUBLIC nlohmann_json::nlohmann_json)

# change (periods, snapshots, tracking, uptake) reads candidates' value types.
set(CLUSTERSCOPE_change_PUBLIC core model candidates)
set(CLUSTERSCOPE_change_PRIVATE)
set(CLUSTERSCOPE_change_EXTERNAL)

# render writes figures with io's atomic write; zlib gives the PNG chunk checksum.
set(CLUSTERSCOPE_render_PUBLIC core model candidates)
set(CLUSTERSCOPE_render_PRIVATE io)
set(CLUSTERSCOPE_render_EXTERNAL
  PRIVATE PkgConfig::CAIRO PkgConfig::PANGOCAIRO ZLIB::ZLIB nlohmann_json::nlohmann_json Threads::Threads)

# analysis.hpp carries the load options (io) and the layout options (layout).
# manifest.json records igraph's version (graph).
set(CLUSTERSCOPE_pipeline_PUBLIC core model io metrics communities layout candidates recommend change render)
set(CLUSTERSCOPE_pipeline_PRIVATE graph)
set(CLUSTERSCOPE_pipeline_EXTERNAL PRIVATE nlohmann_json::nlohmann_json Threads::Threads)

set(CLUSTERSCOPE_cli_PUBLIC)
set(CLUSTERSCOPE_cli_PRIVATE core model io graph metrics communities layout candidates recommend change render pipeline)
set(CLUSTERSCOPE_cli_EXTERNAL PRIVATE Boost::program_options nlohmann_json::nlohmann_json Threads::Threads)

# Third-party headers and the only modules that may include them ("<prefix>=<module>,<module>").
set(CLUSTERSCOPE_EXTERNAL_HEADERS
  "igraph=graph"
  "omp.h=graph,core"
  "nettle/=core"
  "utf8proc.h=core"
  "cairo=render"
  "pango/=render"
  "pugixml=io"
  "zlib.h=io,render"
  "boost/=cli"
  "nlohmann/=io,metrics,candidates,recommend,render,pipeline,cli")
