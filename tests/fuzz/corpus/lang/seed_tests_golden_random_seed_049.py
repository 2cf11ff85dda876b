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
gc.collect()
n = gc.collect()
e = F()
del e
gc.collect()
e = R()
gc.collect()
gc.collect(0)
del e
e = B()
e.q = e
d = F()
c = (e, e)
x = d
gc.freeze()
c = c
