import type { DuckDBDataChunk } from '@duckdb/node-api';
import { DuckDBTypeId } from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';

/**
 * One chunk's columns, read straight from the vector memory: DOUBLE and DATE as typed-array views
 * with their validity masks (numberAt / dateAt read a row), VARCHAR through a cache of decoded
 * short strings. The value-by-value accessors of @duckdb/node-api cost ~10x more (a BigInt
 * validity test per value), which at 1M subscribers × ~110 columns was most of a run.
 */
export class ChunkColumns {
  readonly rowCount: number;
  private readonly index = new Map<string, number>();

  constructor(
    private readonly chunk: DuckDBDataChunk,
    names: readonly string[],
  ) {
    this.rowCount = chunk.rowCount;
    names.forEach((name, position) => {
      this.index.set(name, position);
    });
  }

  /** A DOUBLE column as its vector memory and validity mask (see `numberAt`), without copying. */
  numberColumn(name: string): NumberColumn {
    const vector = this.vector(name, DuckDBTypeId.DOUBLE);
    const bytes = bindings.vector_get_data(vector, this.rowCount * 8);
    return {
      values: new Float64Array(...alignedView(bytes, 8), this.rowCount),
      valid: this.validMask(vector),
    };
  }

  /** A DATE column as days since 1970-01-01 and its validity mask (see `dateAt`). */
  dateColumn(name: string): DateColumn {
    const vector = this.vector(name, DuckDBTypeId.DATE);
    const bytes = bindings.vector_get_data(vector, this.rowCount * 4);
    return { days: new Int32Array(...alignedView(bytes, 4), this.rowCount), valid: this.validMask(vector) };
  }

  /**
   * VARCHAR values. A string of up to 12 bytes sits inside its 16-byte vector slot (zero-padded), so
   * those slots are looked up in `cache` by their bytes before any UTF-8 decoding: the feature
   * table's texts (brand, city, VIP level …) are a few dozen values repeated millions of times.
   */
  texts(name: string, cache: TextCache = new TextCache()): (string | null)[] {
    const vector = this.vector(name, DuckDBTypeId.VARCHAR);
    const bytes = bindings.vector_get_data(vector, this.rowCount * 16);
    const buffer = bytes.buffer;
    if (!(buffer instanceof ArrayBuffer)) throw new Error(`column ${name} is not in an ArrayBuffer`);
    const words = new Uint32Array(...alignedView(bytes, 4), this.rowCount * 4);
    const valid = this.validMask(vector);
    const out: (string | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) {
      if (!isValid(valid, i)) {
        out[i] = null;
        continue;
      }
      const at = i * 4;
      const length = words[at] ?? 0;
      if (length <= 12) {
        out[i] = cache.inline(length, words[at + 1] ?? 0, words[at + 2] ?? 0, words[at + 3] ?? 0, () =>
          TEXT_DECODER.decode(bytes.subarray(i * 16 + 4, i * 16 + 4 + length)),
        );
      } else {
        const data = bindings.get_data_from_pointer(buffer, bytes.byteOffset + i * 16 + 8, length);
        out[i] = TEXT_DECODER.decode(data);
      }
    }
    return out;
  }

  booleans(name: string): (boolean | null)[] {
    const vector = this.chunk.getColumnVector(this.position(name));
    const out: (boolean | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) {
      const value = vector.getItem(i);
      out[i] = typeof value === 'boolean' ? value : null;
    }
    return out;
  }

  private position(name: string): number {
    const position = this.index.get(name);
    if (position === undefined) throw new Error(`the feature table has no column ${name}`);
    return position;
  }

  private vector(name: string, typeId: DuckDBTypeId): bindings.Vector {
    const position = this.position(name);
    const vector = bindings.data_chunk_get_vector(this.chunk.chunk, position);
    // Straight from the bindings: the API's vector wrapper would first read the whole column.
    const actual = Number(bindings.get_type_id(bindings.vector_get_column_type(vector)));
    if (actual !== typeId) throw new Error(`feature column ${name} has type ${actual}, expected ${typeId}`);
    return vector;
  }

  private validMask(vector: bindings.Vector): Uint8Array | null {
    // Null when every row is valid; otherwise one bit per row, least significant first.
    return bindings.vector_get_validity(vector, Math.ceil(this.rowCount / 64) * 8);
  }
}

/** Row `i` of a column read with numberColumn / dateColumn: whether it holds a value. */
function isValid(valid: Uint8Array | null, i: number): boolean {
  return valid === null || (((valid[i >> 3] ?? 0) >> (i & 7)) & 1) === 1;
}

export type NumberColumn = { values: Float64Array; valid: Uint8Array | null };
export type DateColumn = { days: Int32Array; valid: Uint8Array | null };

export function numberAt(column: NumberColumn, i: number): number | null {
  return isValid(column.valid, i) ? (column.values[i] ?? null) : null;
}

/** YYYY-MM-DD, or null. */
export function dateAt(column: DateColumn, i: number): string | null {
  const day = column.days[i];
  return isValid(column.valid, i) && day !== undefined ? dayText(day) : null;
}

const TEXT_DECODER = new TextDecoder();

type CachedText = { length: number; a: number; b: number; c: number; text: string; next: CachedText | null };

/**
 * Decoded short strings by their inline bytes (length and three 32-bit words), for ChunkColumns.texts.
 * Keep one per column across a result's chunks; it holds at most a few thousand values.
 */
export class TextCache {
  private readonly slots = new Map<number, CachedText>();

  inline(length: number, a: number, b: number, c: number, decode: () => string): string {
    const key = (Math.imul(Math.imul(a, 31) + b, 31) + c + length * 97) | 0;
    const first = this.slots.get(key);
    for (let entry = first ?? null; entry !== null; entry = entry.next) {
      if (entry.length === length && entry.a === a && entry.b === b && entry.c === c) return entry.text;
    }
    const text = decode();
    // Unbounded texts (names, notes) would fill it: past a few thousand values, just decode.
    if (this.slots.size < 4096) this.slots.set(key, { length, a, b, c, text, next: first ?? null });
    return text;
  }
}

/** Buffer and offset of the bytes, copied when not aligned for `size`-byte items. */
function alignedView(bytes: Uint8Array, size: number): [ArrayBufferLike, number] {
  return bytes.byteOffset % size === 0 ? [bytes.buffer, bytes.byteOffset] : [bytes.slice().buffer, 0];
}

/** Day texts by day number plus DAY_TEXT_OFFSET: an array index is cheaper than a map lookup, and a
 * scoring run reads several dates for each of millions of rows. Covers 1860–2079; others are made
 * afresh each time. */
const DAY_TEXT_OFFSET = 40_000;
// Filled with undefined up front: writing far past the end of an empty array would make it a slow
// dictionary.
const dayTexts: (string | undefined)[] = Array.from({ length: 2 * DAY_TEXT_OFFSET }, () => undefined);

export function dayText(day: number): string {
  const index = day + DAY_TEXT_OFFSET;
  const cached = dayTexts[index];
  if (cached !== undefined) return cached;
  const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
  if (Number.isInteger(index) && index >= 0 && index < dayTexts.length) dayTexts[index] = text;
  return text;
}
