class Node
class Phoenix:
 graveyard.append(self)
def make_pair():
 a = Node()
 b = Node()
 a.peer = b
 b.peer = a
 return a
gc.disable()
p = make_pair()
del p
for i in range(3):
 t = Node()
 t.me = t
gc.collect()
