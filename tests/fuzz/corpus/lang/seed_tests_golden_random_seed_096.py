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
gc.collect()
for i in range(8):
 t = mk(None)
 t.peer = t
for i in range(7):
 t = mk(None)
 t.peer = t
e = A()
d = weakref.ref(e)
e.me = None
c = weakref.ref(e, cb)
a = weakref.ref(e)
b = c()
gc.enable()
gc.freeze()
gc.disable()
gc.enable()
d = B()
for i in range(3):
 t = F()
 t.p = t
gc.collect()
d.p = d
c = {"k": e}
e.q = e
del e
log.clear()
d.me = None
gc.unfreeze()
gc.collect(0)
d.q = a
grave.clear()
x = d.p
e = weakref.ref(x, cb)
del e
c = A()
grave.clear()
churn()
del x.p
gc.collect(0)
gc.freeze()
