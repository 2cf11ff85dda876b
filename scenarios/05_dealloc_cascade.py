"""One del frees a whole chain or tree

When an object is freed, CPython drops every reference it held, which can
bring more refcounts to 0. So one del can free a whole chain or tree, parent
before child, and stops at any object that something else still refers
to."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self, name, left=None, right=None):
        self.name = name
        self.left = left
        self.right = right

    def __del__(self):
        print("freed", self.name)


# say: A chain of three: each Node is referred to exactly once.
head = Node("head", Node("middle", Node("tail")))
# pause
# say: head hits 0; freeing it drops the next Node to 0, and so on down the chain.
del head
print("chain gone")
# say: Now a small tree: five Nodes, all hanging from root.
root = Node("root", Node("left", Node("left.left"), Node("left.right")), Node("right"))
# say: One leaf also has a name of its own: refcount 2.
leaf = root.left.right
# pause
# say: The tree is freed in one go, except the leaf that leaf still refers to.
del root
print("tree gone, leaf is", leaf.name)
