"""Frozen, but freed at exit: a dict that no function holds

Without functions or methods nothing holds __main__'s dict in a cycle:
when __main__ goes, its dict is freed at once, frozen or not, and with
it, in the dict's order, what only it held; the last collection takes
the cycle."""
import gc

gc.collect()


class Item:
    pass


a = Item()
gc.freeze()
b = [Item()]
c = Item()
c.me = c
print(gc.is_tracked(a), gc.get_freeze_count() > 0)
