"""A traceback keeps a finished function's locals

The exception holds its traceback, the traceback the frame, the frame
the locals: `except ... as e` ends with `del e` to let them go."""
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def fail(name):
    n = Node(name)
    d = {}
    return d[name]


gc.collect()
try:
    fail("a")
except KeyError as e:
    print("caught", e, gc.get_count())
print("after", gc.get_count())

saved = None
try:
    fail("b")
except KeyError as e:
    saved = e
print("saved", gc.get_count(), sys.getrefcount(saved))
tb = saved.__traceback__
print(tb.tb_next.tb_next, gc.is_tracked(tb.tb_next.tb_frame))
del tb
# say: Dropping the exception frees the frame and its locals.
del saved
print("dropped", gc.get_count())


def keep():
    x = Node("c")
    try:
        x.missing
    except AttributeError as err:
        print(sys.getrefcount(x))
        mine = err
    return 1


# say: mine -> exception -> traceback -> frame -> mine: a cycle.
print(keep(), gc.get_count())
print("collected", gc.collect())
print(gc.get_count())
