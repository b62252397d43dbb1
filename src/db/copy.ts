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
  format: CopyFormat = 'csv',
): Promise<void> {
  const columnList = columns.map((c) => `"${c}"`).join(', ');
  if (target.kind === 'postgres') {
    const sink = target.client.query(
      copyFrom(`COPY ${table} (${columnList}) FROM STDIN WITH (FORMAT ${format})`),
    );
    await pipeline(Readable.from(chunks), sink as Writable);
    return;
  }
  // PGlite reads COPY input from a virtual /dev/blob; one COPY per chunk keeps memory bounded.
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    await target.tx.query(`COPY ${table} (${columnList}) FROM '/dev/blob' WITH (FORMAT ${format})`, [], {
      blob: new Blob([chunk]),
    });
  }
}

/**
 * COPY's `text` format: fields separated by tabs, NULL as \N, and only backslash, tab and line
 * breaks escaped. Cheaper than CSV for JSON-heavy rows, whose every quote CSV would double.
 */
export type CopyFormat = 'csv' | 'text';

const TEXT_SPECIALS = /[\\\t\n\r]/;

/** One value as a COPY text-format field. */
export function copyTextField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!TEXT_SPECIALS.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Quotes one value for CSV text fed to COPY: NULL as an empty unquoted field, text always quoted. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}
