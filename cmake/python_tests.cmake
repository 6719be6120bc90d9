# The Python package's tests (tests/python/, pytest: one ctest per file) and the example (examples/*.py: each
# runs and must draw a non-trivial PNG), with Debian's interpreter (cmake/python.cmake) and PYTHONPATH=build/python.
file(GLOB STARGATE_PYTHON_TESTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/python/test_*.py)
foreach(test_file IN LISTS STARGATE_PYTHON_TESTS)
  get_filename_component(name ${test_file} NAME_WE)
  add_test(NAME python.${name}
           COMMAND ${Python_EXECUTABLE} -m pytest -q -p no:cacheprovider ${test_file}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(python.${name} PROPERTIES ENVIRONMENT
                      "PYTHONPATH=${PROJECT_BINARY_DIR}/python;MPLBACKEND=Agg;PYTHONDONTWRITEBYTECODE=1;STARGATE_BINARY=$<TARGET_FILE:stargate>")
endforeach()

file(GLOB STARGATE_PYTHON_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.py)
foreach(example IN LISTS STARGATE_PYTHON_EXAMPLES)
  get_filename_component(name ${example} NAME_WE)
  add_test(NAME python.example.${name}
           COMMAND ${Python_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/python/check_example.py ${example}
                   ${PROJECT_BINARY_DIR}/examples/${name}.png
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(python.example.${name} PROPERTIES ENVIRONMENT
                      "PYTHONPATH=${PROJECT_BINARY_DIR}/python;MPLBACKEND=Agg;PYTHONDONTWRITEBYTECODE=1;STARGATE_BINARY=$<TARGET_FILE:stargate>")
endforeach()
