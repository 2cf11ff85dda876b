@property
def f():
    pass
