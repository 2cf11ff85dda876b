"""min, max, sum, abs, list.sort and list.reverse

On lists of ints and strings: the iterator each builtin makes, 3.12's
argument tuple for min and max, a list sorted in place."""
import gc
import sys

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


nums = [5, -3, 12, 7, -8]
words = ["pear", "apple", "fig"]
gc.collect()
a = gc.get_count()
lo = min(nums)
b = gc.get_count()
hi = max(words)
c = gc.get_count()
total = sum(nums)
d = gc.get_count()
print(lo, hi, total, a, b, c, d)
print(abs(-4), abs(3), abs(True), sum(nums, 100), sum([]), min([2]), max((4, 9, 1)))
print(sum([[1], [2, 3]], []), min({"b": 1, "a": 2}), max(12345678901234567890, 5) if False else 0)
gc.collect()
a = gc.get_count()
nums.sort()
b = gc.get_count()
words.sort()
words.reverse()
nums.reverse()
c = gc.get_count()
print(nums, words, a, b, c, sys.getrefcount(nums))
flags = [1, True, 0, False]
flags.sort()
print(flags)
objs = [Obj("x"), Obj("y")]
objs.reverse()
print([o.name for o in objs])
print(sum([abs(n) for n in nums]), min([len(w) for w in words]))
objs.sort()
