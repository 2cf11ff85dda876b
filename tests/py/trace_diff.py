#!/usr/bin/env python3
"""trace_diff.py - where gcviz's trace of each .py golden first differs from
CPython's, field by field, optionally ignoring "count".

    tests/py/trace_diff.py [--gcviz build/gcviz] [--ignore-count] [NAME.py ...]

Prints, per program, the first differing field (stmt, objects, freed,
finalized, collected, collections, error, count) with the statement and both
values, then how many programs differ in each field.  Lines before the first
`gc.collect()` step are skipped and the exit line is compared on freed and
finalized only, as tests/py/compare_py_trace.cmake does.  A diagnostic for
the .py work (count[0] differences hide everything after them in ctest's
byte comparison); the tests themselves are tests/py/py_goldens.cmake.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "golden", "py")
COURSE = os.path.join(HERE, "..", "..", "scenarios")


def after_first_collect(lines):
    for i, line in enumerate(lines):
        if '"stmt": "gc.collect()"' in line:
            return lines[i + 1:]
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gcviz", default=os.path.join(HERE, "..", "..", "build", "gcviz"))
    ap.add_argument("--ignore-count", action="store_true")
    ap.add_argument("programs", nargs="*")
    a = ap.parse_args()
    gcviz = os.path.abspath(a.gcviz)
    # a program is a path, or a bare name of tests/golden/py; default: those
    # and the course's chapters (scenarios/NN_*.py)
    progs = [p if os.path.dirname(p) else os.path.join(GOLDEN, p) for p in a.programs] or (
        sorted(glob.glob(os.path.join(GOLDEN, "*.py"))) +
        sorted(glob.glob(os.path.join(COURSE, "*.py"))))
    fields = ["stmt", "error", "objects", "freed", "finalized", "collected", "collections"]
    if not a.ignore_count:
        fields.append("count")
    cats = collections.Counter()
    same = 0
    for path in progs:
        folder, prog = os.path.split(os.path.abspath(path))
        name = prog[:-3]
        gpath = os.path.join(folder, name + ".trace313")
        if not os.path.exists(gpath):
            continue
        with open(gpath, encoding="utf-8") as f:
            want = after_first_collect(f.read().splitlines())
        r = subprocess.run([gcviz, "trace", "--python", "3.13", prog], cwd=folder,
                           capture_output=True, text=True)
        got = after_first_collect(r.stdout.splitlines())
        diff = None
        for i in range(max(len(want), len(got))):
            w = json.loads(want[i]) if i < len(want) else {"stmt": "<missing>"}
            try:
                g = json.loads(got[i]) if i < len(got) else {"stmt": "<missing>"}
            except ValueError:
                g = {"stmt": "<not JSON: %s>" % got[i][:80]}
            for k in fields:
                if w.get("stmt") == "<exit>" and k not in ("stmt", "freed", "finalized"):
                    continue
                if w.get(k) != g.get(k):
                    diff = (k, w.get("stmt"), json.dumps(w.get(k))[:160],
                            json.dumps(g.get(k))[:160])
                    break
            if diff:
                break
        if diff:
            cats[diff[0]] += 1
            print("%s: %s at `%s`\n  CPython: %s\n  gcviz:   %s" % ((name,) + diff))
        else:
            same += 1
    print("same%s: %d; first difference in: %s" % (
        " (count ignored)" if a.ignore_count else "", same,
        ", ".join("%s %d" % kv for kv in cats.most_common()) or "-"))
    return 0 if not cats else 1


if __name__ == "__main__":
    sys.exit(main())
