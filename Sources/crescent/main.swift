import ArgumentParser
import BinanceSpot
import InteractiveBrokers
import Trading212

#if canImport(Glibc)
  import Glibc
#endif

/// Keeps freed memory warm for the next column instead of returning it to the kernel.
///
/// A 10M-bar column is 80 MB. By default glibc serves every allocation above 32 MB with a
/// fresh `mmap` and unmaps it on free, so each new indicator output or loaded column pays a
/// page fault and a kernel zero fill per 4 kB page (about half the cost of writing a fresh
/// 10M-value output). With mmap off, large blocks come from the heap and are reused after
/// they are freed; the heap's top is given back to the kernel only beyond 1 GiB of free
/// space. Bound: resident memory stays at most the peak of live allocations plus that 1 GiB
/// of free top; repeated create/drop cycles reuse the same blocks, so memory stays flat.
/// Worker threads' arenas still map blocks above 64 MB directly.
func keepLargeBlocksWarm() {
  #if canImport(Glibc)
    // mallopt and its constants live in <malloc.h>, which the Glibc module does not export:
    // look the function up (RTLD_DEFAULT is the null handle) and pass malloc.h's values.
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
    let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
    let mmapMax: Int32 = -4  // M_MMAP_MAX
    _ = mallopt(mmapMax, 0)
    _ = mallopt(trimThreshold, 1 << 30)
  #endif
}

keepLargeBlocksWarm()
// Exchange adapters this executable carries (crescent live --broker, Lua engine.live).
BinanceBroker.register()
IBBroker.register()
Trading212Broker.register()
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
