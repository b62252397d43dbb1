import type { Session } from '#src/db/transaction';
import type { ImportOptions, ImportReport } from '../import-report';
import type { RelationalContext, RelationalImportDefinition } from './import-definition';
import { runRelationalImport } from './relational-import';
import {
  checkDuplicateKeys,
  STAGED_ERRORS_TABLE,
  type StagingCsv,
  type StagingTable,
  updateChangedClause,
} from './staging';
import {
  parseSubscriberRow,
  SUBSCRIBER_COLUMNS,
  type SubscriberRow,
  subscriberRules,
} from './subscribers.rows';

const STAGING: StagingTable = {
  name: 'staging_subscribers',
  columns: [
    { name: 'line', type: 'integer' },
    { name: 'msisdn', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'gender', type: 'text' },
    { name: 'birth_date', type: 'date' },
    { name: 'id_number', type: 'text' },
    { name: 'province', type: 'text' },
    { name: 'city', type: 'text' },
    { name: 'district', type: 'text' },
    { name: 'join_date', type: 'date' },
    { name: 'brand', type: 'text' },
    { name: 'plan_id', type: 'integer' },
    { name: 'status', type: 'text' },
    { name: 'status_since', type: 'date' },
    { name: 'is_group_customer', type: 'boolean' },
    { name: 'vip_level', type: 'text' },
    { name: 'contract_end', type: 'date' },
    { name: 'handset_model', type: 'text' },
    { name: 'marketing_consent', type: 'boolean' },
    { name: 'do_not_call', type: 'boolean' },
    { name: 'profiling_opt_out', type: 'boolean' },
    { name: 'scene_tags', type: 'text[]' },
  ],
};

/** Subscribers whose stored row changed in this import; their status periods are settled from it. */
const UPDATED_TABLE = 'staging_subscriber_updates';

/** File column → subscribers column, for everything an import may update (all but the key). */
const UPDATABLE: readonly { file: string; table: string }[] = [
  ...SUBSCRIBER_COLUMNS.filter((c) => c.name !== 'msisdn' && c.name !== 'plan_code').map((c) => ({
    file: c.name,
    table: c.name,
  })),
  { file: 'plan_code', table: 'plan_id' },
];

export function writeSubscriberStaging(out: StagingCsv, line: number, s: SubscriberRow): void {
  out.plain(line);
  out.plain(s.msisdn);
  out.text(s.name);
  out.plain(s.gender);
  out.plain(s.birthDate);
  out.plain(s.idNumber);
  out.text(s.province);
  out.text(s.city);
  out.nullableText(s.district);
  out.plain(s.joinDate);
  out.plain(s.brand);
  out.plain(s.planId);
  out.plain(s.status);
  out.plain(s.statusSince);
  out.boolean(s.isGroupCustomer);
  out.plain(s.vipLevel);
  out.plain(s.contractEnd);
  out.nullableText(s.handsetModel);
  out.boolean(s.marketingConsent);
  out.boolean(s.doNotCall);
  out.boolean(s.profilingOptOut);
  if (s.sceneTags.length === 0) out.plain('{}');
  else out.text(`{${s.sceneTags.join(',')}}`);
  out.endRow();
}

/**
 * A status change is a new period that starts at status_since; it cannot start before the
 * period it ends (that would leave a period ending before it began).
 */
const CHECK_STATUS_SINCE_SQL = `
  INSERT INTO ${STAGED_ERRORS_TABLE} (line, column_name, value, reason)
  SELECT st.line, 'status_since', st.status_since::text,
         'the status changes to ' || st.status || ' from ' || h.status || ', which began on '
           || h.valid_from::text || '; the new status cannot start before that'
  FROM ${STAGING.name} st
  JOIN subscribers s ON s.msisdn = st.msisdn
  JOIN subscriber_status_history h ON h.subscriber_id = s.id AND h.valid_to IS NULL
  WHERE h.status <> st.status AND st.status_since < h.valid_from`;

