import gc
try:
    gc.collect()
except ValueError as e:
    raise KeyError("k") from e
