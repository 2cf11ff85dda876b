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
for i in range(7):
 t = mk(None)
 t.peer = t
y = churn()
e = None
gc.set_threshold(12, 2, 1)
gc.enable()
grave.clear()
del y, e
gc.collect(1)
gc.collect(0)
y = []
del y
gc.collect(2)
c = []
gc.collect(0)
n = gc.collect()
gc.collect()
for i in range(6):
 t = A()
 t.me = t
for i in range(12):
 t = F()
 t.p = t
 c.append(t)
c[0] = None
del c
gc.disable()
e = mk(None)
c = A()
e.q = c
del c, e
for i in range(9):
 t = mk(None)
 t.peer = t
y = B()
gc.unfreeze()
d = y
d.me = y
gc.collect()
y.p = d
del d
gc.freeze()
del y
a = R()
gc.collect(1)
n = gc.collect()
c = A()
link(a, c)
del a
c.me = c
c.q = None
y = R()
for i in range(8):
 churn()
gc.collect(1)
del y
del c
e = F()
for i in range(2):
 t = {"k": B()}
e.p = None
del e
churn()
grave.clear()
d = mk(None)
