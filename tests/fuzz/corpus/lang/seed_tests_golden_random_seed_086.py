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
y = F()
gc.collect()
log.clear()
d = weakref.ref(y, cb)
grave.clear()
del d
a = weakref.ref(y)
c = a()
for i in range(6):
 t = A()
 t.me = t
grave.clear()
del c
gc.collect(0)
y.p = a
gc.freeze()
