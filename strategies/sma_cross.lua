-- Moving-average crossover, always in the market (a reversal system), configured like
-- backtesting.py's SmaCross example: market orders fill at the next bar's open, each entry
-- spends 99.99% of equity in whole units, and an entry first closes the opposite trade.
--
--   crescent backtest strategies/sma_cross.lua --data examples/data/synthetic_BTCUSD_1h.csv
--   crescent backtest strategies/sma_cross.lua --data examples/data/synthetic_BTCUSD_1h.csv --param fast=20 --param slow=50
return {
  name = "sma_cross",
  description = "Long when the fast SMA crosses above the slow one, short when it crosses below.",
  params = { fast = 10, slow = 20 },

  signals = function(bars, p)
    local fast, slow = ta.sma(bars.close, p.fast), ta.sma(bars.close, p.slow)
    local up, down = ta.crossover(fast, slow), ta.crossunder(fast, slow)
    return { long_entry = up, long_exit = down, short_entry = down, short_exit = up }
  end,

  sizing = { mode = "equity", fraction = 0.9999, whole_units = true },
  fill = "next_open",
  -- Whole units of a 40,000-dollar coin need a larger account than the default 10,000.
  cash = 1000000,
}
