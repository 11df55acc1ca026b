"""Times the Python peers on the same bars as scripts/bench_lua/backtest.lua.

Prints one line per case: "<case> <median seconds> <detail>". Used by `scripts/bench backtest`.
    python backtest_peers.py BARS_CSV [RUNS]
Cases: numba exit scan (single-threaded njit), vectorbt's SmaCross pipeline (MA, crossings,
Portfolio.from_signals, stats), backtesting.py's SmaCross (run once: ~15 s on 1M bars).
"""
import sys
import time

import numpy as np
import pandas as pd

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
df = pd.read_csv(path, parse_dates=["time"], index_col="time")
o, h, l, c = (df[k].to_numpy(np.float64) for k in ("open", "high", "low", "close"))
n = len(c)


def median(body, count=runs):
    times, detail = [], None
    for _ in range(count):
        t0 = time.perf_counter()
        detail = body()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[(len(times) - 1) // 2], detail


import numba  # noqa: E402


@numba.njit(cache=False, nogil=True)
def exit_scan(o, h, l, c, entries, stop_pct, target_pct, horizon):
    # Next-open fills, levels checked from the fill bar, a bar opening beyond a level fills
    # at the open, stop first when a bar reaches both (pessimistic), max bars at the close.
    n = c.shape[0]
    m = entries.shape[0]
    exit_bar = np.full(m, -1, np.int64)
    exit_price = np.full(m, np.nan)
    ret = np.full(m, np.nan)
    for k in range(m):
        fill = entries[k] + 1
        if fill >= n:
            continue
        entry = o[fill]
        stop = entry * (1 - stop_pct)
        target = entry * (1 + target_pct)
        last = min(n - 1, fill + horizon)
        j = fill
        xb, xp = last, c[last]
        while j <= last:
            if l[j] <= stop or h[j] >= target:
                if o[j] <= stop:
                    xp = o[j]
                elif o[j] >= target:
                    xp = o[j]
                elif l[j] <= stop:
                    xp = stop
                else:
                    xp = target
                xb = j
                break
            j += 1
        exit_bar[k] = xb
        exit_price[k] = xp
        ret[k] = xp / entry - 1
    return exit_bar, exit_price, ret


entries = np.arange(0, n, 20, dtype=np.int64)
exit_scan(o[:1000], h[:1000], l[:1000], c[:1000], entries[:10], 0.005, 0.01, 100)  # compile
t, (xb, xp, r) = median(lambda: (lambda res: res)(exit_scan(o, h, l, c, entries, 0.005, 0.01, 100)))
print("numba_scan", t, f"entries={len(entries)} mean_return={np.nanmean(r):.10f}")

import vectorbt as vbt  # noqa: E402

# A RangeIndex and an explicit frequency: vectorbt's fast path. With the DatetimeIndex of the
# CSV, vectorbt 1.2's crossings and stats take tens of seconds on 1M bars.
close = pd.Series(c)


def vbt_pipeline():
    fast = vbt.MA.run(close, 10)
    slow = vbt.MA.run(close, 20)
    up = fast.ma_crossed_above(slow)
    down = fast.ma_crossed_below(slow)
    pf = vbt.Portfolio.from_signals(close, up, down, short_entries=down, short_exits=up, init_cash=1_000_000, freq="1min")
    stats = pf.stats()
    return f"trades={int(stats['Total Trades'])}"


vbt_pipeline()  # compile numba kernels
t, detail = median(vbt_pipeline)
print("vectorbt_smacross", t, detail)

from backtesting import Backtest, Strategy  # noqa: E402
from backtesting.lib import crossover  # noqa: E402
from backtesting.test import SMA  # noqa: E402


class SmaCross(Strategy):
    n1 = 10
    n2 = 20

    def init(self):
        self.sma1 = self.I(SMA, self.data.Close, self.n1)
        self.sma2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        if crossover(self.sma1, self.sma2):
            self.position.close()
            self.buy()
        elif crossover(self.sma2, self.sma1):
            self.position.close()
            self.sell()


frame = df.rename(columns=str.capitalize)
import warnings  # noqa: E402

warnings.filterwarnings("ignore")


def bt_run():
    stats = Backtest(frame, SmaCross, cash=1_000_000, finalize_trades=True).run()
    return f"trades={stats['# Trades']} final_equity={stats['Equity Final [$]']:.2f}"


t, detail = median(bt_run, count=1)
print("backtesting_smacross", t, detail)
