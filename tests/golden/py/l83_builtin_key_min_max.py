import gc
gc.collect()

# min and max with key=len or key=abs (3.13 makes its tuple of keyword names
# at the first keyword call, which the trace oracle shows as an object: this
# program has no trace golden, as l75).
words = ["pear", "fig", "banana", "kiwi"]
print(max(words, key=len), min(words, key=len), gc.get_count())
print(min([5, -9, 2], key=abs), max([5, -9, 2], key=abs), gc.get_count())
measure = len
longest = max([[1], [2, 3], []], key=measure)
print(longest, gc.get_count())
print(max([[1], 7], key=len))
