"""A class that defines __eq__ alone is unhashable"""
import gc

gc.collect()


class Plain:
    pass


class Point:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return self.x == other.x


class Origin(Point):
    pass


seen = {Plain(): "identity"}
print(len(seen), gc.is_tracked(seen))
# say: type() sets __hash__ to None when a class defines __eq__ but not __hash__.
where = {}
where[(1, Origin(0))] = "here"
