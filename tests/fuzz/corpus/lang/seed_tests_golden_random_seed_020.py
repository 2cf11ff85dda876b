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
log.clear()
for i in range(8):
 t = B()
 u = [t]
 t.q = u
gc.set_threshold(11, 4, 4)
gc.enable()
gc.collect()
d = {}
a = F()
log.clear()
y = {}
gc.freeze()
a.q = a
a.p = d
log.clear()
for i in range(6):
 t = (i, A())
c = a.q
a = mk(a)
y = A()
del c
for i in range(12):
 t = mk(None)
 t.peer = t
del a
d = weakref.ref(y)
d = {"k": d}
gc.collect(0)
y.q = None
for i in range(6):
 t = B()
 u = [t]
 t.q = u
d["k"] = y
grave.clear()
y.q = None
y.q = d
del d["k"]
e = y
b = weakref.ref(e, cb)
gc.freeze()
del y.q
a = weakref.ref(y, cb)
d["k"] = d
x = A()
for i in range(12):
 churn()
for i in range(4):
 t = (i, A())
y = b()
e.p = None
d["k"] = b
grave.clear()
x.q = b
a = weakref.ref(e)
d["j"] = e
x = [b, d, a]
for i in range(12):
 churn()
n = gc.collect()
x.append(a)
log.clear()
for i in range(10):
 churn()
e.me = y
gc.collect()
del d
