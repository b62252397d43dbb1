import type { DuckDBConnection } from '@duckdb/node-api';
import { jsonNumber, jsonText, queryJson, sqlIdentifier, sqlString, streamJson } from '#src/usage/duckdb';
import { type RowError, truncateValue } from '../import-report';
import { isValidSql, type KindSpec, MSISDN_COLUMN, storedSelectList, valueColumn } from './kind-spec';
import { type SkippedLines, skippedLinesSql, withLineNumbersSql } from './line-numbers';
import { newLineOption } from './newline';
import { PARQUET_OPTIONS } from './parquet';
import { SUBSCRIBER_MAP_TABLE } from './subscriber-map';
import { parseTextSql } from './value-types';

export type ErrorPassInput = {
  filePath: string;
  /** Canonical column names in file order (from the header). */
  columns: readonly string[];
  newline: '\n' | '\r\n';
};

export type ErrorPassSummary = { rowsRead: number; rowsRejected: number; errorCount: number };

const DUPLICATE_LINES_SHOWN = 10;

/**
 * Finds every problem in a file the fast pass found wanting, with its physical line, column,
 * text and reason. Each line is read whole as one text value (no quoting, so one line is one
 * row and blank lines are kept as NULL rows), numbered by the rule in line-numbers.ts, split on
 * commas and parsed with the same types and checks as the fast pass. Leaves the tables
 * err_typed (parsed rows), err_bad (rows with a problem) and err_found (one row per problem).
 */
export async function runErrorPass(
  connection: DuckDBConnection,
  spec: KindSpec,
  input: ErrorPassInput,
): Promise<ErrorPassSummary> {
  for (const sql of readLinesSql(input)) await connection.run(sql);
  const skipped: SkippedLines = [];
  for (const row of await queryJson(connection, 'SELECT adj, j FROM err_skips')) {
    skipped.push({ adj: jsonNumber(row.adj), j: jsonNumber(row.j) });
  }
  for (const sql of checkRowsSql(spec, input, skipped)) await connection.run(sql);
  const [summary] = await queryJson(
    connection,
    `SELECT (SELECT count(*) FROM err_typed) + (SELECT count(DISTINCT line) FROM err_rejects) AS rows_read,
            (SELECT count(DISTINCT line) FROM err_found) AS rows_rejected,
            (SELECT count(*) FROM err_found) AS error_count`,
  );
  return {
    rowsRead: jsonNumber(summary?.rows_read),
    rowsRejected: jsonNumber(summary?.rows_rejected),
    errorCount: jsonNumber(summary?.error_count),
  };
}

