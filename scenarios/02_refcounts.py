"""Reference counts go up and down

CPython counts, for every object, how many references point at it: names,
attributes and list slots all count. Watch the badge on the Node as we bind,
alias, rebind and store it. (sys.getrefcount shows one more: its own
argument.)"""
import gc
import sys

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self):
        self.child = None


# say: One name refers to the new Node: its refcount is 1.
node = Node()
print(sys.getrefcount(node))
# say: alias refers to the same Node: refcount 2.
alias = node
print(sys.getrefcount(node))
# say: A second Node, called holder.
holder = Node()
# say: An attribute is a reference too: the Node's refcount is 3.
holder.child = node
print(sys.getrefcount(node))
# say: Each list slot is a reference: two more, refcount 5.
items = [node, node]
print(sys.getrefcount(node))
# say: Overwriting a slot drops that reference: refcount 4.
items[0] = None
# say: pop() takes out the last slot; its reference dies at the end of the line: 3.
items.pop()
print(sys.getrefcount(node))
# say: Rebinding alias: holder goes up to 2, the Node goes down to 2.
alias = holder
print(sys.getrefcount(holder), sys.getrefcount(node))
# say: The attribute no longer refers to the Node: refcount 1.
holder.child = None
print(sys.getrefcount(node))
