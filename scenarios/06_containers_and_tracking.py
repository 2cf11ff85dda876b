"""Lists, tuples and dicts hold references

Containers hold references to their items just like attributes do. The
cycle collector only tracks objects that could be part of a cycle: a dict
holding only ints and strings is not tracked, and a tuple of such atoms is
untracked by the next collection."""
import gc
import sys

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    pass


# say: A Node with refcount 1.
node = Node()
# say: A list slot refers to it: refcount 2.
items = [node]
# say: A tuple refers to both: node 3, items 2.
pair = (node, items)
print(sys.getrefcount(node), sys.getrefcount(items))
# pause
# say: Only ints and strings: it can't be in a cycle, so it is not tracked.
scores = {"ann": 1, "bob": 2}
print(gc.is_tracked(scores))
# say: A dict value is a reference (node: 4), and now the dict is tracked.
scores["best"] = node
print(gc.is_tracked(scores), sys.getrefcount(node))
# say: A new tuple (of an int and a string) is tracked when created...
shape = (scores["ann"], "cm")
print(gc.is_tracked(shape))
# pause
# say: ...but a collection untracks a tuple whose items can't be in a cycle.
gc.collect()
print(gc.is_tracked(shape), gc.is_tracked(pair))
