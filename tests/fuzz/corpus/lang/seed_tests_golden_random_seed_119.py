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
y = mk(None)
del y
x = mk(None)
x.p = x
x.p = x
churn()
x.me = x
x = x
x.p = x
gc.collect(1)
a = [x]
gc.collect(2)
y = weakref.ref(x)
for i in range(8):
 t = mk(None)
 t.peer = t
 a.append(t)
for i in range(10):
 churn()
y = None
a.append(a)
e = x
n = gc.collect()
x.q = e
e = a[0]
x.p = x
x.me = a
del a
y = R()
gc.enable()
del y
del e.me
del e
x.p = None
