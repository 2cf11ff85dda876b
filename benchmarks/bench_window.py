#!/usr/bin/env python3
"""bench_window.py: the window's speed against the targets of issue 3.

    python3 benchmarks/bench_window.py [--build DIR] [--quick]

Builds two scenarios in a temporary folder and measures, on SDL's software
renderer (no GPU: the worst case),
  - ms per frame while stepping at the busiest point of a run with 300
    live cards at 1920x1080 (bench_window frames), in the default view
    (the cards that fit at 100 %) and after F, which fits every card on
    screen in the overview style ("fit");
  - ms per random jump (seek + frame) in a 10,000-step scenario
    (bench_window jumps), and the scenario's load time;
  - the CPU used by the window while paused: gcviz on a bundled scenario
    under xvfb-run, untouched, utime + stime from /proc/PID/stat (skipped
    with a message when xvfb-run is missing).
Prints each figure with its target and the ratio figure / target (below
1.0 is met).  Frames and jumps are CPU time of the window's thread (what
they cost; the wall time, which also counts other processes on a busy
machine, is in the note after each).  DIR is the CMake build folder holding gcviz and
benchmarks/bench_window (default: build, then build-perf).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FRAME_MS = 1000.0 / 60.0   # 60 frames per second while animating
JUMP_MS = 16.0             # a jump anywhere within one frame
IDLE_CPU = 0.02            # less than 2 % of one core while paused
IDLE_SECONDS = 10


def scenario_300():
    return {"title": "300 cards", "classes": {"Node": {}},
            "steps": ["gc.disable()", "keep = []",
                      {"for": "i in range(299)", "body": ["n = Node()", "n.me = n", "keep.append(n)"]},
                      "del n", "keep.clear()", "gc.collect()"]}


def scenario_10k():
    cycle = ["a.p = b", "b.p = a", "x = Node()", "x.me = x", "del x", "a.p = None"]
    steps = ["gc.disable()", "a = Node()", "b = Node()"]
    steps += [cycle[i % len(cycle)] for i in range(10000 - len(steps))]
    return {"title": "10,000 steps", "classes": {"Node": {}}, "steps": steps}


def find_build(arg):
    for d in ([arg] if arg else ["build", "build-perf"]):
        d = d if os.path.isabs(d) else os.path.join(ROOT, d)
        if os.path.exists(os.path.join(d, "benchmarks", "bench_window")):
            return d
    sys.exit("bench_window.py: no benchmarks/bench_window in %s; build it first "
             "(cmake --build DIR --target bench_window gcviz)" % (arg or "build or build-perf"))


def run_json(cmd):
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def row(what, figure, unit, target, note=""):
    ratio = figure / target
    print("%-46s %9.2f %-4s target %6.2f %-4s ratio %5.2f  %s%s" %
          (what, figure, unit, target, unit, ratio, "met" if ratio < 1.0 else "NOT met",
           ("  (" + note + ")") if note else ""))


def idle_cpu(gcviz):
    """Fraction of one core used by an untouched window, from 2 s after start
    (load and first frames done) over IDLE_SECONDS, and from the start."""
    if not shutil.which("xvfb-run"):
        print("idle CPU: skipped (xvfb-run is not installed)")
        return None
    scen = os.path.join(ROOT, "scenarios", "08_collect_step_by_step.py")
    script = ('"$0" "$1" & pid=$!; sleep 2; '
              'a=$(cut -d" " -f14,15 /proc/$pid/stat); sleep %d; '
              'b=$(cut -d" " -f14,15 /proc/$pid/stat); '
              'echo "$a $b $(getconf CLK_TCK)"; kill $pid; wait $pid 2>/dev/null; exit 0' % IDLE_SECONDS)
    p = subprocess.run(["xvfb-run", "-a", "-s", "-noreset -screen 0 1920x1080x24", "sh", "-c", script,
                        gcviz, scen], capture_output=True, text=True, timeout=IDLE_SECONDS + 60)
    try:
        u0, s0, u1, s1, hz = (int(v) for v in p.stdout.split()[-5:])
    except ValueError:
        print("idle CPU: could not measure (%s)" % (p.stderr.strip().splitlines() or ["no output"])[-1])
        return None
    return (u1 + s1 - u0 - s0) / hz / IDLE_SECONDS, (u1 + s1) / hz / (IDLE_SECONDS + 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", help="CMake build folder (default: build, then build-perf)")
    ap.add_argument("--quick", action="store_true", help="fewer frames and jumps")
    a = ap.parse_args()
    build = find_build(a.build)
    bench = os.path.join(build, "benchmarks", "bench_window")
    gcviz = os.path.join(build, "gcviz")
    nframes, njumps = (30, 40) if a.quick else (120, 200)
    with tempfile.TemporaryDirectory(prefix="gcviz-bench-") as tmp:
        s300 = os.path.join(tmp, "c300.json")
        s10k = os.path.join(tmp, "s10k.json")
        with open(s300, "w") as f:
            json.dump(scenario_300(), f)
        with open(s10k, "w") as f:
            json.dump(scenario_10k(), f)
        t0 = time.time()
        fr = run_json([bench, "frames", s300, "1920", "1080", str(nframes)])
        ff = run_json([bench, "frames", s300, "1920", "1080", str(nframes), "fit"])
        jm = run_json([bench, "jumps", s10k, str(njumps)])
    print("gcviz window, SDL software renderer, %s (%.0f s)" % (os.path.relpath(build, ROOT),
                                                            time.time() - t0))
    # CPU time of the window's thread: what a frame costs; the wall time
    # also counts the time other processes had the core (a busy machine)
    row("frame, 300 live cards, 1920x1080", fr["cpu_ms_per_frame"], "ms", FRAME_MS,
        "%d cards on screen, worst %.1f ms; wall %.1f, worst %.1f" %
        (fr.get("cards_drawn", -1), fr["cpu_worst_ms"], fr["ms_per_frame"], fr["worst_ms"]))
    row("frame, all 300 cards on screen (F), 1920x1080", ff["cpu_ms_per_frame"], "ms", FRAME_MS,
        "%d cards on screen, worst %.1f ms; wall %.1f, worst %.1f" %
        (ff.get("cards_drawn", -1), ff["cpu_worst_ms"], ff["ms_per_frame"], ff["worst_ms"]))
    row("worst frame (either view)", max(fr["cpu_worst_ms"], ff["cpu_worst_ms"]), "ms", FRAME_MS)
    row("jump in 10,000 steps (seek + frame)", jm["cpu_ms_per_jump"], "ms", JUMP_MS,
        "seek %.2f ms, worst jump %.1f ms; wall %.1f, worst %.1f" %
        (jm["seek_cpu_ms"], jm["cpu_worst_ms"], jm["ms_per_jump"], jm["worst_ms"]))
    row("worst jump in 10,000 steps", jm["cpu_worst_ms"], "ms", JUMP_MS)
    if "load_ms" in jm:
        print("%-46s %9.0f ms   (no target)" % ("load of the 10,000-step scenario", jm["load_ms"]))
    idle = idle_cpu(gcviz) if os.path.exists(gcviz) else None
    if idle is not None:
        row("CPU while paused (%d s, untouched)" % IDLE_SECONDS, idle[0] * 100, "%", IDLE_CPU * 100,
            "%.2f %% of a core counting start-up" % (idle[1] * 100))


if __name__ == "__main__":
    main()
