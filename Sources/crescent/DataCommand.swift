import ArgumentParser
import MarketData

/// `crescent data info|convert|resample|synth`.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data", abstract: "Inspect, convert, resample and synthesise market data files.",
    subcommands: [Info.self, Convert.self, Resample.self, Synth.self])

  /// Options that shape how a file is read, as `data.load` takes them.
  struct LoadFlags: ParsableArguments {
    @Option(help: ArgumentHelp("IANA time zone of timestamps without an offset.", valueName: "zone"))
    var tz: String?
    @Option(help: ArgumentHelp("Symbol to record (default: the file name).", valueName: "name"))
    var symbol: String?
    @Flag(help: "Repair: sort rows by time (reports how many moved).")
    var sort = false
    @Flag(help: "Repair: keep the first of rows with equal times (reports how many).")
    var dedupe = false
    @Flag(name: .customLong("drop-invalid"), help: "Repair: drop rows that do not parse or break a rule (reports how many).")
    var dropInvalid = false

    var options: LoadOptions {
      LoadOptions(symbol: symbol, timeZone: tz, sort: sort, dedupe: dedupe, dropInvalid: dropInvalid)
    }
  }

  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rows, span, inferred timeframe, gaps, duplicates and invalid rows of a file.")
    @Argument(help: "A bar file.") var file: String
    @OptionGroup var load: LoadFlags

    func run() throws {
      let info = try dataErrorsExitThree { () throws(DataError) in try BarsInfo.inspect(file, options: load.options) }
      var lines = [
        "file        \(info.file)",
        "layout      \(info.layout)",
        "rows        \(info.rows)",
      ]
      if let first = info.first, let last = info.last {
        lines.append("span        \(UTCTime.iso(first)) … \(UTCTime.iso(last))")
      }
      lines.append("timeframe   \(info.timeframe?.description ?? "unknown")")
      var gapLine = "gaps        \(info.gaps) (\(info.weekendGaps) over weekends, \(info.missingBars) bars missing)"
      if let largest = info.largestGap, let timeframe = info.timeframe, let step = timeframe.nanoseconds {
        gapLine += "; largest \(largest.length / step) bars after \(UTCTime.iso(largest.start))"
      }
      lines.append(gapLine)
      lines.append("duplicates  \(info.duplicates)")
      lines.append("unsorted    \(info.unsorted)")
      lines.append("invalid     \(info.invalidRows)" + (info.firstInvalid.map { " (first: \($0))" } ?? ""))
      print(lines.joined(separator: "\n"))
    }
  }

  struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert a CSV to crescent's binary bar file (memory-mappable, checksummed).")
    @Argument(help: "A bar file.") var file: String
    @Option(help: ArgumentHelp("Output path (default: FILE.crsbars).", valueName: "path")) var out: String?
    @OptionGroup var load: LoadFlags

    func run() throws {
      let destination = out ?? file + ".crsbars"
      let report = try dataErrorsExitThree { () throws(DataError) in
        try BarCache.convert(file, to: destination, options: load.options)
      }
      print("\(destination): \(report.rowsRead - report.duplicatesRemoved - report.invalidDropped) bars (\(report.layout) layout)\(repairs(report))")
    }
  }

  struct Resample: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Resample a bar file to a higher timeframe (first, max, min, last, sum).")
    @Argument(help: "A bar file.") var file: String
    @Option(help: ArgumentHelp("Target timeframe: 5m, 1h, 1d, 1w, 1M, …", valueName: "timeframe")) var to: String
    @Option(help: ArgumentHelp("Session in --tz, e.g. 09:30-16:00.", valueName: "HH:MM-HH:MM")) var session: String?
    @Option(help: ArgumentHelp("Output path (.csv or .crsbars; default: stdout as CSV).", valueName: "path")) var out: String?
    @OptionGroup var load: LoadFlags

    func validate() throws {
      guard Timeframe(to) != nil else { throw ValidationError("--to must be a timeframe such as 1h or 1d, got '\(to)'") }
    }

    func run() throws {
      let bars = try dataErrorsExitThree { () throws(DataError) in try BarLoader.load(file, options: load.options).bars }
      guard let target = Timeframe(to) else { return }
      let sessionRules = try session.map { text in
        try dataErrorsExitThree { () throws(DataError) in try Session(text, timeZone: load.tz ?? "UTC") }
      }
      let resampled: Bars
      do {
        resampled = try bars.resample(to: target, session: sessionRules)
      } catch {
        FileHandleOutput.standardError.write("crescent: \(file): \(error)\n")
        throw ExitCode(ExitStatus.badData)
      }
      if let out {
        try dataErrorsExitThree { () throws(DataError) in try BarWriter.save(resampled, to: out) }
      } else {
        print(BarWriter.csv(resampled), terminator: "")
      }
    }
  }

  struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write deterministic synthetic bars (a geometric random walk), labelled synthetic.")
    @Option(help: "Number of bars.") var bars: Int
    @Option(help: "Random seed.") var seed: Int = 1
    @Option(help: "Bar timeframe.") var timeframe: String = "1m"
    @Option(help: ArgumentHelp("First bar time, ISO-8601.", valueName: "time")) var start: String = "2024-01-01T00:00:00Z"
    @Option(help: "Mean log return per bar.") var drift: Double = 0
    @Option(help: "Standard deviation of the log return per bar.") var vol: Double = 0.01
    @Option(help: "First open price.") var price: Double = 100
    @Option(help: "Symbol.") var symbol: String = "SYNTH"
    @Option(help: ArgumentHelp("Output path (.csv or .crsbars).", valueName: "path")) var out: String

    func validate() throws {
      guard bars >= 0 else { throw ValidationError("--bars must be >= 0, got \(bars)") }
      guard let frame = Timeframe(timeframe), frame.nanoseconds != nil else {
        throw ValidationError("--timeframe must be a fixed length such as 1m, 1h or 1d, got '\(timeframe)'")
      }
      guard UTCTime.parse(start) != nil else { throw ValidationError("--start must be an ISO-8601 time, got '\(start)'") }
      guard vol >= 0, vol.isFinite else { throw ValidationError("--vol must be a finite number >= 0, got \(vol)") }
      guard price > 0, price.isFinite else { throw ValidationError("--price must be a finite number > 0, got \(price)") }
    }

    func run() throws {
      guard let frame = Timeframe(timeframe), let first = UTCTime.parse(start) else { return }
      let generator = SyntheticBars(
        count: bars, seed: UInt64(bitPattern: Int64(seed)), start: first, timeframe: frame, drift: drift,
        volatility: vol, initialPrice: price, symbol: symbol)
      let result: Bars
      do {
        result = try generator.generate()
      } catch {
        throw ValidationError("\(error)")
      }
      try dataErrorsExitThree { () throws(DataError) in try BarWriter.save(result, to: out) }
      print("\(out): \(result.count) synthetic bars (\(frame), seed \(seed))")
    }
  }
}

/// Runs `body`; a DataError is reported on stderr and exits 3.
func dataErrorsExitThree<T>(_ body: () throws(DataError) -> T) throws -> T {
  do {
    return try body()
  } catch {
    FileHandleOutput.standardError.write("crescent: \(error)\n")
    throw ExitCode(ExitStatus.badData)
  }
}

private func repairs(_ report: LoadReport) -> String {
  report.repairNotes.isEmpty ? "" : "; " + report.repairNotes.joined(separator: ", ")
}
