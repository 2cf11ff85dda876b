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
grave.clear()
grave.clear()
log.clear()
d = mk(None)
del d
b = F()
c = [b, b, b]
c.append(None)
for i in range(3):
 t = {"k": B()}
c.pop()
d = F()
b = c[0]
log.clear()
y = c[0]
c.append(d)
grave.clear()
c.append(None)
grave.clear()
a = churn()
y.p = y
gc.collect(1)
e = churn()
gc.collect(1)
y.p = c
gc.collect(1)
y.p = b
