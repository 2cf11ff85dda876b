import gc


class AppError(Exception):
    pass


gc.collect()
e = AppError("x")
n = len(gc.get_referents(e))
print(gc.get_referents(e, [e]))
