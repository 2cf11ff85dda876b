# The command line as users and scripts meet it: every broken scenario gives
# exit 1 and its expected first message from `gcviz check` and `gcviz trace`;
# usage errors give 2; help and version work; run prints its summary.
file(GLOB GCVIZ_CLI_BROKEN CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/../scenario/broken/*.json)
foreach(f ${GCVIZ_CLI_BROKEN})
  get_filename_component(n ${f} NAME)
  foreach(verb check trace)
    add_test(NAME cli_${verb}_broken_${n}
             COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DVERB=${verb} -DFILE=${n}
                     -P ${CMAKE_CURRENT_LIST_DIR}/broken.cmake
             WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/../scenario/broken)
  endforeach()
endforeach()
add_test(NAME cli_usage COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz>
         -DDIR=${CMAKE_CURRENT_LIST_DIR} -P ${CMAKE_CURRENT_LIST_DIR}/usage.cmake)
