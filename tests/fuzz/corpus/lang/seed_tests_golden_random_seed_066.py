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
c = A()
churn()
c.me = None
c = weakref.ref(c, cb)
del c
c = A()
del c
x = A()
x.p = x
del x.p
x.q = None
log.clear()
del x
gc.collect(2)
c = mk(None)
c.me = c
