import { DATASET_COLUMNS, type UsageDataset } from '#src/usage/datasets';
import { sqlIdentifier } from '#src/usage/duckdb';
import { passesChecks, type ValueSql, type ValueType } from './value-types';

export type ValueColumn = { name: string; type: ValueType; storedAs: string };

/** What a usage-kind file holds and how it maps onto its stored dataset. */
export type KindSpec = {
  kind: 'bills' | 'usage';
  dataset: UsageDataset;
  /** Every CSV column except msisdn (which becomes subscriber_id). */
  values: readonly ValueColumn[];
  /** With msisdn, identifies a row: one row per (msisdn, key) in a file. */
  key: { column: string; ordinal: ValueSql };
  /** `column` must not be more than `limit` (night data within all data, overage within the total). */
  notAbove: readonly { column: string; limit: string }[];
  /** Stored columns computed from a parsed value (usage.month from date). */
  derived: readonly { name: string; from: string; expr: ValueSql }[];
};

export const MSISDN_COLUMN = 'msisdn';

export function csvColumnNames(spec: KindSpec): string[] {
  return [MSISDN_COLUMN, ...spec.values.map((v) => v.name)];
}

export function valueColumn(spec: KindSpec, name: string): ValueColumn {
  const column = spec.values.find((v) => v.name === name);
  if (!column) throw new Error(`${spec.kind}: no column ${name}`);
  return column;
}

/** SQL true when the parsed value of `name` is valid, cross-column rules included. */
export function isValidSql(spec: KindSpec, name: string, value: (column: string) => string): string {
  const column = valueColumn(spec, name);
  const conditions = [passesChecks(column.type, value(name))];
  for (const rule of spec.notAbove) {
    if (rule.column !== name) continue;
    conditions.push(`${value(name)} <= ${value(rule.limit)}`);
  }
  return conditions.join(' AND ');
}

/**
 * The SELECT list producing the stored columns, in the dataset's order and types. Any invalid
 * value comes out NULL, so on the fast pass "no NULL anywhere" means "every value valid"
 * (all columns are required) and the check is a glance at the Parquet statistics.
 */
export function storedSelectList(
  spec: KindSpec,
  value: (column: string) => string,
  subscriberId: string,
): string {
  const items: string[] = [];
  for (const stored of DATASET_COLUMNS[spec.dataset]) {
    const name = sqlIdentifier(stored.name);
    if (stored.name === 'subscriber_id') {
      items.push(`CAST(${subscriberId} AS ${stored.type}) AS ${name}`);
      continue;
    }
    const source = spec.values.find((v) => v.storedAs === stored.name);
    if (source) {
      const valid = isValidSql(spec, source.name, value);
      const expr = source.type.store(value(source.name));
      items.push(`CAST(CASE WHEN ${valid} THEN ${expr} END AS ${stored.type}) AS ${name}`);
      continue;
    }
    const derived = spec.derived.find((d) => d.name === stored.name);
    if (!derived) throw new Error(`${spec.kind}: nothing produces stored column ${stored.name}`);
    items.push(`CAST(${derived.expr(value(derived.from))} AS ${stored.type}) AS ${name}`);
  }
  return items.join(',\n  ');
}
