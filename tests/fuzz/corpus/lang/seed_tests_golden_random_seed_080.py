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
d = 1
d = d
a = B()
x = weakref.ref(a, cb)
c = weakref.ref(a)
d = churn()
gc.collect()
y = weakref.ref(a, cb)
for i in range(3):
 t = mk(None)
 t.peer = t
 d.append(t)
a.p = c
del y
d = d.pop()
gc.set_threshold(12, 3, 2)
x = weakref.ref(d, cb)
a.p = a
gc.set_threshold(12, 1, 4)
gc.enable()
x = d
gc.freeze()
gc.collect(0)
d = c()
gc.disable()
gc.set_threshold(9, 3, 4)
gc.enable()
for i in range(6):
 t = {"k": B()}
a.q = a
gc.collect(1)
a = c
gc.set_threshold(3, 4, 2)
