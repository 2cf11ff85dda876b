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
gc.unfreeze()
c = mk(None)
c.me = None
d = {}
del d
gc.collect(1)
c.q = None
del c
grave.clear()
gc.set_threshold(5, 1, 4)
gc.collect(0)
for i in range(3):
 t = A()
 t.me = t
for i in range(2):
 t = mk(None)
 t.peer = t
gc.collect(0)
for i in range(11):
 t = A()
 t.me = t
