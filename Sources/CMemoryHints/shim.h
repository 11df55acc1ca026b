#ifndef CRESCENT_CMEMORYHINTS_SHIM_H
#define CRESCENT_CMEMORYHINTS_SHIM_H

// Cache hints for Swift kernels: a read prefetch for scattered reads known ahead (the exit
// scan's entries), and the fence that orders non-temporal stores (long indicator outputs)
// before anything later. The compiler builtins and the `_mm_prefetch` macro cannot be called
// from Swift directly, so they are wrapped in inline functions.

// One PREFETCHT0; never faults, whatever the address.
static inline void crs_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

// SFENCE: non-temporal stores issued before it are visible before any store after it.
static inline void crs_store_fence(void) { __builtin_ia32_sfence(); }

#endif
