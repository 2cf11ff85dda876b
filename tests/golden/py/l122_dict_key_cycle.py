"""A cycle through a dict key"""
import gc
import sys
import weakref

gc.collect()


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


# say: node -> dict -> node, the node being the dict's key.
n = Node("n")
n.seen = {}
n.seen[n] = "self"
print(sys.getrefcount(n), gc.is_tracked(n.seen))
refs = gc.get_referents(n.seen)
print(len(refs), refs[0] == "self", refs[1] is n)
del refs
w = weakref.ref(n)
del n
print(w() is not None)
# say: Only the cycle collector frees it.
print(gc.collect(), w())
# say: Two nodes keyed in each other's dicts.
a = Node("a")
b = Node("b")
a.peers = {b: 1}
b.peers = {a: 2, (1, 2): a}
print(sys.getrefcount(a), sys.getrefcount(b))
refs = gc.get_referents(b.peers)
print(len(refs), refs[0] == 2, refs[1] is a, refs[2] is a, refs[3] == (1, 2))
del refs
del a, b
print(gc.collect())
# say: A tuple key holding an instance keeps both alive.
keep = {}
m = Node("m")
keep[(m, 0)] = "pair"
print(sys.getrefcount(m))
del m
print(gc.collect(), len(keep))
keep.clear()
print("cleared")
gen = {}
for i in range(5):
    gen[Node(i)] = {"id": i}
print(gc.is_tracked(gen), len(gen))
gen = None
print(gc.collect())
