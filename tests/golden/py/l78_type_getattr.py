"""type(), __class__, __name__, hasattr, getattr and setattr

type(x) gives x's class (a class of the program, or a built-in type:
immortal, no reference count moves); hasattr and getattr with a default
find nothing without making an AttributeError, but hasattr of a method
binds it (a method object: one more GC object in gc.get_count() while
hasattr runs, one less when it is freed, before hasattr returns).
setattr replaces an attribute as an assignment does: the old value's
last reference goes and its __del__ runs at once."""
import gc
import sys
import weakref

gc.collect()


class Node:
    kind = "node"

    def __init__(self, name):
        self.name = name
        self.next = None

    def __del__(self):
        print("__del__", self.name)

    def link(self, other):
        self.next = other


class Leaf(Node):
    pass


a = Node("a")
b = Leaf("b")
print(type(a) is Node, type(b) is Node, type(b) is Leaf, type(a) == type(b))
print(type(a).__name__, b.__class__.__name__, Node.__name__, type(Node).__name__)
print(type(a), type(5), type(None), type("s").__name__, type([]), type(()).__name__)
print(type({}), type(True), type(Node), type(type(a)))
print(isinstance(b, type(a)), isinstance(a, type(b)), isinstance(True, type(1)), isinstance([], list))
print(type(a.name) is str, type([1]) is list, type((1, 2)) is tuple, type(a) is not Leaf)
print(gc.get_count())
print(hasattr(a, "name"), hasattr(a, "missing"), hasattr(a, "kind"), hasattr(Node, "link"))
print(gc.get_count(), hasattr(a, "link"), gc.get_count())
print(getattr(a, "name"), getattr(a, "missing", None), getattr(b, "kind"), getattr(Leaf, "kind"))
print(sys.getrefcount(a), getattr(a, "next", a) is a, sys.getrefcount(a))


def gone(w):
    print("callback", w() is None)


r = weakref.ref(b, gone)
setattr(a, "next", b)
del b
print(sys.getrefcount(a.next), getattr(a, "next").name, gc.get_count())
setattr(a, "next", Node("c"))
print("replaced", getattr(a.next, "name"), r() is None)
setattr(a, "extra", [a])
print(hasattr(a, "extra"), sys.getrefcount(a), gc.get_count())
setattr(Node, "kind", "changed")
print(a.kind, getattr(Leaf("d"), "kind"))
n = "name"
print(getattr(a, n), id(a) == id(getattr(a, "extra")[0]), id(a) == id(a.next))
t = type(a)
print(t is Node, sys.getrefcount(a), t.__name__, type(t) is type, str is type("x"))
del a
print(gc.collect(), gc.get_count())
