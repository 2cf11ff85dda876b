"""An exception in a cycle

The exception's __dict__ holds a node, the node holds the exception:
only the collector frees them, with the frame its traceback keeps."""
import gc


class Task:
    def __init__(self, name):
        self.name = name
        self.error = None

    def __del__(self):
        print("freed", self.name)


class TaskError(Exception):
    def __init__(self, msg, task):
        Exception.__init__(self, msg)
        self.task = task


def run(task):
    local = Task(task.name + "'s helper")
    raise TaskError("failed: " + task.name, task)


gc.collect()
for name in ["t1", "t2"]:
    t = Task(name)
    try:
        run(t)
    except TaskError as e:
        # say: task -> exception -> task: a cycle.
        t.error = e
        print("caught", e, e.task is t, gc.get_count())
    del t
    print("after", name, gc.get_count())
# pause
print("collected", gc.collect())
print(gc.get_count())
