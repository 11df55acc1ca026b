local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect
local nan = 0 / 0

it("reduces skipping NaN", function()
  local s = data.series{1, 2, nan, 4}
  expect(s:sum()).to_be(7)
  expect(s:mean()).to_be_near(7 / 3)
  expect(s:min()).to_be(1)
  expect(s:max()).to_be(4)
  expect(s:std()).to_be_near(math.sqrt(((1 - 7/3)^2 + (2 - 7/3)^2 + (4 - 7/3)^2) / 2))
  expect(s:last()).to_be(4)
end)

it("compares into masks", function()
  local s = data.series{1, 5, nan, 3}
  local m = s:gt(2)
  expect(#m).to_be(4)
  expect(m[1]).to_be(false)
  expect(m[2]).to_be(true)
  expect(m[3]).to_be(false)
  expect(m:count()).to_be(2)
  expect(s:le(data.series{1, 1, 1, 3}):count()).to_be(2)
  expect(s:eq(5):indices()[1]).to_be(2)
end)

it("shifts, differences and percentage changes", function()
  local s = data.series{10, 11, 12.1}
  expect(s:shift(1)[1] ~= s:shift(1)[1]).to_be(true)
  expect(s:shift(1)[2]).to_be(10)
  expect(s:shift(-1)[1]).to_be(11)
  expect(s:diff()[3]).to_be_near(1.1)
  expect(s:pct_change()[2]).to_be_near(0.1)
  expect(s:diff(2)[3]).to_be_near(2.1)
end)

it("rolls windows", function()
  local s = data.series{1, 2, 3, 4, 5}
  local m = s:rolling_mean(3)
  expect(m[2] ~= m[2]).to_be(true)
  expect(m[3]).to_be(2)
  expect(m[5]).to_be(4)
  expect(s:rolling_max(2)[4]).to_be(4)
  expect(s:rolling_min(2)[4]).to_be(3)
  expect(s:rolling_std(5)[5]).to_be_near(math.sqrt(2.5))
  expect(function() return s:rolling_mean(0) end).to_fail_with("Series:rolling_mean")
end)

it("fills and accumulates", function()
  local s = data.series{nan, 1, nan, 3}
  expect(s:fillna(0)[1]).to_be(0)
  local f = s:ffill()
  expect(f[1] ~= f[1]).to_be(true)
  expect(f[3]).to_be(1)
  expect(s:cumsum()[4]).to_be(4)
end)

it("combines masks with & | ~", function()
  local s = data.series{1, 2, 3, 4}
  local a, b = s:gt(1), s:lt(4)
  expect((a & b):count()).to_be(2)
  expect((a | b):count()).to_be(4)
  expect((~a):count()).to_be(1)
  expect(tostring(a & b)).to_be("Mask(n=4, true=2) [0110]")
  expect(function() return a & data.series{1}:gt(0) end).to_fail_with("series lengths differ (4 vs 1)")
end)

spec.finish()
