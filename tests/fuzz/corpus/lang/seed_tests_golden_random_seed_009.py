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
x = R()
e = mk(x)
gc.disable()
e.q = e
gc.collect()
del x
for i in range(11):
 t = F()
 t.p = t
gc.unfreeze()
a = weakref.ref(e, cb)
for i in range(7):
 t = B()
 u = [t]
 t.q = u
del e.q
del e, a
churn()
c = A()
del c
for i in range(2):
 churn()
d = A()
c = A()
y = {}
y = B()
del c
d = d
e = R()
churn()
log.clear()
e.me = e
a = y
for i in range(4):
 t = mk(None)
 t.peer = t
a.p = e
d = []
d.clear()
b = e
gc.freeze()
del y
b = (a, d)
gc.enable()
gc.collect()
del d
e.me = b
for i in range(5):
 churn()
gc.collect(0)
gc.collect(0)
