-- engine.dryrun / engine.live handles: stepping, status, trades, stop, resume, safety rules.
local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect

local base = os.tmpname()
local feed_file = base .. "_bars.csv"
data.save(data.synthetic{bars = 600, seed = 11, timeframe = "1h", vol = 0.01}, feed_file)
local bars = data.load(feed_file)
local sma_file = "../../strategies/sma_cross.lua"
local feed = "replay:" .. feed_file

it("replays a file to the backtest's trades, step by step", function()
  local h = engine.dryrun{strategy = sma_file, feed = feed, state = base .. "_a"}
  local ran, finished = h:step(100)
  expect(ran).to_be(100)
  expect(finished).to_be(false)
  expect(h:status().events).to_be(100)
  expect(h:status().finished).to_be(false)
  local status = h:run()
  expect(status.finished).to_be(true)
  expect(status.events).to_be(5 * 600)
  local trades, expected = h:trades(), bt.run(sma_file, bars).trades
  expect(#trades > 5).to_be(true)
  expect(#trades).to_be(#expected)
  for i, t in ipairs(expected) do
    expect(trades[i].entry_time).to_be(t.entry_time)
    expect(trades[i].exit_price).to_be(t.exit_price)
    expect(trades[i].pnl).to_be(t.pnl)
    expect(trades[i].exit_reason).to_be(t.exit_reason)
  end
  expect(status.trades).to_be(#trades)
  expect(status.orders).to_be(status.fills)
  expect(#status.decisions).to_be(10)
  expect(tostring(h):find("finished", 1, true) ~= nil).to_be(true)
  -- A new handle on the same state resumes the finished run.
  local again = engine.dryrun{strategy = sma_file, feed = feed, state = base .. "_a"}
  expect(select(1, again:step(10))).to_be(0)
  expect(#again:trades()).to_be(#trades)
  local f = assert(io.open(base .. "_a/trades.csv"))
  local rows = 0
  for _ in f:lines() do rows = rows + 1 end
  f:close()
  expect(rows).to_be(#trades + 1)
end)

it("runs a table strategy whose risk function raises, rejecting and running on", function()
  local h = engine.dryrun{
    strategy = {
      name = "inline",
      on_bar = function(ctx, bar)
        if bar.index % 20 == 0 and ctx.position == 0 then ctx:buy{qty = 1} end
        if bar.index % 20 == 10 and ctx.position > 0 then ctx:close() end
      end,
      risk = function(intent, account)
        if account.index % 40 == 0 then error("no quote") end
        return true
      end,
    },
    feed = feed, state = base .. "_b",
  }
  local status = h:run()
  expect(status.finished).to_be(true)
  local failed = 0
  for _, d in ipairs(h:status().decisions) do
    if d.reason and d.reason:find("no quote", 1, true) then failed = failed + 1 end
  end
  expect(failed >= 1).to_be(true)
  expect(#h:trades()).to_be(15)
end)

it("stops a session and refuses to run it further", function()
  local h = engine.dryrun{strategy = sma_file, feed = feed, state = base .. "_c", params = {fast = 5, slow = 30}}
  h:step(500)
  local status = h:stop()
  expect(status.finished).to_be(false)
  expect(function() h:run() end).to_fail_with("stopped")
  -- Resuming with other parameters is refused; with the same ones it finishes.
  expect(function() engine.dryrun{strategy = sma_file, feed = feed, state = base .. "_c"} end)
    .to_fail_with("holds another run")
  local resumed = engine.dryrun{strategy = sma_file, feed = feed, state = base .. "_c", params = {fast = 5, slow = 30}}
  expect(resumed:status().events).to_be(500)
  expect(resumed:run().finished).to_be(true)
end)

it("checks options and the live safety rules", function()
  expect(function() engine.dryrun{strategy = sma_file, feed = feed, state = base .. "_d", speed = 2} end)
    .to_fail_with("unknown option 'speed'")
  expect(function() engine.dryrun{strategy = sma_file, feed = "kafka:x", state = base .. "_d"} end)
    .to_fail_with("replay:FILE")
  expect(function() engine.dryrun{strategy = 42, feed = feed, state = base .. "_d"} end)
    .to_fail_with("strategy table or file path")
  expect(function() engine.live{strategy = sma_file, feed = feed, state = base .. "_d", broker = "binance"} end)
    .to_fail_with("CRESCENT_BINANCE_KEY")
  expect(function() engine.live{strategy = sma_file, feed = feed, state = base .. "_d", broker = "trading212"} end)
    .to_fail_with("CRESCENT_TRADING212_KEY")
  expect(function() engine.live{strategy = sma_file, feed = feed, state = base .. "_d", broker = "mt5"} end)
    .to_fail_with("binance, ib, paper, trading212")
  expect(function() engine.live{strategy = sma_file, feed = feed, state = base .. "_d", broker = "paper", live = true} end)
    .to_fail_with("real money")
  local h = engine.live{strategy = sma_file, feed = feed, state = base .. "_e"}
  expect(h:run().finished).to_be(true)
end)

-- The scratch files and state directories (names from os.tmpname, no shell characters).
os.execute("rm -rf '" .. base .. "' '" .. base .. "'_*")
spec.finish()
