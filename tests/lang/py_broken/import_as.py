import gc as g
