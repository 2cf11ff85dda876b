import gc
try:
    gc.collect()
except ValueError as e:
    raise from e
