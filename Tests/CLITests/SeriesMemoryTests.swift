import Foundation
import Testing

/// Series owned by userdata are released when Lua collects them, and the collector hears
/// about their buffers, so creating and dropping a million of them keeps memory flat. Runs
/// in its own crescent process so other tests cannot disturb the measurement.
@Suite struct SeriesMemoryTests {
  @Test func creatingAndDroppingAMillionSeriesKeepsMemoryFlat() throws {
    let scratch = try ScratchDirectory()
    let script = try scratch.write("churn.lua", """
      local function resident()
        local f = assert(io.open("/proc/self/statm"))
        local _, pages = f:read("n", "n")
        f:close()
        return pages * 4096
      end
      -- Each iteration makes one 1,000-value series (8 kB outside Lua's heap).
      local base = data.synthetic{bars = 1000, seed = 3}.close
      for i = 1, 100000 do local s = base + i end
      local warm, luaWarm = resident(), collectgarbage("count")
      for i = 1, 1000000 do local s = base + i end
      print(warm, resident(), luaWarm, collectgarbage("count"))
      """)
    let result = try CrescentBinary.run(["run", script])
    #expect(result.status == 0, "\(result.stderr)")
    let fields = result.stdout.split(whereSeparator: { $0 == "\t" || $0 == "\n" }).compactMap { Double($0) }
    try #require(fields.count == 4)
    // A million 8 kB series never released would be 8 GB.
    #expect(fields[1] - fields[0] < Double(64 << 20), "RSS grew from \(Int(fields[0]) >> 20) to \(Int(fields[1]) >> 20) MiB")
    #expect(fields[3] - fields[2] < 16 * 1024, "Lua heap grew from \(fields[2]) to \(fields[3]) kB")
  }
}
