import gc
gc.collect()
finally:
    pass
