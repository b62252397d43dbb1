import { parse } from 'csv-parse/sync';
import { type RowError, truncateValue } from '../import-report';

/** A column of an import file as docs/data-formats.md lists it. */
export type FileColumn = { readonly name: string; readonly required: boolean };

/** Column name (lower case) → position of that column in each record. Absent columns are not in it. */
export type HeaderIndex = ReadonlyMap<string, number>;

const FOREIGN_DELIMITERS = [
  { char: ';', name: 'semicolons (;)' },
  { char: '\t', name: 'tabs' },
  { char: '|', name: 'vertical bars (|)' },
] as const;

/**
 * A header with no comma but some other separator means the file was saved with the wrong
 * delimiter (Excel in many locales writes semicolons); returns that delimiter's description.
 */
export function detectForeignDelimiter(headerLine: string): string | undefined {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  if ((counts.get(',') ?? 0) > 0) return undefined;
  let best: { name: string; count: number } | undefined;
  for (const delimiter of FOREIGN_DELIMITERS) {
    const count = counts.get(delimiter.char) ?? 0;
    if (count > 0 && count > (best?.count ?? 0)) best = { name: delimiter.name, count };
  }
  return best?.name;
}

/** The header line's cells as csv-parse reads them (quoted names allowed). */
export function parseHeaderCells(headerLine: string): string[] {
  const [cells] = parse(headerLine, { relax_quotes: true, relax_column_count: true });
  return cells ?? [];
}

export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Matches header cells to the kind's columns: names in any order, any case, surrounding spaces
 * ignored. Refuses missing required columns, unknown columns (a typo would silently drop data)
 * and columns named twice.
 */
export function checkHeader(
  cells: readonly string[],
  columns: readonly FileColumn[],
): HeaderIndex | RowError[] {
  const known = new Set(columns.map((c) => c.name));
  const index = new Map<string, number>();
  const errors: RowError[] = [];
  cells.forEach((cell, position) => {
    const name = normalizeColumnName(cell);
    if (name === '') {
      errors.push({ line: 1, column: null, reason: `column ${position + 1} of the header has no name` });
    } else if (!known.has(name)) {
      errors.push({
        line: 1,
        column: truncateValue(cell),
        reason: `unknown column; the columns are ${columns.map((c) => c.name).join(', ')}`,
      });
    } else if (index.has(name)) {
      errors.push({ line: 1, column: name, reason: 'column appears twice in the header' });
    } else {
      index.set(name, position);
    }
  });
  for (const column of columns) {
    if (column.required && !index.has(column.name)) {
      errors.push({ line: 1, column: column.name, reason: 'required column is missing from the header' });
    }
  }
  return errors.length > 0 ? errors : index;
}
