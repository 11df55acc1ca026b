-- A first session: synthetic bars, series arithmetic, timing.
-- Run: crescent run examples/quickstart.lua [bars]
local n = tonumber(arg[1]) or 100000

local t0 = crescent.clock()
local bars = data.synthetic{bars = n, seed = 42, timeframe = "1h", vol = 0.004}
local made = crescent.clock() - t0
print(bars)
print(string.format("generated %d bars in %.1f ms", #bars, made * 1000))

-- Typical price and the bar range, as whole-series arithmetic.
local typical = (bars.high + bars.low + bars.close) / 3
local range = bars.high - bars.low
print("typical price", typical)
print("bar range    ", range)

local first, last = bars.close[1], bars.close[#bars]
print(string.format("close %.2f -> %.2f (%+.2f%%) from %s to %s", first, last,
  (last / first - 1) * 100, data.iso(bars.time[1]), data.iso(bars.time[#bars])))
