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
for i in range(6):
 t = mk(None)
 t.peer = t
for i in range(10):
 t = F()
 t.p = t
for i in range(7):
 t = A()
 t.me = t
y = mk(None)
x = y
gc.collect(0)
y = y
gc.set_threshold(6, 1, 3)
gc.enable()
y.p = x
del x.p
gc.unfreeze()
del y
e = (x, x)
del x
gc.set_threshold(10, 3, 1)
del e
log.clear()
gc.collect(1)
for i in range(6):
 t = F()
 t.p = t
gc.collect()
d = A()
y = (d, 1)
y = {"k": y}
y = weakref.ref(d, cb)
d.q = d
n = gc.collect()
gc.set_threshold(3, 3, 4)
x = A()
link(x, d)
link(x, d)
log.clear()
y = mk(d)
del y
gc.collect(1)
log.clear()
y = 1
grave.clear()
d = x
gc.collect(0)
churn()
b = 1
x.q = None
z = [][0]
