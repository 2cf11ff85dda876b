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
y = mk(None)
b = {"k": y}
churn()
gc.freeze()
del b["k"]
churn()
for i in range(7):
 t = chain(2)
for i in range(8):
 t = mk(None)
 t.peer = t
y = A()
del b
y = weakref.ref(y)
b = mk(y)
x = R()
x.me = y
del y
del x
churn()
e = B()
churn()
del e
for i in range(5):
 t = (i, A())
del b
for i in range(10):
 t = mk(None)
 t.peer = t
c = A()
x = [c, c]
c.me = None
d = {}
d["j"] = x
gc.collect()
x.append(None)
del c
x = d
x = []
del d
del x
gc.set_threshold(7, 4, 4)
gc.enable()
log.clear()
churn()
gc.disable()
gc.collect(2)
a = R()
del a
churn()
a = mk(None)
del a
churn()
d = B()
y = d
gc.collect()
d = {"k": d}
