-- Multi-timeframe trend following: the daily trend decides the direction, hourly bars time
-- the entries.
--   Daily trend: the last *completed* day's close above the 20-day SMA of daily closes.
--     bars:resample("1d") builds daily bars; daily:align(bars) spreads them over the hourly
--     bars so that hourly bar i sees only the last day that had closed when bar i closed
--     (an unfinished day is never exposed: no look-ahead).
--   Entry: the hourly close crosses above its 20-bar EMA while the daily trend is up.
--   Exit:  the hourly close crosses below its 50-bar EMA, or a 2% trailing stop.
--
--   crescent backtest strategies/mtf_trend.lua --data examples/data/synthetic_BTCUSD_1h.csv
return {
  name = "mtf_trend",
  params = { days = 20, fast = 20, slow = 50 },

  signals = function(bars, p)
    local daily = bars:resample("1d"):align(bars)
    -- The aligned close steps once a day; with 24 hourly bars per day (a 24/7 market) an
    -- SMA over days × 24 hourly values equals the SMA of the last `days` daily closes.
    local per_day = 24
    local daily_sma = ta.sma(daily.close, p.days * per_day)
    local uptrend = daily.close:gt(daily_sma)
    local close = bars.close
    return {
      long_entry = uptrend & ta.crossover(close, ta.ema(close, p.fast)),
      long_exit = ta.crossunder(close, ta.ema(close, p.slow)),
      tag = "trend",
    }
  end,

  exits = { trail_pct = 0.02 },
  sizing = { mode = "equity", fraction = 0.95 },
  costs = { commission = 0.001, slippage_bps = 2 },
}
