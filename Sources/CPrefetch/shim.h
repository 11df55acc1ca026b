#ifndef CRESCENT_CPREFETCH_SHIM_H
#define CRESCENT_CPREFETCH_SHIM_H

// A cache prefetch hint for Swift kernels whose next reads are known ahead but scattered
// (the exit scan's entries). The compiler builtin and the `_mm_prefetch` macro cannot be
// called from Swift directly, so it is wrapped in an inline function; it compiles to one
// PREFETCHT0 and never faults, whatever the address.

static inline void crs_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
