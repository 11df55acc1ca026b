"""The matplotlib equivalent of scripts/bench_lua/plot.lua: N one-minute candlesticks
(wicks and bodies as line collections) with two SMA overlays, legend and grid, saved as a
1600x900 PNG. Prints "chart\t<ms>" (median of R runs). Run by scripts/bench."""
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
out = sys.argv[3] if len(sys.argv) > 3 else "/tmp/matplotlib_chart.png"
rng = np.random.default_rng(7)
close = 100 * np.exp(np.cumsum(rng.normal(0, 0.001, n)))
open_ = np.concatenate(([100.0], close[:-1]))
spread = np.abs(rng.normal(0, 0.0005, n)) * close
high = np.maximum(open_, close) + spread
low = np.minimum(open_, close) - spread
x = np.arange(n)


def sma(values, period):
    out = np.full(values.shape, np.nan)
    c = np.cumsum(values)
    out[period - 1:] = (c[period - 1:] - np.concatenate(([0.0], c[:-period]))) / period
    return out


fast, slow = sma(close, 200), sma(close, 5000)


def draw():
    fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
    up = close >= open_
    for mask, color in ((up, "#009E73"), (~up, "#D55E00")):
        ax.vlines(x[mask], low[mask], high[mask], color=color, linewidth=0.5)
        ax.vlines(x[mask], np.minimum(open_, close)[mask], np.maximum(open_, close)[mask], color=color, linewidth=2)
    ax.plot(x, fast, label="sma200", linewidth=1.5)
    ax.plot(x, slow, label="sma5000", linewidth=1.5)
    ax.legend()
    ax.grid(True)
    fig.savefig(out)
    plt.close(fig)


samples = []
for _ in range(runs):
    t0 = time.perf_counter()
    draw()
    samples.append((time.perf_counter() - t0) * 1000)
print(f"chart\t{statistics.median(samples):.1f}")
