"""Objects as dict keys"""
import gc

gc.collect()


class Node:
    pass


a = Node()
b = Node()
edges = {}
edges[(1, 2)] = "x"
edges[a] = b
edges[(a, b)] = 3
print(len(edges))
