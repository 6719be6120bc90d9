# One static library per layer (docs/architecture.md). `stargate_layer(NAME DEPS a b ...)` builds src/NAME/*.cc
# into `stargate_NAME`, linked only to the layers it names, each of which must already be declared: the order of the
# calls is the layer order, and a dependency on a layer declared later is a configure error.
#
# The build enforces it: a layer compiles against a private include tree (build/layer_include/NAME/) that holds
# symbolic links to the public headers (include/stargate/L/) and internal headers (src/L/) of its own layer and of
# the layers it reaches through DEPS, and nothing else. A wrong-way `#include "stargate/search/..."` in src/serving/
# is "file not found". Headers of a layer that no source of that layer includes are checked by
# tests/architecture/layer_graph_test.cc against the same graph, which this file writes to build/layer_graph.txt.

set(STARGATE_LAYERS "")
set(STARGATE_LAYER_GRAPH "")

# Makes build/layer_include/NAME/ for a layer that sees itself and the closure of DEPS; sets OUT to its path.
function(stargate_layer_tree name out)
  cmake_parse_arguments(L "" "" "DEPS" ${ARGN})
  set(closure ${name})
  foreach(dep IN LISTS L_DEPS)
    if(NOT dep IN_LIST STARGATE_LAYERS)
      message(FATAL_ERROR "layer '${name}' depends on '${dep}', which is not a lower layer (declare it first)")
    endif()
    list(APPEND closure ${STARGATE_LAYER_CLOSURE_${dep}})
  endforeach()
  list(REMOVE_DUPLICATES closure)
  set(STARGATE_LAYER_CLOSURE_${name} ${closure} CACHE INTERNAL "layers visible from ${name}")

  set(tree ${PROJECT_BINARY_DIR}/layer_include/${name})
  file(REMOVE_RECURSE ${tree})
  file(MAKE_DIRECTORY ${tree}/stargate)
  foreach(visible IN LISTS closure)
    if(EXISTS ${PROJECT_SOURCE_DIR}/include/stargate/${visible})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/include/stargate/${visible} ${tree}/stargate/${visible} SYMBOLIC)
    endif()
    if(EXISTS ${PROJECT_SOURCE_DIR}/src/${visible})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${visible} ${tree}/${visible} SYMBOLIC)
    endif()
  endforeach()
  set(${out} ${tree} PARENT_SCOPE)
endfunction()

function(stargate_layer name)
  cmake_parse_arguments(L "" "" "DEPS;LIBS" ${ARGN})
  stargate_layer_tree(${name} tree DEPS ${L_DEPS})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cc)
  add_library(stargate_${name} STATIC ${sources} ${L_UNPARSED_ARGUMENTS})
  target_include_directories(stargate_${name} PRIVATE ${tree})
  if(STARGATE_PYTHON)
    # Linked into the Python extension module (a shared object) as well as into the executables. No symbol of a
    # layer is ever interposed, so the compiler may inline and specialise across its functions as without -fPIC
    # (without the flag, plan evaluations cost about 15% more CPU).
    set_target_properties(stargate_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_compile_options(stargate_${name} PRIVATE -fno-semantic-interposition)
  endif()
  foreach(dep IN LISTS L_DEPS)
    target_link_libraries(stargate_${name} PUBLIC stargate_${dep})
  endforeach()
  if(L_LIBS)
    target_link_libraries(stargate_${name} PUBLIC ${L_LIBS})
  endif()

  list(APPEND STARGATE_LAYERS ${name})
  set(STARGATE_LAYERS ${STARGATE_LAYERS} PARENT_SCOPE)
  list(JOIN L_DEPS " " deps_text)
  string(APPEND STARGATE_LAYER_GRAPH "${name}: ${deps_text}\n")
  set(STARGATE_LAYER_GRAPH "${STARGATE_LAYER_GRAPH}" PARENT_SCOPE)
endfunction()
