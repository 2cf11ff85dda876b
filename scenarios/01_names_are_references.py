"""Names are references, not boxes

Every object a Python program makes is allocated on the heap while the
program runs. A variable is not a box that holds the object: it is a name
that refers to it, and b = a copies the reference, never the object."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
# say: Automatic collection is off, so nothing happens behind our back.
gc.disable()


class Node:
    def __init__(self, label):
        self.label = label


# say: [] allocates a new list on the heap; the name a refers to it.
a = []
# say: b = a copies the reference: one list, two names pointing at it.
b = a
print(a is b)
# say: Node("p") allocates a second object; point refers to it.
point = Node("p")
# say: We change the list through b. The list now refers to the Node.
b.append(point)
print(len(a), a[0] is point)
# say: [] again: a brand-new, separate list. c refers to it.
c = []
# say: b now points at the new list. The first list is still reached via a.
b = c
print(a is b, b is c)
# say: a now refers to the Node. No name reaches the first list: it is freed.
a = point
print(a.label)
