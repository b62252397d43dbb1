import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk loading through COPY ... FROM STDIN in CSV format, on either engine, inside the caller's
 * transaction. Rows arrive as already-encoded CSV text chunks (each chunk whole lines), so memory
 * stays at one chunk whatever the file size.
 */
export type CopyTarget =
  | { kind: 'pglite'; tx: Transaction | PGlite }
  | { kind: 'postgres'; client: pg.PoolClient };

export async function copyCsvChunks(
  target: CopyTarget,
  table: string,
  columns: readonly string[],
  chunks: AsyncIterable<string>,
): Promise<void> {
  const columnList = columns.map((c) => `"${c}"`).join(', ');
  if (target.kind === 'postgres') {
    const sink = target.client.query(copyFrom(`COPY ${table} (${columnList}) FROM STDIN WITH (FORMAT csv)`));
    await pipeline(Readable.from(chunks), sink as Writable);
    return;
  }
  // PGlite reads COPY input from a virtual /dev/blob; one COPY per chunk keeps memory bounded.
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    await target.tx.query(`COPY ${table} (${columnList}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([chunk]),
    });
  }
}

/** Quotes one value for CSV text fed to COPY: NULL as an empty unquoted field, text always quoted. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}
