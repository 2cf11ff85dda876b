import gc
gc.collect()
try:
    raise ValueError("x")
except ValueError as e:
    print(e.__notes__)
