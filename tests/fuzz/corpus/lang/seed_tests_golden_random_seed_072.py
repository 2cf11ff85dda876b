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
x = mk(None)
gc.collect(2)
y = F()
x = R()
d = B()
e = d
y = x
x.q = e
gc.disable()
gc.collect(2)
del x, y
gc.set_threshold(3, 1, 3)
gc.enable()
gc.collect()
del d
e.q = e
del e
