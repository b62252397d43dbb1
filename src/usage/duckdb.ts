import { type DuckDBConnection, DuckDBInstance, type Json } from '@duckdb/node-api';

export type DuckDbSettings = {
  /** DuckDB memory_limit, e.g. 2GB; above it joins and sorts spill to `tempDirectory`. */
  memoryLimit: string;
  tempDirectory: string;
  /** Worker threads; DuckDB's default (one per core) when absent. */
  threads?: number;
};

/**
 * An in-memory DuckDB instance: nothing is persisted in DuckDB itself (the Parquet files and the
 * manifest are the store), so there is no database file to lock, migrate or corrupt.
 */
export async function createDuckDb(settings: DuckDbSettings): Promise<DuckDBInstance> {
  return DuckDBInstance.create(':memory:', {
    memory_limit: settings.memoryLimit,
    temp_directory: settings.tempDirectory,
    // File order must survive CREATE TABLE AS SELECT from read_csv: line numbers depend on it.
    preserve_insertion_order: 'true',
    ...(settings.threads ? { threads: String(settings.threads) } : {}),
  });
}

/** A connection that tracks query progress without printing a progress bar. */
export async function connectQuietly(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  await connection.run(
    'SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0',
  );
  return connection;
}

/** A SQL string literal; DuckDB strings are standard-conforming, so doubling quotes is enough. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A list literal of paths for read_parquet. */
export function sqlStringList(items: readonly string[]): string {
  return `[${items.map(sqlString).join(', ')}]`;
}

/** A quoted identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export type JsonRow = Record<string, Json>;

/** Runs a query and returns its rows as JSON values (BIGINT as string, DATE as YYYY-MM-DD). */
export async function queryJson(connection: DuckDBConnection, sql: string): Promise<JsonRow[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

/** Streams a query's rows in batches, so millions of rows never sit in memory at once. */
export async function* streamJson(connection: DuckDBConnection, sql: string): AsyncGenerator<JsonRow> {
  const result = await connection.stream(sql);
  for await (const batch of result.yieldRowObjectJson()) {
    for (const row of batch) yield row;
  }
}

export function jsonNumber(value: Json | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new Error(`expected a number from DuckDB, got ${JSON.stringify(value)}`);
}

export function jsonText(value: Json | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export type QueryProgress = { percentage: number; rowsProcessed: number };

/**
 * Runs a statement while polling DuckDB's own progress estimate (the same one its progress bar
 * shows), so a long CSV scan can report how far it is.
 */
export async function runWithProgress(
  connection: DuckDBConnection,
  sql: string,
  onProgress: ((progress: QueryProgress) => void) | undefined,
  intervalMs = 250,
): Promise<void> {
  if (!onProgress) {
    await connection.run(sql);
    return;
  }
  const timer = setInterval(() => {
    const progress = connection.progress;
    if (progress.percentage < 0) return;
    onProgress({ percentage: progress.percentage, rowsProcessed: Number(progress.rows_processed) });
  }, intervalMs);
  try {
    await connection.run(sql);
  } finally {
    clearInterval(timer);
  }
}
