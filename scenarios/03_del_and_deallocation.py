"""del removes a name, not an object

del only removes a name (or a slot, or an attribute) and drops one
reference. When an object's refcount reaches 0, CPython frees it
immediately, in the middle of that very statement; there is no waiting for a
collector."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


# say: A new Node with refcount 1.
a = Node("first")
# say: Two names: refcount 2.
b = a
# say: del removes the name a. The Node is still alive: b refers to it (refcount 1).
del a
print("after del a")
# pause
# say: The last reference is gone: refcount 0, the Node is freed at once.
del b
print("after del b")
# say: A new Node bound to x.
x = Node("x1")
# say: Rebinding x: the second Node is stored, then the first drops to 0 and is freed.
x = Node("x2")
# say: A list holding two more Nodes.
items = [Node("item0"), Node("item1")]
# say: Deleting a slot drops that Node's only reference: freed.
del items[0]
# say: Freeing the list drops its last slot, so that Node is freed too.
del items
print("end")
