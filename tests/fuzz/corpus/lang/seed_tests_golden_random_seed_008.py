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
a = B()
d = weakref.ref(a)
del d
log.clear()
del a
n = gc.collect()
n = gc.collect()
y = mk(None)
gc.collect(1)
b = {"k": y}
d = B()
y.me = d
gc.collect(2)
d = R()
grave.clear()
y.me = y
del d
y.me = y
b["j"] = b
a = b["j"]
y.me = y
gc.set_threshold(8, 2, 4)
for i in range(10):
 t = (i, A())
for i in range(4):
 t = mk(None)
 t.peer = t
y.p = y
b = R()
