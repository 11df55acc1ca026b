"""Times TA-Lib's functions on N random-walk bars: median of R runs in ms, one line each:
"<name>\t<median ms>"; "copy" is numpy copying the close into a fresh array, "sma8" eight
TA-Lib SMA calls. A third argument times only the names it matches (a regular expression,
searched), as scripts/bench_lua/ta.lua's third argument does. Run by scripts/bench."""
import re
import statistics
import sys
import time

import numpy as np
import talib

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
only = sys.argv[3] if len(sys.argv) > 3 else None
rng = np.random.default_rng(7)
close = 100 * np.exp(np.cumsum(rng.normal(0, 0.001, n)))
open_ = np.concatenate(([100.0], close[:-1]))
spread = np.abs(rng.normal(0, 0.0005, n)) * close
high = np.maximum(open_, close) + spread
low = np.minimum(open_, close) - spread
volume = np.round(1000 * np.exp(rng.normal(0, 0.5, n)))
columns = {"open": open_, "high": high, "low": low, "close": close, "volume": volume,
           "real": close, "real0": close, "real1": open_, "periods": None}


def timed(f):
    f()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def report(name, f):
    if only and not re.search(only, name):
        return
    print(f"{name}\t{timed(f):.3f}", flush=True)


report("copy", lambda: close.copy())
report("sma8", lambda: [talib.SMA(close, p) for p in (5, 10, 20, 30, 50, 100, 150, 200)])
from talib import abstract  # noqa: E402

for name in sorted(talib.get_functions()):
    if name.startswith("CDL"):  # candlestick patterns: crescent has no counterpart
        continue
    fn = abstract.Function(name)
    inputs = []
    for key, value in fn.input_names.items():
        names = value if isinstance(value, (list, tuple)) else [value]
        inputs.extend(columns[x] for x in names)
    raw = getattr(talib, name)
    if any(x is None for x in inputs):
        continue
    report(name.lower(), lambda raw=raw, inputs=inputs: raw(*inputs))
