/**
 * Appends text as UTF-8 to a growing buffer, for COPY lines written millions of times a run.
 *
 * Hand-written because what is written is mostly ASCII digits and codes: copying those byte by
 * byte in JavaScript costs less than building the line as one string and encoding it (half the
 * time a scoring worker spent on a row went to concatenating, flattening and encoding its line).
 * Anything not ASCII goes through Buffer's own UTF-8 encoder.
 */
export class ByteWriter {
  private buffer: Buffer;
  /** Bytes written so far. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** The bytes written, as a view (valid until the next write). */
  get bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** Hands over the bytes written and starts again on a fresh buffer (the old one is not reused). */
  take(capacity = this.buffer.length): Uint8Array {
    const taken = this.bytes;
    this.buffer = Buffer.allocUnsafe(capacity);
    this.length = 0;
    return taken;
  }

  /** The bytes written, decoded (tests and one-off lines). */
  text(): string {
    return this.buffer.toString('utf8', 0, this.length);
  }

  byte(code: number): void {
    if (this.length >= this.buffer.length) this.grow(1);
    this.buffer[this.length++] = code;
  }

  /** Bytes encoded before (a cached field). */
  raw(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buffer.length) this.grow(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Any text, as UTF-8: byte by byte while it is ASCII, by Buffer's encoder from the first other. */
  string(text: string): void {
    const n = text.length;
    if (this.length + n > this.buffer.length) this.grow(n);
    const start = this.length;
    const buffer = this.buffer;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.length = start;
        this.utf8(text);
        return;
      }
      buffer[start + i] = code;
    }
    this.length = start + n;
  }

  /**
   * A number as String(value) writes it, without making the string for the numbers a score line is
   * mostly made of: integers, data volumes with one decimal, contributions rounded to four. A double
   * equal to d / 10^k for an integer d has exactly one shortest decimal form that reads back as it,
   * d's digits with the point k from the right (trailing zeros dropped), and that is what String
   * writes; anything else goes through String. byte-writer.test.ts compares the two.
   */
  number(value: number): void {
    if (Number.isSafeInteger(value)) {
      this.integer(value);
      return;
    }
    const magnitude = Math.abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e9) {
      const tenths = Math.round(value * 10);
      if (tenths / 10 === value) {
        this.decimal(tenths, 1);
        return;
      }
      const tenThousandths = Math.round(value * 10_000);
      if (tenThousandths / 10_000 === value) {
        this.decimal(tenThousandths, 4);
        return;
      }
    }
    this.string(String(value));
  }

  private integer(value: number): void {
    if (this.length + 17 > this.buffer.length) this.grow(17);
    let n = value;
    if (n < 0) {
      this.buffer[this.length++] = 45; // '-'
      n = -n;
    }
    this.digits(n, 0);
  }

  /** scaled / 10^places in decimal, the fraction's trailing zeros dropped (scaled is not whole). */
  private decimal(scaled: number, places: number): void {
    if (this.length + 24 > this.buffer.length) this.grow(24);
    if (scaled < 0) this.buffer[this.length++] = 45; // '-'
    const power = places === 1 ? 10 : 10_000;
    const magnitude = Math.abs(scaled);
    const whole = Math.trunc(magnitude / power);
    let fraction = magnitude - whole * power;
    let width = places;
    while (fraction % 10 === 0 && width > 0) {
      fraction /= 10;
      width -= 1;
    }
    this.digits(whole, 0);
    this.buffer[this.length++] = 46; // '.'
    this.digits(fraction, width);
  }

  /** The decimal digits of a non-negative integer, zero-padded to `width`. */
  private digits(n: number, width: number): void {
    let count = 1;
    for (let rest = Math.floor(n / 10); rest > 0; rest = Math.floor(rest / 10)) count++;
    if (count < width) count = width;
    let at = this.length + count - 1;
    let rest = n;
    for (let i = 0; i < count; i++) {
      this.buffer[at--] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.length += count;
  }

  private utf8(text: string): void {
    // A UTF-16 unit takes at most 3 bytes of UTF-8.
    if (this.length + text.length * 3 > this.buffer.length) this.grow(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  private grow(atLeast: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + atLeast));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}
