class Node
def make():
 n = Node()
 m = Node()
 k = Node()
 n.me = n
 return k
gc.set_threshold(2, 10, 10)
gc.collect(0)
a = Node()
a.me = a
b = Node()
a = Node()
gc.collect(0)
c = [b]
x = [b]
y = [b]
z = make()
gc.disable()
gc.collect()
