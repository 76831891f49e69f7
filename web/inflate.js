// gunzip(bytes): our own gzip decoder (RFC 1952 around RFC 1951 DEFLATE), for browsers without
// DecompressionStream (Safari < 16.4 — WeChat's browser on iPhones stuck on iOS 15 —, Firefox <
// 113). The start-up script that scripts/post-build.mjs writes imports this file only there;
// every other browser decompresses the Wasm natively and never downloads it.
//
// It decodes exactly one gzip member, as post-build makes, and throws on anything else: a
// reserved flag, a header or trailer cut short, an invalid code, a CRC-32 or length mismatch,
// bytes after the member. A corrupt module must stop the start-up, not start a half-broken app.
// Written for the page's Wasm (~1.5 MB out): simple over clever, but table-driven (one lookup
// per Huffman code, not one step per bit), which keeps it to tens of milliseconds.

export function gunzip(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("gunzip: expected a Uint8Array");
  const end = bytes.length;

  // The member header (RFC 1952 2.3): magic 1f 8b, method 8 (deflate), flags, then 6 bytes
  // (MTIME, XFL, OS) that tell nothing we need.
  if (end < 18) fail("too short to be gzip");
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) fail("not gzip (bad magic)");
  if (bytes[2] !== 8) fail(`unknown compression method ${bytes[2]}`);
  const flags = bytes[3];
  // The RFC says a decoder must refuse reserved flags: they may mean fields we would misread.
  if (flags & 0xe0) fail("reserved header flags set");
  let pos = 10;
  if (flags & FEXTRA) {
    if (pos + 2 > end) fail("truncated header");
    pos += 2 + (bytes[pos] | (bytes[pos + 1] << 8));
  }
  if (flags & FNAME) pos = skipZeroTerminated(bytes, pos);
  if (flags & FCOMMENT) pos = skipZeroTerminated(bytes, pos);
  if (flags & FHCRC) {
    if (pos + 2 > end) fail("truncated header");
    // The low 16 bits of the CRC-32 of the header bytes before it.
    if ((crc32(bytes.subarray(0, pos)) & 0xffff) !== (bytes[pos] | (bytes[pos + 1] << 8))) fail("header CRC mismatch");
    pos += 2;
  }
  // FTEXT is only a hint about the content: nothing to do.
  if (pos + 8 > end) fail("truncated header");

  // The trailer (last 8 bytes of a one-member file): CRC-32 and ISIZE (length mod 2^32) of the
  // output. ISIZE bounds the output from the start, so a corrupt stream cannot make us allocate
  // without limit; it is not trusted for the first allocation (see Output).
  const trailer = end - 8;
  const expectedCrc = readU32(bytes, trailer);
  const expectedSize = readU32(bytes, trailer + 4);

  const reader = new BitReader(bytes, pos, trailer);
  const out = new Output(expectedSize, end);
  inflate(reader, out);
  const deflateEnd = reader.byteEnd();
  if (deflateEnd > trailer) fail("truncated stream");
  if (deflateEnd < trailer) fail("data after the compressed stream (more than one member, or junk)");

  const result = out.bytes.subarray(0, out.length);
  if (out.length !== expectedSize) fail(`length ${out.length} differs from the trailer's ${expectedSize}`);
  if (crc32(result) !== expectedCrc) fail("CRC-32 mismatch: the data is corrupt");
  return result;
}

function fail(what) {
  throw new Error(`gunzip: ${what}`);
}

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

function skipZeroTerminated(bytes, pos) {
  const zero = bytes.indexOf(0, pos);
  if (zero < 0) fail("truncated header");
  return zero + 1;
}

const readU32 = (bytes, at) => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;

