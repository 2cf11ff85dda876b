"""del of names, attributes and subscripts"""
import gc
import sys

gc.collect()


class Holder:
    def __del__(self):
        print("Holder freed")


class Part:
    def __del__(self):
        print("Part freed")


h = Holder()
h.part = Part()
h.parts = [Part(), Part()]
h.map = {"p": Part()}
print("deleting an attribute")
del h.part
print("deleting a list item")
del h.parts[0]
print(len(h.parts))
print("deleting a dict item")
del h.map["p"]
print(len(h.map))
print("deleting the holder")
del h
print("end")
