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
log.clear()
gc.collect()
gc.unfreeze()
gc.collect()
a = R()
c = a
log.clear()
e = B()
log.clear()
del c
n = gc.collect()
a.me = a
gc.set_threshold(12, 3, 1)
log.clear()
n = gc.collect()
churn()
e.me = a
gc.collect(0)
