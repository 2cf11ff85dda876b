import gc
gc.collect()
try:
    print("body")
finally:
    print("finally")
