"""Dict displays with more than 15 pairs

CPython compiles a dict display of 16 or more pairs in chunks of 17 pairs:
the first chunk is an empty dict with one insertion per pair (the dict
exists before its values are made), each later chunk a new dict merged into
the first (DICT_UPDATE) and then freed; a last chunk of at most 15 pairs is
built after its values, as a small display is."""
import gc
import sys

gc.collect()
gc.disable()


class Item:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("freed", self.n)


def probe(tag):
    print(tag, gc.get_count())
    return tag


k0 = "n0"
k1 = "n1"
k2 = "n2"
print("start:", gc.get_count())
small = {"k0": probe("s0"), "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": probe("s14")}
print("15 pairs:", gc.get_count(), gc.is_tracked(small), len(small))
d16 = {"k0": probe("a0"), "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": probe("a15")}
print("16 pairs:", gc.get_count(), gc.is_tracked(d16), len(d16))
d17 = {"k0": probe("b0"), "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": probe("b16")}
print("17 pairs:", gc.get_count(), gc.is_tracked(d17), len(d17))
d18 = {"k0": probe("c0"), "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": probe("c16"), "k17": Item(17)}
print("18 pairs:", gc.get_count(), gc.is_tracked(d18), len(d18), d18["k17"].n)
d40 = {"k0": probe("e0"), "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": probe("e16"), "k17": probe("e17"), "k18": 18, "k19": 19, "k20": Item(20), "k21": 21, "k22": 22, "k23": 23, "k24": 24, "k25": 25, "k26": 26, "k27": 27, "k28": 28, "k29": 29, "k30": 30, "k31": 31, "k32": 32, "k33": probe("e33"), "k34": probe("e34"), "k35": 35, "k36": 36, "k37": 37, "k38": 38, "k39": probe("e39")}
print("40 pairs:", gc.get_count(), gc.is_tracked(d40), len(d40), d40["k20"].n)
dup = {"k0": 0, "k1": Item(1), "k2": 2, "x": Item(3), "k4": 4, "k5": probe("f5"), "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 16, "k17": 17, "k18": probe("f18"), "k19": 19, "x": Item(20), "k21": 21, "k22": 22, "k23": 23, "k24": 24, "k25": 25, "k26": 26, "k27": 27, "k28": 28, "k29": 29, "k30": 30, "k31": 31, "k32": 32, "k33": 33, "k34": probe("f34"), "k35": 35, "y": Item(36), "k37": 37, "y": Item(38), "k39": probe("f39"), "x": Item(40)}
print("duplicates:", gc.get_count(), len(dup), dup["x"].n, dup["y"].n)
names = {"k0": Item(0), "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 16, "k17": 17, "k18": 18, "k19": 19, "k20": 20, "k21": 21, "k22": 22, "k23": 23, "k24": 24, "k25": 25, "k26": 26, "k27": 27, "k28": 28, "k29": 29, "k30": 30, "k31": 31, "k32": 32, "k33": 33, "k34": 34, k0: probe("g35"), k1: 36, k2: Item(37)}
print("name keys:", gc.get_count(), gc.is_tracked(names), len(names), names["n2"].n)
del small, d16, d17, d18, d40
print("deleted:", gc.get_count())
dup = names = None
print("end:", gc.get_count())
