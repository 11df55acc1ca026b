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

  /// The digit-scan reader used by the row fast path: same value as the general parser
  /// (and the standard library), and the offset just after the number.
  func leading(_ text: String, then rest: String = ",1,2,3\n2024-01-01T00:00:00Z,1,2,3,4,5\n") -> (Double, Int)? {
    let bytes = Array((text + rest).utf8)
    return bytes.withUnsafeBytes { NumberParser.leadingDecimal($0, at: 0, decimalComma: false) }
  }

  @Test func leadingDecimalAgreesWithTheStandardLibrary() {
    var random = RandomSource(seed: 3)
    var read = 0
    for _ in 0..<100_000 {
      let integerDigits = Int(random.next() % 16) + 1
      let fractionDigits = Int(random.next() % 16)
      var text = random.next() % 3 == 0 ? "-" : ""
      for _ in 0..<integerDigits { text += String(random.next() % 10) }
      if fractionDigits > 0 {
        text += "."
        for _ in 0..<fractionDigits { text += String(random.next() % 10) }
      }
      guard let (value, end) = leading(text) else {
        // Only longer digit runs than the fast shape holds are left to the general path.
        #expect(
          integerDigits + fractionDigits > 19 || fractionDigits > 15 || integerDigits >= 16, "\(text)")
        continue
      }
      read += 1
      #expect(value.bitPattern == Double(text)?.bitPattern, "\(text)")
      #expect(end == text.utf8.count, "\(text)")
    }
    #expect(read > 50_000)  // the rest have more than 19 digits
    for value in [0.1, 1.0 / 3, 100.37422131467996, 99.22029394565797, 110776885987.39786, 1.25e-7, 9_007_199_254_740_992.0] {
      let text = "\(value)"
      // Exponent forms stop at the 'e', which the caller sees is no separator.
      if let (parsed, end) = leading(text), end == text.utf8.count { #expect(parsed == Double(text), "\(text)") }
    }
  }

  @Test func leadingDecimalStopsAtTheFirstNonDigit() {
    #expect(leading("12.5", then: ";7                                  ")?.1 == 4)
    #expect(leading("1.5", then: "e3,                                  ")?.1 == 3)  // the caller sees 'e'
    #expect(leading("-0")?.0.sign == .minus)
    for text in ["", "-", ".5", "+1", "1.", "12345678901234567", "1.1234567890123456", "a1", " 1", "\"1\""] {
      #expect(leading(text) == nil, "\(text)")
    }
    // Near the end of the buffer it declines rather than read past it.
    #expect(Array("1.5".utf8).withUnsafeBytes { NumberParser.leadingDecimal($0, at: 0, decimalComma: false) } == nil)
    let comma = Array("1,25;2                                  ".utf8)
    #expect(comma.withUnsafeBytes { NumberParser.leadingDecimal($0, at: 0, decimalComma: true) }?.value == 1.25)
  }

  @Test func exactQuotientRoundsEveryMantissaCorrectly() {
    var random = RandomSource(seed: 4)
    for i in 0..<200_000 {
      let m: UInt64
      switch i % 3 {
      case 0: m = random.next() | 1
      case 1: m = random.next() % 10_000_000_000_000_000_000 + 1
      default: m = (1 << 53) + random.next() % (1 << 55)
      }
      let k = Int(random.next() % 23)
      let text = "\(m)e-\(k)"
      #expect(NumberParser.exactQuotient(m, dividedByPowerOfTen: k)?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }
    // Exact halfway cases: (2^53 + odd) · 5^k / 10^k lies midway between two doubles.
    for k in 0...22 {
      let five = (0..<k).reduce(UInt64(1)) { p, _ in p * 5 }
      for odd in stride(from: UInt64(1), to: 2_000, by: 2) {
        let (m, overflow) = ((1 << 53) + odd).multipliedReportingOverflow(by: five)
        if overflow { break }
        let text = "\(m)e-\(k)"
        #expect(NumberParser.exactQuotient(m, dividedByPowerOfTen: k)?.bitPattern == Double(text)?.bitPattern, "\(text)")
      }
    }
    #expect(NumberParser.exactQuotient(0, dividedByPowerOfTen: 3) == 0)
    #expect(NumberParser.exactQuotient(1, dividedByPowerOfTen: 23) == nil)
  }

  @Test func fixedWidthClockMatchesTheGeneralOne() {
    let day = Fixture.t("2024-03-05T00:00:00Z")
    func parse(_ text: String) -> Int64? {
      let bytes = Array((text + ",1,2,3,4,5\n").utf8)
      return bytes.withUnsafeBytes { TimeParser.parse($0, from: 0, to: text.utf8.count)?.nanoseconds }
    }
    for second in stride(from: 0, to: 86_400, by: 7) {
      let text = String(format: "2024-03-05 %02d:%02d:%02d", second / 3_600, second / 60 % 60, second % 60)
      #expect(parse(text) == day + Int64(second) * 1_000_000_000, "\(text)")
      #expect(parse(text + "Z") == day + Int64(second) * 1_000_000_000, "\(text)")
    }
    #expect(parse("2024-03-05T24:00:00") == day + 86_400_000_000_000)  // the general reader's 24:00
    #expect(parse("2024-03-05T12:30:60") == day + 45_059_000_000_000)  // a leap second reads as :59
    #expect(parse("2024-03-05T12:30:15.25") == day + 45_015_250_000_000)
    #expect(parse("2024-03-05T12:30:15+01:00") == day + 41_415_000_000_000)
    for bad in ["2024-03-05T12:60:00", "2024-03-05T25:00:00", "2024-03-05T12;30:00", "2024-03-05T1a:30:00"] {
      #expect(parse(bad) == nil, "\(bad)")
    }
  }
}

