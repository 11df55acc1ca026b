import Foundation
import Testing

/// `crescent sweep` and `crescent sweep merge` run as a user would.
@Suite struct SweepCommandTests {
  static let root = BacktestCommandTests.root
  static let btc = BacktestCommandTests.btc
  static let smaCross = BacktestCommandTests.smaCross
  static let grid = ["--grid", "fast=5:25:5", "--grid", "slow=30:60:10"]

  func read(_ dir: URL, _ name: String) throws -> Data {
    try Data(contentsOf: dir.appendingPathComponent(name))
  }

  @Test func sweepWritesResultsHeatmapAndManifest() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("sweep")
    let result = try CrescentBinary.run(["sweep", Self.smaCross, "--data", Self.btc] + Self.grid + ["--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "no progress bar when piped: \(result.stderr)")
    #expect(result.stdout.contains("20 combinations"))
    #expect(result.stdout.contains("best by sharpe"))
    let lines = String(decoding: try read(out, "results.csv"), as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 21)
    #expect(lines[0].hasPrefix("fast,slow,start,end,bars,trades,return_pct,"))
    #expect(lines[1].hasPrefix("5,30,"))
    #expect(lines[2].hasPrefix("5,40,"))
    #expect(lines[20].hasPrefix("25,60,"))
    let png = [UInt8](try read(out, "heatmap.png"))
    #expect(png.starts(with: [137, 80, 78, 71]))
    let manifest = try JSONSerialization.jsonObject(with: read(out, "sweep.json")) as? [String: Any]
    #expect(manifest?["combinations"] as? Int == 20)
    #expect(manifest?["shard"] as? String == "1/1")
    #expect((manifest?["strategy"] as? [String: Any])?["sha256"] as? String == (try BacktestCommandTests().sha256sum(Self.smaCross)))
  }

  @Test func aSweepRowEqualsTheBacktestWithTheSameParams() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("sweep")
    let sweep = try CrescentBinary.run(
      ["sweep", Self.smaCross, "--data", Self.btc, "--grid", "fast=7,12", "--grid", "slow=40", "--out", out.path])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let rows = String(decoding: try read(out, "results.csv"), as: UTF8.self).split(separator: "\n")
    let run = scratch.url.appendingPathComponent("run")
    let single = try CrescentBinary.run(
      ["backtest", Self.smaCross, "--data", Self.btc, "--param", "fast=12", "--param", "slow=40", "--json", "--out", run.path, "--no-plots"])
    #expect(single.status == 0, "\(single.stderr)")
    // stats.json's values as written (numbers in the same shortest round-trip form).
    var stats: [String: String] = [:]
    for line in single.stdout.split(separator: "\n") {
      let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ,\"")) }
      if parts.count == 2 { stats[parts[0]] = parts[1] }
    }
    let header = rows[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let cells = rows[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(cells[0] == "12" && cells[1] == "40")
    #expect(stats.count == header.count - 2)
    for (key, cell) in zip(header.dropFirst(2), cells.dropFirst(2)) {
      #expect(cell == (stats[key] == "null" ? "" : stats[key]), "\(key)")
    }
  }

  @Test func aShardedAndMergedSweepEqualsTheUnshardedOne() throws {
    let scratch = try ScratchDirectory()
    let whole = scratch.url.appendingPathComponent("whole")
    let base = ["sweep", Self.smaCross, "--data", Self.btc] + Self.grid + ["--metric", "return_pct", "--min-trades", "100"]
    #expect(try CrescentBinary.run(base + ["--out", whole.path, "--jobs", "2"]).status == 0)
    var shards: [String] = []
    for i in 1...3 {
      let dir = scratch.url.appendingPathComponent("shard\(i)").path
      let result = try CrescentBinary.run(base + ["--shard", "\(i)/3", "--out", dir, "--jobs", "1"])
      #expect(result.status == 0, "\(result.stderr)")
      shards.append(dir)
    }
    #expect(try read(URL(fileURLWithPath: shards[0]), "results.csv") != read(whole, "results.csv"))
    let merged = scratch.url.appendingPathComponent("merged")
    let merge = try CrescentBinary.run(["sweep", "merge", shards[2], shards[0], shards[1], "--out", merged.path])
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(try read(merged, "results.csv") == read(whole, "results.csv"))
    #expect(try read(merged, "heatmap.png") == read(whole, "heatmap.png"))
    #expect(try read(merged, "sweep.json") == read(whole, "sweep.json"))

    let missing = try CrescentBinary.run(["sweep", "merge", shards[0], shards[1], "--out", merged.path])
    #expect(missing.status == 2)
    #expect(missing.stderr == "crescent: missing shard 3/3 of 3\n")
    let twice = try CrescentBinary.run(["sweep", "merge", shards[0], shards[0], shards[1], "--out", merged.path])
    #expect(twice.status == 2)
    #expect(twice.stderr.contains("shard 1/3 is given twice"))
    // A shard of a different sweep (another grid) is refused.
    let other = scratch.url.appendingPathComponent("other").path
    #expect(try CrescentBinary.run(
      ["sweep", Self.smaCross, "--data", Self.btc, "--grid", "fast=5:25:5", "--grid", "slow=30:70:10", "--metric", "return_pct",
       "--min-trades", "100", "--shard", "3/3", "--out", other]).status == 0)
    let mixed = try CrescentBinary.run(["sweep", "merge", shards[0], shards[1], other, "--out", merged.path])
    #expect(mixed.status == 2)
    #expect(mixed.stderr.contains("is not a shard of the same sweep") && mixed.stderr.contains("grid differs"))
  }

  @Test func jobCountDoesNotChangeTheOutput() throws {
    let scratch = try ScratchDirectory()
    var files: [Data] = []
    for (jobs, memo) in [("1", "off"), ("2", "shared"), ("2", "worker")] {
      let out = scratch.url.appendingPathComponent("j\(jobs)\(memo)")
      let result = try CrescentBinary.run(
        ["sweep", Self.smaCross, "--data", Self.btc, "--grid", "fast=3:30:3", "--grid", "slow=20:50:15", "--jobs", jobs,
         "--memo", memo, "--out", out.path])
      #expect(result.status == 0, "\(result.stderr)")
      files.append(try read(out, "results.csv"))
    }
    #expect(files[0] == files[1] && files[1] == files[2])
  }

  @Test func randomSearchIsReproducibleAndJSONNamesTheBest() throws {
    let scratch = try ScratchDirectory()
    let args = ["sweep", Self.smaCross, "--data", Self.btc, "--grid", "fast=2:40", "--grid", "slow=20:100:5", "--random", "12", "--seed", "5", "--json"]
    let a = try CrescentBinary.run(args + ["--out", scratch.url.appendingPathComponent("a").path])
    let b = try CrescentBinary.run(args + ["--out", scratch.url.appendingPathComponent("b").path])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(try read(scratch.url.appendingPathComponent("a"), "results.csv") == read(scratch.url.appendingPathComponent("b"), "results.csv"))
    #expect(a.stdout == b.stdout)
    let json = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any]
    #expect(json?["combinations"] as? Int == 12)
    #expect(((json?["best"] as? [String: Any])?["params"] as? [String: Any])?["fast"] is Int)
  }

  @Test(arguments: [
    (["--grid", "fast=5:a:5"], 2, "crescent: --grid fast: the range's end must be a number, got \"a\" in \"5:a:5\""),
    (["--grid", "fsat=5,10"], 2, "unknown parameter 'fsat' (did you mean 'fast'?); params: fast, slow"),
    (["--grid", "fast=5,10", "--shard", "0/4"], 2, "crescent: --shard i/N needs 1 <= i <= N (i is 1-based), got 0/4"),
    (["--grid", "fast=5,10", "--metric", "sharp"], 2, "crescent: --metric 'sharp' is not a stats key (did you mean 'sharpe'?)"),
    (["--grid", "fast=5,10", "--param", "fast=3"], 2, "--param fast is also swept by --grid fast"),
    (["--grid", "fast=5,10", "--jobs", "0"], 2, "--jobs must be at least 1"),
    ([String](), 2, "crescent: a sweep needs at least one --grid name=values"),
  ])
  func badInputIsOneClearLine(_ extra: [String], _ code: Int32, _ message: String) throws {
    let result = try CrescentBinary.run(["sweep", Self.smaCross, "--data", Self.btc] + extra)
    #expect(result.status == code, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count <= 3)
  }

  @Test func badDataExitsThree() throws {
    let scratch = try ScratchDirectory()
    let bad = try scratch.write("bad.csv", "time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,0.5,0.4,1,10\n")
    let result = try CrescentBinary.run(["sweep", Self.smaCross, "--data", bad, "--grid", "fast=5,10"])
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stderr.hasPrefix("crescent: "))
  }
}
