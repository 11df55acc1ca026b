-- Renko trend: trade the direction of ATR-sized Renko bricks built from the bars.
--
-- bars:renko{atr = 14} makes bricks whose size is the 14-bar ATR known at bar 14; a brick's
-- time is the time of the source bar whose close completed it (+1 ns for each further brick
-- of the same bar). Signals are computed on the bricks and mapped back to the source bar
-- that completed the brick, so an entry is known at that bar's close and fills at the next
-- bar's open: no brick is used before it exists. The backtest itself runs on the original
-- bars, so stops and fills see real prices, not brick edges.
--   Entry: `bricks` consecutive up bricks (long) or down bricks (short).
--   Exit:  the first brick against the position (reversal on the opposite run).
--
--   crescent backtest strategies/renko_trend.lua --data examples/data/synthetic_BTCUSD_1h.csv
return {
  name = "renko_trend",
  params = { atr = 14, bricks = 2 },

  signals = function(bars, p)
    local renko = bars:renko{ atr = p.atr }
    local n, m = #bars, #renko
    local long_entry, short_entry, long_exit, short_exit = {}, {}, {}, {}
    for i = 1, n do long_entry[i], short_entry[i], long_exit[i], short_exit[i] = 0, 0, 0, 0 end
    local time, brick_time = bars.time, renko.time
    local source, run, direction = 1, 0, 0
    for k = 1, m do
      -- The source bar that completed brick k: the last bar at or before the brick's time.
      while source < n and time[source + 1] <= brick_time[k] do source = source + 1 end
      local up = renko.close[k] > renko.open[k]
      local d = up and 1 or -1
      run = (d == direction) and run + 1 or 1
      direction = d
      if up then
        short_exit[source] = 1
        if run == p.bricks then long_entry[source] = 1 end
      else
        long_exit[source] = 1
        if run == p.bricks then short_entry[source] = 1 end
      end
    end
    local function mask(t) return data.series(t):gt(0) end
    return {
      long_entry = mask(long_entry), short_entry = mask(short_entry),
      long_exit = mask(long_exit), short_exit = mask(short_exit),
    }
  end,

  sizing = { mode = "equity", fraction = 0.95 },
  costs = { commission = 0.001 },
}
