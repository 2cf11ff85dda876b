import gc


class AppError(Exception):
    pass


gc.collect()
