-- Trend-filtered mean reversion: buy oversold dips in an uptrend.
--   Trend:  close above its 200-bar SMA.
--   Entry:  Williams %R(10) below -80 (oversold) while in the trend.
--   Exit:   Williams %R back above -20, a 4×ATR(14) stop, or a 4×ATR(14) trailing stop
--           (updated at each close, effective from the next bar, never loosened).
--   Size:   2% of equity at risk per trade: qty = 0.02 × equity / (entry − stop). The stop
--           is wide enough that the position stays below the equity (no leverage): with a
--           2×ATR stop on hourly bars 2% risk would need about 1.5× the account, and the
--           account rejects such orders (see the report's "rejected orders").
--
--   crescent backtest strategies/trend_mean_reversion.lua --data examples/data/synthetic_BTCUSD_1h.csv
return {
  name = "trend_mean_reversion",
  params = { trend = 200, willr = 10, oversold = -80, exit_level = -20 },

  signals = function(bars, p)
    local close = bars.close
    local wr = ta.willr(bars, p.willr)
    local uptrend = close:gt(ta.sma(close, p.trend))
    return {
      long_entry = uptrend & wr:lt(p.oversold),
      long_exit = wr:gt(p.exit_level),
      tag = "dip",
    }
  end,

  exits = { stop_atr = { 14, 4 }, trail_atr = { 14, 4 } },
  sizing = { mode = "risk", risk = 0.02 },
  costs = { commission = 0.001, slippage_bps = 2 },
}
