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
y = R()
for i in range(3):
 t = {"k": B()}
a = (y, y)
y.me = None
for i in range(10):
 t = mk(None)
 t.peer = t
del y.me
y.p = None
gc.collect(1)
y.p = None
y.me = None
for i in range(4):
 t = {"k": B()}
n = gc.collect()
gc.disable()
del y.me
for i in range(10):
 t = B()
 u = [t]
 t.q = u
for i in range(5):
 t = mk(None)
 t.peer = t
n = gc.collect()
y.q = y
d = [a, y, a]
e = a
del y.q
d.clear()
d.append(None)
y.p = d
d.append(a)
c = a
for i in range(2):
 t = A()
 t.me = t
a = y.p
for i in range(7):
 t = A()
 t.me = t
a.append(d)
a.pop()
log.clear()
del y
gc.collect()
gc.unfreeze()
a[0] = None
grave.clear()
a = mk(d)
b = mk(d)
a.p = c
del a, c
d.append(d)
c = weakref.ref(b)
a = A()
d = F()
for i in range(7):
 t = mk(None)
 t.peer = t
y = R()
