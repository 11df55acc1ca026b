import Foundation
import Testing

/// `crescent backtest`, `rerun` and `check` run as a user would, with exit codes.
@Suite struct BacktestCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let btc = root.appendingPathComponent("examples/data/synthetic_BTCUSD_1h.csv").path
  static let smaCross = root.appendingPathComponent("strategies/sma_cross.lua").path

  static var strategies: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("strategies").path)) ?? [])
      .filter { $0.hasSuffix(".lua") }.sorted()
  }

  func read(_ dir: URL, _ name: String) throws -> String {
    try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func backtestWritesEveryFileAndTheReport() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("run")
    let result = try CrescentBinary.run(["backtest", Self.smaCross, "--data", Self.btc, "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("return_pct"))
    #expect(!result.stdout.contains("\u{1B}["), "piped output has no colour codes")
    for file in ["manifest.json", "stats.json", "trades.csv", "equity.csv", "report.txt"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
    }
    let report = try read(out, "report.txt")
    #expect(result.stdout.hasPrefix(report))
    let trades = try read(out, "trades.csv").split(separator: "\n")
    #expect(trades.first == "symbol,side,tag,entry_time,entry_price,exit_time,exit_price,qty,pnl,return_pct,exit_reason,bars_held,mae_pct,mfe_pct")
    #expect(trades.count > 10)
    #expect(try read(out, "equity.csv").split(separator: "\n").count == 4001)
    let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any]
    let strategy = manifest?["strategy"] as? [String: Any]
    #expect(strategy?["sha256"] as? String == "\(try sha256sum(Self.smaCross))")
    #expect((manifest?["params"] as? [String: String]) == ["fast": "10", "slow": "20"])
  }

  /// PNG width and height from the IHDR chunk, after checking the signature.
  func pngSize(_ url: URL) throws -> (Int, Int)? {
    let bytes = [UInt8](try Data(contentsOf: url))
    guard bytes.count > 24, bytes[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10] else { return nil }
    func be(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20))
  }

  @Test func backtestDrawsItsChartsUnlessAskedNot() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("run")
    let result = try CrescentBinary.run(["backtest", Self.smaCross, "--data", Self.btc, "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try pngSize(out.appendingPathComponent("equity.png")).map { [$0.0, $0.1] } == [1200, 700])
    #expect(try pngSize(out.appendingPathComponent("chart.png")).map { [$0.0, $0.1] } == [1400, 800])
    #expect(try pngSize(out.appendingPathComponent("monthly.png")).map { [$0.0, $0.1] } == [1000, 500])
    let bare = scratch.url.appendingPathComponent("bare")
    let noPlots = try CrescentBinary.run(["backtest", Self.smaCross, "--data", Self.btc, "--out", bare.path, "--no-plots"])
    #expect(noPlots.status == 0)
    #expect(FileManager.default.fileExists(atPath: bare.appendingPathComponent("stats.json").path))
    for chart in ["equity.png", "chart.png", "monthly.png"] {
      #expect(!FileManager.default.fileExists(atPath: bare.appendingPathComponent(chart).path))
    }
    let script = try scratch.write("plot.lua", """
      local r = bt.run(arg[1], data.load(arg[2]))
      print(r:plot(arg[3] .. "/a.png"), r:plot(arg[3] .. "/b.png", "monthly"))
      print(plot.equity(r):save(arg[3] .. "/c.png"))
      print(pcall(r.plot, r, arg[3] .. "/d.png", "pie"))
      """)
    let lua = try CrescentBinary.run(["run", script, Self.smaCross, Self.btc, scratch.url.path])
    #expect(lua.status == 0, "\(lua.stderr)")
    for name in ["a.png", "b.png", "c.png"] {
      #expect(try pngSize(scratch.url.appendingPathComponent(name)) != nil, "\(name)")
    }
    #expect(lua.stdout.contains("\"chart\", \"equity\" or \"monthly\" expected"))
  }

  @Test func reportIsColouredOnATerminal() throws {
    let scratch = try ScratchDirectory()
    let terminal = try PseudoTerminal(
      CrescentBinary.url.path,
      arguments: ["backtest", Self.smaCross, "--data", Self.btc, "--out", scratch.url.appendingPathComponent("tty").path])
    let output = try terminal.expect("run folder:")
    #expect(output.contains("\u{1B}["), "a terminal gets ANSI colours")
    #expect(terminal.waitForExit() == 0)
    let report = try read(scratch.url.appendingPathComponent("tty"), "report.txt")
    #expect(!report.contains("\u{1B}["), "report.txt stays plain")
  }

  @Test func jsonPrintsStatsAndParamsChangeTheRun() throws {
    let scratch = try ScratchDirectory()
    let a = try CrescentBinary.run(["backtest", Self.smaCross, "--data", Self.btc, "--json", "--out", scratch.url.appendingPathComponent("a").path])
    #expect(a.status == 0)
    #expect(a.stdout == (try read(scratch.url.appendingPathComponent("a"), "stats.json")))
    let stats = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any]
    #expect(stats?["bars"] as? Int == 4000)
    let b = try CrescentBinary.run([
      "backtest", Self.smaCross, "--data", Self.btc, "--json", "--param", "fast=20", "--param", "slow=50",
      "--cash", "2000000", "--from", "2024-02-01", "--out", scratch.url.appendingPathComponent("b").path,
    ])
    let other = try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as? [String: Any]
    #expect(other?["start"] as? String == "2024-02-01T00:00:00Z")
    #expect(other?["trades"] as? Int != stats?["trades"] as? Int)
  }

  @Test func rerunReproducesAndDetectsChanges() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("run")
    _ = try CrescentBinary.run(["backtest", Self.smaCross, "--data", Self.btc, "--param", "fast=12", "--out", out.path])
    let rerun = try CrescentBinary.run(["rerun", out.path], directory: scratch.url)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(rerun.stdout.contains("identical"))
    let trades = out.appendingPathComponent("trades.csv")
    let text = try String(contentsOf: trades, encoding: .utf8)
    try Data(text.replacingOccurrences(of: ",long,", with: ",short,").utf8).write(to: trades)
    let broken = try CrescentBinary.run(["rerun", out.path])
    #expect(broken.status == 1)
    #expect(broken.stderr.contains("trades.csv (line 3: recorded \"synthetic_BTCUSD_1h,short,"))
    // A changed input is named rather than silently used.
    let copy = scratch.url.appendingPathComponent("copy.lua")
    try FileManager.default.copyItem(atPath: Self.smaCross, toPath: copy.path)
    let second = scratch.url.appendingPathComponent("second")
    _ = try CrescentBinary.run(["backtest", copy.path, "--data", Self.btc, "--out", second.path])
    try Data("-- edited\n".utf8).write(to: copy, options: .atomic)
    let changed = try CrescentBinary.run(["rerun", second.path])
    #expect(changed.status == 1)
    #expect(changed.stderr.contains("copy.lua (changed since the run)"))
  }

  @Test func checkReportsUnknownKeysWithSuggestionsAndWrongTypes() throws {
    let scratch = try ScratchDirectory()
    let typo = try scratch.write("typo.lua", "return {signals = function(b) return {} end, exits = {stop_pc = 0.02}}")
    let a = try CrescentBinary.run(["check", typo])
    #expect(a.status == 1)
    #expect(a.stderr.contains("typo.lua: unknown key 'stop_pc' in 'exits' (did you mean 'stop_pct'?)"))
    let wrong = try scratch.write("wrong.lua", "return {signals = function(b) return {} end, sizing = {mode = \"risk\", risk = 5}}")
    let b = try CrescentBinary.run(["check", wrong])
    #expect(b.status == 1)
    #expect(b.stderr.contains("wrong.lua: 'sizing.risk' must be a number in (0, 1], got 5.0"))
    let type = try scratch.write("type.lua", "return {signals = function(b) return {} end, pyramiding = \"two\"}")
    let c = try CrescentBinary.run(["check", type])
    #expect(c.stderr.contains("'pyramiding' must be an integer, got \"two\""))
    let good = try CrescentBinary.run(["check", Self.smaCross])
    #expect(good.status == 0)
    #expect(good.stdout.hasPrefix("ok: "))
  }

  @Test func exitCodes() throws {
    let scratch = try ScratchDirectory()
    #expect(try CrescentBinary.run(["backtest", Self.smaCross]).status == 2, "no --data")
    #expect(try CrescentBinary.run(["backtest", "missing.lua", "--data", Self.btc]).status == 2)
    #expect(try CrescentBinary.run(["backtest", Self.smaCross, "--data", "missing.csv"]).status == 2)
    #expect(try CrescentBinary.run(["backtest", Self.smaCross, "--data", Self.btc, "--from", "soon"]).status == 2)
    let bad = try scratch.write("bad.csv", "time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\nnot a row\n")
    let data = try CrescentBinary.run(["backtest", Self.smaCross, "--data", bad])
    #expect(data.status == 3)
    let failing = try scratch.write("fail.lua", "return {on_bar = function(ctx, bar) if bar.index == 3 then error('broken strategy') end end}")
    let script = try CrescentBinary.run(["backtest", failing, "--data", Self.btc, "--out", scratch.url.appendingPathComponent("x").path])
    #expect(script.status == 1)
    #expect(script.stderr.contains("fail.lua:1: broken strategy"))
    let empty = try CrescentBinary.run(["backtest", Self.smaCross, "--data", Self.btc, "--from", "2030-01-01"])
    #expect(empty.status == 3)
    #expect(empty.stderr.contains("no bars"))
  }

  @Test func portfolioFromAListOrAFolderSharesOneAccount() throws {
    let scratch = try ScratchDirectory()
    let eth = Self.root.appendingPathComponent("examples/data/synthetic_ETHUSDT_15m_binance.csv").path
    let strategy = try scratch.write("trend.lua", """
      return {
        signals = function(b) local s = ta.sma(b.close, 50) return {long_entry = b.close:gt(s), long_exit = b.close:lt(s)} end,
        sizing = {mode = "equity", fraction = 0.4},
      }
      """)
    let list = scratch.url.appendingPathComponent("list")
    let a = try CrescentBinary.run(["backtest", strategy, "--data", "\(Self.btc),\(eth)", "--out", list.path])
    #expect(a.status == 0, "\(a.stderr)")
    let symbols = Set(try read(list, "trades.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] })
    #expect(symbols == ["synthetic_BTCUSD_1h", "synthetic_ETHUSDT_15m_binance"])
    #expect(a.stdout.contains("\nsymbol "), "per-symbol table in the report")
    let folder = scratch.url.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for path in [Self.btc, eth] {
      try FileManager.default.copyItem(atPath: path, toPath: folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path)
    }
    let b = try CrescentBinary.run(["backtest", strategy, "--data", folder.path, "--out", scratch.url.appendingPathComponent("folder").path])
    #expect(b.status == 0)
    #expect(try read(scratch.url.appendingPathComponent("folder"), "trades.csv") == (try read(list, "trades.csv")))
  }

  @Test(arguments: BacktestCommandTests.strategies)
  func bundledStrategyRunsOnBundledData(name: String) throws {
    let scratch = try ScratchDirectory()
    let path = Self.root.appendingPathComponent("strategies").appendingPathComponent(name).path
    let result = try CrescentBinary.run(["backtest", path, "--data", Self.btc, "--json", "--out", scratch.url.path])
    #expect(result.status == 0, "\(name): \(result.stderr)")
    let stats = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect((stats?["trades"] as? Int ?? 0) > 0, "\(name) made no trades")
  }

  @Test func strategiesFolderHasTheDocumentedStrategies() {
    for name in ["sma_cross.lua", "trend_mean_reversion.lua", "dca_drawdown.lua", "rsi_partials.lua", "mtf_trend.lua", "renko_trend.lua"] {
      #expect(Self.strategies.contains(name), "\(name) missing")
    }
  }

  func sha256sum(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(output.prefix(64))
  }
}
