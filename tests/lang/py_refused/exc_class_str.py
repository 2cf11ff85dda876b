import gc


class AppError(Exception):
    def __str__(self):
        return "app"


gc.collect()
try:
    raise AppError("x")
except AppError as e:
    print(e)
