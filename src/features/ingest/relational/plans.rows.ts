import type { Brand } from '#src/db/schema/enums';
import { FieldReader, type RejectedRow } from './field-reader';
import { parseBoolean, parseCount, parseMoneyFen } from './field-rules';
import type { FileColumn, HeaderIndex } from './header-check';
import { parseBrand } from './vocabularies';

/** docs/data-formats.md § plans. */
export const PLAN_COLUMNS: readonly FileColumn[] = [
  { name: 'plan_code', required: true },
  { name: 'name', required: true },
  { name: 'brand', required: true },
  { name: 'monthly_fee_yuan', required: true },
  { name: 'included_minutes', required: true },
  { name: 'included_data_mb', required: true },
  { name: 'included_sms', required: true },
  { name: 'overage_voice_yuan_per_minute', required: true },
  { name: 'overage_data_yuan_per_mb', required: true },
  { name: 'overage_sms_yuan', required: true },
  { name: 'is_active', required: false },
];

export type PlanRow = {
  code: string;
  name: string;
  brand: Brand;
  monthlyFeeFen: number;
  includedMinutes: number;
  includedDataMb: number;
  includedSms: number;
  overageVoiceFenPerMinute: number;
  overageDataFenPerMb: number;
  overageSmsFen: number;
  isActive: boolean;
};

export function parsePlanRow(
  cells: readonly string[],
  header: HeaderIndex,
  line: number,
): PlanRow | RejectedRow {
  const r = new FieldReader(cells, header, line);
  return r.result({
    code: r.requiredText('plan_code'),
    name: r.requiredText('name'),
    brand: r.required('brand', parseBrand, 'gotone'),
    monthlyFeeFen: r.required('monthly_fee_yuan', parseMoneyFen, 0),
    includedMinutes: r.required('included_minutes', parseCount, 0),
    includedDataMb: r.required('included_data_mb', parseCount, 0),
    includedSms: r.required('included_sms', parseCount, 0),
    overageVoiceFenPerMinute: r.required('overage_voice_yuan_per_minute', parseMoneyFen, 0),
    overageDataFenPerMb: r.required('overage_data_yuan_per_mb', parseMoneyFen, 0),
    overageSmsFen: r.required('overage_sms_yuan', parseMoneyFen, 0),
    isActive: r.optional('is_active', parseBoolean, true),
  });
}
