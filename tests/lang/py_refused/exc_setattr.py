import gc
gc.collect()
try:
    raise ValueError("x")
except ValueError as e:
    e.code = 3
