class Node
for i in range(699):
 t = Node()
 t.me = t
t = Node()
u = Node()
gc.disable()
gc.collect()
