import type { DuckDBConnection } from '@duckdb/node-api';
import { jsonNumber, jsonText, queryJson, sqlIdentifier, sqlString, streamJson } from '#src/usage/duckdb';
import { type RowError, truncateValue } from '../import-report';
import { isValidSql, type KindSpec, MSISDN_COLUMN, storedSelectList, valueColumn } from './kind-spec';
import { skippedLinesSql, withLineNumbersSql } from './line-numbers';
import { newLineOption } from './newline';
import { PARQUET_OPTIONS } from './parquet';
import { SUBSCRIBER_MAP_TABLE } from './subscriber-map';

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
 * err_checked (parsed rows) and err_found (one row per problem) on the connection.
 */
export async function runErrorPass(
  connection: DuckDBConnection,
  spec: KindSpec,
  input: ErrorPassInput,
): Promise<ErrorPassSummary> {
  for (const sql of errorPassSql(spec, input)) await connection.run(sql);
  const [summary] = await queryJson(
    connection,
    `SELECT (SELECT count(*) FROM err_cells) + (SELECT count(DISTINCT line) FROM err_rejects) AS rows_read,
            (SELECT count(DISTINCT line) FROM err_found) AS rows_rejected,
            (SELECT count(*) FROM err_found) AS error_count`,
  );
  return {
    rowsRead: jsonNumber(summary?.rows_read),
    rowsRejected: jsonNumber(summary?.rows_rejected),
    errorCount: jsonNumber(summary?.error_count),
  };
}

export function errorPassSql(spec: KindSpec, input: ErrorPassInput): string[] {
  const n = input.columns.length;
  const cell = (name: string) => sqlIdentifier(`c_${name}`);
  const parsed = (name: string) => sqlIdentifier(`t_${name}`);
  const cells = input.columns.map(
    (name, i) => `nullif(${unquoteSql(`parts[${i + 1}]`)}, '') AS ${cell(name)}`,
  );
  const parses = spec.values.map((v) => `${v.type.parse(cell(v.name))} AS ${parsed(v.name)}`);
  return [
    `CREATE OR REPLACE TEMP TABLE err_src AS
     SELECT line AS text FROM read_csv(${sqlString(input.filePath)},
       header = true, auto_detect = false, delim = chr(0), quote = '', escape = '',
       new_line = ${newLineOption(input.newline)}, strict_mode = false, columns = {'line': 'VARCHAR'},
       store_rejects = true, rejects_table = 'err_rejects', rejects_scan = 'err_scans')`,
    skippedLinesSql('err_skips', 'err_rejects'),
    `CREATE OR REPLACE TEMP TABLE err_cells AS
     SELECT line, text, len(parts) AS field_count, ${cells.join(', ')}
     FROM (SELECT line, text, string_split(text, ',') AS parts
           FROM (${withLineNumbersSql('err_src', 'err_skips', 'r.text')}) WHERE text IS NOT NULL)`,
    `CREATE OR REPLACE TEMP TABLE err_checked AS
     SELECT c.*, s.id AS subscriber_id, ${parses.join(', ')}
     FROM err_cells AS c LEFT JOIN ${SUBSCRIBER_MAP_TABLE} AS s ON s.msisdn = c.${cell(MSISDN_COLUMN)}
     WHERE c.field_count = ${n}`,
    `CREATE OR REPLACE TEMP TABLE err_found AS
     ${[
       unreadableLinesSql(),
       `SELECT line, 0 AS position, NULL AS column_name, text AS value,
               'expected ${n} comma-separated fields, found ' || field_count AS reason
        FROM err_cells WHERE field_count <> ${n}`,
       ...input.columns.map((name, i) => cellErrorsSql(spec, name, i + 1)),
       duplicatesSql(spec, n + 1),
     ].join('\nUNION ALL\n')}`,
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

function cellErrorsSql(spec: KindSpec, name: string, position: number): string {
  const reason = name === MSISDN_COLUMN ? msisdnReasonSql() : valueReasonSql(spec, name);
  const text = sqlIdentifier(`c_${name}`);
  return `SELECT line, ${position} AS position, ${sqlString(name)} AS column_name, ${text} AS value, reason
  FROM (SELECT line, ${text}, ${reason} AS reason FROM err_checked) WHERE reason IS NOT NULL`;
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
  const keyValue = sqlIdentifier(`t_${spec.key.column}`);
  const msisdn = sqlIdentifier(`c_${MSISDN_COLUMN}`);
  return `SELECT line, ${position} AS position, NULL AS column_name, ${msisdn} || ',' || ${keyText} AS value,
    'duplicate: the same msisdn and ${spec.key.column} are on lines '
      || array_to_string(list_slice(lines, 1, ${DUPLICATE_LINES_SHOWN}), ', ')
      || CASE WHEN n > ${DUPLICATE_LINES_SHOWN} THEN ' and ' || (n - ${DUPLICATE_LINES_SHOWN}) || ' more' ELSE '' END AS reason
  FROM (
    SELECT line, ${msisdn}, ${keyText}, count(*) OVER w AS n, list_sort(list(line) OVER w) AS lines
    FROM err_checked WHERE subscriber_id IS NOT NULL AND ${keyValue} IS NOT NULL
    WINDOW w AS (PARTITION BY subscriber_id, ${keyValue})
  ) WHERE n > 1`;
}

/** A field written as "…" (as spreadsheets often do) is read without its quotes. */
function unquoteSql(field: string): string {
  return `CASE WHEN length(${field}) >= 2 AND starts_with(${field}, '"') AND ends_with(${field}, '"')
    THEN substr(${field}, 2, length(${field}) - 2) ELSE ${field} END`;
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

/** SQL writing the rows without any problem, in file order, as stored rows. */
export function goodRowsSql(spec: KindSpec, target: string): string {
  const value = (name: string) => sqlIdentifier(`t_${name}`);
  return `COPY (
  SELECT ${storedSelectList(spec, value, 'subscriber_id')}
  FROM err_checked WHERE line NOT IN (SELECT line FROM err_found) ORDER BY line
) TO ${sqlString(target)} (${PARQUET_OPTIONS})`;
}
