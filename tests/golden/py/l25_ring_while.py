"""A ring built with while, broken with break"""
import gc

gc.collect()


class R:
    def __init__(self, i):
        self.i = i
        self.next = None


first = R(0)
cur = first
i = 1
while i < 8:
    node = R(i)
    cur.next = node
    cur = node
    i += 1
cur.next = first
del node
steps = 0
cur = first
while True:
    steps += 1
    cur = cur.next
    if cur is first:
        break
print("ring of", steps)
del cur, first
print(gc.collect())
