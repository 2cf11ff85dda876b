import gc
gc.collect()


def area(shape):
    return 0


area.calls = 0
