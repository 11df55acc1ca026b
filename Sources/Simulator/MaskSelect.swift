#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// `x <= y ? a : b` and `x < y ? a : b` without a branch (NaN compares false, as with `<=`
/// and `<`).
///
/// For a condition read from memory the compiler prefers a branch to a select, which costs a
/// pipeline flush whenever the outcome is a coin toss (which exit level a bar reached). An
/// SSE2 compare-and-mask is opaque to that rewrite; elsewhere the plain select is used.
@inline(__always)
func selectIfLessOrEqual(_ x: Double, _ y: Double, _ a: Double, _ b: Double) -> Double {
  #if arch(x86_64)
    blend(_mm_cmple_sd(_mm_set_sd(x), _mm_set_sd(y)), a, b)
  #else
    x <= y ? a : b
  #endif
}

@inline(__always)
func selectIfLess(_ x: Double, _ y: Double, _ a: Double, _ b: Double) -> Double {
  #if arch(x86_64)
    blend(_mm_cmplt_sd(_mm_set_sd(x), _mm_set_sd(y)), a, b)
  #else
    x < y ? a : b
  #endif
}

#if arch(x86_64)
  /// `a` where the low lane of the compare mask is set, else `b`.
  @inline(__always)
  private func blend(_ mask: __m128d, _ a: Double, _ b: Double) -> Double {
    _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(mask, _mm_set_sd(a)), _mm_andnot_pd(mask, _mm_set_sd(b))))
  }
#endif
