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
churn()
a = R()
a.me = None
del a
c = None
b = B()
churn()
del b
log.clear()
for i in range(3):
 t = chain(2)
gc.set_threshold(6, 2, 2)
a = [c, c]
a.append(c)
x = {"k": c}
grave.clear()
a.append(c)
del a
grave.clear()
a = x
gc.collect(0)
del c
a = A()
e = F()
log.clear()
x = weakref.ref(e)
b = x
link(e, a)
x = b()
y = weakref.ref(a, cb)
c = churn()
d = weakref.ref(a, cb)
e.q = x
x = mk(c)
y = B()
d = [d, y, a]
for i in range(6):
 t = B()
 u = [t]
 t.q = u
del b, x
c.append(c)
for i in range(11):
 t = B()
 u = [t]
 t.q = u
log.clear()
d.append(e)
y.me = a
del e.q
gc.collect()
gc.unfreeze()
e = a
c = mk(y)
gc.set_threshold(10, 3, 1)
c.q = d
gc.set_threshold(4, 3, 1)
del a
y = weakref.ref(e, cb)
c.me = e
b = y()
d = F()
link(e, d)
gc.collect(0)
churn()
