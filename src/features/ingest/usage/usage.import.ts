import type { ImportOptions, ImportReport, IngestContext } from '../import-report';
import type { KindSpec, ValueColumn } from './kind-spec';
import { runUsageImport } from './run-usage-import';
import { amountType, countType, dateType } from './value-types';

/** Daily usage: one row per (msisdn, date); each month in the file replaces that month. */
export function usageSpec(today: string): KindSpec {
  const count = (name: string): ValueColumn => ({ name, type: countType, storedAs: name });
  return {
    kind: 'usage',
    dataset: 'usage',
    values: [
      { name: 'date', type: dateType(today), storedAs: 'date' },
      count('calls_out'),
      count('calls_in'),
      count('minutes'),
      count('distinct_contacts'),
      { name: 'data_mb', type: amountType, storedAs: 'data_mb' },
      { name: 'night_data_mb', type: amountType, storedAs: 'night_data_mb' },
      count('competitor_hotline_calls'),
      count('competitor_marketing_contacts'),
    ],
    key: { column: 'date', ordinal: (v) => `(${v} - DATE '2000-01-01')` },
    notAbove: [{ column: 'night_data_mb', limit: 'data_mb' }],
    derived: [{ name: 'month', from: 'date', expr: (v) => `date_trunc('month', ${v})` }],
  };
}

export async function importUsage(
  ctx: IngestContext,
  filePath: string,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runUsageImport(usageSpec, ctx, filePath, options);
}
