class Node
class Phoenix:
 graveyard.append(self)
gc.disable()
graveyard = []
p = Phoenix()
p.child = Node()
del p
graveyard.pop()
gc.collect()
