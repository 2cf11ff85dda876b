import gc


class AppError(Exception):
    pass


gc.collect()
try:
    raise AppError("x")
except AppError as e:
    e.with_traceback(None)
