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
d = mk(None)
for i in range(3):
 t = {"k": B()}
gc.set_threshold(6, 3, 4)
b = [d, d]
c = mk(b)
b[0] = b
c.q = d
b.append(b)
gc.unfreeze()
b = b.pop()
b.append(d)
y = weakref.ref(d, cb)
gc.disable()
gc.freeze()
