#!/usr/bin/env python3
"""Speed of `gcviz record`: every micro-step of a two-cycle scenario at 1920x1080.

Records tests/golden/scenarios/f02_two_cycle.json with `--every micro` into a
temporary folder several times, with DISPLAY unset, and prints the best
frames per second (frames written / wall time of the whole command: start,
run, layout, rendering and PNG encoding included) for one process and for
the default number of processes (one per CPU), plus the CPU time per frame.
The default must reach 30 frames per second (exit 1 if not).

    benchmarks/bench_record.py [--gcviz build/gcviz] [--runs N] [--scenario FILE]

Wall time depends on what else the machine runs: the load average is printed
with the result, and CPU milliseconds per frame are the number to compare
between machines.
"""
import argparse
import glob
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_FPS = 30.0


def run_once(gcviz, scenario, jobs, tmp):
    out = os.path.join(tmp, "frames")
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    cmd = [gcviz, "record", scenario, "--out", out, "--every", "micro", "--size", "1920x1080", "--quiet"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit("bench_record: %s exited %d\n%s" % (" ".join(cmd), p.returncode, p.stderr))
    frames = len(glob.glob(os.path.join(out, "*.png")))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return frames, wall, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gcviz", default=os.path.join(HERE, "..", "build", "gcviz"))
    ap.add_argument("--scenario", default=os.path.join(HERE, "..", "tests", "golden", "scenarios", "f02_two_cycle.json"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    if not os.path.exists(a.gcviz):
        sys.exit("bench_record: no gcviz at %s (build first, or pass --gcviz)" % a.gcviz)
    ncpu = os.cpu_count() or 1
    results = {}
    with tempfile.TemporaryDirectory(prefix="gcviz-bench-record-") as tmp:
        for label, jobs in (("1 process", 1), ("default (%d CPU)" % ncpu, 0)):
            best = None
            for _ in range(a.runs):
                r = run_once(a.gcviz, a.scenario, jobs, tmp)
                if best is None or r[1] < best[1]:
                    best = r
            results[label] = best
    load = os.getloadavg()[0]
    print("gcviz record --every micro, 1920x1080, %s" % os.path.basename(a.scenario))
    print("%-20s %7s %9s %9s %12s" % ("", "frames", "wall s", "frames/s", "CPU ms/frame"))
    for label, (frames, wall, cpu) in results.items():
        print("%-20s %7d %9.2f %9.1f %12.1f" % (label, frames, wall, frames / wall, cpu * 1000 / frames))
    frames, wall, _ = results["default (%d CPU)" % ncpu]
    fps = frames / wall
    print("load average %.2f on %d CPU; target %.0f frames/s: %s" % (load, ncpu, TARGET_FPS, "ok" if fps >= TARGET_FPS else "MISSED"))
    sys.exit(0 if fps >= TARGET_FPS else 1)


if __name__ == "__main__":
    main()
