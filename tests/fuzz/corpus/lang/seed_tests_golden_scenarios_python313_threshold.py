#3.13
class Node
for i in range(1999):
 t = Node()
 t.me = t
t = Node()
u = Node()
gc.disable()
gc.collect()
