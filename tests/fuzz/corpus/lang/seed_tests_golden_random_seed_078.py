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
d = chain(2)
gc.collect(0)
del d
gc.collect(0)
gc.collect()
a = mk(None)
del a
y = mk(None)
del y
grave.clear()
d = B()
y = F()
x = weakref.ref(y, cb)
y = x()
gc.collect()
gc.collect(1)
gc.set_threshold(8, 4, 3)
gc.enable()
grave.clear()
for i in range(9):
 t = {"k": B()}
for i in range(12):
 t = A()
 t.me = t
y = x()
c = weakref.ref(d)
