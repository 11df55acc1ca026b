import Foundation
import Testing

/// `crescent run` and the piped REPL, run as a user would run them.
@Suite struct RunCommandTests {
  @Test func argTableAndVarargsAsLuaSetsThem() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write("args.lua", "print(#arg, arg[0], arg[1], arg[2], arg[-1] ~= nil, select('#', ...), ...)\n")
    let result = try CrescentBinary.run(["run", script, "one", "--two"])
    #expect(result.status == 0)
    #expect(result.stdout == "2\t\(script)\tone\t--two\ttrue\t2\tone\t--two\n")
  }

  @Test func scriptErrorExitsOneWithLocationAndTraceback() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write("bad.lua", "local x = 1\nlocal y = nil + x\n")
    let result = try CrescentBinary.run(["run", script])
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.first == "\(script):2: attempt to perform arithmetic on a nil value")
    #expect(lines.dropFirst().first == "stack traceback:")
  }

  @Test func bindingErrorExitsOneWithFunctionAndArgument() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write("bind.lua", "-- comment\n\nlocal b = data.synthetic{bars = 'many'}\n")
    let result = try CrescentBinary.run(["run", script])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix(
      "\(script):3: data.synthetic: bad field 'bars' of argument #1 'opts' (integer expected, got string)\nstack traceback:"))
  }

  @Test func metamethodErrorExitsOne() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write("meta.lua", "local a = data.series{1, 2}\nlocal b = data.series{1}\nprint(a + b)\n")
    let result = try CrescentBinary.run(["run", script])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("\(script):3: Series.__add: series lengths differ (2 vs 1)\n"))
    #expect(result.stderr.contains("in metamethod 'add'"))
  }

  @Test func syntaxErrorExitsOne() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write("syntax.lua", "print('a'\n")
    let result = try CrescentBinary.run(["run", script])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("\(script):2: ')' expected (to close '(' at line 1) near <eof>"))
  }

  @Test func timeoutStopsLoopsEvenInsidePcall() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write(
      "spin.lua", "while true do\n  pcall(function() while true do end end)\nend\n")
    let result = try CrescentBinary.run(["run", "--timeout", "1", script])
    #expect(result.status == 1)
    #expect(result.seconds < 1.5)
    #expect(result.stderr.contains("timeout: script stopped after 1 s"))
  }

  @Test func memoryCapFailsCleanly() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write(
      "hog.lua", "local t = {}\nwhile true do pcall(function() t[#t + 1] = string.rep('x', 1 << 20) .. #t end) end\n")
    let result = try CrescentBinary.run(["run", "--max-memory", "64", "--timeout", "30", script])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("not enough memory: the script exceeded the memory limit of 64 MiB"))
  }

  @Test func sandboxHidesIoAndOs() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write(
      "sandbox.lua",
      "print(io == nil, os.execute == nil, package.loadlib == nil, debug == nil, os.getenv == nil)\nprint(load(string.dump(function() end)))\n")
    let result = try CrescentBinary.run(["run", "--sandbox", script])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first == "true\ttrue\ttrue\ttrue\ttrue")
    #expect(lines.dropFirst().first?.contains("attempt to load a binary chunk") == true)
    let escape = try dir.write("escape.lua", "io.open('/tmp/x', 'w')\n")
    let denied = try CrescentBinary.run(["run", "--sandbox", escape])
    #expect(denied.status == 1)
    #expect(denied.stderr.hasPrefix("\(escape):1: attempt to index a nil value (global 'io')"))
  }

  @Test func sandboxClosesFileFunctions() throws {
    let dir = try ScratchDirectory()
    let target = dir.url.appendingPathComponent("written.csv").path
    let script = try dir.write(
      "files.lua",
      """
      local bars = data.synthetic{bars = 50}
      for _, f in ipairs{
        function() return data.save(bars, arg[1]) end,
        function() return data.load(arg[1]) end,
        function() return data.load_ticks(arg[1]) end,
        function() return data.info(arg[1]) end,
        function() return plot.line{series = bars.close}:save(arg[1]) end,
        function() return plot.show(plot.line{series = bars.close}, arg[1]) end,
        function() return bt.run(arg[1], bars) end,
      } do
        local ok, err = pcall(f)
        print(ok, (tostring(err):gsub("^.-: ", "")))
      end
      print(#ta.sma(bars.close, 5))
      """)
    let result = try CrescentBinary.run(["run", "--sandbox", script, target])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 8)
    for line in lines.prefix(7) {
      #expect(line.hasPrefix("false\t") && line.hasSuffix("not available in the sandbox (no file access)"), "\(line)")
    }
    #expect(lines.last == "50")
    #expect(!FileManager.default.fileExists(atPath: target))
  }

  @Test func usageErrorsExitTwo() throws {
    #expect(try CrescentBinary.run(["run"]).status == 2)
    #expect(try CrescentBinary.run(["run", "/nonexistent/script.lua"]).status == 2)
    #expect(try CrescentBinary.run(["run", "--timeout", "-1", "x.lua"]).status == 2)
    #expect(try CrescentBinary.run(["--no-such-flag"]).status == 2)
    #expect(try CrescentBinary.run(["repl", "/nonexistent/file.lua"]).status == 2)
  }

  @Test func versionAndHelp() throws {
    let version = try CrescentBinary.run(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.hasPrefix("crescent 0."))
    let help = try CrescentBinary.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("run"))
  }

  @Test func pipedReplPrintsValuesWithoutPrompts() throws {
    let result = try CrescentBinary.run(["repl"], input: "x = 20\nx + 22\n")
    #expect(result.status == 0)
    #expect(result.stdout == "42\n")
    let bare = try CrescentBinary.run([], input: "function f(a)\n  return a * 2\nend\nf(21)\n")
    #expect(bare.stdout == "42\n")
  }

  @Test func pipedReplContinuesAfterErrorsAndExitsOne() throws {
    let result = try CrescentBinary.run([], input: "error('first')\n1 + 1\ndata.synthetic{bars = -1}\n'still here'\n")
    #expect(result.status == 1)
    #expect(result.stdout == "2\n\"still here\"\n")
    #expect(result.stderr.contains("stdin:1: first"))
    #expect(result.stderr.contains("stdin:1: data.synthetic: 'bars' must be a count >= 0, got -1"))
  }

  @Test func pipedReplReportsAnUnfinishedChunk() throws {
    let result = try CrescentBinary.run([], input: "function f()\n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("unfinished chunk"))
  }

  @Test func replRunsFilesFirst() throws {
    let dir = try ScratchDirectory()
    let script = try dir.write("setup.lua", "answer = 41\n")
    let result = try CrescentBinary.run(["repl", script], input: "answer + 1\n")
    #expect(result.stdout == "42\n")
  }
}
