import MarketData
import Testing

@testable import Simulator

@Suite struct SweepGridTests {
  @Test func integerRangesAreInclusive() throws {
    #expect(try SweepAxis.parse("fast=5:50:5").values == stride(from: 5, through: 50, by: 5).map { .integer($0) })
    #expect(try SweepAxis.parse("n=3:7").values == [3, 4, 5, 6, 7].map { .integer($0) })
    #expect(try SweepAxis.parse("n=10:4:-3").values == [10, 7, 4].map { .integer($0) })
    #expect(try SweepAxis.parse("n=4:4:1").values == [.integer(4)])
  }

  @Test func decimalRangesStepWithoutDrift() throws {
    #expect(try SweepAxis.parse("k=0.1:0.3:0.1").values == [0.1, 0.2, 0.3].map { .number($0) })
    let long = try SweepAxis.parse("k=0:1:0.05").values
    #expect(long.count == 21)
    #expect(long[7] == .number(0.35))
    #expect(long.last == .number(1))
    #expect(try SweepAxis.parse("k=1.5:2.5:0.25").values == [1.5, 1.75, 2, 2.25, 2.5].map { .number($0) })
    #expect(try SweepAxis.parse("k=1e-3:3e-3:1e-3").values == [0.001, 0.002, 0.003].map { .number($0) })
    // The end need not lie on the grid: values stop before passing it.
    #expect(try SweepAxis.parse("k=1:2:0.4").values == [1, 1.4, 1.8].map { .number($0) })
  }

  @Test func listsHoldNumbersBooleansAndText() throws {
    #expect(
      try SweepAxis.parse("x=1, 2.5 ,true,ema,-3").values == [
        .integer(1), .number(2.5), .boolean(true), .string("ema"), .integer(-3),
      ])
    #expect(try SweepAxis.parse("x=7").values == [.integer(7)])
  }

  @Test(arguments: [
    "fast", "=1,2", "fast=", "fast=1:a:1", "fast=1:5:0", "fast=5:1:1", "fast=1:2:3:4", "fast=1,,2", "k=0:1e9:1e-3",
  ])
  func badGridTextIsAnErrorSayingWhatWasExpected(_ text: String) {
    #expect(throws: SweepSpecError.self) { try SweepAxis.parse(text) }
  }

  @Test func badGridMessagesNameTheProblem() {
    #expect(throws: SweepSpecError("--grid fast: the step of \"1:5:0\" is 0")) { try SweepAxis.parse("fast=1:5:0") }
    #expect(throws: SweepSpecError("--grid fast is given twice")) { try SweepGrid(parsing: ["fast=1,2", "fast=3"]) }
    #expect(throws: SweepSpecError("a sweep needs at least one --grid name=values")) { try SweepGrid(parsing: []) }
  }

  @Test func combinationsEnumerateLikeNestedLoops() throws {
    let grid = try SweepGrid(parsing: ["a=1:3", "b=x,y"])
    #expect(grid.count == 6)
    let all = (0..<6).map { grid.combination($0).map(\.description).joined(separator: " ") }
    #expect(all == ["1 x", "1 y", "2 x", "2 y", "3 x", "3 y"])
  }

  @Test func randomSearchIsSeededDistinctAndInGridOrder() throws {
    let grid = try SweepGrid(parsing: ["a=1:40", "b=1:25"])
    let one = try SweepPlan(grid: grid, samples: 50, seed: 7)
    let again = try SweepPlan(grid: grid, samples: 50, seed: 7)
    let other = try SweepPlan(grid: grid, samples: 50, seed: 8)
    #expect(one == again)
    #expect(one.indices != other.indices)
    #expect(one.count == 50)
    #expect(Set(one.indices).count == 50)
    #expect(one.indices == one.indices.sorted())
    #expect(one.indices.allSatisfy { (0..<1000).contains($0) })
    #expect(try SweepPlan(grid: grid, samples: 5000, seed: 1).indices == Array(0..<1000))
    #expect(throws: SweepSpecError.self) { try SweepPlan(grid: grid, samples: 0, seed: 1) }
  }

  @Test func randomSearchCoversTheGridRoughlyUniformly() throws {
    let grid = try SweepGrid(parsing: ["a=0:9"])
    var hits = [Int](repeating: 0, count: 10)
    for seed in 0..<2000 { for j in try SweepPlan(grid: grid, samples: 3, seed: UInt64(seed)).indices { hits[j] += 1 } }
    // 600 expected per value; a biased sampler would be far off.
    #expect(hits.allSatisfy { (480...720).contains($0) }, "\(hits)")
  }

  @Test func shardsPartitionEveryCombinationOnce() throws {
    for total in [0, 1, 2, 7, 10, 101] {
      for count in 1...6 {
        var seen: [Int] = []
        for i in 1...count {
          let shard = try SweepShard(index: i, count: count)
          let mine = Array(shard.positions(of: total))
          #expect(mine.count == shard.share(of: total))
          #expect(mine.allSatisfy { $0 % count == i - 1 })
          seen += mine
        }
        #expect(seen.sorted() == Array(0..<total))
      }
    }
  }

  @Test(arguments: ["0/3", "4/3", "1/0", "2", "a/b", "1/3/5", "-1/2"])
  func badShardsAreRefused(_ text: String) {
    #expect(throws: SweepSpecError.self) { try SweepShard(parsing: text) }
  }

  @Test func shardParsesOneBased() throws {
    let shard = try SweepShard(parsing: "2/8")
    #expect(shard.index == 2 && shard.count == 8 && shard.description == "2/8")
  }
}
