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
x = A()
d = [x]
for i in range(6):
 t = mk(None)
 t.peer = t
x.me = x
x.me = None
a = []
del x.me
for i in range(2):
 t = (i, A())
del x
grave.clear()
del a
for i in range(4):
 t = A()
 t.me = t
d = (d, 1)
a = A()
gc.collect(2)
a.me = None
del a.me
for i in range(2):
 t = F()
 t.p = t
for i in range(12):
 t = (i, A())
del d
a = weakref.ref(a, cb)
gc.collect(0)
del a
for i in range(5):
 t = B()
 u = [t]
 t.q = u
for i in range(6):
 t = A()
 t.me = t
for i in range(6):
 t = (i, A())
a = mk(None)
for i in range(10):
 t = F()
 t.p = t
del a
grave.clear()
churn()
x = A()
log.clear()
del x
n = gc.collect()
d = mk(None)
d.q = None
gc.collect(2)
d.me = None
d.p = d
y = F()
churn()
y = weakref.ref(y, cb)
e = d.q
d.q = e
gc.disable()
d = d.q
b = y()
d = y()
del b, d
del e
gc.collect(2)
del y
x = A()
churn()
gc.collect(1)
