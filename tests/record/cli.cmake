# `gcviz record` as a user runs it: no DISPLAY (and an SDL_VIDEODRIVER that
# would need one: the recorder must not use it), exit statuses, messages,
# the SVGs parse as XML and hold the cards' texts.
set(env ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY SDL_VIDEODRIVER=x11)
function(expect_record want_rc want_err)
  execute_process(COMMAND ${env} ${GCVIZ} record ${ARGN} OUTPUT_VARIABLE out ERROR_VARIABLE err
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL want_rc)
    message(FATAL_ERROR "gcviz record ${ARGN}: exit ${rc}, want ${want_rc}\n${out}\n${err}")
  endif()
  if(want_err AND NOT err MATCHES "${want_err}")
    message(FATAL_ERROR "gcviz record ${ARGN}: stderr does not match '${want_err}':\n${err}")
  endif()
  set(last_err "${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(s ${SCEN}/f19_list_and_instance.json)

# help and usage
execute_process(COMMAND ${GCVIZ} record --help OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "usage: gcviz record")
  message(FATAL_ERROR "record --help: ${rc}\n${out}")
endif()
expect_record(2 "--out DIR is needed" ${s})
expect_record(2 "which scenario" --out ${OUT}/x)
expect_record(2 "--every must be" ${s} --out ${OUT}/x --every sometimes)
expect_record(2 "--size needs WxH" ${s} --out ${OUT}/x --size 12)
expect_record(2 "--scale needs" ${s} --out ${OUT}/x --scale 0)
expect_record(2 "--python takes" ${s} --out ${OUT}/x --python 2.7)
# --python overrides the file's version (the header names the version modelled)
expect_record(0 "" ${s} --out ${OUT}/py313 --to 0 --svg --python 3.13 -q)
file(GLOB _svgs ${OUT}/py313/*.svg)
file(READ ${_svgs} _svg)
if(NOT _svg MATCHES "Python 3\\.13" OR _svg MATCHES "Python 3\\.12")
  message(FATAL_ERROR "record --python 3.13: the frame does not name Python 3.13")
endif()
expect_record(2 "--theme must be" ${s} --out ${OUT}/x --theme pink)
expect_record(2 "--to must not be before --from" ${s} --out ${OUT}/x --from 3 --to 2)
expect_record(2 "no frame between" ${s} --out ${OUT}/x --from 500)
expect_record(2 "unknown option '--fast'" ${s} --out ${OUT}/x --fast)
# a bad scenario: 1, nothing created
expect_record(1 "bad_collector.json:[0-9]+:[0-9]+:" ${SCEN}/../../scenario/broken/bad_collector.json
              --out ${OUT}/bad)
expect_record(3 "cannot read" ${OUT}/no-such.json --out ${OUT}/x)
# unwritable folders: under a regular file, and in /proc (root cannot write either)
file(WRITE ${OUT}/plain_file "x")
expect_record(3 "cannot write to .*plain_file/sub" ${s} --out ${OUT}/plain_file/sub)
expect_record(3 "cannot write to /proc/gcviz" ${s} --out /proc/gcviz)
if(EXISTS ${OUT}/bad OR EXISTS ${OUT}/x)
  message(FATAL_ERROR "a failed recording left a folder behind")
endif()

# the real thing, quiet, then with progress
expect_record(0 "" ${s} --out ${OUT}/frames --svg --gif ${OUT}/all.gif --quiet)
if(NOT last_err STREQUAL "")
  message(FATAL_ERROR "--quiet printed: ${last_err}")
endif()
file(GLOB pngs ${OUT}/frames/*.png)
file(GLOB svgs ${OUT}/frames/*.svg)
list(LENGTH pngs npng)
list(LENGTH svgs nsvg)
if(npng LESS 3 OR NOT npng EQUAL nsvg OR NOT EXISTS ${OUT}/all.gif)
  message(FATAL_ERROR "${npng} PNG, ${nsvg} SVG, GIF: ${OUT}/all.gif")
endif()
expect_record(0 "frames .*in .*micro" ${s} --out ${OUT}/micro --every micro --size 640x400)
# the run's progress line (issue 14), before the frames': what ran, how long, the history
if(NOT last_err MATCHES "gcviz record: Ran f19_list_and_instance\\.json: [0-9,]+ statements in [0-9.]+ s, laid out [0-9,]+ cards in [0-9.]+ s \\([0-9,]+ events [^)]*budget\\)\n")
  message(FATAL_ERROR "no run progress line in:\n${last_err}")
endif()
# the history's budget (issue 14): a run it stopped says so, and why the
# statements asked for have no frame (exit 1, no folder); a run it coarsened
# says which statements keep their micro-steps, before and after the
# recording runs the program again for the ones asked for
set(loop ${SCEN}/../../cli/budget_loop.py)
expect_record(1 "the history filled its 4 MB budget and stopped the run at statement 2.*no frame between --from 3 and --to 3.*MemoryError: the history of this run needs more than its budget"
              ${loop} --out ${OUT}/budget_full --from 3 --to 3 --history-budget 4M)
if(EXISTS ${OUT}/budget_full)
  message(FATAL_ERROR "a recording with no frame left a folder behind")
endif()
expect_record(0 "history [0-9]+ MB of its 12 MB budget: every micro-step up to statement 2, then statement stops only.*kept only whole statements from statement 3 on; running the program again.*every micro-step of statements 2 to 4, statement stops elsewhere.*1 frame "
              ${loop} --out ${OUT}/budget_fine --from 3 --to 3 --every phase --history-budget 12M)
# --fit: every card of a 121-card run at once (the overview style), also as SVG
expect_record(0 "" ${SCEN}/../../render/data/many.json --out ${OUT}/fit --fit --svg --from 4 --to 4
              --quiet)
file(GLOB pngs ${OUT}/fit/*.png)
file(GLOB svgs ${OUT}/fit/*.svg)
if(NOT pngs OR NOT svgs)
  message(FATAL_ERROR "record --fit wrote no frame")
endif()
# a Python error in the scenario: the frames up to it, then exit 1 with the error
expect_record(1 "NameError" ${SCEN}/../../cli/name_error.json --out ${OUT}/nameerror --quiet)
file(GLOB pngs ${OUT}/nameerror/*.png)
if(NOT pngs)
  message(FATAL_ERROR "no frames before the NameError")
endif()
if(PY)
  foreach(dir frames fit)
    execute_process(COMMAND ${PY} ${CHECK_SVG} ${OUT}/${dir} RESULT_VARIABLE rc OUTPUT_VARIABLE o
                    ERROR_VARIABLE e)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "SVG check of ${dir}: ${o}${e}")
    endif()
  endforeach()
endif()
