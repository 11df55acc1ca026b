import ArgumentParser
import BinanceSpot

#if canImport(Glibc)
  import Glibc
#endif

// Exchange adapters this executable carries (crescent live --broker, Lua engine.live).
BinanceBroker.register()
BinanceEngineFeed.register()

// Exit codes: 0 ok, 1 script error, 2 usage, 3 bad data (see ExitStatus).
do {
  var command = try CrescentCommand.parseAsRoot()
  try command.run()
} catch {
  let code = CrescentCommand.exitCode(for: error)
  if code == .validationFailure {
    let message = CrescentCommand.fullMessage(for: error)
    FileHandleOutput.standardError.write(message + "\n")
    exit(ExitStatus.usage)
  }
  CrescentCommand.exit(withError: error)
}
