class Node
gc.disable()
l = [Node(), Node(), Node()]
l.pop()
x = l.pop(0)
l.clear()
del x
