import Testing
import WebTransport

@Suite struct BackoffTests {
  @Test func backoffGrowsWithJitterAndCaps() throws {
    let low = try Backoff(base: 100, cap: 1_000, random: { 0 })
    let high = try Backoff(base: 100, cap: 1_000, random: { 0.999999 })
    #expect((0..<6).map { low.delay(attempt: $0) } == [50, 100, 200, 400, 500, 500])
    #expect((0..<6).map { high.delay(attempt: $0) } == [99, 199, 399, 799, 999, 999])
    #expect(throws: TransportError.self) { try Backoff(base: 0, cap: 10) }
  }
}
