import type { Session } from '#src/db/transaction';
import { type RowError, truncateValue } from '../import-report';

/** A TEMP table the good rows are copied into; its first column is always `line integer`. */
export type StagingTable = {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
};

/** Problems found by set-based checks over the staged rows, reported like row errors. */
export const STAGED_ERRORS_TABLE = 'staging_errors';

const FETCH_SIZE = 5000;

/** Both temp tables vanish at COMMIT or ROLLBACK; nothing is left behind on the connection. */
export async function createStagingTables(session: Session, staging: StagingTable): Promise<void> {
  const columns = staging.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  await session.query(`CREATE TEMP TABLE ${staging.name} (${columns}) ON COMMIT DROP`);
  await session.query(
    `CREATE TEMP TABLE ${STAGED_ERRORS_TABLE} (line integer NOT NULL, column_name text, value text, reason text NOT NULL) ON COMMIT DROP`,
  );
}

/**
 * Every row after the first with the same key is refused, pointing at the first one
 * (one hash aggregate over the staged rows; the join only runs when there are duplicates).
 */
export async function checkDuplicateKeys(
  session: Session,
  table: string,
  keyColumns: readonly string[],
  keyLabel: string,
): Promise<void> {
  const keys = keyColumns.join(', ');
  const value = keyColumns.map((c) => `st.${c}`).join(` || ' / ' || `);
  await session.query(
    `INSERT INTO ${STAGED_ERRORS_TABLE} (line, column_name, value, reason)
     SELECT st.line, NULL, ${value}, $1 || d.first_line
     FROM ${table} st
     JOIN (SELECT ${keys}, min(line) AS first_line FROM ${table} GROUP BY ${keys} HAVING count(*) > 1) d
       USING (${keys})
     WHERE st.line <> d.first_line`,
    [`duplicate ${keyLabel} in this file; its first row is on line `],
  );
}

/** Contracts and complaints belong to subscribers already imported. */
export async function checkKnownMsisdns(session: Session, table: string): Promise<void> {
  await session.query(
    `INSERT INTO ${STAGED_ERRORS_TABLE} (line, column_name, value, reason)
     SELECT st.line, 'msisdn', st.msisdn, 'no subscriber has this MSISDN; import the subscriber first'
     FROM ${table} st
     WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.msisdn = st.msisdn)`,
  );
}

/**
 * Streams the staged errors in line order through a cursor (constant memory however many)
 * and returns the distinct lines they are on.
 */
export async function readStagedErrors(
  session: Session,
  onError: (error: RowError) => void,
): Promise<number[]> {
  const lines: number[] = [];
  await session.query(
    `DECLARE staged_errors_cursor NO SCROLL CURSOR FOR
     SELECT line, column_name, value, reason FROM ${STAGED_ERRORS_TABLE} ORDER BY line, column_name NULLS FIRST`,
  );
  for (;;) {
    const rows = await session.query<{
      line: number;
      column_name: string | null;
      value: string | null;
      reason: string;
    }>(`FETCH ${FETCH_SIZE} FROM staged_errors_cursor`);
    for (const row of rows) {
      if (lines[lines.length - 1] !== row.line) lines.push(row.line);
      onError({
        line: row.line,
        column: row.column_name,
        ...(row.value === null ? {} : { value: truncateValue(row.value) }),
        reason: row.reason,
      });
    }
    if (rows.length < FETCH_SIZE) break;
  }
  await session.query('CLOSE staged_errors_cursor');
  return lines;
}

export async function deleteStagedErrorRows(session: Session, table: string): Promise<void> {
  await session.query(`DELETE FROM ${table} WHERE line IN (SELECT line FROM ${STAGED_ERRORS_TABLE})`);
}

/**
 * What follows `ON CONFLICT (…) DO`: `UPDATE SET a = excluded.a, …, updated_at = now() WHERE
 * (t.a, …) IS DISTINCT FROM (excluded.a, …)`. Rows whose values did not change are left alone,
 * so importing a file twice writes nothing.
 */
export function updateChangedClause(alias: string, columns: readonly string[]): string {
  if (columns.length === 0) return 'NOTHING';
  const set = columns.map((c) => `${c} = excluded.${c}`).join(', ');
  const current = columns.map((c) => `${alias}.${c}`).join(', ');
  const incoming = columns.map((c) => `excluded.${c}`).join(', ');
  return `UPDATE SET ${set}, updated_at = now() WHERE (${current}) IS DISTINCT FROM (${incoming})`;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** A text value for the staging CSV: quoted only when it has to be (the common case allocates nothing). */
export function csvText(value: string): string {
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The staging CSV of many rows, appended field by field to one string per chunk. Measured on
 * 1M subscribers this is faster than building each row as a string first (two layers of rope
 * strings per row) and than collecting parts to join (join is slow on mixed one- and two-byte
 * strings); the appends make one rope that COPY flattens once per chunk.
 */
export class StagingCsv {
  private chunk = '';
  private separator = '';

  /** Characters gathered since the last take. */
  get size(): number {
    return this.chunk.length;
  }

  /** A value that never needs quoting (numbers, dates, vocabulary words); null is NULL. */
  plain(value: string | number | null): void {
    this.chunk += this.separator;
    if (value !== null) this.chunk += value;
    this.separator = ',';
  }

  /** Free text: quoted only when it has to be; '' stays an empty string, not NULL. */
  text(value: string): void {
    this.plain(csvText(value));
  }

  nullableText(value: string | null): void {
    this.plain(value === null ? null : csvText(value));
  }

  boolean(value: boolean): void {
    this.plain(value ? 't' : 'f');
  }

  endRow(): void {
    this.chunk += '\n';
    this.separator = '';
  }

  /** The rows gathered so far as CSV text; starts a new chunk. */
  take(): string {
    const chunk = this.chunk;
    this.chunk = '';
    return chunk;
  }
}
