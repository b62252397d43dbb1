import { asc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { plans } from '#src/db/schema/plans';
import { subscribers } from '#src/db/schema/subscribers';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { listConditions } from './subscribers.repository';
import type { ListSubscribersQuery } from './subscribers.schemas';

/** The rows of a personal-data export: scope and the list's filters, at most `limit`. */
export async function findExportRows(
  db: Database,
  query: ListSubscribersQuery,
  scope: SQL | undefined,
  limit: number,
) {
  const run = await findCurrentRun(db);
  return db
    .select({
      id: subscribers.id,
      msisdn: subscribers.msisdn,
      name: subscribers.name,
      idNumber: subscribers.idNumber,
      city: subscribers.city,
      district: subscribers.district,
      vipLevel: subscribers.vipLevel,
      status: subscribers.status,
      planCode: plans.code,
    })
    .from(subscribers)
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .where(listConditions(query, scope, run?.id ?? null))
    .orderBy(asc(subscribers.id))
    .limit(limit);
}
