import CZlib

/// A small PNG reader for tests, written apart from the encoder: it checks the signature and
/// every chunk's CRC, inflates IDAT with zlib, and undoes the five row filters. It reads only
/// 8-bit RGB and RGBA, non-interlaced — what the encoder claims to write — and rejects the rest.
struct DecodedPNG {
  var width: Int
  var height: Int
  var colorType: UInt8
  /// RGBA, 4 bytes per pixel (alpha 255 for RGB files).
  var rgba: [UInt8]
  var chunkTypes: [String]

  func pixel(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int, a: Int) {
    let o = (y * width + x) * 4
    return (Int(rgba[o]), Int(rgba[o + 1]), Int(rgba[o + 2]), Int(rgba[o + 3]))
  }
}

enum PNGDecodeError: Error, Equatable {
  case signature, truncated, badCRC(String), unsupported(String), inflate(Int32), size
}

func decodePNG(_ bytes: [UInt8]) throws -> DecodedPNG {
  let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
  guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { throw PNGDecodeError.signature }
  func be32(_ i: Int) -> UInt32 {
    UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8
      | UInt32(bytes[i + 3])
  }
  var p = 8
  var width = 0
  var height = 0
  var colorType: UInt8 = 0
  var idat: [UInt8] = []
  var types: [String] = []
  while p + 12 <= bytes.count {
    let length = Int(be32(p))
    guard p + 12 + length <= bytes.count else { throw PNGDecodeError.truncated }
    let type = String(decoding: bytes[(p + 4)..<(p + 8)], as: UTF8.self)
    let crcRange = (p + 4)..<(p + 8 + length)
    let expected = be32(p + 8 + length)
    let actual = Array(bytes[crcRange]).withUnsafeBufferPointer {
      UInt32(crc32(0, $0.baseAddress, uInt($0.count)))
    }
    guard actual == expected else { throw PNGDecodeError.badCRC(type) }
    types.append(type)
    let data = Array(bytes[(p + 8)..<(p + 8 + length)])
    switch type {
    case "IHDR":
      width = Int(be32(p + 8))
      height = Int(be32(p + 12))
      guard data[8] == 8 else { throw PNGDecodeError.unsupported("bit depth \(data[8])") }
      colorType = data[9]
      guard colorType == 2 || colorType == 6 else {
        throw PNGDecodeError.unsupported("colour type \(colorType)")
      }
      guard data[12] == 0 else { throw PNGDecodeError.unsupported("interlace") }
    case "IDAT": idat += data
    default: break
    }
    p += 12 + length
    if type == "IEND" { break }
  }
  let bpp = colorType == 6 ? 4 : 3
  let stride = width * bpp
  var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
  var stream = z_stream()
  guard crs_inflate_init(&stream) == Z_OK else { throw PNGDecodeError.inflate(-1) }
  var status: Int32 = 0
  idat.withUnsafeMutableBufferPointer { inBuf in
    raw.withUnsafeMutableBufferPointer { outBuf in
      stream.next_in = inBuf.baseAddress
      stream.avail_in = uInt(inBuf.count)
      stream.next_out = outBuf.baseAddress
      stream.avail_out = uInt(outBuf.count)
      status = inflate(&stream, Z_FINISH)
    }
  }
  inflateEnd(&stream)
  guard status == Z_STREAM_END else { throw PNGDecodeError.inflate(status) }
  guard Int(stream.total_out) == raw.count else { throw PNGDecodeError.size }
  var rgba = [UInt8](repeating: 255, count: width * height * 4)
  var prior = [Int](repeating: 0, count: stride)
  var line = [Int](repeating: 0, count: stride)
  for y in 0..<height {
    let filter = raw[y * (stride + 1)]
    for i in 0..<stride {
      let x = Int(raw[y * (stride + 1) + 1 + i])
      let a = i >= bpp ? line[i - bpp] : 0
      let b = prior[i]
      let c = i >= bpp ? prior[i - bpp] : 0
      var v: Int
      switch filter {
      case 0: v = x
      case 1: v = x + a
      case 2: v = x + b
      case 3: v = x + (a + b) / 2
      case 4:
        let pp = a + b - c
        let (pa, pb, pc) = (abs(pp - a), abs(pp - b), abs(pp - c))
        v = x + ((pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c))
      default: throw PNGDecodeError.unsupported("filter \(filter)")
      }
      v &= 0xFF
      line[i] = v
    }
    for xPix in 0..<width {
      for ch in 0..<bpp { rgba[(y * width + xPix) * 4 + ch] = UInt8(line[xPix * bpp + ch]) }
    }
    swap(&prior, &line)
  }
  return DecodedPNG(width: width, height: height, colorType: colorType, rgba: rgba, chunkTypes: types)
}
