"""A binary tree of 15 nodes

Built level by level from a list of the nodes made so far; when the list
goes, the root's name keeps the whole tree alive."""
import gc

gc.disable()


class Node:
    pass


root = Node()
nodes = [root]
for i in range(7):
    p = nodes[i]
    p.left = Node()
    p.right = Node()
    nodes.append(p.left)
    nodes.append(p.right)
# say: The list goes: the tree hangs from root alone.
del nodes, p
