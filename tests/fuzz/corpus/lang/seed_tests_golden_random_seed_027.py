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
a = F()
del a
a = A()
a.q = None
gc.enable()
for i in range(12):
 t = A()
 t.me = t
b = R()
del b
gc.collect(0)
n = gc.collect()
for i in range(8):
 t = chain(2)
gc.collect(1)
a = weakref.ref(a)
del a
gc.collect(0)
n = gc.collect()
n = gc.collect()
for i in range(8):
 t = mk(None)
 t.peer = t
churn()
gc.unfreeze()
gc.collect()
y = []
a = (y, 1)
e = F()
log.clear()
b = weakref.ref(e)
for i in range(4):
 t = B()
 u = [t]
 t.q = u
del a, y
a = B()
d = A()
y = b()
churn()
a.p = None
gc.freeze()
gc.disable()
for i in range(4):
 t = chain(2)
for i in range(10):
 t = A()
 t.me = t
del e
a.p = d
log.clear()
e = b()
del b, d
d = a
d = d
for i in range(8):
 t = mk(None)
 t.peer = t
gc.collect(0)
a.q = d
d.p = e
x = weakref.ref(a)
y = weakref.ref(a)
b = mk(a)
d = 1
link(b, a)
