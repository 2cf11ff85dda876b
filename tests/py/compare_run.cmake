cmake_minimum_required(VERSION 3.16)
# `gcviz run --python PY PROGRAM` (in DIR) must print the CPython stdout STDOUT
# byte for byte; when the file STDERR exists the program ends in an exception:
# exit status 1 and STDERR byte for byte (the traceback with its source lines
# and the caret lines under them, as that CPython prints them); otherwise
# exit status 0 and on stderr nothing, or, when the file UNRAISABLE exists,
# the reports of the exceptions ignored in __del__ or weakref callbacks it
# holds ("Exception ignored in: ...", byte for byte too).  UNRAISABLE=ANY
# (the 3.15 goldens: pyodide's stderr is not kept): any stderr that is such
# reports.
include(${CMAKE_CURRENT_LIST_DIR}/first_diff.cmake)
execute_process(COMMAND ${GCVIZ} run --python ${PY} ${PROGRAM}
                WORKING_DIRECTORY ${DIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
# CPython names the main script by the working folder and the name as typed
# ("/path/to/l01.py"); the goldens name it as typed (make_py_goldens.sh drops
# the folder): gcviz's must be that folder, dropped the same way
get_filename_component(real_dir "${DIR}" REALPATH)
string(REPLACE "File \"${real_dir}/" "File \"" err_as_typed "${err}")
if(err MATCHES "  File \"" AND err_as_typed STREQUAL err)
  message(FATAL_ERROR "${PROGRAM} --python ${PY}: the traceback does not name the file by "
                      "its absolute path ${real_dir}/${PROGRAM} as CPython does:\n${err}")
endif()
set(err "${err_as_typed}")
file(READ ${STDOUT} want)
if(NOT out STREQUAL want)
  gcviz_first_diff("${want}" "${out}" where)
  message(FATAL_ERROR "${PROGRAM} --python ${PY}: stdout differs from CPython's at ${where}\n"
                      "(exit ${rc}, stderr: ${err})")
endif()
if(EXISTS ${STDERR})
  file(READ ${STDERR} want_err)
  set(want_tb "${want_err}")
  set(got_tb "${err}")
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "${PROGRAM} --python ${PY}: exit status ${rc}, CPython's is 1\n"
                        "stderr: ${err}")
  endif()
  if(NOT got_tb STREQUAL want_tb)
    gcviz_first_diff("${want_tb}" "${got_tb}" where)
    message(FATAL_ERROR "${PROGRAM} --python ${PY}: traceback differs from CPython's at ${where}\n"
                        "CPython:\n${want_err}\ngcviz:\n${err}")
  endif()
elseif(DEFINED UNRAISABLE AND (EXISTS "${UNRAISABLE}" OR UNRAISABLE STREQUAL "ANY"))
  if(UNRAISABLE STREQUAL "ANY")
    set(want_err "${err}")
    if(NOT err STREQUAL "" AND NOT err MATCHES "^Exception ignored in: ")
      set(want_err "(only reports of ignored exceptions)")
    endif()
  else()
    file(READ ${UNRAISABLE} want_err)
  endif()
  set(want_tb "${want_err}")
  set(got_tb "${err}")
  if(NOT rc EQUAL 0 OR NOT got_tb STREQUAL want_tb)
    gcviz_first_diff("${want_tb}" "${got_tb}" where)
    message(FATAL_ERROR "${PROGRAM} --python ${PY}: exit status ${rc} (CPython: 0), reports of "
                        "ignored exceptions differ from CPython's at ${where}\n"
                        "CPython:\n${want_err}\ngcviz:\n${err}")
  endif()
else()
  if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
    message(FATAL_ERROR "${PROGRAM} --python ${PY}: exit status ${rc} (CPython: 0), "
                        "stderr: ${err}")
  endif()
endif()
