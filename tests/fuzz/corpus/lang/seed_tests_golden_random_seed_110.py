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
x = A()
x.q = x
a = x
x.p = a
gc.set_threshold(5, 2, 4)
c = {"k": x}
a.p = c
gc.collect(1)
gc.freeze()
link(a, x)
gc.collect()
gc.disable()
gc.collect(1)
a.q = x
gc.collect()
b = x.p
x.me = None
gc.enable()
d = F()
del a.me
b["j"] = a
churn()
link(a, d)
for i in range(12):
 churn()
d.p = a
gc.disable()
a.me = d
b = B()
y = x
del c["j"]
n = gc.collect()
grave.clear()
log.clear()
c["k"] = d
gc.collect(2)
b = y.q
x.me = None
