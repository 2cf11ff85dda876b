#!/usr/bin/env python3
"""Ctrl-C stops `gcviz record`.

    interrupt.py GCVIZ SCENARIO OUTDIR

SIGINT to the recorder's process group (what a terminal sends on Ctrl-C)
must end the recorder and every worker it started within seconds, with a
non-zero exit; so must SIGTERM to the recorder alone (its workers stop
when it is gone).  SCENARIO has thousands of micro-steps, so the recording
is far from done when the signal comes.
"""
import os
import signal
import subprocess
import sys
import time


def recording(out):
    """Pids of the processes still recording into out (from /proc: no
    procps needed)."""
    pids = []
    for d in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                args = f.read().split(b"\0")
            with open("/proc/%s/stat" % d) as f:
                zombie = f.read().rsplit(")", 1)[1].split()[0] == "Z"
        except (OSError, IndexError):
            continue
        if not zombie and b"record" in args and out.encode() in args:
            pids.append(int(d))
    return pids


def wait_for(cond, seconds, what):
    end = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > end:
            sys.exit("interrupt.py: " + what)
        time.sleep(0.1)


def one(gcviz, scen, out, how):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    # a session of its own, as a terminal's foreground job is a group of its own
    p = subprocess.Popen([gcviz, "record", scen, "--every", "micro", "-q", "--out", out],
                         env=env, start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: os.path.isdir(out) and any(f.endswith(".png") for f in os.listdir(out)),
                 120, "%s: no frame written after 120 s" % how)
        wait_for(lambda: len(recording(out)) > 1, 30, "%s: no worker started" % how)
        if how == "SIGINT":
            os.killpg(p.pid, signal.SIGINT)
        else:
            os.kill(p.pid, signal.SIGTERM)
        wait_for(lambda: not recording(out), 20,
                 "%s: %d process(es) still recording after 20 s" % (how, len(recording(out))))
        rc = p.wait(10)
        if rc == 0:
            sys.exit("interrupt.py: %s: gcviz record exited 0" % how)
        n = len(os.listdir(out))
        print("%s: stopped after %d frame(s), exit %d" % (how, n, rc))
    finally:
        for pid in recording(out):
            os.kill(pid, signal.SIGKILL)


def main():
    gcviz, scen, outdir = sys.argv[1:4]
    one(gcviz, scen, os.path.join(outdir, "int"), "SIGINT")
    one(gcviz, scen, os.path.join(outdir, "term"), "SIGTERM")


if __name__ == "__main__":
    main()
