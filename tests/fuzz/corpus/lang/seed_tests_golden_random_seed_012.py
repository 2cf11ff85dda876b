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
d = F()
d.me = d
e = d
link(d, e)
d.me = e
y = [e]
for i in range(6):
 t = A()
 t.me = t
 y.append(t)
x = mk(y)
d.p = None
y[0] = e
y.clear()
y.append(e)
e = weakref.ref(x, cb)
for i in range(9):
 churn()
 y.append(9)
y.append(None)
y = chain(4)
n = gc.collect()
churn()
a = x
del y
del x
log.clear()
for i in range(12):
 t = A()
 t.me = t
churn()
gc.collect(1)
del e, a
del d
churn()
churn()
e = B()
churn()
e.q = e
gc.set_threshold(4, 4, 3)
gc.enable()
e.q = e
gc.set_threshold(12, 3, 4)
gc.collect(2)
gc.set_threshold(10, 3, 2)
gc.set_threshold(10, 4, 4)
del e
n = gc.collect()
churn()
