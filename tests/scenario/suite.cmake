# The scenario suite: scenario_load against a folder of broken files (one
# CTest test each, so a failure names the file), good files, and generated
# limits.  A broken file NAME.json comes with NAME.expect: the exact first
# problem line, with the file name as the test passes it (relative).
add_executable(test_scenario ${CMAKE_CURRENT_LIST_DIR}/test_scenario.c)
target_link_libraries(test_scenario PRIVATE gcviz_scenario)

file(GLOB GCVIZ_SCENARIO_BROKEN CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/broken/*.json)
foreach(f ${GCVIZ_SCENARIO_BROKEN})
  get_filename_component(n ${f} NAME)
  add_test(NAME scenario_broken_${n} COMMAND test_scenario broken ${n}
           WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/broken)
endforeach()
add_test(NAME scenario_broken_folder COMMAND test_scenario folder ${CMAKE_CURRENT_LIST_DIR}/broken)
add_test(NAME scenario_good COMMAND test_scenario good ${CMAKE_CURRENT_LIST_DIR}/good)
# Writes its generated files into the build folder.
add_test(NAME scenario_limits COMMAND test_scenario limits WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