// CRC-32 as gzip defines it (reflected polynomial 0xEDB88320), a byte at a time from a table.
const CRC_TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c;
}
function crc32(bytes) {
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

// The output buffer. It starts at a guess (4 × the input) and doubles, never beyond the size
// the trailer announces: a flipped bit in ISIZE then costs a thrown error, not gigabytes.
class Output {
  constructor(limit, inputLength) {
    this.limit = limit;
    this.bytes = new Uint8Array(Math.min(limit, Math.max(1024, inputLength * 4)));
    this.length = 0;
  }
  // Room for `count` more bytes.
  reserve(count) {
    const needed = this.length + count;
    if (needed <= this.bytes.length) return;
    if (needed > this.limit) fail("more data than the trailer's length says");
    const bigger = new Uint8Array(Math.min(this.limit, Math.max(needed, this.bytes.length * 2)));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}

// DEFLATE packs its fields starting from the least significant bit of each byte, so the reader
// keeps the next few bytes in an integer, the next bit of the stream in bit 0.
class BitReader {
  constructor(bytes, pos, end) {
    this.bytes = bytes;
    this.pos = pos; // next byte to load
    this.end = end; // the stream's bytes end here (the trailer follows)
    this.bits = 0; // loaded bits, next one in bit 0
    this.count = 0; // how many
  }
  // At least n (≤ 16) bits loaded. Past the end we load zeros, so that a table lookup of up to
  // 15 bits works near the end, where the last code may be shorter; whether such zeros were
  // actually used is checked by byteEnd() at the end. If two zero bytes are loaded and fewer
  // than 16 bits remain, some zeros were used already: stop now, not after decoding garbage.
  need(n) {
    while (this.count < n) {
      if (this.pos >= this.end + 2) fail("truncated stream");
      const byte = this.pos < this.end ? this.bytes[this.pos] : 0;
      this.pos++;
      this.bits |= byte << this.count;
      this.count += 8;
    }
  }
  take(n) {
    this.need(n);
    const value = this.bits & ((1 << n) - 1);
    this.bits >>>= n;
    this.count -= n;
    return value;
  }
  // Skips to the next byte boundary (stored blocks start there) and gives the loaded whole
  // bytes back to the byte stream.
  align() {
    const whole = this.count >> 3;
    this.pos -= whole;
    this.bits = 0;
    this.count = 0;
  }
  // The first byte not used by the stream (what follows the last block).
  byteEnd() {
    return this.pos - (this.count >> 3);
  }
}

// A canonical Huffman code (RFC 1951 3.2.2) given by the code length of each symbol, as a table
// indexed by the next `bits` bits of the stream (`bits` = the longest code). A code is sent
// most significant bit first while the reader takes bits from the least significant end, so
// the table is indexed by the code bit-reversed; a code shorter than `bits` fills every slot
// whose low bits are that code, whatever follows. A slot holds symbol << 4 | code length, and 0
// where no code matches (an incomplete code, which the RFC allows when only one distance is
// used). One lookup per symbol instead of a bit at a time: that is what makes it fast enough.
function huffman(lengths) {
  const countOfLength = new Uint16Array(16);
  let bits = 0;
  for (const len of lengths) {
    countOfLength[len]++;
    if (len > bits) bits = len;
  }
  countOfLength[0] = 0;
  // The first code of each length, as in the RFC; more codes than a length can hold would make
  // two symbols share a code.
  const nextCode = new Uint16Array(16);
  let code = 0;
  let unused = 1;
  for (let len = 1; len <= 15; len++) {
    code = (code + countOfLength[len - 1]) << 1;
    nextCode[len] = code;
    unused = (unused << 1) - countOfLength[len];
    if (unused < 0) fail("over-subscribed Huffman code");
  }
  const table = new Uint16Array(1 << bits);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const len = lengths[symbol];
    if (len === 0) continue;
    let c = nextCode[len]++;
    let reversed = 0;
    for (let i = 0; i < len; i++, c >>= 1) reversed = (reversed << 1) | (c & 1);
    for (let slot = reversed; slot < table.length; slot += 1 << len) table[slot] = (symbol << 4) | len;
  }
  return { table, bits, mask: (1 << bits) - 1 };
}

function decodeSymbol(reader, code) {
  reader.need(code.bits);
  const entry = code.table[reader.bits & code.mask];
  if (entry === 0) fail("invalid Huffman code");
  const len = entry & 15;
  reader.bits >>>= len;
  reader.count -= len;
  return entry >> 4;
}

// Lengths 3..258 for symbols 257..285, and distances 1..32768 for symbols 0..29: a base plus
// that many extra bits (RFC 1951 3.2.5).
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
// The order in which a dynamic block sends the code lengths of the code-length code (3.2.7).
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

// The fixed codes of block type 1 (3.2.6), built on first use.
let fixedCodes;
function fixed() {
  if (!fixedCodes) {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    // 32 distance codes of 5 bits: 30 and 31 complete the code but never occur in valid data.
    fixedCodes = { literal: huffman(lengths), distance: huffman(new Uint8Array(32).fill(5)) };
  }
  return fixedCodes;
}

// A dynamic block's codes (3.2.7): the code lengths of the literal/length and distance codes,
// themselves Huffman-coded with run lengths, after the code of that code.
function dynamic(reader) {
  const literalCount = reader.take(5) + 257;
  const distanceCount = reader.take(5) + 1;
  const codeLengthCount = reader.take(4) + 4;
  if (literalCount > 286 || distanceCount > 30) fail("too many codes in a dynamic block");
  const codeLengthLengths = new Uint8Array(19);
  for (let i = 0; i < codeLengthCount; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]] = reader.take(3);
  const codeLengthCode = huffman(codeLengthLengths);
  // One sequence for both codes: a run may go on from the last literal length into distances.
  const lengths = new Uint8Array(literalCount + distanceCount);
  for (let i = 0; i < lengths.length; ) {
    const symbol = decodeSymbol(reader, codeLengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let value = 0;
    let repeat;
    if (symbol === 16) {
      if (i === 0) fail("repeat with no previous code length");
      value = lengths[i - 1];
      repeat = 3 + reader.take(2);
    } else if (symbol === 17) {
      repeat = 3 + reader.take(3);
    } else {
      repeat = 11 + reader.take(7);
    }
    if (i + repeat > lengths.length) fail("code lengths run past the end");
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  // Without a code for end-of-block the block could never end.
  if (lengths[256] === 0) fail("no end-of-block code");
  return {
    literal: huffman(lengths.subarray(0, literalCount)),
    distance: huffman(lengths.subarray(literalCount)),
  };
}

// Raw DEFLATE (RFC 1951): blocks until the one marked final.
function inflate(reader, out) {
  let final;
  do {
    final = reader.take(1);
    const type = reader.take(2);
    if (type === 0) {
      // Stored: from the next byte boundary, LEN, its complement NLEN, then LEN bytes as is.
      reader.align();
      const { bytes, end } = reader;
      let at = reader.pos;
      if (at + 4 > end) fail("truncated stream");
      const len = bytes[at] | (bytes[at + 1] << 8);
      const nlen = bytes[at + 2] | (bytes[at + 3] << 8);
      if ((len ^ 0xffff) !== nlen) fail("stored block length check failed");
      at += 4;
      if (at + len > end) fail("truncated stream");
      out.reserve(len);
      out.bytes.set(bytes.subarray(at, at + len), out.length);
      out.length += len;
      reader.pos = at + len;
    } else if (type === 1 || type === 2) {
      const { literal, distance } = type === 1 ? fixed() : dynamic(reader);
      codes(reader, out, literal, distance);
    } else {
      fail("invalid block type 3");
    }
  } while (!final);
}

// The body of a Huffman-coded block: literals, and <length, distance> pairs that copy bytes
// already written (the copy may overlap what it writes: distance 1 repeats one byte).
function codes(reader, out, literal, distance) {
  for (;;) {
    const symbol = decodeSymbol(reader, literal);
    if (symbol < 256) {
      out.reserve(1);
      out.bytes[out.length++] = symbol;
      continue;
    }
    if (symbol === 256) return;
    const lengthIndex = symbol - 257;
    if (lengthIndex >= 29) fail(`invalid length symbol ${symbol}`);
    const length = LENGTH_BASE[lengthIndex] + reader.take(LENGTH_EXTRA[lengthIndex]);
    const distanceIndex = decodeSymbol(reader, distance);
    if (distanceIndex >= 30) fail(`invalid distance symbol ${distanceIndex}`);
    const dist = DIST_BASE[distanceIndex] + reader.take(DIST_EXTRA[distanceIndex]);
    if (dist > out.length) fail("distance reaches before the start of the data");
    out.reserve(length);
    const bytes = out.bytes;
    let to = out.length;
    const stop = to + length;
    for (let from = to - dist; to < stop; ) bytes[to++] = bytes[from++];
    out.length = stop;
  }
}
