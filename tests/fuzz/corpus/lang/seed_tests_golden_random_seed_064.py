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
gc.collect(0)
b = R()
for i in range(8):
 t = A()
 t.me = t
b.p = b
x = R()
link(b, x)
gc.collect(0)
c = b.p
del x
del c, b
c = A()
del c
c = A()
for i in range(5):
 t = F()
 t.p = t
gc.collect(2)
grave.clear()
del c
c = mk(None)
c.q = None
del c.q
del c
gc.collect(1)
gc.enable()
y = chain(4)
y.p = None
del y
e = mk(None)
e = weakref.ref(e)
log.clear()
for i in range(4):
 t = B()
 u = [t]
 t.q = u
churn()
for i in range(10):
 t = (i, A())
d = (e, e)
gc.collect()
del d, e
for i in range(12):
 t = mk(None)
 t.peer = t
churn()
gc.collect(0)
d = A()
gc.set_threshold(5, 3, 2)
gc.collect()
d.p = d
