class Node
gc.disable()
holder = Node()
a = Node()
b = Node()
c = Node()
a.next = b
b.next = c
c.next = a
holder.first = a
del a, b, c
gc.collect()
del holder
gc.collect()
