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
grave.clear()
grave.clear()
y = mk(None)
for i in range(8):
 t = B()
 u = [t]
 t.q = u
log.clear()
x = weakref.ref(y)
del y
y = (x, x)
for i in range(7):
 t = B()
 u = [t]
 t.q = u
churn()
gc.collect(0)
d = A()
c = y[0]
x = y[0]
a = mk(x)
e = y[0]
for i in range(12):
 churn()
y = weakref.ref(a)
del e
gc.collect(2)
link(d, a)
a = None
b = [y, x, x]
for i in range(5):
 t = B()
 u = [t]
 t.q = u
grave.clear()
