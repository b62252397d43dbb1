// Column-typed tables the churn model trains on and scores: numbers in Float64Array (NaN = missing),
// categories as strings (null = missing). Columns are matched by name, never by position.
export type NumericColumn = { name: string; kind: 'numeric'; values: Float64Array };
export type CategoricalColumn = { name: string; kind: 'categorical'; values: (string | null)[] };
export type Column = NumericColumn | CategoricalColumn;
export type Table = { columns: Column[]; rows: number };

export type FeatureSpec = { name: string; kind: Column['kind'] };

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((column) => column.name === name);
}

/** The rows at `indices`, in that order, as a new table. */
export function selectRows(table: Table, indices: ArrayLike<number>): Table {
  const columns = table.columns.map((column): Column => {
    if (column.kind === 'numeric') {
      const values = new Float64Array(indices.length);
      for (let i = 0; i < indices.length; i++) values[i] = column.values[indices[i] ?? 0] ?? Number.NaN;
      return { name: column.name, kind: 'numeric', values };
    }
    const values: (string | null)[] = new Array(indices.length);
    for (let i = 0; i < indices.length; i++) values[i] = column.values[indices[i] ?? 0] ?? null;
    return { name: column.name, kind: 'categorical', values };
  });
  return { columns, rows: indices.length };
}

export function parseNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

/**
 * The table's columns in the order and kinds of `features`. A column of the other kind is converted
 * (text that is not a number becomes missing; numbers become their text), so a scoring file whose
 * column happens to hold one odd value still scores. A missing column is an error naming it.
 */
export function alignColumns(table: Table, features: FeatureSpec[]): Column[] {
  const missing = features.filter((feature) => !findColumn(table, feature.name)).map((f) => f.name);
  if (missing.length > 0)
    throw new Error(`the table has no column ${missing.map((m) => `'${m}'`).join(', ')}`);
  return features.map((feature): Column => {
    const column = findColumn(table, feature.name);
    if (!column) throw new Error(`the table has no column '${feature.name}'`);
    if (column.kind === feature.kind) return column;
    if (column.kind === 'categorical') {
      const values = new Float64Array(column.values.length);
      for (let i = 0; i < values.length; i++) values[i] = parseNumber(column.values[i] ?? '');
      return { name: column.name, kind: 'numeric', values };
    }
    const values = Array.from(column.values, (v) => (Number.isNaN(v) ? null : String(v)));
    return { name: column.name, kind: 'categorical', values };
  });
}
