# The .py programs of tests/golden/py and the bundled course (scenarios/NN_*.py)
# against the real CPython (issue 10): for each NAME.py,
#   py_NAME_312    `gcviz run --python 3.12 NAME.py` prints NAME.stdout312 byte
#                  for byte (and, when NAME.stderr312 exists, exits 1 with the
#                  traceback's frame lines and exception line of NAME.stderr312;
#                  otherwise exits 0 with nothing on stderr)
#   py_NAME_313    the same with --python 3.13 and NAME.stdout313/.stderr313
#   py_NAME_trace  `gcviz trace --python 3.13 NAME.py` prints NAME.trace313
# (a course chapter's tests are py_course_NN_TITLE_*).  The goldens are made
# by tests/oracle/make_py_goldens.sh; the tests need no CPython.  The programs
# run from their folder by their bare file name, as CPython ran them, so a
# traceback names "NAME.py".  Nothing here depends on the build type: the
# sanitizer build runs the same tests.
set(GCVIZ_PY_GOLDEN_DIR ${CMAKE_CURRENT_LIST_DIR}/../golden/py)
foreach(dir ${GCVIZ_PY_GOLDEN_DIR} ${PROJECT_SOURCE_DIR}/scenarios)
  if(dir STREQUAL "${PROJECT_SOURCE_DIR}/scenarios")
    set(prefix py_course_)
  else()
    set(prefix py_)
  endif()
  file(GLOB programs CONFIGURE_DEPENDS ${dir}/*.py)
  foreach(program ${programs})
    get_filename_component(name ${program} NAME_WE)
    get_filename_component(file ${program} NAME)
    foreach(v 312 313)
      string(REGEX REPLACE "^(.)(..)$" "\\1.\\2" dotted ${v})
      if(NOT EXISTS ${dir}/${name}.stdout${v})
        continue()
      endif()
      add_test(NAME ${prefix}${name}_${v}
               COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DPROGRAM=${file}
                       -DDIR=${dir} -DPY=${dotted}
                       -DSTDOUT=${dir}/${name}.stdout${v}
                       -DSTDERR=${dir}/${name}.stderr${v}
                       -DUNRAISABLE=${dir}/${name}.unraisable${v}
                       -P ${CMAKE_CURRENT_LIST_DIR}/compare_run.cmake)
      set_tests_properties(${prefix}${name}_${v} PROPERTIES LABELS "py;golden")
    endforeach()
    if(EXISTS ${dir}/${name}.trace313)
      add_test(NAME ${prefix}${name}_trace
               COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DPROGRAM=${file}
                       -DDIR=${dir} -DPY=3.13
                       -DGOLDEN=${dir}/${name}.trace313
                       -P ${CMAKE_CURRENT_LIST_DIR}/compare_py_trace.cmake)
      set_tests_properties(${prefix}${name}_trace PROPERTIES LABELS "py;golden")
    endif()
  endforeach()
endforeach()
