"""A local read for its attribute before the function binds it:
UnboundLocalError, as CPython words it, from `gcviz run`'s lean run too."""
import gc; gc.collect()


class Node:
    pass


q = Node()
q.x = 1


def f():
    y = q.x
    q = Node()
    return y


print("start")
f()
