"""Keys next to their dicts"""
import gc

gc.collect()


class Node:
    def __init__(self, name):
        self.name = name


a = Node("a")
b = Node("b")
d = {}
d[a] = 1
d[b] = 2
t = (a, b)
e = {}
e[t] = "pair"
del a, b, t
print(len(d), len(e))
