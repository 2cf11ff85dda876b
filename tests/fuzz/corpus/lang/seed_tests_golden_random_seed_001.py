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
for i in range(3):
 churn()
d = mk(None)
for i in range(8):
 t = chain(2)
y = R()
a = y
n = gc.collect()
link(a, d)
x = weakref.ref(d)
y.p = d
gc.collect(2)
gc.collect()
del x, y
del a.p
b = weakref.ref(a, cb)
for i in range(12):
 t = mk(None)
 t.peer = t
a.p = a
a = (a, b)
gc.disable()
del a
gc.collect(1)
d.p = d
