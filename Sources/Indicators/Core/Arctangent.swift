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
