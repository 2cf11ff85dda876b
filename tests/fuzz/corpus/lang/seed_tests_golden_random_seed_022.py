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
x = F()
x.me = x
gc.collect(1)
x.q = None
gc.collect(2)
for i in range(5):
 t = (i, A())
del x
gc.collect(0)
gc.set_threshold(3, 2, 4)
gc.enable()
gc.disable()
gc.set_threshold(12, 4, 4)
grave.clear()
a = F()
gc.unfreeze()
gc.collect(2)
c = chain(4)
log.clear()
gc.collect(1)
for i in range(12):
 churn()
