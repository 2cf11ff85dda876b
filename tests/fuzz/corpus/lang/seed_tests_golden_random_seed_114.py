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
gc.collect(0)
log.clear()
log.clear()
a = mk(None)
a.p = None
a = a.p
gc.disable()
for i in range(8):
 t = B()
 u = [t]
 t.q = u
a = B()
d = weakref.ref(a)
grave.clear()
a = churn()
x = d()
d = a[0]
log.clear()
del a
for i in range(3):
 t = F()
 t.p = t
del x
gc.collect(2)
d.q = d
for i in range(3):
 t = chain(2)
gc.collect()
del d
churn()
for i in range(7):
 churn()
gc.collect(2)
a = R()
x = R()
