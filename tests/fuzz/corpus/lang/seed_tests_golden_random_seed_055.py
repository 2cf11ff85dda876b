class A
class B
class F:
 self.a = None
class R:
 grave.append(self)
def mk(x):
 o = A()
 o.peer = x
 return o
def link(a, b):
 a.next = b
 b.prev = a
def chain(n):
 h = None
 for i in range(n):
  nd = B()
  nd.next = h
  h = nd
 return h
def churn():
 t = A()
 t.me = t
 keep = [t]
 t = None
 return keep
def cb(r):
 log.append(r)
grave = []
log = []
c = A()
n = gc.collect()
for i in range(6):
 t = A()
 t.me = t
del c
b = chain(4)
a = b
gc.freeze()
gc.freeze()
b.me = None
for i in range(8):
 churn()
a.q = None
x = F()
a.me = a
y = A()
del a, x
b.me = None
churn()
e = A()
