import gc
gc.collect()
try:
    raise ValueError("x")
except ValueError as e:
    setattr(e, "code", 3)
