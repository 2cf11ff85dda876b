"""A NameError at step 4"""
import gc
print("before")
x = [1]
del y
print("not reached")
