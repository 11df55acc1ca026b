// Times a streaming kernel (out = (a + b) / 2 over 10M values, as MEDPRICE) with its output
// placed at different byte offsets from its inputs, written with ordinary stores and with
// non-temporal stores. Built and run by scripts/bench_swift/store_offsets.sh. Prints one
// line per offset: "<offset from the inputs> <ordinary ms> <non-temporal ms>", medians of 7.
#if canImport(Glibc)
  import Glibc
#endif
import _Builtin_intrinsics.intel

func seconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

let n = 10_000_000
let bytes = n * 8 + 8192
// Page-aligned blocks; the inputs start 48 bytes in, as a Swift array's elements do.
let a = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
let b = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
let out = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
memset(out, 0, bytes)
let x = (a + 48).bindMemory(to: Double.self, capacity: n)
let y = (b + 48).bindMemory(to: Double.self, capacity: n)
for i in 0..<n {
  x[i] = 100 + Double(i % 7)
  y[i] = 99 + Double(i % 5)
}

@inline(never)
func ordinary(_ o: UnsafeMutablePointer<Double>) {
  var i = 0
  while i &+ 4 <= n {
    let r = (UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Double>.self)
      + UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<Double>.self)) * 0.5
    UnsafeMutableRawPointer(o + i).storeBytes(of: r, as: SIMD4<Double>.self)
    i &+= 4
  }
}

@inline(never)
func nonTemporal(_ o: UnsafeMutablePointer<Double>) {
  var i = 0
  while i &+ 4 <= n {
    let r = (UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Double>.self)
      + UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<Double>.self)) * 0.5
    _mm_stream_pd(o + i, r.lowHalf)
    _mm_stream_pd(o + i + 2, r.highHalf)
    i &+= 4
  }
}

func median(_ body: () -> Void) -> Double {
  var times: [Double] = []
  for _ in 0..<7 {
    let t0 = seconds()
    body()
    times.append(seconds() - t0)
  }
  times.sort()
  return times[3] * 1000
}

func ms(_ v: Double) -> String { String((v * 100).rounded() / 100) }

for offset in [-32, -16, 0, 16, 32, 64, 128, 256, 512, 1024, 2048, 4016, 4032] {
  let o = (out + 48 + offset).bindMemory(to: Double.self, capacity: n)
  print(offset, ms(median { ordinary(o) }), ms(median { nonTemporal(o) }))
}
