import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer';

function written(write: (out: ByteWriter) => void, capacity?: number): string {
  const out = new ByteWriter(capacity);
  write(out);
  return out.text();
}

describe('ByteWriter', () => {
  it('writes numbers as String writes them', () => {
    const scaled = (places: number) =>
      fc.integer({ min: -(10 ** 12), max: 10 ** 12 }).map((n) => n / 10 ** places);
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), scaled(1), scaled(2), scaled(3), scaled(4), fc.integer(), fc.maxSafeInteger()),
        (value) => {
          expect(written((out) => out.number(value))).toBe(String(value));
        },
      ),
      { numRuns: 50_000 },
    );
    const edges = [0, -0, 0.5, -0.5, 1e-4, -1e-4, 0.00015, 0.05, 1e9 - 0.1, 123456.7, 65535, 65536, -1, 1e21];
    for (const value of [...edges, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY])
      expect(written((out) => out.number(value))).toBe(String(value));
  });

  it('writes any text as UTF-8, ASCII or not, growing past its first buffer', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 20 }), (texts) => {
        const text = written((out) => {
          for (const item of texts) out.string(item);
        }, 4);
        expect(text).toBe(Buffer.from(texts.join(''), 'utf8').toString('utf8'));
      }),
      { numRuns: 2000 },
    );
    expect(written((out) => out.string('南京市\t1'), 2)).toBe('南京市\t1');
  });

  it('hands over what it wrote and starts afresh', () => {
    const out = new ByteWriter(8);
    out.string('abc');
    out.byte(10);
    out.raw(Buffer.from('南'));
    const taken = out.take();
    expect(Buffer.from(taken).toString('utf8')).toBe('abc\n南');
    expect(out.length).toBe(0);
    out.number(42);
    expect(out.text()).toBe('42');
    expect(Buffer.from(taken).toString('utf8')).toBe('abc\n南');
  });
});
