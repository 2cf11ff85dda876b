#!/bin/sh
# check_valgrind.sh GCVIZ: valgrind over `gcviz trace` and `gcviz run` of
# every bundled scenario and `gcviz check` of every broken file: no leak, no
# invalid read or write, no use of uninitialised memory (`make
# check-valgrind`; needs a build without ASan).
set -u
gcviz=${1:?usage: check_valgrind.sh GCVIZ}
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v valgrind >/dev/null 2>&1 || { echo "check-valgrind: valgrind is not installed" >&2; exit 2; }
vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
fail=0 n=0
run() {
  # Exit status 99 is valgrind's; the verb's own status (0, or 1 for a
  # scenario that raises or a broken file) is not a failure here.
  $vg "$@" >/dev/null 2>"$tmp"
  if [ $? -eq 99 ]; then
    echo "FAIL: $*" >&2
    cat "$tmp" >&2
    fail=$((fail + 1))
  fi
  n=$((n + 1))
}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in "$root"/scenarios/*.json "$root"/scenarios/*.py; do
  [ "$(basename "$f")" = index.json ] && continue
  run "$gcviz" trace "$f"
  run "$gcviz" run "$f"
  if "$gcviz" record --help >/dev/null 2>&1; then
    out=$(mktemp -d)
    run "$gcviz" record "$f" --out "$out" --every statement --to 2 --size 640x360 --jobs 1 --quiet
    rm -rf "$out"
  fi
done
for f in "$root"/tests/scenario/broken/*.json; do
  run "$gcviz" check "$f"
done
echo "check-valgrind: $n runs, $fail with valgrind errors"
[ $fail -eq 0 ]
