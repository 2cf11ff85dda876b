"""return, break and continue through finally

The clause runs on the way out; a return of its own wins, and drops
the exception being raised."""
import gc


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def loop():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(-i)
    return out


def override():
    try:
        return Node("pending")
    finally:
        print("override", gc.get_count())
        return 5


def swallow():
    n = Node("local")
    try:
        raise KeyError("k")
    finally:
        return "swallowed"


gc.collect()
print(loop(), gc.get_count())
print(override(), gc.get_count())
# say: The KeyError dies with its traceback when the finally returns.
print(swallow(), gc.get_count())
for j in range(3):
    try:
        if j == 1:
            raise RuntimeError("in loop")
    except RuntimeError:
        break
    finally:
        print("j", j, gc.get_count())
print(gc.get_count())
