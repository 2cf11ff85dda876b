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
gc.collect(1)
b = mk(None)
churn()
grave.clear()
b = []
grave.clear()
b.clear()
del b
gc.collect()
d = 1
gc.collect(2)
e = d
del d
gc.enable()
c = B()
gc.freeze()
grave.clear()
del e, c
gc.collect()
a = 1
