class Node
class D:
 pass
gc.disable()
l = [D(), D(), D()]
del l
t = (D(), D(), D())
del t
d = {"x": D(), "y": D(), "z": D()}
del d
h = Node()
h.zeta = D()
h.alpha = D()
h.mid = D()
del h
