cmake_minimum_required(VERSION 3.16)
# `gcviz run --python PY PROGRAM` (in DIR) must print the CPython stdout STDOUT
# byte for byte; when the file STDERR exists the program ends in an exception:
# exit status 1 and the traceback's frame and exception lines of STDERR;
# otherwise exit status 0 and nothing on stderr.
include(${CMAKE_CURRENT_LIST_DIR}/first_diff.cmake)
execute_process(COMMAND ${GCVIZ} run --python ${PY} ${PROGRAM}
                WORKING_DIRECTORY ${DIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${STDOUT} want)
if(NOT out STREQUAL want)
  gcviz_first_diff("${want}" "${out}" where)
  message(FATAL_ERROR "${PROGRAM} --python ${PY}: stdout differs from CPython's at ${where}\n"
                      "(exit ${rc}, stderr: ${err})")
endif()
if(EXISTS ${STDERR})
  file(READ ${STDERR} want_err)
  gcviz_traceback_lines("${want_err}" "${DIR}" want_tb)
  gcviz_traceback_lines("${err}" "${DIR}" got_tb)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "${PROGRAM} --python ${PY}: exit status ${rc}, CPython's is 1\n"
                        "stderr: ${err}")
  endif()
  if(NOT got_tb STREQUAL want_tb)
    gcviz_first_diff("${want_tb}" "${got_tb}" where)
    message(FATAL_ERROR "${PROGRAM} --python ${PY}: traceback differs from CPython's at ${where}\n"
                        "CPython:\n${want_err}\ngcviz:\n${err}")
  endif()
else()
  if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
    message(FATAL_ERROR "${PROGRAM} --python ${PY}: exit status ${rc} (CPython: 0), "
                        "stderr: ${err}")
  endif()
endif()
