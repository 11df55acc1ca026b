local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect

it("indexes 1-based and returns nil outside", function()
  local s = data.series{10, 20, 30}
  expect(#s).to_be(3)
  expect(s[1]).to_be(10)
  expect(s[3]).to_be(30)
  expect(s[0]).to_be(nil)
  expect(s[4]).to_be(nil)
end)

it("does arithmetic with series and numbers", function()
  local a, b = data.series{1, 2, 3}, data.series{4, 5, 6}
  expect((a + b)[3]).to_be(9)
  expect((b - a)[1]).to_be(3)
  expect((a * 2)[2]).to_be(4)
  expect((12 / b)[1]).to_be(3)
  expect((1 - a)[3]).to_be(-2)
  expect((-a)[2]).to_be(-2)
end)

it("propagates NaN", function()
  local s = data.series{1, 0 / 0, 3}
  local t = s + 1
  expect(t[2] ~= t[2]).to_be(true)
  expect(t[3]).to_be(4)
end)

it("rejects mismatched lengths and wrong operands", function()
  local a = data.series{1, 2}
  expect(function() return a + data.series{1} end).to_fail_with("series lengths differ (2 vs 1)")
  expect(function() return a * {} end).to_fail_with("Series or number expected, got table")
end)

it("prints a short preview", function()
  expect(tostring(data.series{1, 2.5})).to_be("Series(n=2) [1, 2.5]")
end)

it("returns values as a table", function()
  local v = data.series{1, 2}:values()
  expect(#v).to_be(2)
  expect(v[2]).to_be(2)
end)

spec.finish()
