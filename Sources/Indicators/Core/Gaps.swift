/// Applies the NaN policy (see ``Indicators``): runs `kernel` over each gap-free run of the
/// inputs and writes NaN at the gaps. Without gaps the kernel runs once over everything.
///
/// `kernel` receives inputs and outputs of equal length and must write every output element.
func runSegmented(_ inputs: [Buf], outputs k: Int, _ kernel: ([Buf], [Out]) -> Void) -> [[Double]] {
  runSegmented(inputs, outputs: k) { i, o, _ in kernel(i, o) }
}

/// ``runSegmented(_:outputs:_:)`` that also tells the kernel the absolute index of its
/// first bar (for outputs that are indices into the input).
func runSegmented(_ inputs: [Buf], outputs k: Int, _ kernel: ([Buf], [Out], Int) -> Void)
  -> [[Double]]
{
  let n = inputs.first?.count ?? 0
  let skipScan = GapScan.skip
  return makeOutputs(k, n) { outs in
    guard n > 0 else { return }
    guard !skipScan, inputs.contains(where: hasNaN) else {
      kernel(inputs, outs, 0)
      return
    }
    fillSegments(inputs, outs, kernel)
  }
}

/// ``runSegmented(_:outputs:_:)`` for kernels that can tell, at no extra pass, that their
/// inputs held no NaN: the kernel runs first over the whole input and returns `true` only if
/// it saw no NaN (e.g. its running sum, which every input value entered, is not NaN). Only
/// when it returns `false` are the inputs scanned, and if they do hold NaN the outputs are
/// recomputed segment by segment, so the result equals ``runSegmented(_:outputs:_:)``'s while
/// gap-free inputs are read once instead of twice.
func runOptimistic(_ inputs: [Buf], outputs k: Int, _ kernel: ([Buf], [Out]) -> Bool)
  -> [[Double]]
{
  runOptimistic(inputs, outputs: k) { i, o, _ in kernel(i, o) }
}

/// ``runOptimistic(_:outputs:_:)`` that also tells the kernel the absolute index of its
/// first bar (for outputs that are indices into the input).
func runOptimistic(_ inputs: [Buf], outputs k: Int, _ kernel: ([Buf], [Out], Int) -> Bool)
  -> [[Double]]
{
  let n = inputs.first?.count ?? 0
  let skipScan = GapScan.skip
  return makeOutputs(k, n) { outs in
    guard n > 0 else { return }
    if kernel(inputs, outs, 0) || skipScan || !inputs.contains(where: hasNaN) { return }
    fillSegments(inputs, outs) { i, o, offset in _ = kernel(i, o, offset) }
  }
}

/// Runs `kernel` over each gap-free run of `inputs` (told the run's first absolute index)
/// and writes NaN to every output at the gaps.
private func fillSegments(_ inputs: [Buf], _ outs: [Out], _ kernel: ([Buf], [Out], Int) -> Void) {
  let n = inputs.first?.count ?? 0
  var start = 0
  while start < n {
    while start < n, isGap(inputs, start) {
      for o in outs { o[start] = .nan }
      start += 1
    }
    var end = start
    while end < n, !isGap(inputs, end) { end += 1 }
    if end > start {
      let ins = inputs.map { Buf(rebasing: $0[start..<end]) }
      let os = outs.map { Out(rebasing: $0[start..<end]) }
      kernel(ins, os, start)
    }
    start = end
  }
}

/// Whether the current call may skip the gap scan (see
/// ``IndicatorDescriptor/compute(buffers:_:gapFree:)``). Task-local, so concurrent calls on
/// other tasks are unaffected.
enum GapScan {
  @TaskLocal static var skip = false
}

@inline(__always)
private func isGap(_ inputs: [Buf], _ i: Int) -> Bool {
  for x in inputs where x[i].isNaN { return true }
  return false
}

/// Whether any value is NaN. Two four-lane accumulators sum `v − v` (0 for finite values,
/// NaN for NaN and infinities) over blocks of 4096 values, so the scan runs at memory speed;
/// a NaN sum is confirmed exactly.
func hasNaN(_ x: Buf) -> Bool {
  let n = x.count
  guard let base = x.baseAddress else { return false }
  let raw = UnsafeRawPointer(base)
  let stride = MemoryLayout<Double>.stride
  var i = 0
  while i < n {
    let end = Swift.min(i + 4096, n)
    var a = SIMD4<Double>(), b = SIMD4<Double>()
    var j = i
    while j + 8 <= end {
      let u = raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
      let v = raw.loadUnaligned(fromByteOffset: (j + 4) * stride, as: SIMD4<Double>.self)
      a += u - u
      b += v - v
      j += 8
    }
    var tail = 0.0
    while j < end {
      tail += base[j] - base[j]
      j += 1
    }
    if (a + b).sum().isNaN || tail.isNaN {
      for k in i..<end where base[k].isNaN { return true }
    }
    i = end
  }
  return false
}
