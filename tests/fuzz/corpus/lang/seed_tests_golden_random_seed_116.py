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
c = 1
for i in range(10):
 t = mk(None)
 t.peer = t
e = c
b = [e]
c = b
c = R()
log.clear()
grave.clear()
c.q = b
gc.collect()
c.me = None
b = F()
link(c, b)
for i in range(11):
 churn()
grave.clear()
gc.disable()
del c.q
d = {"k": e}
b = d
y = c
gc.collect(0)
x = A()
a = {"k": x}
link(x, y)
c.p = None
gc.collect(2)
for i in range(10):
 t = {"k": B()}
grave.clear()
del d["k"]
x = weakref.ref(y, cb)
a = 1
gc.collect()
grave.clear()
gc.freeze()
del a, y
for i in range(8):
 t = mk(None)
 t.peer = t
c = F()
y = x()
c.q = y
n = gc.collect()
y = mk(d)
y.me = y
c = F()
y = R()
d = chain(2)
x = {"k": d}
gc.enable()
b["j"] = e
c.me = c
b = chain(3)
