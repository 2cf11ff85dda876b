import gc
import os
