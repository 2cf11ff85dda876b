import gc
gc.collect()
words = ["bb", "a"]
print(sorted(words, key=print))
