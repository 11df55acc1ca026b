#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// √v lane-wise with the vector instruction where there is one (SSE2's `sqrtpd` on x86-64):
/// `Double.squareRoot()` goes through the C library's `sqrt`, which keeps each lane a scalar
/// call. Both are correctly rounded, so the results are the same.
@inline(__always)
func sqrt4(_ v: SIMD4<Double>) -> SIMD4<Double> {
  #if arch(x86_64)
    SIMD4(lowHalf: _mm_sqrt_pd(v.lowHalf), highHalf: _mm_sqrt_pd(v.highHalf))
  #else
    SIMD4(v[0].squareRoot(), v[1].squareRoot(), v[2].squareRoot(), v[3].squareRoot())
  #endif
}
