import type { DuckDBConnection } from '@duckdb/node-api';
import { DATASET_COLUMNS } from '#src/usage/datasets';
import {
  jsonNumber,
  jsonText,
  type QueryProgress,
  queryJson,
  runWithProgress,
  sqlIdentifier,
  sqlString,
} from '#src/usage/duckdb';
import { type KindSpec, MSISDN_COLUMN, storedSelectList, valueColumn } from './kind-spec';
import { newLineOption } from './newline';
import { PARQUET_OPTIONS } from './parquet';
import { SUBSCRIBER_MAP_TABLE } from './subscriber-map';
import { fromCsvSql } from './value-types';

export type FastPassInput = {
  filePath: string;
  /** Canonical column names in file order (from the header). */
  columns: readonly string[];
  newline: '\n' | '\r\n';
  /** Where the stored rows of the whole file go. */
  stagedFile: string;
  onProgress?: (progress: QueryProgress) => void;
};

export type FastPassResult =
  | { clean: true; rows: number; months: string[] }
  | { clean: false; reason: 'bad rows' | 'read failed' };

const REJECTS_TABLE = 'fast_rejects';
const REJECTS_SCAN = 'fast_scans';
// Above this many bits (128 MiB per thread) the duplicate check falls back to a hash aggregate.
const MAX_DUPLICATE_BITMAP_BITS = 2 ** 30;

/**
 * The one pass over the CSV that a good file needs: read_csv parses typed columns, a hash join
 * maps MSISDN → subscriber_id, and the stored rows stream into one Parquet file. Invalid values
 * become NULL and unparseable lines go to a rejects table, so afterwards cheap checks over the
 * Parquet file tell whether every row is good. It never says where a problem is; the error pass
 * does that, only for files that have one.
 */
export async function runFastPass(
  connection: DuckDBConnection,
  spec: KindSpec,
  input: FastPassInput,
): Promise<FastPassResult> {
  try {
    await withSubscribersAsBuildSide(connection, () =>
      runWithProgress(connection, fastPassSql(spec, input), input.onProgress),
    );
  } catch {
    // A file the strict reader cannot walk at all (e.g. stray carriage returns): the error pass
    // reads line by line and says which lines are broken.
    return { clean: false, reason: 'read failed' };
  }
  const file = sqlString(input.stagedFile);
  if ((await count(connection, `SELECT count(*) AS n FROM ${REJECTS_TABLE}`)) > 0) {
    return { clean: false, reason: 'bad rows' };
  }
  if (await hasNulls(connection, spec, file)) return { clean: false, reason: 'bad rows' };
  if (await hasDuplicateKeys(connection, spec, file)) return { clean: false, reason: 'bad rows' };
  const rows = await count(connection, `SELECT count(*) AS n FROM read_parquet(${file})`);
  return { clean: true, rows, months: await monthsIn(connection, input.stagedFile) };
}

export function fastPassSql(spec: KindSpec, input: FastPassInput): string {
  const columns = input.columns.map((name) => {
    const type = name === MSISDN_COLUMN ? 'VARCHAR' : valueColumn(spec, name).type.csvType;
    return `${sqlString(name)}: ${sqlString(type)}`;
  });
  const value = (name: string) => fromCsvSql(valueColumn(spec, name).type, `t.${sqlIdentifier(name)}`);
  return `COPY (
  SELECT ${storedSelectList(spec, value, 's.id')}
  FROM read_csv(${sqlString(input.filePath)},
    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    new_line = ${newLineOption(input.newline)},
    store_rejects = true, rejects_table = '${REJECTS_TABLE}', rejects_scan = '${REJECTS_SCAN}',
    columns = {${columns.join(', ')}}) AS t
  LEFT JOIN ${SUBSCRIBER_MAP_TABLE} AS s ON s.msisdn = t.${sqlIdentifier(MSISDN_COLUMN)}
) TO ${sqlString(input.stagedFile)} (${PARQUET_OPTIONS})`;
}

