import gc
gc.collect()
try:
    raise ValueError("x")
except ValueError:
    pass
