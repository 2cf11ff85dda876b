"""py_runner.py - runs one .py program under the gcviz oracle's probe.

Internal to cpython_trace.py (source mode), which compiles the instrumented
program, builds reftracer.c and starts this file as

    python3.13 py_runner.py DATA

in the program's folder, with stdout a pipe (block-buffered, as a plain run
redirected to a file).  The program runs as __main__ in this very module's
dict, which is cleared of everything this file bound before the program
starts, so its keys are those of a plain run's __main__ (`__name__` ...
`__cached__`) followed by the program's own, and what happens at exit
(__main__ cleared, the final collections) happens as in a plain run.  This
file imports nothing the program may import (gc, weakref): their import is
part of the program.
"""
import marshal
import sys

f = open(sys.argv[1], "rb")
data = marshal.load(f)
f.close()
sys.path.insert(0, data["extdir"])
import gcviz_reftracer  # noqa: E402
del sys.path[0]
import builtins  # noqa: E402

builtins.__rt__ = gcviz_reftracer.configure_source(
    data["prefixes"], data["noid"], data["classes"], data["collects"], "", data["trace"],
    globals(),
    builtins.print, sys.__excepthook__)
builtins.__rt_code__ = marshal.loads(data["code"])
builtins.print = gcviz_reftracer.print
sys.excepthook = gcviz_reftracer.excepthook
sys.argv = [data["path"]]
sys.path[0] = data["dir"]
__file__ = data["path"]
__loader__.path = data["path"]
gcviz_reftracer.start()
del f, data, gcviz_reftracer, builtins, marshal, sys
exec(__rt_code__, globals())
