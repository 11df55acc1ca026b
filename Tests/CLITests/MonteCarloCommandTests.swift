import Foundation
import Testing

/// `crescent montecarlo` and `crescent stability` run as a user would, with exit codes.
@Suite struct MonteCarloCommandTests {
  static let btc = BacktestCommandTests.btc
  static let smaCross = BacktestCommandTests.smaCross

  func read(_ dir: URL, _ name: String) throws -> String {
    try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func montecarloWritesRunsPercentilesAndChart() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("mc")
    let args = ["montecarlo", Self.smaCross, "--data", Self.btc, "--runs", "250", "--seed", "3", "--method", "bootstrap"]
    let result = try CrescentBinary.run(args + ["--percentile", "1", "--ruin", "0.9", "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "no progress when piped: \(result.stderr)")
    #expect(result.stdout.contains("Monte Carlo: bootstrap, 250 runs"))
    #expect(result.stdout.contains("max_drawdown_pct"))
    let csv = try read(out, "montecarlo.csv").split(separator: "\n")
    #expect(csv.first == "run,final_equity,return_pct,max_drawdown_pct")
    #expect(csv.count == 251)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("montecarlo.json"))) as? [String: Any])
    #expect(json["runs"] as? Int == 250)
    let tables = try #require(json["percentiles"] as? [String: [String: Double]])
    #expect(Set(try #require(tables["return_pct"]).keys) == ["1", "5", "25", "50", "75", "95"])
    #expect(json["ruin_probability"] is Double)
    let png = [UInt8](try Data(contentsOf: out.appendingPathComponent("montecarlo.png")))
    #expect(png.starts(with: [137, 80, 78, 71]))
    // The same seed again: the same numbers, byte for byte.
    let again = scratch.url.appendingPathComponent("again")
    let second = try CrescentBinary.run(args + ["--percentile", "1", "--ruin", "0.9", "--out", again.path, "--json"])
    #expect(second.status == 0)
    #expect(try read(again, "montecarlo.csv") == read(out, "montecarlo.csv"))
    #expect(second.stdout == (try read(out, "montecarlo.json")))
    let other = scratch.url.appendingPathComponent("other")
    let changed = ["montecarlo", Self.smaCross, "--data", Self.btc, "--runs", "250", "--seed", "4", "--method", "bootstrap"]
    #expect(try CrescentBinary.run(changed + ["--out", other.path]).status == 0)
    #expect(try read(other, "montecarlo.csv") != read(out, "montecarlo.csv"))
  }

  @Test func montecarloRefusesBadInput() throws {
    let scratch = try ScratchDirectory()
    let base = ["montecarlo", Self.smaCross, "--data", Self.btc, "--out", scratch.url.appendingPathComponent("x").path]
    let method = try CrescentBinary.run(base + ["--method", "jackknife"])
    #expect(method.status == 2)
    #expect(method.stderr.contains("--method must be shuffle, bootstrap or intrabar, got \"jackknife\""))
    let runs = try CrescentBinary.run(base + ["--runs", "0"])
    #expect(runs.status == 2)
    #expect(runs.stderr.contains("--runs must be an integer in 1...10000000, got 0"))
    let stopFirst = try CrescentBinary.run(base + ["--stop-first", "2"])
    #expect(stopFirst.status == 2)
    #expect(stopFirst.stderr.contains("--stop-first must be a probability in [0, 1]"))
    let bad = try scratch.write("bad.csv", "time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\nnot a row\n")
    #expect(try CrescentBinary.run(["montecarlo", Self.smaCross, "--data", bad]).status == 3)
    #expect(try CrescentBinary.run(["montecarlo", Self.smaCross]).status == 2)
  }

  @Test func stabilityWritesOneRowPerPeriodAndTheSpread() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("st")
    let result = try CrescentBinary.run(["stability", Self.smaCross, "--data", Self.btc, "--periods", "4", "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let rows = try read(out, "stability.csv").split(separator: "\n")
    #expect(rows.count == 1 + 4 + 5)
    #expect(rows[0].hasPrefix("period,start,end,bars_in_period,bars,trades,return_pct,"))
    #expect(rows[1].hasPrefix("1,2024-01-01T00:00:00Z,"))
    #expect(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).first ?? "" }.suffix(5) == ["mean", "std", "min", "max", "cv"])
    // Each period equals a backtest over the same range.
    let first = rows[1].split(separator: ",", omittingEmptySubsequences: false)
    let check = scratch.url.appendingPathComponent("check")
    let single = try CrescentBinary.run([
      "backtest", Self.smaCross, "--data", Self.btc, "--from", String(first[1]), "--to", String(first[2]), "--out", check.path, "--json",
      "--no-plots",
    ])
    #expect(single.status == 0)
    let stats = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
    let expected = try #require(Double(String(first[6])))
    let got = try #require(stats["return_pct"] as? Double)
    #expect(abs(got - expected) <= 1e-12 * abs(expected))
    let json = try CrescentBinary.run(["stability", Self.smaCross, "--data", Self.btc, "--by", "year", "--out", out.path, "--json"])
    #expect(json.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((object["periods"] as? [Any])?.count == 1)
  }

  @Test func stabilityRefusesBadInput() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("x").path
    let both = try CrescentBinary.run(["stability", Self.smaCross, "--data", Self.btc, "--periods", "3", "--by", "year", "--out", out])
    #expect(both.status == 2)
    #expect(both.stderr.contains("give --periods or --by, not both"))
    let by = try CrescentBinary.run(["stability", Self.smaCross, "--data", Self.btc, "--by", "week", "--out", out])
    #expect(by.status == 2)
    let many = try CrescentBinary.run(["stability", Self.smaCross, "--data", Self.btc, "--periods", "3000", "--out", out])
    #expect(many.status == 2)
    #expect(many.stderr.contains("must be at most 2000 periods for 4000 bars"))
    let bad = try scratch.write("bad.csv", "time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\nnot a row\n")
    #expect(try CrescentBinary.run(["stability", Self.smaCross, "--data", bad, "--out", out]).status == 3)
    let broken = try scratch.write("broken.lua", "return {signals = function(b) error('no signals today') end}")
    let failing = try CrescentBinary.run(["stability", broken, "--data", Self.btc, "--out", out])
    #expect(failing.status == 1)
    #expect(failing.stderr.contains("no signals today"))
  }

  @Test func theResearchSessionRuns() throws {
    let scratch = try ScratchDirectory()
    let result = try CrescentBinary.run(
      ["run", "examples/montecarlo.lua", scratch.url.path], directory: BacktestCommandTests.root)
    #expect(result.status == 0, "\(result.stderr)")
    for fragment in ["shuffle: max drawdown p50", "bootstrap: return p5", "intrabar: 26 ambiguous bars", "sharpe across periods"] {
      #expect(result.stdout.contains(fragment), "\(fragment) missing from:\n\(result.stdout)")
    }
    for file in ["bootstrap/montecarlo.csv", "bootstrap/montecarlo.json", "bootstrap/montecarlo.png", "shuffle.png"] {
      #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(file).path), "\(file) missing")
    }
  }
}
