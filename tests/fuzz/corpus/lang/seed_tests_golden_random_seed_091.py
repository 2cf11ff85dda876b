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
d = A()
gc.collect()
d.me = None
e = d
d = None
grave.clear()
gc.disable()
a = weakref.ref(e, cb)
gc.collect(2)
del a
e.me = e
for i in range(3):
 t = B()
 u = [t]
 t.q = u
e.p = None
x = [e]
churn()
gc.collect()
for i in range(11):
 t = mk(None)
 t.peer = t
gc.collect(2)
