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
gc.collect(1)
gc.collect(0)
churn()
n = gc.collect()
gc.enable()
c = A()
c.p = c
del c
d = A()
gc.collect(0)
x = d
gc.collect(1)
d.p = x
x = d.p
d = mk(d)
gc.disable()
d = R()
gc.collect(2)
y = (x, d)
x = B()
n = gc.collect()
for i in range(7):
 t = chain(2)
grave.clear()
del d
x.q = y
e = weakref.ref(x, cb)
for i in range(9):
 t = chain(2)
churn()
a = A()
log.clear()
gc.unfreeze()
gc.set_threshold(2, 4, 1)
gc.enable()
del a
grave.clear()
gc.collect(2)
