class Node
def make_pair():
 a = Node()
 b = Node()
 a.peer = b
 b.peer = a
 return a
def inner_collect():
 x = make_pair()
 k = gc.collect()
 return k
def drop(o):
 o.peer = None
 o = None
def chain(n):
 head = None
 for i in range(n):
  nd = Node()
  nd.next = head
  head = nd
 return head
gc.disable()
p = make_pair()
n = inner_collect()
del p
q = make_pair()
drop(q)
del q
gc.collect()
r = chain(4)
del r
