# gcviz_first_diff(WANT GOT OUTVAR): "line N:\n  golden: ...\n  gcviz:  ..." for
# the first line where two texts differ (semicolons kept as they are).
function(gcviz_first_diff want got outvar)
  string(REPLACE ";" "<semicolon>" want "${want}")
  string(REPLACE ";" "<semicolon>" got "${got}")
  string(REPLACE "\n" ";" want_lines "${want}")
  string(REPLACE "\n" ";" got_lines "${got}")
  list(LENGTH want_lines n_want)
  list(LENGTH got_lines n_got)
  set(i 0)
  while(i LESS n_want OR i LESS n_got)
    set(a "<missing>")
    set(b "<missing>")
    if(i LESS n_want)
      list(GET want_lines ${i} a)
    endif()
    if(i LESS n_got)
      list(GET got_lines ${i} b)
    endif()
    if(NOT a STREQUAL b)
      math(EXPR line "${i} + 1")
      string(REPLACE "<semicolon>" ";" a "${a}")
      string(REPLACE "<semicolon>" ";" b "${b}")
      set(${outvar} "line ${line}:\n  golden: ${a}\n  gcviz:  ${b}" PARENT_SCOPE)
      return()
    endif()
    math(EXPR i "${i} + 1")
  endwhile()
  set(${outvar} "(the texts differ only in their last newline)" PARENT_SCOPE)
endfunction()

# gcviz_traceback_lines(TEXT DIR OUTVAR): the lines of a Python traceback that a
# simulator can match exactly: "Traceback (most recent call last):", each
# '  File "NAME.py", line N, in FUNC', every line that does not start with a
# space (the exception; "Exception ignored in: <function F at 0x...>" of an
# unraisable report) and the last line.  The source lines and the caret
# lines under them (which differ between 3.12 and 3.13) are left out.
# CPython names the program by its absolute path (`python3 NAME.py` makes
# __file__ absolute): `File "DIR/` becomes `File "` (DIR as given and as its
# real path), as in the committed goldens.
function(gcviz_traceback_lines text dir outvar)
  get_filename_component(real "${dir}" REALPATH)
  string(REPLACE "File \"${dir}/" "File \"" text "${text}")
  string(REPLACE "File \"${real}/" "File \"" text "${text}")
  string(REPLACE ";" "<semicolon>" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(keep "")
  set(last "")
  foreach(l IN LISTS lines)
    if(l STREQUAL "")
      continue()
    endif()
    set(last "${l}")
    if(l MATCHES "^  File " OR NOT l MATCHES "^ ")
      string(APPEND keep "${l}\n")
    endif()
  endforeach()
  if(NOT last MATCHES "^  File " AND last MATCHES "^ ")
    string(APPEND keep "${last}\n")
  endif()
  string(REPLACE "<semicolon>" ";" keep "${keep}")
  set(${outvar} "${keep}" PARENT_SCOPE)
endfunction()
