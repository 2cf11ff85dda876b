#!/bin/sh
# Golden stdout of the .py programs under "python": "3.15", from CPython
# 3.15.0rc1 compiled to WebAssembly (npm package pyodide@315.0.0-alpha.2,
# offline in Node).  Run on purpose only; the tests never run it.  Each
# program runs three times, each in a fresh interpreter (about 10 s per
# start, so the whole set takes about an hour).
#
#   tests/oracle/pyodide_goldens.sh [PROGRAM.py ...]
#       (default: tests/golden/py/*.py and the course, scenarios/*.py)
#
# Installs the pinned package itself, once, into $GCVIZ_PYODIDE_CACHE
# (default ~/.cache/gcviz-pyodide), outside the repository.  Writes
# NAME.stdout315 beside each program whose output does not depend on the
# start-up heap or on the exit (pyodide_stdout.mjs says why the others are
# left out; their old NAME.stdout315 is removed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pkg=pyodide@315.0.0-alpha.2
base=${GCVIZ_PYODIDE_CACHE:-$HOME/.cache/gcviz-pyodide}
cache=$base/315.0.0-alpha.2
# an install made by hand under another folder name serves as well if it
# holds the pinned version
for d in "$base"/*/; do
    [ -d "$cache/node_modules/pyodide" ] && break
    if grep -q '"version": *"315.0.0-alpha.2"' "$d/node_modules/pyodide/package.json" 2>/dev/null; then
        cache=${d%/}
    fi
done
if [ ! -d "$cache/node_modules/pyodide" ]; then
    mkdir -p "$cache"
    [ -f "$cache/package.json" ] || echo '{}' > "$cache/package.json"
    (cd "$cache" && npm install --no-audit --no-fund "$pkg")
fi
if [ $# -eq 0 ]; then
    set -- "$here"/../golden/py/*.py "$here"/../../scenarios/*.py
fi
for p in "$@"; do rm -f "${p%.py}.stdout315"; done
node "$here/pyodide_stdout.mjs" "$cache" stdout315 "$@"
