# The lang suite: the statement parser, the program tables and lang_validate.
# One executable; each group is its own CTest test so a failure names it.
add_executable(test_lang ${CMAKE_CURRENT_LIST_DIR}/test_lang.c)
target_link_libraries(test_lang PRIVATE gcviz_lang)
foreach(group parse reject for fuzz program validate)
  add_test(NAME lang_${group} COMMAND test_lang ${group})
endforeach()
# .py programs: every construct refused at load time (gcviz check: its
# message and line:col first on stderr), and every run into what gcviz does
# not model (gcviz run: the traceback ends with a message saying so); one
# script, tests/cli/broken.cmake, checks both.
foreach(kind broken refused)
  set(verb check)
  set(last 0)
  if(kind STREQUAL "refused")
    set(verb run)
    set(last 1)
  endif()
  file(GLOB files CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/py_${kind}/*.py)
  foreach(f ${files})
    get_filename_component(n ${f} NAME_WE)
    add_test(NAME lang_py_${kind}_${n}
             COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DVERB=${verb} -DLAST=${last}
                     -DFILE=${n}.py -P ${PROJECT_SOURCE_DIR}/tests/cli/broken.cmake
             WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/py_${kind})
  endforeach()
endforeach()
# .py programs that use every construct: gcviz run prints CPython's stdout
# (made with python3.12 and python3.13 from tests/lang/py_good).
file(GLOB GCVIZ_PY_GOOD CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/py_good/*.py)
foreach(f ${GCVIZ_PY_GOOD})
  get_filename_component(n ${f} NAME_WE)
  foreach(v 3.12 3.13)
    string(REPLACE "." "" vv ${v})
    add_test(NAME lang_py_good_${n}_${vv}
             COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DPROGRAM=${n}.py
                     -DDIR=${CMAKE_CURRENT_LIST_DIR}/py_good -DPY=${v}
                     -DSTDOUT=${CMAKE_CURRENT_LIST_DIR}/py_good/${n}.stdout${vv}
                     -DSTDERR=${CMAKE_CURRENT_LIST_DIR}/py_good/${n}.stderr${vv}
                     -P ${CMAKE_CURRENT_LIST_DIR}/../py/compare_run.cmake)
  endforeach()
endforeach()
