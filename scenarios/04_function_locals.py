"""Function locals are roots that go away

While a function runs, its local variables are roots: they keep objects
alive. When the function returns, its frame and all its locals disappear, so
whatever only a local referred to is freed; a returned object lives on if
the caller keeps it."""
import gc
import sys

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def build():
    scratch = Node("scratch")
    result = Node("result")
    return result


def peek(x):
    y = x
    print("inside peek:", sys.getrefcount(x))


# pause
# say: scratch dies when build returns; result lives on as kept.
kept = build()
print("kept:", kept.name)
# say: Inside peek, x and y add references; they go when peek returns.
peek(kept)
print("after peek:", sys.getrefcount(kept))
# say: Nobody keeps the result: both Nodes die when the call finishes.
build()
# say: A new result is bound to kept; the old one drops to 0 and is freed.
kept = build()
print("end")
