class Phoenix:
 graveyard.append(self)
def cb(r):
 log.append(r)
gc.disable()
graveyard = []
log = []
a = Phoenix()
a.me = a
del a
gc.collect()
w = weakref.ref(graveyard[0], cb)
graveyard.clear()
gc.collect()
