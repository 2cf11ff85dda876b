"""enumerate of something not iterable

The enumerate object is made, fails to get an iterator and dies; the
argument is released before the traceback."""
import gc
import sys

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


d = {"a": Obj("a")}
for k, v in d.items():
    print(k, v.name, sys.getrefcount(v))
del k, v
gc.collect()
before = gc.get_count()
for i, o in enumerate([Obj("x")], True):
    print(i, o.name)
print(before, gc.get_count())
for i, o in enumerate(Obj("z")):
    print("not reached")
