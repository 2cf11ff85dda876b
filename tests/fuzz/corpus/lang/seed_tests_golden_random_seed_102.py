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
del x
gc.collect(0)
gc.collect(2)
gc.collect(2)
x = mk(None)
del x
e = {}
log.clear()
gc.freeze()
del e
d = R()
for i in range(8):
 t = {"k": B()}
gc.set_threshold(4, 1, 4)
d.q = d
del d
x = mk(None)
x.p = x
del x
for i in range(7):
 t = F()
 t.p = t
grave.clear()
log.clear()
