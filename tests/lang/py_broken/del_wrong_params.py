class A:
    def __del__(self, x):
        pass
