import type { DuckDBDataChunk } from '@duckdb/node-api';
import { DuckDBTypeId } from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';

/**
 * One chunk's columns as plain arrays. DOUBLE and DATE are read straight from the vector memory:
 * the value-by-value accessors of @duckdb/node-api cost ~10x more (a BigInt validity test per
 * value), which at 1M subscribers × ~110 columns was most of the run.
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

  numbers(name: string): (number | null)[] {
    const vector = this.vector(name, DuckDBTypeId.DOUBLE);
    const bytes = bindings.vector_get_data(vector, this.rowCount * 8);
    const values = new Float64Array(...alignedView(bytes, 8), this.rowCount);
    const valid = this.validity(vector);
    const out: (number | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) out[i] = valid(i) ? (values[i] ?? null) : null;
    return out;
  }

  /** DATE as YYYY-MM-DD (the vector holds days since 1970-01-01). */
  dates(name: string): (string | null)[] {
    const vector = this.vector(name, DuckDBTypeId.DATE);
    const bytes = bindings.vector_get_data(vector, this.rowCount * 4);
    const days = new Int32Array(...alignedView(bytes, 4), this.rowCount);
    const valid = this.validity(vector);
    const out: (string | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) {
      const day = days[i];
      out[i] = valid(i) && day !== undefined ? dayText(day) : null;
    }
    return out;
  }

  texts(name: string): (string | null)[] {
    const vector = this.chunk.getColumnVector(this.position(name));
    const out: (string | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) {
      const value = vector.getItem(i);
      out[i] = typeof value === 'string' ? value : null;
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
    const actual = this.chunk.getColumnVector(position).type.typeId;
    if (actual !== typeId) throw new Error(`feature column ${name} has type ${actual}, expected ${typeId}`);
    return bindings.data_chunk_get_vector(this.chunk.chunk, position);
  }

  private validity(vector: bindings.Vector): (row: number) => boolean {
    // Null when every row is valid; otherwise one bit per row, least significant first.
    const mask: Uint8Array | null = bindings.vector_get_validity(vector, Math.ceil(this.rowCount / 64) * 8);
    if (!mask) return () => true;
    return (row) => (((mask[row >> 3] ?? 0) >> (row & 7)) & 1) === 1;
  }
}

/** Buffer and offset of the bytes, copied when not aligned for `size`-byte items. */
function alignedView(bytes: Uint8Array, size: number): [ArrayBufferLike, number] {
  return bytes.byteOffset % size === 0 ? [bytes.buffer, bytes.byteOffset] : [bytes.slice().buffer, 0];
}

const dayTexts = new Map<number, string>();

export function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(day, text);
  }
  return text;
}
