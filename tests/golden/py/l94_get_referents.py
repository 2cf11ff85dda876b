import gc
import sys
import weakref
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.parent = None
        self.children = []


def names(objs):
    out = []
    for o in objs:
        if isinstance(o, Node):
            out.append("Node " + getattr(o, "name", "?"))
        elif isinstance(o, list):
            out.append("list of " + str(len(o)))
        else:
            out.append(o)
    return out


# gc.get_referents(x) lists what x's tp_traverse visits: an instance its
# attribute values in its class's key order, then its class; a list its
# items last first; a dict its values (and each key after its value when a
# key is not a str).  The list it returns is new (METH_VARARGS: the
# argument tuple lives through the call).
print(["start"])
root = Node("root")
leaf = Node("leaf")
leaf.parent = root
root.children.append(leaf)
print(names(gc.get_referents(root)))
print(names(gc.get_referents(leaf)))
print(names(gc.get_referents(root.children)))
del leaf.name
leaf.extra = 7
print(names(gc.get_referents(leaf)), gc.get_count())
refs = gc.get_referents(root, leaf)
print(len(refs), gc.get_count(), sys.getrefcount(root))
print(gc.get_referents({"a": root, "b": 2}) == [root, 2])
print(names(gc.get_referents({1: "one", 2: leaf})))
print(gc.get_referents((1, (2, 3), "x"), 5, "s", None, ()))
wr = weakref.ref(root)
print(gc.get_referents(wr), gc.get_referents([]))
del refs
del root, leaf
print(gc.get_count(), gc.collect())
