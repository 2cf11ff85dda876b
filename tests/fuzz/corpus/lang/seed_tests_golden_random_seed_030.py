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
y = F()
a = [y, y, y]
a[0] = y
gc.set_threshold(10, 3, 2)
gc.collect(0)
y.q = y
gc.set_threshold(6, 3, 1)
del y
gc.disable()
churn()
for i in range(5):
 t = {"k": B()}
log.clear()
del a
gc.set_threshold(4, 3, 1)
n = gc.collect()
gc.collect(0)
churn()
e = B()
churn()
y = [e]
gc.enable()
y.clear()
for i in range(3):
 t = mk(None)
 t.peer = t
gc.collect(1)
e.me = e
c = weakref.ref(e, cb)
y.append(y)
grave.clear()
y.append(y)
del y, c
log.clear()
d = R()
del e.me
a = weakref.ref(e, cb)
d = a
for i in range(7):
 t = F()
 t.p = t
del a, e
for i in range(5):
 t = B()
 u = [t]
 t.q = u
for i in range(8):
 churn()
gc.collect(1)
gc.collect(1)
for i in range(2):
 t = chain(2)
for i in range(3):
 t = {"k": B()}
d = d()
log.clear()
for i in range(12):
 t = F()
 t.p = t
gc.collect()
