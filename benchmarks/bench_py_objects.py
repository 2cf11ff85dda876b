"""100,000 objects built in a loop

A doubly linked chain of 100,000 nodes: every node points at its
neighbours, so the chain is one long cycle that only the collector frees.
The automatic collections run while it grows."""
import gc

gc.collect()


class Node:
    def __init__(self, value, prev=None):
        self.value = value
        self.prev = prev
        self.next = None


# say: Build the chain: 100,000 nodes, each linked both ways.
head = Node(0)
cur = head
for i in range(1, 100000):
    node = Node(i, cur)
    cur.next = node
    cur = node
print("last value:", cur.value)
total = 0
cur = head
while cur is not None:
    total += cur.value % 7
    cur = cur.next
print("checksum:", total)
# say: Drop every name: the chain is garbage, held together by itself.
del head, cur, node
print("collected:", gc.collect())
