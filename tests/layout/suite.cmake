# The layout module on its own: placement at scale (no overlap, determinism)
# and the structure layouts.  No display needed.
add_executable(test_layout ${CMAKE_CURRENT_LIST_DIR}/test_layout.c)
target_link_libraries(test_layout PRIVATE gcviz_layout m)
foreach(t big stop)
  add_test(NAME layout.${t} COMMAND test_layout ${t})
  set_tests_properties(layout.${t} PROPERTIES TIMEOUT 600)
endforeach()
# Big trees as a run lays them out (layout_build on programs): folded in
# blocks of levels, no overlap, the same twice, children near their parents.
add_executable(test_layout_tree ${CMAKE_CURRENT_LIST_DIR}/test_layout_tree.c)
target_link_libraries(test_layout_tree PRIVATE gcviz_scenario gcviz_layout m)
foreach(t bfs dfs replaced coarse coarse_args chain)
  add_test(NAME layout.tree_${t} COMMAND test_layout_tree ${t})
  set_tests_properties(layout.tree_${t} PROPERTIES TIMEOUT 600)
endforeach()
# `gcviz check` reports a "layout" pin that names no object and no variable
# of the run (exit 1, the key's position); the arranged lessons check fine.
add_test(NAME layout.check_unknown_pin
         COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DVERB=check -DFILE=unknown_pin.json
                 -P ${PROJECT_SOURCE_DIR}/tests/cli/broken.cmake
         WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/data)
# the same for a .py lesson's "# pin: NAME X Y" comment
add_test(NAME layout.check_unknown_pin_py
         COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DVERB=check -DFILE=unknown_pin_py.py
                 -P ${PROJECT_SOURCE_DIR}/tests/cli/broken.cmake
         WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/data)
# a "# pin:" line inside the docstring or a string is not a pin: only the
# real comment line is read (and reported, for naming nothing)
add_test(NAME layout.pin_in_string
         COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DVERB=check -DFILE=pin_in_string.py
                 -P ${PROJECT_SOURCE_DIR}/tests/cli/broken.cmake
         WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/data)
foreach(f dll tree15 ring)
  add_test(NAME layout.check_${f} COMMAND gcviz check ${CMAKE_CURRENT_LIST_DIR}/data/${f}.json)
endforeach()
