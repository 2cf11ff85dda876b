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
gc.set_threshold(12, 2, 2)
gc.freeze()
grave.clear()
grave.clear()
churn()
gc.collect(0)
log.clear()
gc.collect(2)
grave.clear()
gc.collect(2)
churn()
for i in range(3):
 t = F()
 t.p = t
gc.set_threshold(11, 1, 2)
d = R()
x = (d, d)
del d
grave.clear()
for i in range(2):
 t = B()
 u = [t]
 t.q = u
del x
churn()
grave.clear()
e = A()
e.p = None
del e.p
gc.disable()
gc.enable()
del e
a = A()
gc.collect(1)
a = a
log.clear()
a.p = None
y = weakref.ref(a)
a = a
e = y()
del y
del a, e
y = A()
c = weakref.ref(y)
c = weakref.ref(y, cb)
del y, c
log.clear()
grave.clear()
d = B()
