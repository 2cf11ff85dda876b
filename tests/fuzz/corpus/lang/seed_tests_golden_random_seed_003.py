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
gc.collect()
churn()
gc.collect(2)
gc.disable()
e = []
e.append(None)
churn()
gc.collect()
e.clear()
e.append(e)
a = A()
gc.enable()
del e
gc.disable()
gc.collect()
del a
churn()
d = F()
c = weakref.ref(d)
d.me = None
d.q = c
a = weakref.ref(d, cb)
for i in range(8):
 t = F()
 t.p = t
gc.collect()
a = weakref.ref(d)
a = weakref.ref(d, cb)
del d.me
a = weakref.ref(d, cb)
