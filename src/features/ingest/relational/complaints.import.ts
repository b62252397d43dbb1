import type { ImportOptions, ImportReport } from '../import-report';
import { COMPLAINT_COLUMNS, type ComplaintRow, parseComplaintRow } from './complaints.rows';
import type { RelationalContext, RelationalImportDefinition } from './import-definition';
import { runRelationalImport } from './relational-import';
import {
  checkDuplicateKeys,
  checkKnownMsisdns,
  type StagingCsv,
  type StagingTable,
  updateChangedClause,
} from './staging';

const STAGING: StagingTable = {
  name: 'staging_complaints',
  columns: [
    { name: 'line', type: 'integer' },
    { name: 'msisdn', type: 'text' },
    { name: 'complaint_no', type: 'text' },
    { name: 'opened_at', type: 'timestamptz' },
    { name: 'category', type: 'text' },
    { name: 'status', type: 'text' },
    { name: 'sla_due_at', type: 'timestamptz' },
    { name: 'resolved_at', type: 'timestamptz' },
    { name: 'description', type: 'text' },
  ],
};

const UPDATABLE: readonly { file: string; table: string }[] = [
  { file: 'opened_at', table: 'opened_at' },
  { file: 'category', table: 'category' },
  { file: 'status', table: 'status' },
  { file: 'sla_due_at', table: 'sla_due_at' },
  { file: 'resolved_at', table: 'resolved_at' },
  { file: 'description', table: 'description' },
];

function instant(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function writeComplaintStaging(out: StagingCsv, line: number, c: ComplaintRow): void {
  out.plain(line);
  out.plain(c.msisdn);
  out.text(c.complaintNo);
  out.plain(instant(c.openedAt));
  out.text(c.category);
  out.plain(c.status);
  out.plain(instant(c.slaDueAt));
  out.plain(instant(c.resolvedAt));
  out.nullableText(c.description);
  out.endRow();
}

/** Upsert on (subscriber, complaint_no); the MSISDN check has already refused unknown subscribers. */
export function upsertComplaintsSql(present: ReadonlySet<string>): string {
  const updatable = UPDATABLE.filter((c) => present.has(c.file)).map((c) => c.table);
  return `INSERT INTO complaints AS t (subscriber_id, complaint_no, opened_at, category, status, sla_due_at, resolved_at, description)
    SELECT s.id, st.complaint_no, st.opened_at, st.category, st.status, st.sla_due_at, st.resolved_at, st.description
    FROM ${STAGING.name} st JOIN subscribers s ON s.msisdn = st.msisdn
    ON CONFLICT (subscriber_id, complaint_no) DO ${updateChangedClause('t', updatable)}`;
}

const COMPLAINTS: RelationalImportDefinition<ComplaintRow> = {
  kind: 'complaints',
  columns: COMPLAINT_COLUMNS,
  staging: STAGING,
  rowParser: async (_session, header, rules) => (cells, line) =>
    parseComplaintRow(cells, header, line, rules),
  writeStaging: writeComplaintStaging,
  checkStaged: async (session) => {
    await checkDuplicateKeys(session, STAGING.name, ['msisdn', 'complaint_no'], 'msisdn + complaint_no');
    await checkKnownMsisdns(session, STAGING.name);
  },
  apply: async (session, present) => {
    await session.query(upsertComplaintsSql(present));
  },
};

/** Loads a complaints CSV (docs/data-formats.md § complaints): upsert on (msisdn, complaint_no), all or nothing. */
export function importComplaints(
  ctx: RelationalContext,
  filePath: string,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runRelationalImport(COMPLAINTS, ctx, filePath, options);
}
