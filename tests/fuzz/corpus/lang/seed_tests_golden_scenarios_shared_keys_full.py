class Node
gc.disable()
keep = []
for i in range(29):
 keep.append(Node())
n = Node()
n.a = keep
n.b = n
n.c = [n]
n.a = None
del n.b
x = n.c
del x
keep.clear()
del n
gc.collect()
