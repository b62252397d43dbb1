// CSV → typed table + 0/1 label vector. Detects numeric and categorical columns, treats blanks and
// NA-like tokens as missing, reads numeric-looking text (IBM's TotalCharges) as numbers with gaps,
// and drops identifier columns, reporting why.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type Column, parseNumber, type Table } from './table';

const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);
const ID_NAME = /^(id|.*[ _-]id|customer ?id|phone( number)?|msisdn|imsi|imei|account ?(number|no))$/i;
const CAMEL_ID_NAME = /[a-z](ID|Id)$/;
const POSITIVE_WORDS = ['yes', 'true', '1', 'y', 't', 'churn', 'churned', 'positive'];
const NEGATIVE_WORDS = ['no', 'false', '0', 'n', 'f', 'stay', 'stayed', 'negative'];

export type DroppedColumn = { name: string; reason: string };

export type CsvTableOptions = {
  label: string;
  /** The label value that means "churned"; detected for yes/no, true/false, 1/0 when absent. */
  positive?: string;
  /** Columns to leave out (besides the ones detected as identifiers). */
  drop?: string[];
  /**
   * Drop identifier-like and constant columns (default true). Turn it off when reading a file to
   * score or evaluate, whose columns must match the training file's whatever they hold.
   */
  autoDrop?: boolean;
};

export type CsvTable = {
  table: Table;
  labels: Uint8Array;
  positive: string;
  dropped: DroppedColumn[];
};

function isMissing(text: string): boolean {
  return MISSING_TOKENS.has(text.trim().toLowerCase());
}

export function readCsvTable(path: string, options: CsvTableOptions): CsvTable {
  return parseCsvTable(readFileSync(path, 'utf8'), options);
}

export function parseCsvTable(text: string, options: CsvTableOptions): CsvTable {
  // With `info: true` csv-parse returns { record, info } objects, which its types do not describe.
  const parsed: unknown[] = parse(text, { bom: true, info: true, skip_empty_lines: true });
  const records = parsed.map(toRecord);
  const header = records[0]?.record;
  if (!header) throw new Error('the CSV file is empty');
  const body = records.slice(1);
  const names = header.map((h) => h.trim());
  const labelIndex = names.indexOf(options.label);
  if (labelIndex < 0)
    throw new Error(`no label column '${options.label}'; the columns are: ${names.join(', ')}`);
  const { labels, positive } = readLabels(body, labelIndex, options);

  const requestedDrops = new Set(options.drop ?? []);
  // A scoring file may lack a column the training file had and dropped; only training insists.
  for (const name of requestedDrops)
    if (!names.includes(name) && options.autoDrop !== false)
      throw new Error(`--drop names a column that does not exist: '${name}'`);
  const dropped: DroppedColumn[] = [];
  const columns: Column[] = [];
  names.forEach((name, index) => {
    if (index === labelIndex) return;
    if (requestedDrops.has(name)) {
      dropped.push({ name, reason: 'dropped on request' });
      return;
    }
    const cells = body.map((row) => row.record[index] ?? '');
    const column = detectColumn(name, cells);
    if (options.autoDrop === false) {
      columns.push(column);
      return;
    }
    const idReason = identifierReason(column, cells);
    if (idReason) {
      dropped.push({ name, reason: idReason });
      return;
    }
    if (isConstant(column)) {
      dropped.push({ name, reason: 'the same value in every row' });
      return;
    }
    columns.push(column);
  });
  return { table: { columns, rows: body.length }, labels, positive, dropped };
}

type CsvRecord = { record: string[]; info: { lines: number } };

function toRecord(value: unknown, index: number): CsvRecord {
  if (typeof value === 'object' && value !== null && 'record' in value && Array.isArray(value.record)) {
    const info = 'info' in value ? value.info : null;
    const lines = typeof info === 'object' && info !== null && 'lines' in info ? info.lines : null;
    return {
      record: value.record.map(String),
      info: { lines: typeof lines === 'number' ? lines : index + 1 },
    };
  }
  throw new Error('unexpected CSV parser output');
}

function readLabels(
  body: CsvRecord[],
  labelIndex: number,
  options: CsvTableOptions,
): { labels: Uint8Array; positive: string } {
  const raw = body.map((row) => (row.record[labelIndex] ?? '').trim());
  const counts = new Map<string, number>();
  for (const v of raw) if (!isMissing(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  // Most frequent first, so a stray third value is reported by line rather than spoiling detection.
  const distinct = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
  const positive = options.positive ?? detectPositive(distinct, options.label);
  if (options.positive !== undefined && !distinct.includes(options.positive))
    throw new Error(
      `--positive '${options.positive}' never occurs in column '${options.label}' (values: ${distinct.slice(0, 10).join(', ')})`,
    );
  const negative = distinct.slice(0, 2).find((v) => v !== positive);
  const labels = new Uint8Array(raw.length);
  raw.forEach((value, i) => {
    const line = body[i]?.info.lines ?? i + 2;
    if (isMissing(value)) throw new Error(`line ${line}, column '${options.label}': the label is missing`);
    if (value === positive) labels[i] = 1;
    else if (value !== negative && options.positive === undefined)
      throw new Error(`line ${line}, column '${options.label}': unexpected label '${value}'`);
  });
  return { labels, positive };
}

function detectPositive(distinct: string[], label: string): string {
  if (distinct.length < 2)
    throw new Error(
      `label column '${label}' must hold two values, found ${distinct.length}: ${distinct.join(', ')}`,
    );
  const [a = '', b = ''] = distinct;
  const isPositive = (v: string) => POSITIVE_WORDS.includes(v.toLowerCase());
  const isNegative = (v: string) => NEGATIVE_WORDS.includes(v.toLowerCase());
  if (isPositive(a) && isNegative(b)) return a;
  if (isPositive(b) && isNegative(a)) return b;
  throw new Error(
    `cannot tell which value of '${label}' means churn (values: ${distinct.slice(0, 10).join(', ')}); pass --positive`,
  );
}

/** Numeric when every present cell parses as a number; otherwise categorical. */
function detectColumn(name: string, cells: string[]): Column {
  const values = new Float64Array(cells.length);
  let numeric = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    if (isMissing(cell)) {
      values[i] = Number.NaN;
      continue;
    }
    const value = parseNumber(cell);
    if (Number.isNaN(value)) {
      numeric = false;
      break;
    }
    values[i] = value;
  }
  if (numeric) return { name, kind: 'numeric', values };
  return { name, kind: 'categorical', values: cells.map((cell) => (isMissing(cell) ? null : cell.trim())) };
}

function identifierReason(column: Column, cells: string[]): string | undefined {
  if (ID_NAME.test(column.name) || CAMEL_ID_NAME.test(column.name)) return 'identifier (by name)';
  if (column.kind === 'categorical' && cells.length >= 20) {
    const distinct = new Set(column.values);
    if (distinct.size === cells.length) return 'identifier (a different value in every row)';
  }
  return undefined;
}

function isConstant(column: Column): boolean {
  const first = column.values[0];
  if (column.kind === 'numeric')
    return column.values.every((v) => Object.is(v, first) || (Number.isNaN(v) && Number.isNaN(first ?? 0)));
  return column.values.every((v) => v === first);
}
