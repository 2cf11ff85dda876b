import gc
gc.collect()


# An exception in a gc callback is ignored: CPython reports it on stderr
# (Exception ignored in: <function bad at 0x...>), the other callbacks still
# run and the collection goes on.


def bad(phase, info):
    print(phase, info["missing"])


def show(phase, info):
    print(phase, info)


gc.callbacks.append(bad)
gc.callbacks.append(show)
print(gc.collect())
gc.callbacks.remove(bad)
x = [1]
x.append(x)
del x
