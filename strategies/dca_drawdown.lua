-- Peak-drawdown accumulation (DCA) in the event form: once price is `step` (5%) below its
-- running peak, buy `amount` of cash, and again each time it falls another `step` below
-- the last buy (at most one buy every `spacing` bars). Sell everything when price is
-- `profit` (4%) above the average cost of the accumulated position; the peak then restarts
-- from there. State lives in Lua locals, which is what the event form is for.
--
--   crescent backtest strategies/dca_drawdown.lua --data examples/data/synthetic_BTCUSD_1h.csv
local peak, next_level, last_buy, spent, units

return {
  name = "dca_drawdown",
  params = { step = 0.05, amount = 1000, spacing = 24, profit = 0.04 },

  on_bar = function(ctx, bar, p)
    if bar.index == 1 then peak, last_buy, spent, units = bar.close, -math.huge, 0, 0 end
    local close = bar.close
    if units == 0 and close > peak then peak = close end
    next_level = units == 0 and peak * (1 - p.step) or next_level
    if units > 0 and close >= spent / units * (1 + p.profit) then
      ctx:close()
      peak, spent, units = close, 0, 0
    elseif close <= next_level and bar.index - last_buy >= p.spacing and ctx.cash >= p.amount then
      -- Sized at this close; the order fills at the next open.
      ctx:buy{ qty = p.amount / close }
      last_buy, spent, units = bar.index, spent + p.amount, units + p.amount / close
      next_level = close * (1 - p.step)
    end
  end,

  pyramiding = 50,
  costs = { commission = 0.001 },
}
