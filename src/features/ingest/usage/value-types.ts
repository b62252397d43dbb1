import { sqlString } from '#src/usage/duckdb';

/** SQL built around another SQL expression (a cell's text or its parsed value). */
export type ValueSql = (value: string) => string;

export type ValueCheck = { bad: ValueSql; reason: string };

/**
 * How one kind of CSV value is parsed, checked and stored, written once for both passes: the
 * fast pass (read_csv parses `csvType`, invalid values become NULL) and the error pass (the text
 * of each cell is cast the same way, and each problem gets its reason).
 */
export type ValueType = {
  /** The type read_csv parses the column as. */
  csvType: string;
  /** The value as read → the parsed value, when read_csv alone cannot parse it (months). */
  fromCsv?: ValueSql;
  /** Why non-empty text did not parse: SQL giving the reason, over the text. */
  unparsed: ValueSql;
  /** Checks on the parsed value, in order; the first that holds names the problem. */
  checks: readonly ValueCheck[];
  /** A valid parsed value → the stored value. */
  store: ValueSql;
};

/** The parsed value of a column as read_csv typed it. */
export function fromCsvSql(type: ValueType, column: string): string {
  return type.fromCsv ? type.fromCsv(column) : column;
}

/** The parsed value of a cell's text, as the fast pass would have it; NULL where it does not parse. */
export function parseTextSql(type: ValueType, text: string): string {
  return fromCsvSql(type, `TRY_CAST(${text} AS ${type.csvType})`);
}

/**
 * True (as SQL) when a parsed value passes every check; NULL or false otherwise. Written as an
 * AND of negated checks, which DuckDB evaluates faster than NOT (a OR b) on 10M rows.
 */
export function passesChecks(type: ValueType, value: string): string {
  if (type.checks.length === 0) return `${value} IS NOT NULL`;
  return type.checks.map((check) => `NOT (${check.bad(value)})`).join(' AND ');
}

const NOT_A_NUMBER = 'not a number';

/**
 * Why text did not parse as DECIMAL(9,3): too big for it, negative and big, or not a number.
 * DECIMAL(9,3) (32-bit) parses markedly faster than a 64-bit decimal, and six integer digits hold
 * any daily or monthly count and any one subscriber's monthly bill.
 */
function decimalUnparsed(text: string, tooLarge: string, notANumber = NOT_A_NUMBER): string {
  const asDouble = `TRY_CAST(${text} AS DOUBLE)`;
  return `CASE WHEN isfinite(${asDouble}) AND ${asDouble} >= 999999.9995 THEN ${sqlString(tooLarge)}
    WHEN isfinite(${asDouble}) AND ${asDouble} < 0 THEN 'negative' ELSE ${sqlString(notANumber)} END`;
}

/**
 * Integer ≥ 0. Read as a decimal, not an integer: DuckDB's CSV reader rounds "1.5" to 2 when the
 * column is INTEGER (duckdb/duckdb#25824), which would hide a broken export. Three decimals are
 * kept, so "1.5" or "1.005" is seen; "1.0001" reads as 1.
 */
export const countType: ValueType = {
  csvType: 'DECIMAL(9,3)',
  unparsed: (text) => decimalUnparsed(text, 'too large (more than 999999)'),
  checks: [
    { bad: (v) => `${v} < 0`, reason: 'negative' },
    { bad: (v) => `${v} % 1 <> 0`, reason: 'not a whole number' },
  ],
  store: (v) => `CAST(${v} AS INTEGER)`,
};

/** Number ≥ 0 (data volumes). NaN and infinity parse as doubles, so they are refused here. */
export const amountType: ValueType = {
  csvType: 'DOUBLE',
  unparsed: () => sqlString(NOT_A_NUMBER),
  checks: [
    { bad: (v) => `NOT isfinite(${v})`, reason: 'not a finite number' },
    { bad: (v) => `${v} < 0`, reason: 'negative' },
  ],
  store: (v) => v,
};

/**
 * Yuan with at most two decimals, up to 999,999.99 → integer fen. Parsed with three decimals
 * so a third decimal ("58.505") is seen rather than rounded away.
 */
export const moneyType: ValueType = {
  csvType: 'DECIMAL(9,3)',
  unparsed: (text) =>
    decimalUnparsed(text, 'too large (more than 999999.99 yuan)', 'not an amount in yuan (e.g. 58.50)'),
  checks: [
    { bad: (v) => `${v} < 0`, reason: 'negative' },
    { bad: (v) => `(${v} * 100) % 1 <> 0`, reason: 'more than two decimals' },
  ],
  store: (v) => `CAST(${v} * 100 AS BIGINT)`,
};

/**
 * YYYY-MM-DD, 2000-01-01 … today. DuckDB's own date parsing (no dateformat: a format string makes
 * the scan markedly slower) also takes 2026-9-1 and reads a date-time as its date.
 */
export function dateType(today: string): ValueType {
  return {
    csvType: 'DATE',
    unparsed: (text) =>
      `CASE WHEN regexp_full_match(${text}, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}') ` +
      `THEN 'not a real calendar date' ELSE 'not a date in YYYY-MM-DD form' END`,
    checks: [
      { bad: (v) => `${v} < DATE '2000-01-01'`, reason: 'before 2000-01-01' },
      { bad: (v) => `${v} > DATE ${sqlString(today)}`, reason: `after today (${today})` },
    ],
    store: (v) => v,
  };
}

/** YYYY-MM, 2000-01 … the current month; read as text, stored as the month's first day. */
export function monthType(today: string): ValueType {
  const currentMonth = today.slice(0, 7);
  return {
    csvType: 'VARCHAR',
    fromCsv: (v) => `TRY_CAST(${v} || '-01' AS DATE)`,
    unparsed: (text) =>
      `CASE WHEN regexp_full_match(${text}, '[0-9]{4}-[0-9]{1,2}') ` +
      `THEN 'not a real month (01-12)' ELSE 'not a month in YYYY-MM form' END`,
    checks: [
      { bad: (v) => `${v} < DATE '2000-01-01'`, reason: 'before 2000-01' },
      {
        bad: (v) => `${v} > DATE ${sqlString(`${currentMonth}-01`)}`,
        reason: `after the current month (${currentMonth})`,
      },
    ],
    store: (v) => v,
  };
}
