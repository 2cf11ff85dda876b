"""Carets under a subscript

IndexError: '~' under the container and '^' under the brackets, in
3.12 and 3.13 alike."""
import gc
import sys

gc.collect()


class Box:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("__del__", self.tag)


boxes = [Box("a"), Box("b")]
table = {"boxes": boxes}
print(gc.get_count(), sys.getrefcount(boxes), table["boxes"][1].tag)
boxes.pop()
print(gc.get_count(), len(boxes))
print("third:", table["boxes"][0].tag, table["boxes"][2].tag)
