// web/inflate.js, our own gunzip for browsers without DecompressionStream (the start-up script
// imports it only there): it must give back exactly what Node's zlib compressed, for every kind
// of DEFLATE block and gzip header, decode the real build's Wasm module, and throw on anything
// corrupt rather than hand a damaged module to the page. No browser needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { constants, crc32, deflateRawSync, gunzipSync, gzipSync } from "node:zlib";
import { gunzip } from "../../web/inflate.js";
import { DIST } from "./harness.mjs";

const roundTrip = (data, options = {}) => {
  const input = Buffer.from(data);
  const gzipped = gzipSync(input, options);
  const output = gunzip(new Uint8Array(gzipped));
  assert.ok(output instanceof Uint8Array);
  assert.equal(output.length, input.length);
  assert.ok(Buffer.from(output.buffer, output.byteOffset, output.length).equals(input), "output differs from the input");
  return gzipped;
};
// The type of the first DEFLATE block (bits 1-2 of the byte after a plain 10-byte header):
// 0 stored, 1 fixed Huffman, 2 dynamic Huffman. Shows which decoder path a case exercises.
const firstBlockType = (gzipped) => (gzipped[10] >> 1) & 3;

// Varied text, compressible but not trivially: a ledger-like table.
const text = Array.from({ length: 3000 }, (_, i) => `FP-2025-${String(i).padStart(4, "0")}\t客户 ${(i * 7919) % 113}\t${((i * 104729) % 100000) / 100}\t2025-${1 + (i % 12)}-${1 + (i % 28)}\n`).join("");

test("empty input and short strings", () => {
  roundTrip("");
  roundTrip("a");
  roundTrip("逾期账款助手 · Overdue");
  roundTrip("hello, hello, hello, hello");
});

test("random bytes: stored blocks, several of them past 64 KiB", () => {
  for (const size of [1, 1000, 65535, 65536, 200_000]) {
    const data = randomBytes(size);
    assert.equal(firstBlockType(roundTrip(data, { level: 0 })), 0);
    // Incompressible, so zlib stores it at its usual level too (a single byte it codes).
    const gzipped = roundTrip(data);
    if (size > 1) assert.equal(firstBlockType(gzipped), 0);
  }
});

test("highly repetitive data: long matches, distance 1 and overlapping copies", () => {
  roundTrip(Buffer.alloc(1_000_000, 0x61));
  roundTrip("ab".repeat(100_000));
  roundTrip(Buffer.concat([randomBytes(300), Buffer.alloc(70_000), randomBytes(300)]));
  // A match as far back as DEFLATE allows (32 KiB).
  const block = randomBytes(32_768);
  roundTrip(Buffer.concat([block, block, block]));
});

test("text at levels 1, 6 and 9 (dynamic Huffman), and with fixed Huffman codes", () => {
  for (const level of [1, 6, 9]) assert.equal(firstBlockType(roundTrip(text, { level })), 2, `level ${level}`);
  assert.equal(firstBlockType(roundTrip(text, { strategy: constants.Z_FIXED })), 1);
  assert.equal(firstBlockType(roundTrip("x", { strategy: constants.Z_FIXED })), 1);
  // Every byte value as a literal, in both kinds of Huffman block.
  const allBytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + (i >> 8)) & 0xff));
  assert.equal(firstBlockType(roundTrip(allBytes, { strategy: constants.Z_FIXED })), 1);
  assert.equal(firstBlockType(roundTrip(Buffer.concat([allBytes, Buffer.from(text)]), { level: 9 })), 2);
  roundTrip(text, { strategy: constants.Z_HUFFMAN_ONLY });
  roundTrip(text, { strategy: constants.Z_RLE });
});

// A member with every optional header field, built by hand (RFC 1952 2.3): FTEXT, FHCRC,
// FEXTRA, FNAME, FCOMMENT.
function gzipWithAllFields(data) {
  const extra = Buffer.from([0x41, 0x70, 0x04, 0x00, 1, 2, 3, 4]); // subfield "Ap", 4 bytes
  const header = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0b11111, 0x78, 0x56, 0x34, 0x12, 2, 3]),
    Buffer.from([extra.length, 0]),
    extra,
    Buffer.from("overdue_bg.wasm\0", "latin1"),
    Buffer.from("a comment\0", "latin1"),
  ]);
  const headerCrc = Buffer.alloc(2);
  headerCrc.writeUInt16LE(crc32(header) & 0xffff);
  const trailer = gzipSync(data).subarray(-8); // CRC-32 and ISIZE of the data
  return Buffer.concat([header, headerCrc, deflateRawSync(data), trailer]);
}

