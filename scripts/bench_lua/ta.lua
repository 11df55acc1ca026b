-- Times every ta.* function on N synthetic bars: median of R runs, in ms, one line each:
-- "<name>\t<median ms>". Also "copy" (a fresh buffer written once: s + 0) as the memory floor,
-- and "sma8" (eight SMA periods in one call).
local n = tonumber(arg[1]) or 10000000
local runs = tonumber(arg[2]) or 5
local only = arg[3]
local bars = data.synthetic{bars = n, seed = 7, timeframe = "1m", vol = 0.001}
local close = bars.close

local function median(t)
  table.sort(t)
  return t[(#t + 1) // 2]
end

local function time(f)
  local samples = {}
  f() -- warm-up
  for i = 1, runs do
    collectgarbage()
    local t0 = crescent.clock()
    f()
    samples[i] = (crescent.clock() - t0) * 1000
  end
  return median(samples)
end

local function report(name, f)
  if only and not name:match(only) then return end
  print(string.format("%s\t%.3f", name, time(f)))
  io.stdout:flush()
end

report("copy", function() return close + 0 end)
report("sma8", function() return ta.sma(close, {5, 10, 20, 30, 50, 100, 150, 200}) end)

local twoSeries = { beta = true, correl = true }
local names = {}
for name in pairs(ta) do names[#names + 1] = name end
table.sort(names)
local skip = { crossover = true, crossunder = true, vwap = true }
for _, name in ipairs(names) do
  if not skip[name] then
    local f = ta[name]
    local ok = pcall(f, close)
    if twoSeries[name] then
      local other = bars.open
      report(name, function() return f(close, other) end)
    elseif ok then
      report(name, function() return f(close) end)
    else
      report(name, function() return f(bars) end)
    end
  end
end
