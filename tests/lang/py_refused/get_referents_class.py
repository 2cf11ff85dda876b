import gc
gc.collect()
class A:
    pass
print(gc.get_referents(A))
