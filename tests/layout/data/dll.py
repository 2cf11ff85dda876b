"""A doubly linked list

Five nodes, each referring to the next and back to the previous one: every
pair of neighbours is a cycle, so del of the names frees nothing until the
collector runs."""
import gc

gc.disable()


class Node:
    def __init__(self, name):
        self.name = name
        self.prev = None
        self.next = None


# say: Five nodes, each named.
a = Node("a")
b = Node("b")
c = Node("c")
d = Node("d")
e = Node("e")
# say: Link them both ways.
a.next = b
b.prev = a
b.next = c
c.prev = b
c.next = d
d.prev = c
d.next = e
e.prev = d
# pause
# say: The names go; each node is still referred to by its neighbours.
del a, b, c, d, e
# say: Only the cycle collector frees the list.
gc.collect()