/**
 * Upsert on msisdn and, in the same statement, the status history of new subscribers: active
 * from join_date, then the file's status from status_since when it is not active. Rows that
 * changed are noted for settleStatusChanges. `xmax = 0` tells an inserted row from an updated one.
 */
export function upsertSubscribersSql(present: ReadonlySet<string>): string {
  const updatable = UPDATABLE.filter((c) => present.has(c.file)).map((c) => c.table);
  const columns = STAGING.columns.filter((c) => c.name !== 'line').map((c) => c.name);
  return `
    WITH upserted AS (
      INSERT INTO subscribers AS t (${columns.join(', ')})
      SELECT ${columns.join(', ')} FROM ${STAGING.name}
      ON CONFLICT (msisdn) DO ${updateChangedClause('t', updatable)}
      RETURNING t.id, t.join_date, t.status, t.status_since, (t.xmax = 0) AS inserted
    ), updated AS (
      INSERT INTO ${UPDATED_TABLE} (subscriber_id, status, status_since)
      SELECT id, status, status_since FROM upserted WHERE NOT inserted
    )
    INSERT INTO subscriber_status_history (subscriber_id, valid_from, valid_to, status)
    SELECT id, join_date, CASE WHEN status = 'active' THEN NULL ELSE status_since END, 'active'
    FROM upserted WHERE inserted AND (status = 'active' OR status_since > join_date)
    UNION ALL
    SELECT id, status_since, NULL, status FROM upserted WHERE inserted AND status <> 'active'`;
}

/**
 * For subscribers that were already stored: a changed status closes the open period at the
 * new status_since and opens the new one. A subscriber with no open period (stored by other
 * means) gets one. Same day as the open period began: that period is replaced.
 */
async function settleStatusChanges(session: Session): Promise<void> {
  await session.query(
    `UPDATE subscriber_status_history h SET valid_to = u.status_since
     FROM ${UPDATED_TABLE} u
     WHERE h.subscriber_id = u.subscriber_id AND h.valid_to IS NULL AND h.status <> u.status`,
  );
  await session.query(
    `INSERT INTO subscriber_status_history (subscriber_id, valid_from, valid_to, status)
     SELECT u.subscriber_id, u.status_since, NULL, u.status FROM ${UPDATED_TABLE} u
     WHERE NOT EXISTS (
       SELECT 1 FROM subscriber_status_history h WHERE h.subscriber_id = u.subscriber_id AND h.valid_to IS NULL)
     ON CONFLICT (subscriber_id, valid_from) DO UPDATE SET valid_to = NULL, status = excluded.status`,
  );
}

const SUBSCRIBERS: RelationalImportDefinition<SubscriberRow> = {
  kind: 'subscribers',
  columns: SUBSCRIBER_COLUMNS,
  staging: STAGING,
  rowParser: async (session, header, rowRules) => {
    // Plans are a small catalogue: checking plan_code in memory costs nothing per row.
    const plans = await session.query<{ code: string; id: number }>('SELECT code, id FROM plans');
    const rules = subscriberRules(rowRules, new Map(plans.map((p) => [p.code, p.id])));
    return (cells, line) => parseSubscriberRow(cells, header, line, rules);
  },
  writeStaging: writeSubscriberStaging,
  checkStaged: async (session) => {
    await checkDuplicateKeys(session, STAGING.name, ['msisdn'], 'msisdn');
    await session.query(CHECK_STATUS_SINCE_SQL);
  },
  apply: async (session, present) => {
    await session.query(
      `CREATE TEMP TABLE ${UPDATED_TABLE} (subscriber_id bigint, status text, status_since date) ON COMMIT DROP`,
    );
    await session.query(upsertSubscribersSql(present));
    await settleStatusChanges(session);
  },
};

/**
 * Loads a subscribers CSV (docs/data-formats.md § subscribers): upsert on msisdn with status
 * history, all or nothing.
 */
export function importSubscribers(
  ctx: RelationalContext,
  filePath: string,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runRelationalImport(SUBSCRIBERS, ctx, filePath, options);
}
