/// atan(y / x) as a fraction: `numerator / denominator` is within 1e-15 relative of glibc's
/// `atan(y / x)` (worst seen 5.8e-16, y and x spread across 1e-8…1e8 of either sign),
/// with one division (the range reduction) and no branches, so a caller that divides by the
/// angle anyway (a period 2π / θ) pays one more division instead of two.
///
/// The quotient's magnitude t = |y|/|x| is mapped to r ∈ [−tan(π/8), tan(π/8)] — r = t below
/// tan(π/8), r = (t − 1)/(t + 1) (atan t = π/4 + atan r) up to tan(3π/8), r = −1/t
/// (atan t = π/2 + atan r) above — formed from |y| and |x| directly, so t itself is never
/// divided out. atan r is r·P(r²)/Q(r²), the degree 4/5 rational approximation no. 5077 of
/// Hart et al., "Computer Approximations" (1968), about 19.5 significant digits on that
/// interval; the offset is added as offset·Q. NaN in gives a NaN numerator; so does
/// y = x = 0 (0/0).
@inline(__always)
func arctangentFraction(_ y: Double, over x: Double) -> (numerator: Double, denominator: Double) {
  let ay = abs(y), ax = abs(x)
  let small = ay <= 0.414_213_562_373_095_03 * ax
  let large = ay >= 2.414_213_562_373_095 * ax
  let num = small ? ay : (large ? -ax : ay - ax)
  let den = small ? ax : (large ? ay : ay + ax)
  let offset = small ? 0.0 : (large ? Double.pi / 2 : Double.pi / 4)
  let r = num / den
  let z = r * r
  let z2 = z * z
  // Estrin's scheme: the numerator and denominator polynomials in z, each two levels deep.
  let p = (896.785_974_036_638_619_599_874_88 + 1780.406_316_433_196_971_054_645_87 * z)
    + z2 * ((1153.029_351_540_485_011_542_813_6 + 268.425_481_955_039_737_941_41 * z)
      + z2 * 16.153_641_298_223_022_826_2)
  let q = (896.785_974_036_638_619_624_811_62 + 2079.334_974_445_409_812_872_759_26 * z)
    + z2 * ((1666.783_814_881_633_718_452_179_8 + 536.265_374_031_215_315_104_235 * z)
      + z2 * (58.956_970_508_444_622_227_91 + z))
  let magnitude = offset * q + r * p
  return ((y < 0) != (x < 0) ? -magnitude : magnitude, q)
}

/// atan(y / x) in radians: ``arctangentFraction(_:over:)`` divided out (two divisions in all,
/// against glibc's call after a division).
@inline(__always)
func arctangent(_ y: Double, over x: Double) -> Double {
  let f = arctangentFraction(y, over: x)
  return f.numerator / f.denominator
}

// The lane form below serves the four-stretch kernels (LINEARREG_ANGLE); the fraction form
// above lets the Hilbert-transform callers fold the angle's division into their own.

/// atan of four values at once, with no branches, to within about 2 ulp of the correctly
/// rounded result over the whole line (the tests check it against the C library's `atan`
/// from 0 to ±∞). The argument is reduced to |r| ≤ 0.66 as in Cephes' `atan` (Moshier):
/// |x| > tan(3π/8) uses atan(x) = π/2 + atan(−1/x), |x| > 0.66 uses
/// π/4 + atan((x−1)/(x+1)); a degree-4/degree-5 rational function in r² then gives atan(r).
/// ±∞ gives ±π/2 and NaN gives NaN.
@inline(__always)
func atan4(_ x: SIMD4<Double>) -> SIMD4<Double> {
  let a = abs4(x)
  let big = a .> SIMD4(repeating: 2.414_213_562_373_095_048_80)
  let mid = a .> SIMD4(repeating: 0.66)
  let one = SIMD4<Double>(repeating: 1)
  // 1 where |x| > 0.66 (the middle interval, unless `big` overrides), else 0.
  let midOne = choose(mid, one, SIMD4())
  let num = choose(big, -one, a - midOne)
  let den = choose(big, a, one + a * midOne)
  // π/2, π/4 or 0; the low part of π/2 (and half of it for π/4) is base × lowRatio.
  let base = choose(big, SIMD4(repeating: 1.570_796_326_794_896_619_23), midOne * 0.785_398_163_397_448_309_62)
  let low = base * 3.898_171_832_519_375_5e-17
  let r = num / den
  let z = r * r
  var p = SIMD4<Double>(repeating: -8.750_608_600_031_904_122_785e-1)
  p = p * z + SIMD4(repeating: -1.615_753_718_733_365_076_637e1)
  p = p * z + SIMD4(repeating: -7.500_855_792_314_704_667_340e1)
  p = p * z + SIMD4(repeating: -1.228_866_684_490_136_173_410e2)
  p = p * z + SIMD4(repeating: -6.485_021_904_942_025_371_773e1)
  var q = z + SIMD4(repeating: 2.485_846_490_142_306_297_962e1)
  q = q * z + SIMD4(repeating: 1.650_270_098_316_988_542_046e2)
  q = q * z + SIMD4(repeating: 4.328_810_604_912_902_668_951e2)
  q = q * z + SIMD4(repeating: 4.853_903_996_359_136_964_868e2)
  q = q * z + SIMD4(repeating: 1.945_506_571_482_613_964_425e2)
  let atanR = r * (z * p / q) + r
  let magnitude = base + (atanR + low)
  // SAFETY: reinterprets four Doubles as their bit patterns and back, to copy x's sign bits.
  let sign = unsafeBitCast(x, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x8000_0000_0000_0000)
  return unsafeBitCast(unsafeBitCast(magnitude, to: SIMD4<UInt64>.self) | sign, to: SIMD4<Double>.self)
}
