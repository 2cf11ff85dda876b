# Limits (tests/limits): every bound on hostile input, by its constant, with
# its message, and the statements refused at check time with their position.
# The live_10m test runs `gcviz run` on 10,000,001 live objects: "slow", and
# "nosan" so the sanitizer run leaves it out; so is the default statement
# limit (100,000,000 statements run to the end).
add_executable(test_limits ${CMAKE_CURRENT_LIST_DIR}/test_limits.c)
target_link_libraries(test_limits PRIVATE gcviz_scenario)
foreach(g file_size json_depth steps stmt_len ident_len expr_depth range recursion exec_stmts
          objects hostile)
  add_test(NAME limits_${g} COMMAND test_limits ${g} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(limits_${g} PROPERTIES TIMEOUT 300)
endforeach()
add_test(NAME limits_cli_file_size COMMAND test_limits cli $<TARGET_FILE:gcviz>
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME limits_live_10m
         COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DSCENARIO=${CMAKE_CURRENT_LIST_DIR}/live_10m.json
                 "-DWANT=\"allocated\": 10000001, \"freed\": 0, \"live\": 10000001" -DSTATUS=0
                 -P ${CMAKE_CURRENT_LIST_DIR}/run_expect.cmake)
add_test(NAME limits_default_exec_stmts
         COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DSCENARIO=${CMAKE_CURRENT_LIST_DIR}/forever.json
                 "-DWANT=RuntimeError: more than 100000000 statements executed (gcviz's limit)" -DSTATUS=1
                 -P ${CMAKE_CURRENT_LIST_DIR}/run_expect.cmake)
set_tests_properties(limits_live_10m limits_default_exec_stmts PROPERTIES LABELS "slow;nosan" TIMEOUT 300)
