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
for i in range(9):
 t = chain(2)
e = B()
e = e
e = (e, 1)
for i in range(6):
 t = (i, A())
log.clear()
d = (e, 1)
grave.clear()
del e, d
for i in range(8):
 churn()
gc.enable()
e = A()
gc.collect()
x = e
del x, e
gc.collect()
churn()
for i in range(5):
 t = F()
 t.p = t
gc.collect()
gc.disable()
a = mk(None)
d = weakref.ref(a, cb)
a.p = None
gc.unfreeze()
for i in range(10):
 t = chain(2)
