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
d = A()
a = d
gc.collect()
d = {}
a = a
x = {}
gc.collect(0)
a.q = None
log.clear()
d["j"] = None
del a
a = d
del a
churn()
gc.set_threshold(12, 4, 2)
d["j"] = x
del x
log.clear()
n = gc.collect()
log.clear()
del d
churn()
gc.freeze()
log.clear()
d = R()
b = R()
b.p = d
d = {"k": d}
b = b
n = gc.collect()
y = R()
d["k"] = y
d = B()
gc.disable()
b = b
n = gc.collect()
gc.collect(0)
a = (d, d)
d.me = a
for i in range(12):
 t = mk(None)
 t.peer = t
del y
del b.p
for i in range(9):
 t = mk(None)
 t.peer = t
gc.collect()
c = None
e = weakref.ref(d)
del a, e
c = b
gc.collect(1)
c = chain(4)
gc.collect(0)
del d.me