/** Reads every line as one text value, in file order, and tallies the lines that gave no row. */
export function readLinesSql(input: ErrorPassInput): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE err_src AS
     SELECT line AS text FROM read_csv(${sqlString(input.filePath)},
       header = true, auto_detect = false, delim = chr(0), quote = '', escape = '',
       new_line = ${newLineOption(input.newline)}, strict_mode = false, columns = {'line': 'VARCHAR'},
       store_rejects = true, rejects_table = 'err_rejects', rejects_scan = 'err_scans')`,
    skippedLinesSql('err_skips', 'err_rejects'),
  ];
}

/** Numbers, splits, parses and checks the lines read by readLinesSql. */
export function checkRowsSql(spec: KindSpec, input: ErrorPassInput, skipped: SkippedLines): string[] {
  const n = input.columns.length;
  const cell = (name: string) => sqlIdentifier(`c_${name}`);
  const parsed = (name: string) => sqlIdentifier(`t_${name}`);
  const cells = input.columns.map((name, i) => `nullif(parts[${i + 1}], '') AS ${cell(name)}`).join(', ');
  const parses = spec.values.map((v) => `${parseTextSql(v.type, cell(v.name))} AS ${parsed(v.name)}`);
  const key = parsed(spec.key.column);
  const typedValue = (name: string) => `t.${parsed(name)}`;
  const allValid = spec.values
    .map((v) => `coalesce(${isValidSql(spec, v.name, typedValue)}, false)`)
    .join(' AND ');
  const numbered = withLineNumbersSql('err_src', 'err_skips', skipped, 'r.rn, r.text');
  return [
    // Parsed values only: the cells' text is kept for bad rows alone (err_bad), so a big file
    // with a few bad rows does not hold every cell twice.
    `CREATE OR REPLACE TEMP TABLE err_typed AS
     SELECT c.line, c.rn, c.field_count, s.id AS subscriber_id, ${parses.join(', ')}
     FROM (SELECT line, rn, len(parts) AS field_count, ${cells}
           FROM (SELECT line, rn, ${splitSql('text')} AS parts
                 FROM (${numbered}) WHERE text IS NOT NULL)) AS c
     LEFT JOIN ${SUBSCRIBER_MAP_TABLE} AS s ON s.msisdn = c.${cell(MSISDN_COLUMN)}`,
    `CREATE OR REPLACE TEMP TABLE err_dups AS
     SELECT subscriber_id, ${key}, count(*) AS n, list_sort(list(line)) AS lines
     FROM err_typed SEMI JOIN (
       SELECT subscriber_id, ${key} FROM err_typed
       WHERE field_count = ${n} AND subscriber_id IS NOT NULL AND ${key} IS NOT NULL
       GROUP BY ALL HAVING count(*) > 1
     ) AS d USING (subscriber_id, ${key})
     WHERE field_count = ${n}
     GROUP BY ALL`,
    `CREATE OR REPLACE TEMP TABLE err_bad_rows AS
     SELECT t.*, d.n AS dup_n, d.lines AS dup_lines
     FROM err_typed AS t LEFT JOIN err_dups AS d ON d.subscriber_id = t.subscriber_id AND d.${key} = t.${key}
     WHERE t.field_count <> ${n} OR t.subscriber_id IS NULL OR d.n IS NOT NULL OR NOT (${allValid})`,
    // The text of bad lines only: fetched by row id (a semi join built on the few bad rows).
    `CREATE OR REPLACE TEMP TABLE err_bad AS
     SELECT b.*, CASE WHEN b.field_count <> ${n} THEN src.text END AS bad_text, ${cells}
     FROM err_bad_rows AS b
     JOIN (SELECT rn, text, ${splitSql('text')} AS parts
           FROM (SELECT rowid AS rn, text FROM err_src WHERE rowid IN (SELECT rn FROM err_bad_rows))) AS src
     USING (rn)`,
    `CREATE OR REPLACE TEMP TABLE err_found AS
     ${[
       unreadableLinesSql(),
       `SELECT line, 0 AS position, NULL AS column_name, bad_text AS value,
               'expected ${n} comma-separated fields, found ' || field_count AS reason
        FROM err_bad WHERE field_count <> ${n}`,
       ...input.columns.map((name, i) => cellErrorsSql(spec, name, i + 1, n)),
       duplicatesSql(spec, n + 1),
     ].join('\nUNION ALL\n')}`,
    'DROP TABLE err_src',
    'DROP TABLE err_bad_rows',
  ];
}

/** Lines the reader could not take at all (invalid UTF-8 above all). */
function unreadableLinesSql(): string {
  return `SELECT line, 0 AS position, NULL AS column_name, NULL AS value,
    CASE error_type
      WHEN 'INVALID ENCODING' THEN 'not valid UTF-8; save the file as UTF-8 CSV'
      WHEN 'LINE SIZE OVER MAXIMUM' THEN 'line too long'
      ELSE 'unreadable line (' || lower(error_type) || ')' END AS reason
  FROM (SELECT line, min(CAST(error_type AS VARCHAR)) AS error_type FROM err_rejects GROUP BY line)`;
}

function cellErrorsSql(spec: KindSpec, name: string, position: number, fieldCount: number): string {
  const reason = name === MSISDN_COLUMN ? msisdnReasonSql() : valueReasonSql(spec, name);
  const text = sqlIdentifier(`c_${name}`);
  return `SELECT line, ${position} AS position, ${sqlString(name)} AS column_name, ${text} AS value, reason
  FROM (SELECT line, ${text}, ${reason} AS reason FROM err_bad WHERE field_count = ${fieldCount})
  WHERE reason IS NOT NULL`;
}

function msisdnReasonSql(): string {
  const text = sqlIdentifier(`c_${MSISDN_COLUMN}`);
  return `CASE WHEN ${text} IS NULL THEN 'missing value'
    WHEN NOT regexp_full_match(${text}, '1[3-9][0-9]{9}') THEN 'not an 11-digit mobile number (1, then 3-9, then 9 digits)'
    WHEN subscriber_id IS NULL THEN 'no subscriber with this MSISDN; import subscribers first' END`;
}

function valueReasonSql(spec: KindSpec, name: string): string {
  const { type } = valueColumn(spec, name);
  const text = sqlIdentifier(`c_${name}`);
  const value = sqlIdentifier(`t_${name}`);
  const parsed = (column: string) => sqlIdentifier(`t_${column}`);
  const branches = [
    `WHEN ${text} IS NULL THEN 'missing value'`,
    `WHEN ${value} IS NULL THEN ${type.unparsed(text)}`,
  ];
  for (const check of type.checks) branches.push(`WHEN ${check.bad(value)} THEN ${sqlString(check.reason)}`);
  for (const rule of spec.notAbove) {
    if (rule.column !== name) continue;
    // Only when the limit is itself valid: a bad limit is reported on its own column.
    const limitValid = isValidSql(spec, rule.limit, parsed);
    const limitText = sqlIdentifier(`c_${rule.limit}`);
    branches.push(
      `WHEN ${limitValid} AND ${value} > ${parsed(rule.limit)} THEN 'more than ${rule.limit} (' || ${limitText} || ')'`,
    );
  }
  return `CASE ${branches.join(' ')} END`;
}

/** Every line of a group sharing (msisdn, key) is reported, naming the others. */
function duplicatesSql(spec: KindSpec, position: number): string {
  const keyText = sqlIdentifier(`c_${spec.key.column}`);
  const msisdn = sqlIdentifier(`c_${MSISDN_COLUMN}`);
  return `SELECT line, ${position} AS position, NULL AS column_name, ${msisdn} || ',' || ${keyText} AS value,
    'duplicate: the same msisdn and ${spec.key.column} are on lines '
      || array_to_string(list_slice(dup_lines, 1, ${DUPLICATE_LINES_SHOWN}), ', ')
      || CASE WHEN dup_n > ${DUPLICATE_LINES_SHOWN} THEN ' and ' || (dup_n - ${DUPLICATE_LINES_SHOWN}) || ' more' ELSE '' END
      AS reason
  FROM err_bad WHERE dup_n IS NOT NULL`;
}

/** Splits a line on commas; a field written as "…" (as spreadsheets do) loses its quotes. */
function splitSql(text: string): string {
  return `list_transform(string_split(${text}, ','), f -> CASE
    WHEN length(f) >= 2 AND starts_with(f, '"') AND ends_with(f, '"') THEN substr(f, 2, length(f) - 2) ELSE f END)`;
}

/** Every problem, in line order then column order. */
export async function* foundErrors(connection: DuckDBConnection): AsyncGenerator<RowError> {
  const sql = 'SELECT line, column_name, value, reason FROM err_found ORDER BY line, position';
  for await (const row of streamJson(connection, sql)) {
    const value = jsonText(row.value);
    yield {
      line: jsonNumber(row.line),
      column: jsonText(row.column_name) ?? null,
      ...(value !== undefined ? { value: truncateValue(value) } : {}),
      reason: jsonText(row.reason) ?? 'invalid',
    };
  }
}

/** The physical lines holding at least one problem, ascending. */
export async function* rejectedLines(connection: DuckDBConnection): AsyncGenerator<number> {
  for await (const row of streamJson(connection, 'SELECT DISTINCT line FROM err_found ORDER BY line')) {
    yield jsonNumber(row.line);
  }
}

/** SQL writing the rows without any problem as stored rows (unsorted, like the fast pass). */
export function goodRowsSql(spec: KindSpec, target: string): string {
  const value = (name: string) => sqlIdentifier(`t_${name}`);
  return `COPY (
  SELECT ${storedSelectList(spec, value, 'subscriber_id')}
  FROM err_typed WHERE rn NOT IN (SELECT rn FROM err_bad)
) TO ${sqlString(target)} (${PARQUET_OPTIONS})`;
}