/**
 * Without a sniffed sample DuckDB estimates a CSV scan at a few dozen rows, so it would build the
 * join's hash table from the 10M-row file and probe it with the subscribers: memory then grows
 * with the file (1.3 GB at 10M rows) instead of staying flat (~350 MB), and the scan is ~10%
 * slower. Letting the sniffer estimate is no fix: it would also guess date formats (02/01/2026).
 * So the side-swapping optimizer is off for this one statement; the setting is instance-wide,
 * which only affects the join sides of reads running meanwhile, not their results.
 */
async function withSubscribersAsBuildSide(
  connection: DuckDBConnection,
  run: () => Promise<void>,
): Promise<void> {
  const [row] = await queryJson(connection, "SELECT current_setting('disabled_optimizers') AS value");
  const previous = jsonText(row?.value) ?? '';
  const disabled = [...previous.split(',').filter((name) => name.trim() !== ''), 'build_side_probe_side'];
  await connection.run(`SET disabled_optimizers = ${sqlString(disabled.join(','))}`);
  try {
    await run();
  } finally {
    await connection.run(`SET disabled_optimizers = ${sqlString(previous)}`);
  }
}

/** Any NULL in any column means an invalid or missing value (every column is required). */
async function hasNulls(connection: DuckDBConnection, spec: KindSpec, file: string): Promise<boolean> {
  const [stats] = await queryJson(
    connection,
    `SELECT coalesce(sum(stats_null_count), 0) AS nulls, count(*) FILTER (WHERE stats_null_count IS NULL) AS unknown
     FROM parquet_metadata(${file})`,
  );
  if (jsonNumber(stats?.unknown) === 0) return jsonNumber(stats?.nulls) > 0;
  const anyNull = DATASET_COLUMNS[spec.dataset].map((c) => `${sqlIdentifier(c.name)} IS NULL`).join(' OR ');
  return (await count(connection, `SELECT count(*) AS n FROM read_parquet(${file}) WHERE ${anyNull}`)) > 0;
}

/**
 * Whether two rows share (subscriber, key). A bitmap over the key space (subscribers × days or
 * months in the file) answers in one cheap pass without sorting or hashing 10M rows; only an
 * unusually wide key space falls back to GROUP BY.
 */
async function hasDuplicateKeys(
  connection: DuckDBConnection,
  spec: KindSpec,
  file: string,
): Promise<boolean> {
  const ordinal = spec.key.ordinal(sqlIdentifier(spec.key.column));
  const [range] = await queryJson(
    connection,
    `SELECT min(subscriber_id) AS lo, max(subscriber_id) AS hi, min(${ordinal}) AS klo, max(${ordinal}) AS khi
     FROM read_parquet(${file})`,
  );
  if (range?.lo === null || range?.lo === undefined) return false;
  const lo = jsonNumber(range.lo);
  const klo = jsonNumber(range.klo);
  const keySpan = jsonNumber(range.khi) - klo + 1;
  const bits = (jsonNumber(range.hi) - lo + 1) * keySpan;
  if (bits <= MAX_DUPLICATE_BITMAP_BITS) {
    const position = `(subscriber_id - ${lo}) * ${keySpan} + (${ordinal} - ${klo})`;
    const duplicates = await count(
      connection,
      `SELECT count(*) - bit_count(bitstring_agg(CAST(${position} AS BIGINT), 0, ${bits - 1})) AS n
       FROM read_parquet(${file})`,
    );
    return duplicates > 0;
  }
  const key = sqlIdentifier(spec.key.column);
  const groups = await count(
    connection,
    `SELECT count(*) AS n FROM (SELECT 1 FROM read_parquet(${file}) GROUP BY subscriber_id, ${key} HAVING count(*) > 1)`,
  );
  return groups > 0;
}

/** The billing months (YYYY-MM) a staged file holds, ascending. */
export async function monthsIn(connection: DuckDBConnection, stagedFile: string): Promise<string[]> {
  const rows = await queryJson(
    connection,
    `SELECT DISTINCT strftime(month, '%Y-%m') AS month FROM read_parquet(${sqlString(stagedFile)}) ORDER BY 1`,
  );
  const months: string[] = [];
  for (const row of rows) {
    const month = jsonText(row.month);
    if (month) months.push(month);
  }
  return months;
}

export async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  const [row] = await queryJson(connection, sql);
  return jsonNumber(row?.n);
}
