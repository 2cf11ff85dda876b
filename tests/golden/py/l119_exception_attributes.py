"""Attributes on exceptions

Setting an attribute on any exception, a built-in one too, makes its
__dict__; del removes the entry and releases the value."""
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class AppError(Exception):
    pass


gc.collect()
e = ValueError("bad")
print(gc.get_count(), len(gc.get_referents(e)))
# say: The first attribute makes the exception's __dict__.
e.note = Node("a")
print(gc.get_count(), e.note.name, len(gc.get_referents(e)), sys.getrefcount(e.note))
e.code = 3
print(gc.get_count(), e.code)
# say: del releases the value at once.
del e.note
print(gc.get_count())
try:
    del e.note
except AttributeError as err:
    print("no", err)
try:
    print(e.missing)
except AttributeError as err:
    print("missing", err)
try:
    raise KeyError("k")
except KeyError as k:
    k.where = Node("b")
    saved = k
print(saved.where.name, saved.args, gc.get_count())
del saved
print(gc.get_count())
a = AppError("x")
a.node = Node("c")
del a.node
print(gc.get_count())
try:
    del a.node
except AttributeError as err:
    print("no", err)
# say: An exception holding a node that holds it: a cycle.
t = TypeError("loop")
t.node = Node("d")
t.node.error = t
del t
print(gc.get_count())
print(gc.collect(), gc.get_count())
