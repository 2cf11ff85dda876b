"""Exceptions and frames

A caught exception holds its traceback, the traceback holds the frame of
each function the exception went through, and a frame holds that
function's locals: while the exception lives, so do they. That is why
`except ... as e` deletes e when the clause ends, and why an exception
kept by the function that caught it, or by an object it refers to, makes
a cycle only the collector frees."""
import gc
import sys

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def load(name):
    buf = Node(name)
    table = {}
    return table[name]


# say: load() fails. Its traceback keeps its frame, and the frame keeps buf: Node a lives until the clause ends and e is deleted.
try:
    load("a")
except KeyError as e:
    print("caught", e)
print("after the clause")
# pause
# say: This time saved keeps the exception after the clause: the frame and Node b stay.
saved = None
try:
    load("b")
except KeyError as e:
    saved = e
# say: The second traceback entry is load()'s, its frame finished but kept.
frame = saved.__traceback__.tb_next.tb_frame
print(sys.getrefcount(saved), gc.is_tracked(frame))
del frame
# pause
# say: The last reference goes: the exception, its traceback, the frame and Node b are freed.
saved = None
# pause


def keep():
    x = Node("c")
    try:
        x.missing
    except AttributeError as err:
        mine = err
    return 1


# say: mine -> exception -> traceback -> keep()'s frame -> mine: a cycle, so Node c outlives the call.
keep()
# pause
# say: Only the collector frees it: the exception, its traceback, the frame and Node c.
print("collected", gc.collect())
# pause


class TaskError(Exception):
    def __init__(self, msg, task):
        Exception.__init__(self, msg)
        self.task = task


def run(task):
    raise TaskError("failed", task)


# say: The task keeps its error, the error's __dict__ keeps the task: another cycle.
t = Node("t")
try:
    run(t)
except TaskError as e:
    t.error = e
# say: Unreachable now, but nothing is freed.
del t
# pause
# say: The collector frees the task, its error, the error's __dict__ and args, the traceback and run()'s frame.
print("collected", gc.collect())
# pause
# say: The fix: break the link before letting go (t.error = None, or del).
u = Node("u")
try:
    run(u)
except TaskError as e:
    u.error = e
# say: The error goes, with its __dict__, args, traceback and run()'s frame.
u.error = None
# say: Refcounting alone frees the task now: nothing is left for the collector.
del u
print("collected", gc.collect())
# pin: frame #8 -150 -30
# pin: tuple #5 250 -30
# pin: traceback #9 -150 100
# pin: traceback #7 250 100
# pin: KeyError #4 -150 258
# pin: frame #6 250 258
# pin: dict #3 -150 466
# pin: Node #2 250 466
# pin: tuple #14 250 -30
# pin: traceback #17 -150 100
# pin: traceback #16 250 100
# pin: KeyError #13 -150 258
# pin: frame #15 250 258
# pin: dict #12 -150 466
# pin: Node #11 250 466
# pin: tuple #21 250 -30
# pin: AttributeError #20 -150 100
# pin: traceback #23 250 100
# pin: Node #19 -150 290
# pin: frame #22 250 258
# pin: tuple #29 250 -30
# pin: traceback #33 -150 100
# pin: traceback #32 250 100
# pin: TaskError #27 -150 258
# pin: frame #31 250 258
# pin: dict #30 -150 466
# pin: Node #25 250 466
# pin: tuple #39 250 -30
# pin: traceback #43 -150 100
# pin: traceback #42 250 100
# pin: TaskError #37 -150 258
# pin: frame #41 250 258
# pin: dict #40 -150 466
# pin: Node #35 250 466
