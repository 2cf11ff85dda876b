"""A parent/child tree with __del__

Children point to their parent and the parent lists its children."""
import gc

gc.collect()


class TreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def __del__(self):
        print("bye", self.name)


root = TreeNode("root")
left = TreeNode("left", root)
right = TreeNode("right", root)
leaf = TreeNode("leaf", left)
print(len(root.children), len(left.children), leaf.parent.parent.name)
# say: A leaf with no cycle dies as soon as its last name goes.
solo = TreeNode("solo")
del solo
print("solo gone")
# say: The tree is one big cycle; the names go, nothing is printed.
del root, left, right, leaf
print("names deleted")
# pause
# say: The collector finds the tree and calls every __del__ first.
n = gc.collect()
print("collected", n)
