#!/bin/sh
# Runs every .py golden test of py_goldens.cmake (tests/golden/py and the
# course in scenarios/) directly, the DISABLED ones
# of suite.cmake too, against a gcviz binary and prints one line per test:
# PASS, or FAIL with the first difference; then the failing names in the form
# of suite.cmake's GCVIZ_PY_NOT_YET list.
#
#   tests/py/py_status.sh [build/gcviz]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
course=$(cd "$here/../../scenarios" && pwd)
g=${1:-$here/../../build/gcviz}
gcviz=$(cd "$(dirname "$g")" && pwd)/$(basename "$g")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
: > "$tmp/failing"
run() { # name, cmake args...
    name=$1; shift
    if cmake "$@" > "$tmp/log" 2>&1; then
        pass=$((pass + 1)); echo "PASS $name"
    else
        fail=$((fail + 1))
        why=$(tr '\n' ' ' < "$tmp/log" | sed -e 's/  */ /g' \
              -e 's/.*\(golden: .*\) gcviz: \(.*\)/\1 | gcviz: \2/' -e 's/(exit .*//' |
              cut -c1-200)
        echo "FAIL $name: $why"
        echo "  $name" >> "$tmp/failing"
    fi
}
for p in "$here"/../golden/py/*.py "$course"/*.py; do
    dir=$(cd "$(dirname "$p")" && pwd)
    n=$(basename "$p" .py)
    prefix=py_
    [ "$dir" = "$course" ] && prefix=py_course_
    for v in 312 313; do
        [ -e "$dir/$n.stdout$v" ] || continue
        run "${prefix}${n}_$v" -DGCVIZ="$gcviz" -DPROGRAM="$n.py" -DDIR="$dir" \
            -DPY="$(echo $v | sed 's/^3/3./')" -DSTDOUT="$dir/$n.stdout$v" \
            -DSTDERR="$dir/$n.stderr$v" -DUNRAISABLE="$dir/$n.unraisable$v" \
            -P "$here/compare_run.cmake"
    done
    [ -e "$dir/$n.trace313" ] || continue
    run "${prefix}${n}_trace" -DGCVIZ="$gcviz" -DPROGRAM="$n.py" -DDIR="$dir" -DPY=3.13 \
        -DGOLDEN="$dir/$n.trace313" -P "$here/compare_py_trace.cmake"
done
echo "$pass passed, $fail failed"
echo "set(GCVIZ_PY_NOT_YET"
cat "$tmp/failing"
echo ")"