test("a header with FTEXT, FHCRC, FEXTRA, FNAME and FCOMMENT", () => {
  const data = Buffer.from(text);
  const gzipped = gzipWithAllFields(data);
  assert.deepEqual(gunzipSync(gzipped), data, "zlib agrees the hand-built member is valid");
  assert.deepEqual(Buffer.from(gunzip(new Uint8Array(gzipped))), data);
  const damaged = Buffer.from(gzipped);
  damaged[25] ^= 0x20; // a letter of the file name: only the header CRC can tell
  assert.throws(() => gunzip(new Uint8Array(damaged)), /header CRC mismatch/);
});

test("throws on a truncated stream, wherever it is cut", () => {
  for (const data of [Buffer.from(text), randomBytes(100_000)]) {
    const gzipped = gzipSync(data);
    for (const length of [0, 5, 10, 20, 100, gzipped.length >> 1, gzipped.length - 9, gzipped.length - 8, gzipped.length - 4, gzipped.length - 1]) {
      assert.throws(() => gunzip(new Uint8Array(gzipped.subarray(0, length))), /gunzip: /, `cut at ${length} of ${gzipped.length}`);
    }
  }
});

test("throws on a flipped byte: CRC-32 or length mismatch, or an invalid stream", () => {
  // In a stored block the damage decodes "fine": only the CRC-32 catches it.
  const stored = gzipSync(randomBytes(10_000), { level: 0 });
  const flipped = Buffer.from(stored);
  flipped[5000] ^= 0x01;
  assert.throws(() => gunzip(new Uint8Array(flipped)), /CRC-32 mismatch/);

  const gzipped = gzipSync(text);
  const badCrc = Buffer.from(gzipped);
  badCrc[gzipped.length - 6] ^= 0x80;
  assert.throws(() => gunzip(new Uint8Array(badCrc)), /CRC-32 mismatch/);
  // ISIZE, the length: too big, or too small (the output may not grow past it).
  const badSize = Buffer.from(gzipped);
  badSize.writeUInt32LE(Buffer.byteLength(text) + 1, gzipped.length - 4);
  assert.throws(() => gunzip(new Uint8Array(badSize)), /differs from the trailer/);
  badSize.writeUInt32LE(100, gzipped.length - 4);
  assert.throws(() => gunzip(new Uint8Array(badSize)), /more data than the trailer/);
  // Anywhere in a Huffman-coded stream (but its last byte, whose bits after the end-of-block
  // code are padding that nobody reads).
  for (let at = 10; at < gzipped.length - 9; at += 97) {
    const damaged = Buffer.from(gzipped);
    damaged[at] ^= 0x10;
    assert.throws(() => gunzip(new Uint8Array(damaged)), /gunzip: /, `flipped at ${at}`);
  }
});

test("throws on what is not one gzip member", () => {
  const gzipped = gzipSync("some data");
  const badMagic = Buffer.from(gzipped);
  badMagic[1] = 0x8c;
  assert.throws(() => gunzip(new Uint8Array(badMagic)), /bad magic/);
  assert.throws(() => gunzip(new Uint8Array(Buffer.from("not gzip at all, just text"))), /bad magic/);
  const badMethod = Buffer.from(gzipped);
  badMethod[2] = 7;
  assert.throws(() => gunzip(new Uint8Array(badMethod)), /compression method/);
  const reserved = Buffer.from(gzipped);
  reserved[3] |= 0x20;
  assert.throws(() => gunzip(new Uint8Array(reserved)), /reserved/);
  assert.throws(() => gunzip(new Uint8Array(Buffer.concat([gzipped, Buffer.from([0])]))), /gunzip: /);
  assert.throws(() => gunzip(new Uint8Array(Buffer.concat([gzipped, gzipped]))), /gunzip: /);
  assert.throws(() => gunzip(gzipped.toString("base64")), TypeError);
});

