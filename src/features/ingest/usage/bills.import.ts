import type { ImportOptions, ImportReport, IngestContext } from '../import-report';
import type { KindSpec, ValueColumn } from './kind-spec';
import { runUsageImport } from './run-usage-import';
import { amountType, countType, moneyType, monthType } from './value-types';

/** Monthly bills: one row per (msisdn, month); each month in the file replaces that month. */
export function billsSpec(today: string): KindSpec {
  const money = (name: string): ValueColumn => ({
    name: `${name}_yuan`,
    type: moneyType,
    storedAs: `${name}_fen`,
  });
  return {
    kind: 'bills',
    dataset: 'bills',
    values: [
      { name: 'month', type: monthType(today), storedAs: 'month' },
      money('total'),
      money('voice'),
      money('data'),
      money('sms'),
      money('value_added'),
      money('overage'),
      { name: 'minutes', type: countType, storedAs: 'minutes' },
      { name: 'data_mb', type: amountType, storedAs: 'data_mb' },
      { name: 'sms_count', type: countType, storedAs: 'sms_count' },
    ],
    key: { column: 'month', ordinal: (v) => `(year(${v}) * 12 + month(${v}))` },
    notAbove: [{ column: 'overage_yuan', limit: 'total_yuan' }],
    derived: [],
  };
}

export async function importBills(
  ctx: IngestContext,
  filePath: string,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runUsageImport(billsSpec, ctx, filePath, options);
}
