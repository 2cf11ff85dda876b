# Golden traces: `gcviz trace` of every scenario that has a golden (made with
# the real CPython by tests/oracle/make_goldens.sh) must print exactly the
# golden, byte for byte.  The goldens are measured on CPython 3.13.0 (the
# oracle needs its PyRefTracer) with 3.12's hidden allocations restored and
# cross-checked on 3.12.1 (tests/oracle/cpython_trace.py), hence
# --internals 3.12.
file(GLOB_RECURSE GCVIZ_GOLDEN_TRACES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/../golden/*.trace ${PROJECT_SOURCE_DIR}/scenarios/*.trace)
foreach(golden ${GCVIZ_GOLDEN_TRACES})
  string(REGEX REPLACE "\\.trace$" ".json" scenario ${golden})
  if(NOT EXISTS ${scenario})
    continue()
  endif()
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${scenario})
  string(REGEX REPLACE "[/.]" "_" name ${rel})
  add_test(NAME golden_${name}
           COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DSCENARIO=${scenario}
                   -DGOLDEN=${golden} -P ${CMAKE_CURRENT_LIST_DIR}/compare_trace.cmake)
  set_tests_properties(golden_${name} PROPERTIES LABELS golden)
endforeach()
