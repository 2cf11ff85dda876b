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
log.clear()
gc.collect(1)
log.clear()
grave.clear()
for i in range(2):
 t = mk(None)
 t.peer = t
y = mk(None)
log.clear()
y = weakref.ref(y)
grave.clear()
gc.disable()
b = y
del y
c = mk(b)
c.p = b
del c
del b
gc.collect(0)
log.clear()
b = A()
c = F()
del b
x = weakref.ref(c)
c.p = None
d = A()
d.p = x
del c
d.me = x
del d.me
for i in range(12):
 t = B()
 u = [t]
 t.q = u
del d.p
y = weakref.ref(d, cb)
log.clear()
for i in range(8):
 t = chain(2)
for i in range(9):
 t = B()
 u = [t]
 t.q = u
del y
del d
for i in range(6):
 t = B()
 u = [t]
 t.q = u
del x
d = R()
gc.freeze()
for i in range(6):
 t = {"k": B()}
churn()
del d
gc.collect(2)
grave.clear()
churn()
x = B()
a = weakref.ref(x, cb)
n = gc.collect()
del x
d = A()
gc.set_threshold(5, 3, 3)
d = R()
del d
gc.freeze()
b = None
del b
churn()
