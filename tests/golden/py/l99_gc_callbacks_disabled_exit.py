import gc
gc.collect()


def watch(phase, info):
    print(phase, info)


# With gc disabled at the end, the exit's first collection (PyGC_Collect)
# does not run, nor its callbacks; the last one runs without them.
gc.callbacks.append(watch)
gc.disable()
x = [1]
x.append(x)
del x
print(gc.collect())
