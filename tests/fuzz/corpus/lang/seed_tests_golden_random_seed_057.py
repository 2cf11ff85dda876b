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
gc.disable()
churn()
log.clear()
gc.unfreeze()
n = gc.collect()
gc.collect(0)
gc.enable()
gc.disable()
gc.collect(1)
b = A()
d = weakref.ref(b)
for i in range(9):
 t = A()
 t.me = t
c = F()
b = d()
for i in range(4):
 churn()
