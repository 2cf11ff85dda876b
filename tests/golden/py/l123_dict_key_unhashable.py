"""A tuple holding a list is not a dict key"""
import gc
import sys

gc.collect()


class Node:
    def __del__(self):
        print("del node")


table = {}
n = Node()
table[(n, 1)] = "ok"
print(sys.getrefcount(n), (n, 1) in table, gc.is_tracked(table))
# say: Hashing the tuple hashes its items: a list among them is unhashable.
items = [1, 2]
table[(n, items)] = "no"
