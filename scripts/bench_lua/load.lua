-- Loading benchmarks. Usage: crescent run load.lua CSV RUNS BINARY
-- Prints "csv\t<ms>", "cache\t<ms>" (data.load with cache = true, cache warm), "copy\t<ms>"
-- (copying the same six columns into new buffers: the in-memory floor), and for BINARY
-- (a large .crsbars file) "rss_ratio\t<resident bytes added / raw column bytes>".
local csv, runs, binary = arg[1], tonumber(arg[2]) or 5, arg[3]

local function median(f)
  local samples = {}
  for i = 1, runs do
    collectgarbage()
    local t0 = crescent.clock()
    f()
    samples[i] = (crescent.clock() - t0) * 1000
  end
  table.sort(samples)
  return samples[(runs + 1) // 2]
end

local function resident()
  local f = assert(io.open("/proc/self/statm"))
  local pages = f:read("n") and f:read("n")
  f:close()
  return pages * 4096
end

if binary then
  collectgarbage()
  local before = resident()
  local bars = data.load(binary)
  local after = resident()
  print(string.format("rss_ratio\t%.3f", (after - before) / (#bars * 48)))
  print(string.format("rows\t%d", #bars))
  return
end

local cacheDir = os.tmpname()
os.remove(cacheDir)
os.execute("mkdir -p " .. cacheDir)
print(string.format("csv\t%.1f", median(function() return data.load(csv) end)))
data.load(csv, {cache = true, cache_dir = cacheDir})
print(string.format("cache\t%.1f", median(function() return data.load(csv, {cache = true, cache_dir = cacheDir}) end)))
local bars = data.load(csv)
print(string.format("copy\t%.1f", median(function()
  return bars.open + 0, bars.high + 0, bars.low + 0, bars.close + 0, bars.volume + 0, bars.close + 0
end)))
os.execute("rm -rf " .. cacheDir)
