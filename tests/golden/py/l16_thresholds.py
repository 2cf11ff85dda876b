"""Thresholds and automatic collections"""
import gc

gc.collect()
print(gc.isenabled())
gc.set_threshold(10, 2, 2)
print(gc.get_threshold())
dead = 0


class Cyc:
    def __init__(self):
        self.me = self

    def __del__(self):
        global dead
        dead += 1


for i in range(25):
    Cyc()
print("dead after 25 cycles:", dead)
gc.disable()
for i in range(25):
    Cyc()
print("disabled, still:", dead, gc.isenabled())
print(gc.collect(), dead)
gc.enable()
gc.set_threshold(700)
print(gc.get_threshold())
