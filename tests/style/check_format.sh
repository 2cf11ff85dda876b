#!/bin/sh
# Lines of C changed since the commit in tests/style/format-base must be
# formatted as .clang-format says (older code is reformatted only when it is
# touched, so history stays readable).
#   check_format.sh SOURCE_DIR
# Needs git history and clang-format-diff; where either is missing it says
# so and fails, unless GCVIZ_SKIP_FORMAT=1 (a tarball build).
set -u
cd "$1" || exit 1
base=$(cat tests/style/format-base)
if [ "${GCVIZ_SKIP_FORMAT:-0}" = 1 ]; then
    echo "format check skipped (GCVIZ_SKIP_FORMAT=1)"
    exit 0
fi
diff_tool=$(command -v clang-format-diff || command -v clang-format-diff-14 || true)
if [ -z "$diff_tool" ] || ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    echo "format check needs clang-format-diff and the git history (base $base);" \
         "set GCVIZ_SKIP_FORMAT=1 to build from a tarball"
    exit 1
fi
out=$(git diff -U0 --no-color "$base" -- 'src/*.c' 'src/*.h' | "$diff_tool" -p1)
if [ -n "$out" ]; then
    echo "$out" | head -80
    echo "changed lines are not clang-formatted: fix with"
    echo "  git diff -U0 --no-color $base -- 'src/*.c' 'src/*.h' | clang-format-diff -p1 -i"
    exit 1
fi
echo "format ok"
