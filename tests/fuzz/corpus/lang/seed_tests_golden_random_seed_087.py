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
n = gc.collect()
a = A()
a.me = a
log.clear()
gc.disable()
log.clear()
d = F()
x = a.me
e = A()
gc.collect(1)
e.q = e
a = e
gc.enable()
del d
y = (e, a)
a = B()
del e
a.q = y
b = chain(2)
gc.collect(0)
del x
del b
