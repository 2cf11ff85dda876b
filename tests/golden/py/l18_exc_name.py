"""A NameError ends the program"""
import gc

gc.collect()


class Guard:
    def __del__(self):
        print("Guard released")


g = Guard()
print("before the error")
print(undefined_name)
print("never printed")
