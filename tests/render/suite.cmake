# Headless render tests (software renderer on a surface, no display), input
# replay through the key map, and one real-window test under xvfb-run.
if(GCVIZ_GUI)
  set(_rd ${CMAKE_CURRENT_LIST_DIR})
  add_executable(test_render ${_rd}/test_render.c)
  target_link_libraries(test_render PRIVATE gcviz_app m)
  target_compile_definitions(test_render PRIVATE GCVIZ_TEST_DATA="${_rd}/data"
                             GCVIZ_GOLDEN_DIR="${PROJECT_SOURCE_DIR}/tests/golden/scenarios"
                             GCVIZ_SCENARIOS_DIR="${PROJECT_SOURCE_DIR}/scenarios"
                             GCVIZ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_executable(gcviz_window ${_rd}/window_main.c)
  target_link_libraries(gcviz_window PRIVATE gcviz_app m)
  foreach(_t display_list theme_table text_metrics backend_pixels backend_round backend_quads layout_plain arrange was_name row_arrows small_structures cell_strings save_layout slide_worklist crowd crowd_labels crowd_states blocks_cells cells_steps cells_merged cells_spare cells_idle blocks_keep blocks_refs_keep
             layout_run layout_many layout_reference overview two_windows
             card_color arrow_reaches key_arrows code_highlight themes_differ states_drawn
             replay_back_forth replay_tab replay_next_gc replay_stmt collector_small
             replay_fullscreen ui_scale follow open_first long_texts play_pause description picker
             timeline_hover load_error_narrow
             reference_images group_cache direct_pixels direct_pixels_xrgb window_surface fonts_warm drawn_until scratch_clean grid_at_load grid_moves
             screenshot_file
             screenshot_fail load_error reload_vanished layout_pins runtime_error every_scenario
             glide_unpin glide_reload hidpi
             quit_confirm chapters phase_captions one_state_label crowded_frames drill_pills drill_frame drill_cycles drill_chain dict_keys key_straight arrow_entries record_whole slide_subjects slide_crowded_subject slide_big_structure arrows_in_view slide_pictures slide_structures output_wrap record_subjects contrast slide_defects slide_named_cells py_panels header_release
             counterfactuals traversal_arrows beginner phase_say)
    add_test(NAME render.${_t} COMMAND test_render ${_t})
    set_tests_properties(render.${_t} PROPERTIES ENVIRONMENT "SDL_VIDEODRIVER=offscreen" TIMEOUT 900)
  endforeach()
  find_program(XVFB Xvfb)
  find_program(XDOTOOL xdotool)
  if(XVFB AND XDOTOOL)
    # the script starts its own Xvfb on a free display (Xvfb -displayfd)
    add_test(NAME render.real_window
             COMMAND sh ${_rd}/window_test.sh
                     $<TARGET_FILE:gcviz> ${_rd}/data/cycle.json ${CMAKE_CURRENT_BINARY_DIR}/window_shots)
    set_tests_properties(render.real_window PROPERTIES TIMEOUT 120 LABELS nosan)
  endif()
endif()