// Hand-made DEFLATE streams, for damage that zlib never writes. Fields go least significant bit
// first, Huffman codes most significant bit first (RFC 1951 3.1.1).
class Bits {
  constructor() {
    this.bytes = [];
    this.partial = 0;
    this.count = 0;
  }
  put(value, count) {
    for (let i = 0; i < count; i++) {
      this.partial |= ((value >> i) & 1) << this.count;
      if (++this.count === 8) [this.bytes, this.partial, this.count] = [[...this.bytes, this.partial], 0, 0];
    }
    return this;
  }
  code(code, length) {
    for (let i = length - 1; i >= 0; i--) this.put((code >> i) & 1, 1);
    return this;
  }
  done() {
    return Buffer.from(this.count ? [...this.bytes, this.partial] : this.bytes);
  }
}
// The fixed codes (3.2.6) used below: literals 0..143, end-of-block and length 3, distances.
const literal = (bits, byte) => bits.code(0x30 + byte, 8);
const endOfBlock = (bits) => bits.code(0, 7);
const length3 = (bits) => bits.code(1, 7);
const distance = (bits, symbol) => bits.code(symbol, 5);
// A gzip member around a raw stream, with the trailer of `data`, what it should decode to.
const member = (raw, data) => new Uint8Array(Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), raw, gzipSync(data).subarray(-8)]));
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
// A final dynamic block's header whose code-length code gives 1 bit to each of two symbols
// `low` < `high` (codes 0 and 1), then the literal/length and distance code lengths as a run
// of those symbols.
function dynamicHeader(low, high, symbols, literalCount = 257, distanceCount = 1) {
  const lastIndex = Math.max(CODE_LENGTH_ORDER.indexOf(low), CODE_LENGTH_ORDER.indexOf(high));
  const bits = new Bits().put(1, 1).put(2, 2).put(literalCount - 257, 5).put(distanceCount - 1, 5).put(lastIndex + 1 - 4, 4);
  for (const symbol of CODE_LENGTH_ORDER.slice(0, lastIndex + 1)) bits.put(symbol === low || symbol === high ? 1 : 0, 3);
  for (const symbol of symbols) bits.code(symbol === high ? 1 : 0, 1);
  return bits;
}

test("hand-made streams: the crafting is right, and each kind of invalid stream throws", () => {
  // Valid: "a", then <length 3, distance 1> → "aaaa".
  const aaaa = new Bits().put(1, 1).put(1, 2);
  literal(aaaa, 0x61);
  distance(length3(aaaa), 0);
  assert.equal(Buffer.from(gunzip(member(endOfBlock(aaaa).done(), "aaaa"))).toString(), "aaaa");

  const tooFar = new Bits().put(1, 1).put(1, 2);
  distance(length3(tooFar), 0); // a copy before anything was written
  assert.throws(() => gunzip(member(endOfBlock(tooFar).done(), "aaa")), /distance reaches before the start/);

  const distance30 = new Bits().put(1, 1).put(1, 2);
  distance(length3(literal(distance30, 0x61)), 30);
  assert.throws(() => gunzip(member(endOfBlock(distance30).done(), "aaaa")), /invalid distance symbol 30/);

  assert.throws(() => gunzip(member(new Bits().put(1, 1).put(3, 2).done(), "")), /invalid block type/);
  const storedLength = Buffer.from([0x01, 0x03, 0x00, 0xfd, 0xff, 0x61, 0x62, 0x63]); // NLEN ≠ ~LEN
  assert.throws(() => gunzip(member(storedLength, "abc")), /stored block length/);

  // Dynamic blocks: code lengths 0 and 1 for literals 0 and 1, distance 0, and maybe 256.
  const lengths = (ones) => Array.from({ length: 258 }, (_, i) => (ones.includes(i) ? 1 : 0));
  assert.throws(() => gunzip(member(dynamicHeader(0, 1, lengths([0, 1, 257])).done(), "")), /no end-of-block code/);
  assert.throws(() => gunzip(member(dynamicHeader(0, 1, lengths([0, 1, 256, 257])).done(), "")), /over-subscribed/);
  assert.throws(() => gunzip(member(dynamicHeader(0, 16, [16]).done(), "")), /repeat with no previous/);
  const tooMany = dynamicHeader(0, 1, [], 287); // HLIT may say 288 codes; only 286 exist
  assert.throws(() => gunzip(member(tooMany.done(), "")), /too many codes/);

  // The last byte holds nothing but the end of the end-of-block code (zeros) and padding:
  // without it the stream still decodes to the right data, but it is cut short all the same.
  const x = gzipSync("x", { strategy: constants.Z_FIXED });
  assert.equal(x[x.length - 9], 0);
  assert.equal(Buffer.from(gunzip(new Uint8Array(x))).toString(), "x");
  assert.throws(() => gunzip(new Uint8Array(Buffer.concat([x.subarray(0, -9), x.subarray(-8)]))), /truncated stream/);
});

const built = existsSync(DIST) ? readdirSync(DIST).find((f) => f.endsWith("_bg.wasm.js")) : undefined;

test("the build's Wasm module decodes to a valid WebAssembly.Module", { skip: !built && "no build in dist/" }, async () => {
  const { default: base64 } = await import(new URL(built, `file://${DIST}`).href);
  const gzipped = new Uint8Array(Buffer.from(base64, "base64"));
  const wasm = gunzip(gzipped);
  assert.deepEqual(Buffer.from(wasm), gunzipSync(gzipped));
  assert.ok(new WebAssembly.Module(wasm) instanceof WebAssembly.Module);
});
