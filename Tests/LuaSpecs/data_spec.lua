local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect

it("makes deterministic synthetic bars", function()
  local a = data.synthetic{bars = 100, seed = 5}
  local b = data.synthetic{bars = 100, seed = 5}
  local c = data.synthetic{bars = 100, seed = 6}
  expect(#a).to_be(100)
  expect(a.close[100]).to_be(b.close[100])
  expect(a.close[100] ~= c.close[100]).to_be(true)
end)

it("keeps OHLC consistent", function()
  local bars = data.synthetic{bars = 500, seed = 1, vol = 0.05}
  for i = 1, #bars do
    assert(bars.high[i] >= math.max(bars.open[i], bars.close[i]))
    assert(bars.low[i] <= math.min(bars.open[i], bars.close[i]))
  end
end)

it("exposes exact integer times", function()
  local bars = data.synthetic{bars = 2, start = "2024-03-01T09:30:00Z", timeframe = "5m"}
  expect(math.type(bars.time[1])).to_be("integer")
  expect(bars.time[1]).to_be(data.time("2024-03-01T09:30:00Z"))
  expect(bars.time[2] - bars.time[1]).to_be(300 * 1000000000)
  expect(data.iso(bars.time[2])).to_be("2024-03-01T09:35:00Z")
end)

it("names bad options", function()
  expect(function() return data.synthetic{bars = -5} end).to_fail_with("'bars' must be a count >= 0, got -5")
  expect(function() return data.synthetic{timefram = "1h"} end).to_fail_with("did you mean 'timeframe'?")
end)

it("has a version and a clock", function()
  expect(type(crescent.version)).to_be("string")
  local t0 = crescent.clock()
  expect(crescent.clock() >= t0).to_be(true)
end)

spec.finish()
