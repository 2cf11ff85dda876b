"""A tree with __del__

Each node writes its name down when it is finalized: one del of the root
frees the whole tree, every parent before its children."""
import gc

gc.disable()
order = []


class Node:
    def __init__(self, name, left=None, right=None):
        self.name = name
        self.left = left
        self.right = right

    def __del__(self):
        order.append(self.name)


# say: A root with two children, each with two leaves (the leaves are made first).
root = Node("root", Node("left", Node("ll"), Node("lr")), Node("right", Node("rl"), Node("rr")))
# pause
# say: One del: each node's __del__ runs, the parent before its children.
del root
print(order)
