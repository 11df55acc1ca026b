import Foundation
import LuaBindings
import LuaRuntime
import Testing

/// Series owned by userdata are released when Lua collects them, and the collector hears
/// about their buffers, so creating and dropping them in a loop keeps memory flat.
@Suite(.serialized) struct SeriesMemoryTests {
  /// Resident set size in bytes, from /proc/self/statm.
  private func residentBytes() throws -> Int {
    let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
    return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  @Test func creatingAndDroppingAMillionSeriesKeepsMemoryFlat() throws {
    let state = try CrescentLibrary.makeState()
    // Each iteration makes one 1,000-value series (8 kB outside Lua's heap).
    try state.load(
      source: """
        local base = data.synthetic{bars = 1000, seed = 3}.close
        local n = ...
        for i = 1, n do
          local s = base + i
        end
        return #base
        """, name: "=loop")
    state.stack.push(100_000)
    try state.call(arguments: 1, results: 1)
    state.stack.pop()
    let warm = try residentBytes()
    let luaWarm = state.memoryUsed

    try state.load(
      source: """
        local base = data.synthetic{bars = 1000, seed = 3}.close
        for i = 1, 1000000 do
          local s = base + i
        end
        """, name: "=loop")
    try state.call()
    let after = try residentBytes()
    // 1M series of 8 kB would be 8 GB if none were released. RSS is process-wide and other
    // suites run concurrently in this process (the simulator's and indicators' tests hold
    // tens of MiB at times), so allow that noise: a leak would still be 30× the bound.
    #expect(after - warm < 256 << 20, "RSS grew from \(warm >> 20) MiB to \(after >> 20) MiB")
    #expect(state.memoryUsed < luaWarm + (16 << 20))
  }
}
