import gc


class AppError(Exception):
    def __init__(self, msg, code=0):
        Exception.__init__(self, msg)
        self.code = code


gc.collect()
e = AppError("x", code=2)
