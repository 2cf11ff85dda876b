"""dict.items() with an argument

TypeError from the call, before any view is made."""
import gc
gc.collect()
d = {"a": 1}
for k, v in d.items(1):
    print(k)
