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
gc.set_threshold(9, 3, 1)
gc.enable()
gc.freeze()
c = mk(None)
c.p = None
x = c
x.q = x
c.q = c
del x.q
x.p = c
del c
b = B()
del x, b
for i in range(12):
 t = chain(2)
c = A()
x = chain(4)
d = mk(c)
grave.clear()
del x
b = R()
gc.collect()
b.q = c
grave.clear()
c = c
gc.collect(2)
y = A()
gc.collect(2)
gc.disable()
del b.q
d = churn()
d.pop()
c.me = y
b = weakref.ref(c, cb)
gc.collect(1)
y = weakref.ref(y, cb)
c.p = None
for i in range(9):
 churn()
 d.append(9)
del y
d[0] = None
for i in range(4):
 t = B()
 u = [t]
 t.q = u
for i in range(2):
 t = F()
 t.p = t
 d.append(t)
c.p = d
for i in range(7):
 t = F()
 t.p = t
gc.collect(1)
d.clear()
del b
log.clear()
c.me = c
a = mk(c)
x = c.me
d.append(x)
del d
