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
gc.collect(2)
for i in range(8):
 churn()
for i in range(3):
 t = F()
 t.p = t
gc.freeze()
log.clear()
d = A()
gc.collect(2)
del d
a = B()
log.clear()
a.me = a
gc.enable()
gc.disable()
y = {"k": a}
y["k"] = a
gc.collect(1)
grave.clear()
a = F()
gc.enable()
y = [y, y, y]
gc.collect(2)
a.p = y
y.append(a)
grave.clear()
y.pop(0)
for i in range(8):
 t = chain(2)
a.q = None
grave.clear()
