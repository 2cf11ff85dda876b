def f():
    g = lambda x: x
    return g
