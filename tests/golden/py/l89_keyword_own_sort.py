import gc
gc.collect()

# A program's own method named sort and its own function named sorted
# take keyword arguments as any of its functions; a list's sort next to
# them is still the built-in one.


class Shelf:
    def __init__(self):
        self.items = []

    def sort(self, key=None, reverse=False):
        print("Shelf.sort", key, reverse)
        self.items.sort(key=key, reverse=reverse)
        return self


def sorted(x, key=None):
    print("own sorted", key)
    return x


s = Shelf()
s.items.append("pear")
s.items.append("fig")
s.sort(key=len)
print(s.items, gc.get_count())
s.sort(reverse=True)
print(s.items, gc.get_count())
print(sorted([3, 1], key=None), gc.get_count())
