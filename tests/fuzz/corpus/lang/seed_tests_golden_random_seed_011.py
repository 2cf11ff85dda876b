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
d = mk(None)
n = gc.collect()
a = (d, 1)
del a
e = weakref.ref(d, cb)
gc.set_threshold(6, 4, 1)
d.p = e
del e
e = B()
d.q = None
a = B()
del d
a = weakref.ref(a, cb)
a = R()
gc.freeze()
churn()
for i in range(12):
 t = B()
 u = [t]
 t.q = u
x = B()
del a
d = mk(x)
d = weakref.ref(e, cb)
del e, x
log.clear()
d = {"k": d}
for i in range(11):
 t = A()
 t.me = t
gc.collect()
gc.collect()
gc.collect(1)
e = d["k"]
log.clear()
c = e()
for i in range(3):
 t = chain(2)
gc.collect(1)
del c
e = e()
y = d
d["k"] = d
del e
d["k"] = d
b = B()
gc.collect(0)
