import gc
gc.collect()


class Box:
    pass


# An instance has a __dict__: any attribute can be written into it.  A list,
# a tuple, an int or None has none: writing an attribute there fails, and
# from 3.13 on the message says why (and the error keeps the object).
box = Box()
box.items = [1, 2]
box.items.append(box)
print(len(box.items), gc.get_count())
del box.items
print(hasattr(box, "items"), gc.get_count())
items = [box, "label"]
items.size = len(items)
