"""getattr without a default: the AttributeError of a missing attribute

hasattr and getattr(x, name, default) find nothing quietly; getattr(x,
name) raises the AttributeError an attribute read would, from inside the
function that asked, and the traceback shows both frames.  The objects
still named are finalized at exit."""
import gc
import sys

gc.collect()


class Box:
    def __init__(self, label):
        self.label = label

    def __del__(self):
        print("__del__", self.label)


def read(obj, name):
    print("read", name, hasattr(obj, name), type(getattr(obj, name, None)).__name__)
    return getattr(obj, name)


box = Box("x")
setattr(box, "size", 3)
print(read(box, "size"), sys.getrefcount(box), gc.get_count())
print(read(Box, "__init__") is Box.__init__, type(read(box, "label")).__name__)
value = read(box, "weight")
print("not reached", value)
