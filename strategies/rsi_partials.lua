-- RSI swing trades with position management: enter long when RSI(14) crosses back above 30
-- (leaving oversold) and short when it crosses back below 70. Each trade has a 1.5×ATR(14)
-- stop; half the position is taken off at 1R (a limit fill, no slippage), the stop moves to
-- the entry price once price has reached 1R (break-even), the rest targets 3R, and a trade
-- still open after 100 bars closes.
--
--   crescent backtest strategies/rsi_partials.lua --data examples/data/synthetic_BTCUSD_1h.csv
return {
  name = "rsi_partials",
  params = { period = 14, low = 30, high = 70 },

  signals = function(bars, p)
    local rsi = ta.rsi(bars.close, p.period)
    return {
      long_entry = ta.crossover(rsi, p.low),
      short_entry = ta.crossunder(rsi, p.high),
    }
  end,

  exits = {
    stop_atr = { 14, 1.5 },
    break_even_r = 1,
    partials = { { r = 1, fraction = 0.5 } },
    target_r = 3,
    max_bars = 100,
  },
  sizing = { mode = "risk", risk = 0.01 },
  costs = { commission = 0.0005 },
}
