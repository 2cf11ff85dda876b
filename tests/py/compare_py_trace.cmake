cmake_minimum_required(VERSION 3.16)
# `gcviz trace --python PY PROGRAM` (in DIR) must print GOLDEN, the trace the
# oracle measured in CPython (tests/oracle/cpython_trace.py), byte for byte,
# from the line after the program's first top-level `gc.collect()` on: the
# lines before it show the interpreter's start-up heap (the counts, and what an
# `import weakref` leaves for that collection), a known limit (issue 10).
# The exit line ("stmt": "<exit>") is compared on "step", "stmt", "freed" and
# "finalized" only: the oracle cannot measure the exit's collections and
# counts (they include the interpreter's own objects).
include(${CMAKE_CURRENT_LIST_DIR}/first_diff.cmake)
execute_process(COMMAND ${GCVIZ} trace --python ${PY} ${PROGRAM}
                WORKING_DIRECTORY ${DIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${GOLDEN} want)
# drop everything up to the end of the first line whose statement is gc.collect()
function(after_first_collect text outvar)
  string(FIND "${text}" "\"stmt\": \"gc.collect()\"" at)
  if(at LESS 0)
    set(${outvar} "<no gc.collect() step>\n${text}" PARENT_SCOPE)
    return()
  endif()
  string(SUBSTRING "${text}" ${at} -1 rest)
  string(FIND "${rest}" "\n" nl)
  if(nl LESS 0)
    set(${outvar} "" PARENT_SCOPE)
    return()
  endif()
  math(EXPR nl "${nl} + 1")
  string(SUBSTRING "${rest}" ${nl} -1 rest)
  set(${outvar} "${rest}" PARENT_SCOPE)
endfunction()
after_first_collect("${want}" want)
after_first_collect("${out}" got)
# the exit line: keep the compared fields only, in a fixed form
function(exit_fields text outvar)
  string(FIND "${text}" "{\"step\": " at REVERSE)
  string(FIND "${text}" "\"stmt\": \"<exit>\"" ex REVERSE)
  if(at LESS 0 OR ex LESS at)
    set(${outvar} "${text}" PARENT_SCOPE)
    return()
  endif()
  string(SUBSTRING "${text}" 0 ${at} head)
  string(SUBSTRING "${text}" ${at} -1 line)
  string(STRIP "${line}" line)
  set(norm "")
  foreach(key step stmt freed finalized)
    string(JSON v ERROR_VARIABLE e GET "${line}" ${key})
    if(e)
      set(v "<missing: ${e}>")
    endif()
    string(APPEND norm "${key}=${v} ")
  endforeach()
  set(${outvar} "${head}${norm}\n" PARENT_SCOPE)
endfunction()
exit_fields("${want}" want)
exit_fields("${got}" got)
if(NOT got STREQUAL want)
  gcviz_first_diff("${want}" "${got}" where)
  message(FATAL_ERROR "${PROGRAM}: trace differs from the CPython golden (counting lines after "
                      "the first gc.collect() step) at ${where}\n(exit ${rc}, stderr: ${err})")
endif()
