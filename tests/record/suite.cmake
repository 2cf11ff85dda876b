# gcviz record: frames to PNG, SVG and GIF without a display.  test_record
# runs the recorder in process and reads the files back; cli.cmake runs the
# executable from a shell-like environment with no DISPLAY; check_svg.py
# parses every SVG as XML (when Python 3 is there).
if(GCVIZ_GUI)
  set(_rec ${CMAKE_CURRENT_LIST_DIR})
  set(_out ${CMAKE_CURRENT_BINARY_DIR}/record_out)
  add_executable(test_record ${_rec}/test_record.c)
  target_link_libraries(test_record PRIVATE gcviz_app ${GIF_LIB} m)
  target_compile_definitions(test_record PRIVATE
                             GCVIZ_GOLDEN_DIR="${PROJECT_SOURCE_DIR}/tests/golden/scenarios")
  foreach(_t twice sizes pixels gif gif_delay unwritable temp_names points recompute
             recompute_window recompute_async recompute_stopped load_cancel reload_async timeline_coarse overview_drill
             drill_two_clicks
             open_at_end)
    add_test(NAME record.${_t} COMMAND test_record ${_t} ${_out}/${_t})
    set_tests_properties(record.${_t} PROPERTIES LABELS gui TIMEOUT 300
                         ENVIRONMENT "DISPLAY=;WAYLAND_DISPLAY=")
  endforeach()
  find_package(Python3 COMPONENTS Interpreter)
  set(_py "")
  if(Python3_Interpreter_FOUND)
    set(_py ${Python3_EXECUTABLE})
  endif()
  add_test(NAME record.cli
           COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DOUT=${_out}/cli
                   -DSCEN=${PROJECT_SOURCE_DIR}/tests/golden/scenarios -DPY=${_py}
                   -DCHECK_SVG=${_rec}/check_svg.py -P ${_rec}/cli.cmake)
  set_tests_properties(record.cli PROPERTIES LABELS gui TIMEOUT 300)
  if(_py)
    # Ctrl-C and SIGTERM stop the recorder and its workers
    add_test(NAME record.interrupt
             COMMAND ${_py} ${_rec}/interrupt.py $<TARGET_FILE:gcviz> ${_rec}/many_frames.py
                     ${_out}/interrupt)
    set_tests_properties(record.interrupt PROPERTIES LABELS gui TIMEOUT 300)
  endif()
endif()
