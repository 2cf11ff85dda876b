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
for i in range(9):
 churn()
gc.collect()
b = A()
del b
gc.enable()
gc.collect()
gc.collect(1)
b = R()
b.q = b
a = [b]
del a, b
log.clear()
churn()
gc.collect(1)
a = R()
c = [a, a]
grave.clear()
gc.set_threshold(11, 1, 2)
c.pop()
c[0] = c
a.p = c
gc.collect(2)
del a.p
b = A()
c.append(b)
d = c[0]
for i in range(4):
 t = (i, A())
log.clear()
for i in range(11):
 t = chain(2)
 c.append(t)
d.append(a)
a.me = c
a.q = a
e = [d, a, b]
e = [b, a]
b = chain(1)
a = c[0]
del c
d = F()
del b
gc.collect()
e[0] = None
a.append(a)
churn()
grave.clear()
a = [e, e]
c = B()
c = B()
x = mk(e)
