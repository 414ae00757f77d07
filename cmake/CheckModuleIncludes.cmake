# Fails when a source or header includes what its module may not use (cmake/ModuleTable.cmake):
#   - a public header (include/clusterscope/<m>/) may include its own module's headers and those of
#     the modules in CLUSTERSCOPE_<m>_PUBLIC;
#   - a source or private header (src/<m>/) may also include those in CLUSTERSCOPE_<m>_PRIVATE;
#   - no file includes through a path with "..", which would reach another module's private header;
#   - a third-party header in CLUSTERSCOPE_EXTERNAL_HEADERS only in the modules listed for it.
# Usage: cmake -DSOURCE_DIR=<project folder> -P cmake/CheckModuleIncludes.cmake

cmake_minimum_required(VERSION 3.20)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "CheckModuleIncludes: pass -DSOURCE_DIR=<project folder>")
endif()
include(${SOURCE_DIR}/cmake/ModuleTable.cmake)

set(problems 0)
foreach(module IN LISTS CLUSTERSCOPE_MODULES)
  set(public_allowed ${module} ${CLUSTERSCOPE_${module}_PUBLIC})
  set(private_allowed ${public_allowed} ${CLUSTERSCOPE_${module}_PRIVATE})
  file(GLOB_RECURSE public_files ${SOURCE_DIR}/include/clusterscope/${module}/*.hpp)
  file(GLOB_RECURSE private_files ${SOURCE_DIR}/src/${module}/*.hpp ${SOURCE_DIR}/src/${module}/*.cpp)
  foreach(file IN LISTS public_files private_files)
    if(file IN_LIST public_files)
      set(allowed ${public_allowed})
      set(kind "public header")
    else()
      set(allowed ${private_allowed})
      set(kind "source")
    endif()
    file(RELATIVE_PATH shown ${SOURCE_DIR} ${file})
    file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[\"<]([^\">]*)[\">].*$" "\\1" header "${line}")
      if(header MATCHES "\\.\\.")
        message(SEND_ERROR "${shown}: #include \"${header}\" reaches outside the module's folder; "
                           "include a public header (include/clusterscope/<module>/) instead")
        math(EXPR problems "${problems} + 1")
      elseif(header MATCHES "^clusterscope/([a-z_]+)/")
        set(used ${CMAKE_MATCH_1})
        if(NOT used IN_LIST allowed)
          message(SEND_ERROR "${shown}: includes ${header}, but a ${kind} of '${module}' may use only "
                             "${allowed} (cmake/ModuleTable.cmake, docs/ARCHITECTURE.md)")
          math(EXPR problems "${problems} + 1")
        endif()
      else()
        foreach(rule IN LISTS CLUSTERSCOPE_EXTERNAL_HEADERS)
          string(REPLACE "=" ";" rule "${rule}")
          list(GET rule 0 prefix)
          list(GET rule 1 owners)
          string(REPLACE "," ";" owners "${owners}")
          string(FIND "${header}" "${prefix}" at)
          if(at EQUAL 0 AND NOT module IN_LIST owners)
            message(SEND_ERROR "${shown}: includes <${header}>, which only ${owners} may include "
                               "(cmake/ModuleTable.cmake)")
            math(EXPR problems "${problems} + 1")
          endif()
        endforeach()
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems GREATER 0)
  message(FATAL_ERROR "${problems} include(s) break the module table")
endif()
message(STATUS "Module includes follow cmake/ModuleTable.cmake")
