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
gc.collect(2)
for i in range(11):
 t = B()
 u = [t]
 t.q = u
c = A()
a = c
e = B()
e = weakref.ref(e, cb)
grave.clear()
for i in range(6):
 t = F()
 t.p = t
a = F()
gc.unfreeze()
log.clear()
y = mk(a)
grave.clear()
c.p = a
gc.collect(2)
y.q = a
e = B()
a.q = a
d = (a, a)
link(y, e)
b = d
for i in range(10):
 t = B()
 u = [t]
 t.q = u
del e
del a.q
x = (y, a)
grave.clear()
churn()
grave.clear()
a = c.p
a.p = a
del y
churn()
d = F()
gc.collect(2)
c = None
a.q = d
churn()
grave.clear()
a = {}
d.me = c
churn()
n = gc.collect()
y = x[0]
del a, x
for i in range(2):
 t = B()
 u = [t]
 t.q = u
d = F()
e = R()
