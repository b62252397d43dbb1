import type { Database } from '#src/db/client';
import { subscribers } from '#src/db/schema/subscribers';
import { auditWithinLimit } from '../audit/rate-limit';
import type { Actor } from '../auth/actor';
import { scopeCondition, subscriberScopeOf } from '../auth/subscriber-scope';
import { findExportRows } from './export.repository';
import type { UnmaskBody } from './personal-data.schemas';
import { requireSubscriberInScope } from './subscriber-access';
import { findPersonalData } from './subscribers.repository';
import type { ListSubscribersQuery } from './subscribers.schemas';

export type PersonalDataLimits = { unmaskPerHour: number; exportPerDay: number };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Reveals full personal data of one subscriber in scope, for a stated reason, within the user's
 * hourly limit. The audit entry is written before the value is returned: no record, no reveal.
 */
export async function unmaskSubscriber(
  db: Database,
  actor: Actor,
  id: number,
  body: UnmaskBody,
  limits: PersonalDataLimits,
) {
  await requireSubscriberInScope(db, actor, id, 'subscriber.unmask');
  const { auditId } = await auditWithinLimit(
    db,
    actor,
    { action: 'subscriber.unmask', subscriberId: id },
    { max: limits.unmaskPerHour, windowMs: HOUR_MS },
    async () => ({ result: null, entry: { reason: body.reason, details: { fields: body.fields } } }),
  );
  const data = await findPersonalData(db, id);
  if (!data) throw new Error(`subscriber ${id} vanished after its scope check`);
  return {
    auditId,
    ...(body.fields.includes('msisdn') ? { msisdn: data.msisdn } : {}),
    ...(body.fields.includes('idNumber') ? { idNumber: data.idNumber } : {}),
  };
}

export const EXPORT_MAX_ROWS = 100_000;

/**
 * Bulk export of full personal data for the subscribers in scope matching the list filters: needs
 * the export permission (checked by the route), is limited per day, and is audited with its row
 * count before a byte is sent.
 */
export async function exportSubscribers(
  db: Database,
  actor: Actor,
  query: ListSubscribersQuery,
  reason: string,
  limits: PersonalDataLimits,
): Promise<{ csv: string; rows: number }> {
  const scope = scopeCondition(subscriberScopeOf(actor), subscribers.id);
  // The rows are read under the user's limit: a refused export never runs its query.
  const { result: rows } = await auditWithinLimit(
    db,
    actor,
    { action: 'subscriber.export' },
    { max: limits.exportPerDay, windowMs: DAY_MS },
    async (tx) => {
      const found = await findExportRows(tx, query, scope, EXPORT_MAX_ROWS);
      const details = {
        rows: found.length,
        filters: exportFilters(query),
        capped: found.length === EXPORT_MAX_ROWS,
      };
      return { result: found, entry: { reason, details } };
    },
  );
  return { csv: toCsv(rows), rows: rows.length };
}

function exportFilters(query: ListSubscribersQuery): Record<string, unknown> {
  const { page: _page, pageSize: _pageSize, lang: _lang, sort: _sort, ...filters } = query;
  // The search text may itself be a full number: keep only whether one was given.
  return { ...filters, q: filters.q === undefined ? undefined : '[given]' };
}

const EXPORT_COLUMNS = [
  'id',
  'msisdn',
  'name',
  'id_number',
  'city',
  'district',
  'vip_level',
  'status',
  'plan_code',
] as const;

function toCsv(rows: Awaited<ReturnType<typeof findExportRows>>): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [r.id, r.msisdn, r.name, r.idNumber ?? '', r.city, r.district ?? '', r.vipLevel, r.status, r.planCode]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Quotes when needed, and defuses spreadsheet formulas (a cell starting with = + - @). */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
