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
gc.enable()
gc.collect(1)
e = mk(None)
gc.collect(0)
grave.clear()
del e
c = B()
e = {"k": c}
e["j"] = e
for i in range(12):
 t = A()
 t.me = t
e["j"] = None
gc.disable()
for i in range(4):
 t = B()
 u = [t]
 t.q = u
e = R()
y = (c, c)
churn()
c.q = None
log.clear()
churn()
b = chain(3)
c.me = e
churn()
gc.collect(0)
gc.enable()
for i in range(4):
 t = F()
 t.p = t
del b
c = A()
d = B()
e.me = e
grave.clear()
