import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8Offset, incompleteTailLength, Utf8ChunkValidator } from './utf8-check';

function validateInChunks(bytes: Uint8Array, cuts: number[]): boolean {
  const validator = new Utf8ChunkValidator();
  let start = 0;
  for (const cut of [...cuts.sort((a, b) => a - b), bytes.length]) {
    if (validator.push(bytes.subarray(start, cut)) >= 0) return false;
    start = cut;
  }
  return validator.end();
}

describe('Utf8ChunkValidator', () => {
  it('accepts text whose characters are split across chunks', () => {
    const bytes = Buffer.from('全球通,动感地带\n神州行😀');
    for (let cut = 0; cut <= bytes.length; cut += 1) expect(validateInChunks(bytes, [cut])).toBe(true);
  });

  it('returns the offset of the first bad byte within the chunk', () => {
    const validator = new Utf8ChunkValidator();
    expect(validator.push(Buffer.from('abc\n'))).toBe(-1);
    expect(validator.push(Buffer.from([0x61, 0x62, 0xd5, 0xc5, 0x0a]))).toBe(2);
  });

  it('refuses input that ends in the middle of a character', () => {
    const validator = new Utf8ChunkValidator();
    expect(validator.push(Buffer.from('通').subarray(0, 2))).toBe(-1);
    expect(validator.end()).toBe(false);
  });

  it('agrees with a whole-buffer check however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 4 }), (bytes, cuts) => {
        const inRange = cuts.map((c) => Math.min(c, bytes.length));
        expect(validateInChunks(bytes, inRange)).toBe(isUtf8(bytes));
      }),
    );
  });

  it('agrees on real text however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.array(fc.nat(120), { maxLength: 4 }),
        (text, cuts) => {
          const bytes = Buffer.from(text);
          expect(
            validateInChunks(
              bytes,
              cuts.map((c) => Math.min(c, bytes.length)),
            ),
          ).toBe(true);
        },
      ),
    );
  });
});

describe('firstInvalidUtf8Offset', () => {
  it('finds stray, overlong, surrogate and truncated sequences', () => {
    expect(firstInvalidUtf8Offset(Buffer.from('ok 全'))).toBe(-1);
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0xff]))).toBe(1);
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0x42, 0xe4, 0xb8]))).toBe(2);
  });

  it('returns -1 exactly when the bytes are UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        expect(firstInvalidUtf8Offset(bytes) === -1).toBe(isUtf8(bytes));
      }),
    );
  });
});

describe('incompleteTailLength', () => {
  it('counts the bytes of a character cut off at the end', () => {
    const tong = Buffer.from('通');
    expect(incompleteTailLength(Buffer.concat([Buffer.from('a'), tong.subarray(0, 2)]))).toBe(2);
    expect(incompleteTailLength(Buffer.concat([Buffer.from('a'), tong]))).toBe(0);
    expect(incompleteTailLength(Buffer.from('abc'))).toBe(0);
  });
});
