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
y = R()
y.p = y
del y
for i in range(2):
 churn()
gc.unfreeze()
log.clear()
gc.collect()
d = B()
d = weakref.ref(d)
x = d()
c = d()
x = d()
b = A()
churn()
d = d()
del b
gc.collect(2)
gc.collect()
del c
grave.clear()
del d, x
for i in range(11):
 t = F()
 t.p = t
