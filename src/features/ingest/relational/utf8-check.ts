import { isUtf8 } from 'node:buffer';

/**
 * Validates UTF-8 chunk by chunk on the bytes, before the CSV tokenizer decodes them (the
 * decoder would silently turn bad bytes into U+FFFD; here they refuse the file with their line).
 * A character split across two chunks is carried over to the next one.
 */
export class Utf8ChunkValidator {
  private carry: Uint8Array = new Uint8Array(0);

  /** Returns the offset in `chunk` of the first invalid byte, or -1 when all is well so far. */
  push(chunk: Uint8Array): number {
    let start = 0;
    if (this.carry.length > 0) {
      const needed = sequenceLength(this.carry[0] ?? 0) - this.carry.length;
      if (chunk.length < needed) {
        this.carry = concat(this.carry, chunk);
        return -1;
      }
      const joined = concat(this.carry, chunk.subarray(0, needed));
      this.carry = new Uint8Array(0);
      if (!isUtf8(joined)) return 0;
      start = needed;
    }
    const body = chunk.subarray(start);
    const tail = incompleteTailLength(body);
    const whole = body.subarray(0, body.length - tail);
    if (!isUtf8(whole)) return start + Math.max(0, firstInvalidUtf8Offset(whole));
    this.carry = body.slice(body.length - tail);
    return -1;
  }

  /** True when the input did not end in the middle of a character. */
  end(): boolean {
    return this.carry.length === 0;
  }
}

/** How many bytes at the end of `bytes` begin a character whose remaining bytes are not there yet. */
export function incompleteTailLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back += 1) {
    const byte = bytes[n - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b0 = bytes[i] ?? 0;
    if (b0 < 0x80) {
      i += 1;
      continue;
    }
    const length =
      b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > n) return i;
    for (let k = 1; k < length; k += 1) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    const b1 = bytes[i + 1] ?? 0;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
    if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f)) return i;
    if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return i;
    i += length;
  }
  return -1;
}

function sequenceLength(leadByte: number): number {
  if (leadByte >= 0xf0) return 4;
  if (leadByte >= 0xe0) return 3;
  if (leadByte >= 0xc0) return 2;
  return 1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
