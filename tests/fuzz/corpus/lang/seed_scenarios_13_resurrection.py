class Node
class Phoenix:
 graveyard.append(self)
gc.disable()
graveyard = []
bird = Phoenix()
del bird
graveyard.clear()
a = Phoenix()
b = Node()
a.peer = b
b.peer = a
del a, b
gc.collect()
graveyard.clear()
gc.collect()
