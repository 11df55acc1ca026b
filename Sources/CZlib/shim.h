#ifndef CRESCENT_CZLIB_SHIM_H
#define CRESCENT_CZLIB_SHIM_H

// The system zlib (Debian: zlib1g-dev). Plotting uses deflate for PNG IDAT data and crc32
// for chunk checksums; tests use inflate to decode independently. deflateInit/inflateInit are
// macros, so they are wrapped as inline functions Swift can call.

#include <zlib.h>

static inline int crs_deflate_init(z_streamp stream, int level) {
  return deflateInit(stream, level);
}
static inline int crs_inflate_init(z_streamp stream) { return inflateInit(stream); }

#endif
