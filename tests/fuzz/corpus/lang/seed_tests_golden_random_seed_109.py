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
for i in range(5):
 churn()
grave.clear()
log.clear()
gc.collect()
churn()
x = A()
gc.set_threshold(2, 4, 4)
gc.enable()
gc.disable()
del x
a = churn()
a[0] = None
a[0] = a
del a
log.clear()
for i in range(3):
 t = A()
 t.me = t
b = mk(None)
gc.unfreeze()
del b
gc.freeze()
x = B()
churn()
del x
y = []
x = {"k": y}
churn()
y.clear()
y.append(x)
y.clear()
