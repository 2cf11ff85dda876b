#refcount
class Node
def f(a, b):
 for j in range(2):
  return a
x = f(1, 2)
for i in range(2):
 for k in range(2):
  x = Node()
