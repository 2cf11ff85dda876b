# The .py programs of tests/golden/py against the real CPython (issue 10):
# for each NAME.py,
#   py_NAME_312    `gcviz run --python 3.12 NAME.py` prints NAME.stdout312 byte
#                  for byte (and, when NAME.stderr312 exists, exits 1 with the
#                  traceback's frame lines and exception line of NAME.stderr312;
#                  otherwise exits 0 with nothing on stderr)
#   py_NAME_313    the same with --python 3.13 and NAME.stdout313/.stderr313
#   py_NAME_trace  `gcviz trace --python 3.13 NAME.py` prints NAME.trace313
# The goldens are made by tests/oracle/make_py_goldens.sh; the tests need no
# CPython.  The programs run from tests/golden/py by their bare file name,
# as CPython ran them, so a traceback names "NAME.py".  Nothing here depends
# on the build type: the sanitizer build runs the same tests.
set(GCVIZ_PY_GOLDEN_DIR ${CMAKE_CURRENT_LIST_DIR}/../golden/py)
file(GLOB GCVIZ_PY_PROGRAMS CONFIGURE_DEPENDS ${GCVIZ_PY_GOLDEN_DIR}/*.py)
foreach(program ${GCVIZ_PY_PROGRAMS})
  get_filename_component(name ${program} NAME_WE)
  get_filename_component(file ${program} NAME)
  foreach(v 312 313)
    string(REGEX REPLACE "^(.)(..)$" "\\1.\\2" dotted ${v})
    if(NOT EXISTS ${GCVIZ_PY_GOLDEN_DIR}/${name}.stdout${v})
      continue()
    endif()
    add_test(NAME py_${name}_${v}
             COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DPROGRAM=${file}
                     -DDIR=${GCVIZ_PY_GOLDEN_DIR} -DPY=${dotted}
                     -DSTDOUT=${GCVIZ_PY_GOLDEN_DIR}/${name}.stdout${v}
                     -DSTDERR=${GCVIZ_PY_GOLDEN_DIR}/${name}.stderr${v}
                     -P ${CMAKE_CURRENT_LIST_DIR}/compare_run.cmake)
    set_tests_properties(py_${name}_${v} PROPERTIES LABELS "py;golden")
  endforeach()
  if(EXISTS ${GCVIZ_PY_GOLDEN_DIR}/${name}.trace313)
    add_test(NAME py_${name}_trace
             COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DPROGRAM=${file}
                     -DDIR=${GCVIZ_PY_GOLDEN_DIR} -DPY=3.13
                     -DGOLDEN=${GCVIZ_PY_GOLDEN_DIR}/${name}.trace313
                     -P ${CMAKE_CURRENT_LIST_DIR}/compare_py_trace.cmake)
    set_tests_properties(py_${name}_trace PROPERTIES LABELS "py;golden")
  endif()
endforeach()
