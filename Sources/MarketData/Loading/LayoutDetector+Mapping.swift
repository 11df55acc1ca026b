/// Column mapping: automatic from the header (or the position, without one), then the
/// user's `columns` overrides, then a check that every required role has a column.
extension LayoutDetector {
  var numberRoles: [String] {
    target == .bars
      ? ["open", "high", "low", "close", "volume"] : ["price", "size", "bid", "ask", "bidsize", "asksize"]
  }

  func map(_ layout: inout Layout, sample: [Range<Int>]) throws(DataError) {
    var time: Layout.TimeSource?
    var roles: [String: Int] = [:]
    if layout.hasHeader {
      (time, roles) = automaticFromHeader(layout.names, sample: sample)
      layout.name = headerLayoutName(layout.names)
    } else {
      (time, roles) = automaticByPosition(sample)
      layout.name = positionalLayoutName(time: time, sample: sample)
    }
    if !options.columns.isEmpty {
      try applyOverrides(layout.names, time: &time, roles: &roles)
    }
    guard let time else {
      throw DataError(
        .layout, file: file, line: layout.dataLine, value: layout.names.joined(separator: ","),
        expected: layout.hasHeader
          ? "a time column (Date, Time, Datetime, Timestamp, Gmt time, …) or columns={time=…}"
          : "a timestamp in the first field")
    }
    layout.time = time
    if target == .bars {
      for role in ["open", "high", "low", "close"] where roles[role] == nil {
        throw DataError(
          .layout, file: file, line: layout.dataLine, value: layout.names.joined(separator: ","),
          expected: "a '\(role)' column (or columns={\(role)=…})")
      }
      layout.numbers = ["open", "high", "low", "close", "volume"].map { ($0, roles[$0]) }
    } else if roles["price"] != nil {
      layout.numbers = [("price", roles["price"]), ("size", roles["size"])]
    } else if roles["bid"] != nil && roles["ask"] != nil {
      layout.numbers = ["bid", "ask", "bidsize", "asksize"].map { ($0, roles[$0]) }
    } else {
      throw DataError(
        .layout, file: file, line: layout.dataLine, value: layout.names.joined(separator: ","),
        expected: "a 'price' column or 'bid' and 'ask' columns")
    }
  }

  private func automaticFromHeader(_ names: [String], sample: [Range<Int>]) -> (
    Layout.TimeSource?, [String: Int]
  ) {
    let normalized = names.map(ColumnNames.normalize)
    func index(_ name: String) -> Int? { normalized.firstIndex(of: name) }
    var time: Layout.TimeSource?
    if let date = index("date"), let clock = index("time"), isClock(sample[clock]),
      TimeParser.date(bytes, from: sample[date].lowerBound, to: sample[date].upperBound) != nil
    {
      time = .split(date: date, clock: clock)
    } else {
      for name in ColumnNames.time {
        if let column = index(name), isFullTime(sample[column]) {
          time = .single(column)
          break
        }
      }
      if time == nil, let first = sample.first, isFullTime(first) { time = .single(0) }
      // A known name whose first value does not parse: map it anyway, so the parse names the line.
      if time == nil, let column = ColumnNames.time.lazy.compactMap(index).first { time = .single(column) }
    }
    var used = Set<Int>()
    switch time {
    case let .single(column): used.insert(column)
    case let .split(date, clock): used.formUnion([date, clock])
    case nil: break
    }
    var roles: [String: Int] = [:]
    for role in numberRoles {
      for name in ColumnNames.synonyms[role] ?? [] {
        if let column = index(name), !used.contains(column) {
          roles[role] = column
          used.insert(column)
          break
        }
      }
    }
    return (time, roles)
  }

  private func automaticByPosition(_ sample: [Range<Int>]) -> (Layout.TimeSource?, [String: Int]) {
    guard let first = sample.first,
      isFullTime(first) || TimeParser.date(bytes, from: first.lowerBound, to: first.upperBound) != nil
    else { return (nil, [:]) }
    var start = 1
    var time = Layout.TimeSource.single(0)
    if sample.count > 1, sample[1].contains(where: { bytes[$0] == UInt8(ascii: ":") }), isClock(sample[1]) {
      time = .split(date: 0, clock: 1)
      start = 2
    }
    var roles: [String: Int] = [:]
    let order = target == .bars ? ["open", "high", "low", "close", "volume"] : ["price", "size"]
    for (offset, role) in order.enumerated() where start + offset < sample.count {
      roles[role] = start + offset
    }
    return (time, roles)
  }

  private func headerLayoutName(_ names: [String]) -> String {
    let normalized = Set(names.map(ColumnNames.normalize))
    if target == .ticks { return "ticks" }
    if names.contains(where: { $0.hasPrefix("<") }) {
      if normalized.contains("ticker") || normalized.contains("per") { return "stooq" }
      return normalized.contains("tickvol") && normalized.contains("spread") ? "mt5" : "mt4"
    }
    if normalized.contains("gmttime") || normalized.contains("localtime") { return "dukascopy" }
    if normalized.contains("adjclose") { return "yahoo" }
    if names.first.map(ColumnNames.normalize) == "" { return "pandas" }
    if normalized.contains("openinterest") || normalized.contains("openint") { return "stooq" }
    return "generic"
  }

  private func positionalLayoutName(time: Layout.TimeSource?, sample: [Range<Int>]) -> String {
    if target == .ticks { return "ticks" }
    guard let first = sample.first else { return "headerless" }
    if case .split = time, first.contains(where: { bytes[$0] == UInt8(ascii: ".") }) { return "mt4" }
    if sample.count == 12, TimeParser.epoch(bytes, from: first.lowerBound, to: first.upperBound) != nil {
      return "binance"
    }
    return "headerless"
  }

  private func applyOverrides(
    _ names: [String], time: inout Layout.TimeSource?, roles: inout [String: Int]
  ) throws(DataError) {
    let known = Set(numberRoles + ["time", "date"])
    var resolved: [String: Int] = [:]
    for (role, column) in options.columns {
      let key = role.lowercased()
      guard known.contains(key) else {
        throw DataError(
          .option, file: file, column: role, value: column,
          expected: "a role among " + known.sorted().joined(separator: ", "))
      }
      guard let index = columnIndex(column, names: names) else {
        throw DataError(
          .layout, file: file, column: column, value: names.joined(separator: ","),
          expected: "a column named '\(column)' for '\(key)'")
      }
      resolved[key] = index
    }
    if let date = resolved["date"] {
      guard let clock = resolved["time"] else {
        throw DataError(
          .option, file: file, column: "date", expected: "'time' (the time of day) together with 'date'")
      }
      time = .split(date: date, clock: clock)
    } else if let column = resolved["time"] {
      time = .single(column)
    }
    for (role, index) in resolved where role != "time" && role != "date" {
      for (other, column) in roles where column == index { roles[other] = nil }
      roles[role] = index
    }
  }

  /// A column given as header text (exact, then case-insensitive, then normalized) or `#n`.
  private func columnIndex(_ column: String, names: [String]) -> Int? {
    if column.hasPrefix("#"), let n = Int(column.dropFirst()), n >= 1, n <= names.count { return n - 1 }
    if let exact = names.firstIndex(of: column) { return exact }
    if let folded = names.firstIndex(where: { $0.lowercased() == column.lowercased() }) { return folded }
    let normalized = ColumnNames.normalize(column)
    return names.firstIndex { ColumnNames.normalize($0) == normalized }
  }
}
