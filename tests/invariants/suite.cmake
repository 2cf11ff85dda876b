# Invariants: gc_check at every micro-step of the recorded history of every
# scenario under scenarios/ (the course, .py and .json) and tests/golden/ (one
# test per file), in every build, not only the checked one.
add_executable(test_invariants ${CMAKE_CURRENT_LIST_DIR}/test_invariants.c)
target_link_libraries(test_invariants PRIVATE gcviz_scenario)
file(GLOB_RECURSE GCVIZ_INVARIANT_SCENARIOS CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/scenarios/*.json ${PROJECT_SOURCE_DIR}/scenarios/*.py
     ${PROJECT_SOURCE_DIR}/tests/golden/*.json)
foreach(f ${GCVIZ_INVARIANT_SCENARIOS})
  get_filename_component(n ${f} NAME)
  if(n STREQUAL "index.json")
    continue()
  endif()
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${f})
  string(REGEX REPLACE "[/.]" "_" name ${rel})
  add_test(NAME invariants_${name} COMMAND test_invariants ${f})
  set_tests_properties(invariants_${name} PROPERTIES LABELS invariants TIMEOUT 300)
endforeach()
