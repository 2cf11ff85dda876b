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
gc.collect(0)
a = R()
del a
churn()
c = mk(None)
y = {}
for i in range(6):
 t = {"k": B()}
c = F()
gc.collect(0)
log.clear()
grave.clear()
del c, y
b = A()
a = R()
del b
del a
c = mk(None)
c.me = None
gc.collect()
y = R()
a = R()
x = F()
y.me = x
del a
churn()
e = {"k": y}
for i in range(8):
 t = mk(None)
 t.peer = t
e["j"] = y
del e, c
gc.disable()
log.clear()
