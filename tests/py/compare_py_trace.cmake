cmake_minimum_required(VERSION 3.16)
# `gcviz trace --python PY PROGRAM` (in DIR) must print GOLDEN, the trace the
# oracle measured in CPython (tests/oracle/cpython_trace.py), byte for byte.
include(${CMAKE_CURRENT_LIST_DIR}/first_diff.cmake)
execute_process(COMMAND ${GCVIZ} trace --python ${PY} ${PROGRAM}
                WORKING_DIRECTORY ${DIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${GOLDEN} want)
if(NOT out STREQUAL want)
  gcviz_first_diff("${want}" "${out}" where)
  message(FATAL_ERROR "${PROGRAM}: trace differs from the CPython golden at ${where}\n"
                      "(exit ${rc}, stderr: ${err})")
endif()
