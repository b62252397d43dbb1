import type { ImportOptions, ImportReport } from '../import-report';
import type { RelationalContext, RelationalImportDefinition } from './import-definition';
import { PLAN_COLUMNS, type PlanRow, parsePlanRow } from './plans.rows';
import { runRelationalImport } from './relational-import';
import { checkDuplicateKeys, type StagingCsv, type StagingTable, updateChangedClause } from './staging';

const STAGING: StagingTable = {
  name: 'staging_plans',
  columns: [
    { name: 'line', type: 'integer' },
    { name: 'code', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'brand', type: 'text' },
    { name: 'monthly_fee_fen', type: 'integer' },
    { name: 'included_minutes', type: 'integer' },
    { name: 'included_data_mb', type: 'integer' },
    { name: 'included_sms', type: 'integer' },
    { name: 'overage_voice_fen_per_minute', type: 'integer' },
    { name: 'overage_data_fen_per_mb', type: 'integer' },
    { name: 'overage_sms_fen', type: 'integer' },
    { name: 'is_active', type: 'boolean' },
  ],
};

/** File column → plans column, for everything an import may update (all but the key). */
const UPDATABLE: readonly { file: string; table: string }[] = [
  { file: 'name', table: 'name' },
  { file: 'brand', table: 'brand' },
  { file: 'monthly_fee_yuan', table: 'monthly_fee_fen' },
  { file: 'included_minutes', table: 'included_minutes' },
  { file: 'included_data_mb', table: 'included_data_mb' },
  { file: 'included_sms', table: 'included_sms' },
  { file: 'overage_voice_yuan_per_minute', table: 'overage_voice_fen_per_minute' },
  { file: 'overage_data_yuan_per_mb', table: 'overage_data_fen_per_mb' },
  { file: 'overage_sms_yuan', table: 'overage_sms_fen' },
  { file: 'is_active', table: 'is_active' },
];

export function writePlanStaging(out: StagingCsv, line: number, p: PlanRow): void {
  out.plain(line);
  out.text(p.code);
  out.text(p.name);
  out.plain(p.brand);
  out.plain(p.monthlyFeeFen);
  out.plain(p.includedMinutes);
  out.plain(p.includedDataMb);
  out.plain(p.includedSms);
  out.plain(p.overageVoiceFenPerMinute);
  out.plain(p.overageDataFenPerMb);
  out.plain(p.overageSmsFen);
  out.boolean(p.isActive);
  out.endRow();
}

/** Upsert on plans.code; a column left out of the file keeps its stored value. */
export function upsertPlansSql(present: ReadonlySet<string>): string {
  const updatable = UPDATABLE.filter((c) => present.has(c.file)).map((c) => c.table);
  const columns = STAGING.columns.filter((c) => c.name !== 'line').map((c) => c.name);
  return `INSERT INTO plans AS t (${columns.join(', ')})
    SELECT ${columns.join(', ')} FROM ${STAGING.name}
    ON CONFLICT (code) DO ${updateChangedClause('t', updatable)}`;
}

const PLANS: RelationalImportDefinition<PlanRow> = {
  kind: 'plans',
  columns: PLAN_COLUMNS,
  staging: STAGING,
  rowParser: async (_session, header) => (cells, line) => parsePlanRow(cells, header, line),
  writeStaging: writePlanStaging,
  checkStaged: (session) => checkDuplicateKeys(session, STAGING.name, ['code'], 'plan_code'),
  apply: async (session, present) => {
    await session.query(upsertPlansSql(present));
  },
};

/** Loads a plans CSV (docs/data-formats.md § plans): upsert on plan_code, all or nothing. */
export function importPlans(
  ctx: RelationalContext,
  filePath: string,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runRelationalImport(PLANS, ctx, filePath, options);
}
