import Foundation
import Testing

/// `crescent data …` and exit code 3 for bad data.
@Suite struct DataCommandTests {
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/data")

  @Test func synthWritesBarsThatLoadBack() throws {
    let dir = try ScratchDirectory()
    let out = dir.url.appendingPathComponent("s.csv").path
    let synth = try CrescentBinary.run(["data", "synth", "--bars", "500", "--seed", "3", "--timeframe", "1h", "--out", out])
    #expect(synth.status == 0)
    #expect(synth.stdout == "\(out): 500 synthetic bars (1h, seed 3)\n")
    let script = try dir.write("check.lua", """
      local a = data.load(arg[1])
      local b = data.synthetic{bars = 500, seed = 3, timeframe = "1h"}
      print(#a, a.close[500] == b.close[500], a.timeframe)
      """)
    let check = try CrescentBinary.run(["run", script, out])
    #expect(check.stdout == "500\ttrue\t1h\n")
  }

  @Test func infoReportsRowsSpanTimeframeAndGaps() throws {
    let result = try CrescentBinary.run(["data", "info", Self.samples.appendingPathComponent("synthetic_SPY_1d_yahoo.csv").path])
    #expect(result.status == 0)
    #expect(result.stdout.contains("layout      yahoo"))
    #expect(result.stdout.contains("timeframe   1d"))
    #expect(result.stdout.contains("over weekends"))
    #expect(result.stdout.contains("invalid     0"))
  }

  @Test func convertAndResample() throws {
    let dir = try ScratchDirectory()
    let source = Self.samples.appendingPathComponent("synthetic_BTCUSD_1h.csv").path
    let binary = dir.url.appendingPathComponent("btc.crsbars").path
    let convert = try CrescentBinary.run(["data", "convert", source, "--out", binary])
    #expect(convert.status == 0)
    #expect(convert.stdout.contains("4000 bars"))
    let resample = try CrescentBinary.run(["data", "resample", binary, "--to", "1d"])
    #expect(resample.status == 0)
    let lines = resample.stdout.split(separator: "\n")
    #expect(lines.first == "time,open,high,low,close,volume")
    #expect(lines.count == 1 + 4000 / 24 + 1)
  }

  @Test func badDataExitsThreeNamingLineAndColumn() throws {
    let dir = try ScratchDirectory()
    let bad = try dir.write("bad.csv", "time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,0.9,0.5,1.5,10\n")
    let convert = try CrescentBinary.run(["data", "convert", bad])
    #expect(convert.status == 3)
    #expect(convert.stderr.hasPrefix("crescent: \(bad):3: column 'high': expected a high >= max(open, close)"))
    let script = try dir.write("load.lua", "local bars = data.load(arg[1])\n")
    let run = try CrescentBinary.run(["run", script, bad])
    #expect(run.status == 3)
    #expect(run.stderr.hasPrefix("\(script):1: data.load: \(bad):3: column 'high'"))
    let caught = try dir.write("caught.lua", "local ok = pcall(data.load, arg[1])\nerror('own failure')\n")
    #expect(try CrescentBinary.run(["run", caught, bad]).status == 1)
  }

  @Test func usageErrorsExitTwo() throws {
    #expect(try CrescentBinary.run(["data", "synth", "--bars", "-1", "--out", "/tmp/x.csv"]).status == 2)
    #expect(try CrescentBinary.run(["data", "synth", "--bars", "5", "--timeframe", "1M", "--out", "/tmp/x.csv"]).status == 2)
    #expect(try CrescentBinary.run(["data", "resample", "x.csv", "--to", "7q"]).status == 2)
    #expect(try CrescentBinary.run(["data"]).status == 0)
  }
}
