import Foundation
import Testing

/// `crescent walkforward` run as a user would.
@Suite struct WalkforwardCommandTests {
  static let btc = BacktestCommandTests.btc
  static let smaCross = BacktestCommandTests.smaCross

  func lines(_ dir: URL, _ name: String) throws -> [[String]] {
    try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  @Test func walkforwardWritesWindowsEquityAndChart() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("wf")
    let result = try CrescentBinary.run(
      ["walkforward", Self.smaCross, "--data", Self.btc, "--grid", "fast=5:20:5", "--grid", "slow=30,50", "--train", "1000",
       "--test", "500", "--out", out.path, "--jobs", "2"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("walk-forward: 6 windows"))
    #expect(result.stdout.contains("walk-forward efficiency (sharpe"))
    let windows = try lines(out, "windows.csv")
    #expect(windows[0] == ["window", "train_start", "train_end", "test_start", "test_end", "fast", "slow", "in_sample_sharpe", "out_of_sample_sharpe"])
    #expect(windows.count == 7)
    for row in windows.dropFirst() {
      // Each test window starts after its training window ends.
      #expect(row[3] > row[2], "\(row)")
      #expect(["5", "10", "15", "20"].contains(row[5]))
    }
    let equity = try lines(out, "oos_equity.csv")
    #expect(equity[0] == ["time", "equity", "drawdown_pct", "window"])
    #expect(equity.count == 3001)
    #expect(equity[1][0] == windows[1][3])
    #expect(equity[1][1] == "1000000.0")
    // Each window starts from the previous window's final equity.
    for k in 1..<(equity.count - 1) where equity[k][3] != equity[k + 1][3] {
      #expect(equity[k][1] == equity[k + 1][1], "line \(k)")
    }
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("walkforward.png").path))
  }

  @Test func durationsAndAnchoredWindows() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.url.appendingPathComponent("wf")
    let result = try CrescentBinary.run(
      ["walkforward", Self.smaCross, "--data", Self.btc, "--grid", "fast=5,10", "--grid", "slow=30", "--train", "30d",
       "--test", "3w", "--anchored", "--metric", "return_pct", "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("walk-forward efficiency (cagr_pct"))
    let windows = try lines(out, "windows.csv")
    #expect(windows[0].suffix(2) == ["in_sample_return_pct", "out_of_sample_return_pct"])
    #expect(windows.dropFirst().allSatisfy { $0[1] == "2024-01-01T00:00:00Z" }, "anchored at the first bar")
    #expect(windows[1][3] == "2024-01-31T00:00:00Z")
  }

  @Test(arguments: [
    (["--train", "5000", "--test", "500"], 3, "crescent: --train 5000 + --test 500 bars need at least 5500 bars, the data has 4000"),
    (["--train", "6M", "--test", "500"], 2, "months and years vary in length"),
    (["--train", "100", "--test", "2d"], 2, "--train and --test must both be bars"),
    (["--train", "300d", "--test", "10d"], 3, "are longer than the data"),
  ])
  func badWindowsAreOneClearLine(_ extra: [String], _ code: Int32, _ message: String) throws {
    let result = try CrescentBinary.run(
      ["walkforward", Self.smaCross, "--data", Self.btc, "--grid", "fast=5,10"] + extra)
    #expect(result.status == code, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }
}
