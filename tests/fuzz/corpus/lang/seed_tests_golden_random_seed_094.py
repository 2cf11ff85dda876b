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
churn()
y = A()
d = {}
gc.collect()
churn()
a = weakref.ref(y, cb)
y.me = d
for i in range(7):
 t = mk(None)
 t.peer = t
x = B()
gc.enable()
c = weakref.ref(x)
for i in range(12):
 churn()
d = A()
d.p = None
e = c()
gc.disable()
b = a()
d = weakref.ref(x, cb)
b = A()
del y.me
e = [c, a, x]
a = A()
c = b
gc.set_threshold(11, 1, 2)
gc.enable()
c = x
e.append(None)
del b
e.append(e)
x = churn()
a.q = None
a.q = d
y = {"k": d}
del a.q
e.append(a)
d = weakref.ref(a)
del y
y = d()
for i in range(6):
 t = B()
 u = [t]
 t.q = u
gc.disable()
x.clear()
b = weakref.ref(a, cb)
x.append(b)
b = x.pop()
e.append(d)
for i in range(6):
 t = A()
 t.me = t
