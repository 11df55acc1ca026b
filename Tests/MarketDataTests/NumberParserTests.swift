import Testing

@testable import MarketData

@Suite struct NumberParserTests {
  func parse(_ text: String, decimalComma: Bool = false) -> Double? {
    // Padding after the field, as in a file, so the eight-byte reads stay inside.
    let bytes = Array(text.utf8) + Array(",xxxxxxxxxxxxxxxx".utf8)
    return bytes.withUnsafeBytes {
      NumberParser.parse($0, from: 0, to: text.utf8.count, decimalComma: decimalComma)
    }
  }

  @Test func agreesWithTheStandardLibrary() {
    var random = RandomSource(seed: 1)
    for _ in 0..<50_000 {
      let digits = Int(random.next() % 17) + 1
      let point = Int(random.next() % UInt64(digits + 1))
      var text = random.next() % 4 == 0 ? "-" : ""
      for k in 0..<digits {
        if k == point && k > 0 { text += "." }
        text += String(random.next() % 10)
      }
      #expect(parse(text) == Double(text), "\(text)")
    }
    for text in [
      "0", "-0", "1e5", "1.5E-3", "123456789012345678901234", "0.1234567890123456789", "+7", "1.", ".5",
      "4.9e-324", "1.7976931348623157e308", "100.03456", "99999999.99999999",
    ] {
      #expect(parse(text) == Double(text), "\(text)")
    }
  }

  @Test func fullPrecisionDumpsRoundCorrectly() {
    var random = RandomSource(seed: 2)
    var decided = 0
    let count = 50_000
    for i in 0..<count {
      // repr-style text of a random double: 15–17 significant digits.
      let magnitude = [1e-6, 1e-3, 1, 100, 1e4, 1e7][i % 6]
      let value = random.uniform() * magnitude * 10
      let text = "\(value)"
      #expect(parse(text) == value, "\(text)")
      // And 18–19 digit mantissas of the same numbers.
      let long = text + "37"
      #expect(parse(long) == Double(long), "\(long)")
      let digits = text.filter(\.isNumber)
      if !text.contains("e"), let dot = text.firstIndex(of: "."), let m = UInt64(digits) {
        let k = text.distance(from: dot, to: text.endIndex) - 1
        if NumberParser.exactQuotient(m, dividedByPowerOfTen: k) != nil { decided += 1 }
      }
    }
    #expect(decided > count * 8 / 10)  // the exact path decides nearly every case
  }

  @Test func rejectsWhatIsNotANumber() {
    for text in ["", "-", ".", "1.2.3", "12a", "a12", "1,5", "1e", "--1", "1 2", "0x10", "١٢"] {
      #expect(parse(text) == nil, "\(text)")
    }
    #expect(parse("1,5", decimalComma: true) == 1.5)
    #expect(parse("nan")?.isNaN == true)
    #expect(parse("-inf") == -.infinity)
  }

  @Test func shortBufferEndsTakeTheGeneralPath() {
    let bytes = Array("3.25".utf8)
    #expect(bytes.withUnsafeBytes { NumberParser.parse($0, from: 0, to: 4) } == 3.25)
  }
}

