# The Python package `stargate` (docs/python.md): the extension module stargate/_stargate (src/python/*.cc, pybind11)
# and the pure-Python package python/stargate/*.py, both placed in build/python/stargate/, importable with
# PYTHONPATH=build/python. Target `stargate_python` builds both.
#
# The interpreter is Debian's /usr/bin/python3 (the one the python3-pandas, -matplotlib and -pytest packages
# install into), whatever `python3` comes first on PATH, unless -DPython_EXECUTABLE=... names another.
if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Interpreter the Python package is built and tested for")
endif()
set(PYBIND11_FINDPYTHON ON)
find_package(Python COMPONENTS Interpreter Development.Module REQUIRED)
find_package(pybind11 CONFIG REQUIRED)

file(GLOB STARGATE_PYTHON_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/python/*.cc)
# NO_EXTRAS: no link-time optimisation or stripping (the layer libraries are ordinary static archives).
pybind11_add_module(stargate_python NO_EXTRAS ${STARGATE_PYTHON_SOURCES})
set_target_properties(stargate_python PROPERTIES OUTPUT_NAME _stargate CXX_VISIBILITY_PRESET hidden
                      LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/python/stargate)
target_include_directories(stargate_python PRIVATE ${STARGATE_PYTHON_TREE})
target_link_libraries(stargate_python PRIVATE stargate_lib)

# The pure-Python files, copied beside the module whenever one changes.
file(GLOB STARGATE_PYTHON_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/python/stargate/*.py)
set(STARGATE_PYTHON_COPIES "")
foreach(source IN LISTS STARGATE_PYTHON_FILES)
  get_filename_component(name ${source} NAME)
  set(copy ${PROJECT_BINARY_DIR}/python/stargate/${name})
  add_custom_command(OUTPUT ${copy} COMMAND ${CMAKE_COMMAND} -E copy ${source} ${copy} DEPENDS ${source})
  list(APPEND STARGATE_PYTHON_COPIES ${copy})
endforeach()
add_custom_target(stargate_python_files DEPENDS ${STARGATE_PYTHON_COPIES})
add_dependencies(stargate_python stargate_python_files)
