import { and, asc, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '#src/db/client';
import { subscriberBooks } from '#src/db/schema/books';
import { contracts } from '#src/db/schema/contracts';
import { plans } from '#src/db/schema/plans';
import { subscriberScores } from '#src/db/schema/scoring';
import { complaints } from '#src/db/schema/service';
import { subscriberStatusHistory, subscribers } from '#src/db/schema/subscribers';
import { users } from '#src/db/schema/users';
import { MSISDN_PATTERN } from '#src/lib/msisdn';
import { preparedPerDatabase } from './prepared-query';
import type { ListSubscribersQuery } from './subscribers.schemas';

/**
 * How far the total is counted: five pages beyond the one shown, at least 100, at most 10,000.
 * "100+" tells a person as much as an exact figure, and a capped count stops scanning after the cap's
 * worth of matches (bench:console at 1M subscribers: a fixed 10,000 cap cost up to 440 ms a search).
 * Paging further counts further.
 */
export function countCap(page: number, pageSize: number): number {
  return Math.min(10_000, Math.max(100, page * pageSize * 5));
}

const summaryColumns = {
  id: subscribers.id,
  msisdn: subscribers.msisdn,
  name: subscribers.name,
  gender: subscribers.gender,
  province: subscribers.province,
  city: subscribers.city,
  district: subscribers.district,
  brand: subscribers.brand,
  planCode: plans.code,
  planName: plans.name,
  status: subscribers.status,
  vipLevel: subscribers.vipLevel,
  isGroupCustomer: subscribers.isGroupCustomer,
  joinDate: subscribers.joinDate,
  contractEnd: subscribers.contractEnd,
};

const listColumns = {
  ...summaryColumns,
  ownerName: users.displayName,
  scoreProbability: subscriberScores.probability,
  scoreRiskBand: subscriberScores.riskBand,
  scoreTier: subscriberScores.tier,
  scoreLifecycleStage: subscriberScores.lifecycleStage,
  scoreVipKind: subscriberScores.vipKind,
  scoreSignalCodes: subscriberScores.signalCodes,
  scoreArpu3Fen: subscriberScores.arpu3Fen,
};

export type SubscriberRow = Awaited<ReturnType<typeof findSubscriberById>> & object;
export type SubscriberListRow = Awaited<ReturnType<typeof findSubscriberPage>>['rows'][number];

/**
 * Full number: equality. 4–11 digits: the number ends with them (agents often have only the last
 * digits a caller reads out), a prefix match on reverse(msisdn) so an index serves it at 1M rows.
 * Anything else: the start of a name.
 */
function searchCondition(q: string): SQL {
  if (MSISDN_PATTERN.test(q)) return eq(subscribers.msisdn, q);
  if (/^\d{4,11}$/.test(q)) {
    const reversed = [...q].reverse().join('');
    return sql`reverse(${subscribers.msisdn}) like ${`${reversed}%`}`;
  }
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return like(subscribers.name, `${escaped}%`);
}

/** Scope, search text and filters: shared by the list, its count and the export. */
export function listConditions(
  query: ListSubscribersQuery,
  scope: SQL | undefined,
  runId: number | null,
): SQL | undefined {
  return and(
    scope,
    query.q ? searchCondition(query.q) : undefined,
    // Byte order, to match the C-collated index (equality is the same under either collation).
    query.city ? sql`${subscribers.city} collate "C" = ${query.city}` : undefined,
    query.brand ? eq(subscribers.brand, query.brand) : undefined,
    query.status ? eq(subscribers.status, query.status) : undefined,
    query.vipLevel ? eq(subscribers.vipLevel, query.vipLevel) : undefined,
    query.isGroupCustomer === undefined ? undefined : eq(subscribers.isGroupCustomer, query.isGroupCustomer),
    scoreCondition(query, runId),
  );
}

const MATCHING_SCORES = 'matching_scores';
const matchingScores = alias(subscriberScores, MATCHING_SCORES);

/**
 * The score filters (tier, risk band, signal) as the set of subscribers whose score in the run
 * matches, rather than a filter on each row's joined score. An agent's "high risk in my book" at 1M
 * subscribers otherwise probes the score of every one of their ~4,400 subscribers (bench/proof/load.ts:
 * 50–170 ms, in parallel workers). As a set, PostgreSQL merges the book with an index of the run's
 * scores by band, subscriber_scores (run_id, risk_band, subscriber_id), in ~2–15 ms. Without that
 * index the plan stays the probe it was; the admin's score searches keep their merge joins either way.
 */
function scoreCondition(query: ListSubscribersQuery, runId: number | null): SQL | undefined {
  const filters = and(
    query.tier ? eq(matchingScores.tier, query.tier) : undefined,
    query.riskBand ? eq(matchingScores.riskBand, query.riskBand) : undefined,
    query.signal ? sql`${matchingScores.signalCodes} @> ARRAY[${query.signal}]::text[]` : undefined,
  );
  if (!filters) return undefined;
  // In a raw fragment an alias renders as its bare name: the table is written out and named after it.
  return sql`${subscribers.id} in (select ${matchingScores.subscriberId} from ${subscriberScores} ${sql.identifier(MATCHING_SCORES)} where ${and(
    eq(matchingScores.runId, runId ?? -1),
    filters,
  )})`;
}

/** One page of subscribers in scope with their current score (if any) and owner. */
export async function findSubscriberPage(
  db: Database,
  query: ListSubscribersQuery,
  scope: SQL | undefined,
  runId: number | null,
) {
  const where = listConditions(query, scope, runId);
  const order =
    query.sort === 'risk'
      ? [sql`${subscriberScores.probability} desc nulls last`, asc(subscribers.id)]
      : [asc(subscribers.id)];
  const rows = await db
    .select(listColumns)
    .from(subscribers)
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .leftJoin(subscriberBooks, eq(subscriberBooks.subscriberId, subscribers.id))
    .leftJoin(users, eq(users.id, subscriberBooks.agentUserId))
    .leftJoin(subscriberScores, currentScoreJoin(runId))
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);

  // A first page that is not full is the whole answer: no count needed.
  if (query.page === 1 && rows.length < query.pageSize)
    return { rows, total: rows.length, totalCapped: false };
  // The count does not join scores (the score filters are a set of ids): on a partitioned table
  // PostgreSQL does not drop an unused outer join, and probing a million scores for a name search is waste.
  const cap = countCap(query.page, query.pageSize);
  // In the page's own order: the planner then walks the same index the page used and stops at the
  // cap, instead of a parallel bitmap scan of the whole book (38 ms → a few ms at 1M subscribers).
  const matching = db
    .select({ one: sql`1` })
    .from(subscribers)
    .where(where)
    .orderBy(asc(subscribers.id))
    .limit(cap + 1)
    .as('matching');
  const [countRow] = await db.select({ n: sql<number>`count(*)::int` }).from(matching);
  const total = countRow?.n ?? 0;
  return { rows, total: Math.min(total, cap), totalCapped: total > cap };
}

/** Joins a subscriber to their score in the given run (none when no run has succeeded yet). */
export function currentScoreJoin(runId: number | null): SQL | undefined {
  return and(eq(subscriberScores.subscriberId, subscribers.id), eq(subscriberScores.runId, runId ?? -1));
}

const subscriberByIdQuery = preparedPerDatabase((db) =>
  db
    .select({
      ...summaryColumns,
      idNumber: subscribers.idNumber,
      birthDate: subscribers.birthDate,
      statusSince: subscribers.statusSince,
      handsetModel: subscribers.handsetModel,
      marketingConsent: subscribers.marketingConsent,
      doNotCall: subscribers.doNotCall,
      profilingOptOut: subscribers.profilingOptOut,
      sceneTags: subscribers.sceneTags,
      planMonthlyFeeFen: plans.monthlyFeeFen,
      planIncludedMinutes: plans.includedMinutes,
      planIncludedDataMb: plans.includedDataMb,
      planIncludedSms: plans.includedSms,
    })
    .from(subscribers)
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .where(eq(subscribers.id, sql.placeholder('id')))
    .prepare('subscribers_find_by_id'),
);

/** One subscriber with their plan: the 360 and the call briefing read it on every open. */
export async function findSubscriberById(db: Database, id: number) {
  const [row] = await subscriberByIdQuery(db).execute({ id });
  return row;
}

export async function findPersonalData(db: Database, id: number) {
  const [row] = await db
    .select({ msisdn: subscribers.msisdn, idNumber: subscribers.idNumber })
    .from(subscribers)
    .where(eq(subscribers.id, id));
  return row;
}

/** Distinct cities, for the search filter (one scan, cached by the service). */
export async function findCities(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ city: subscribers.city })
    .from(subscribers)
    .orderBy(asc(subscribers.city));
  return rows.map((r) => r.city);
}

export function findStatusHistoryBySubscriberId(db: Database, subscriberId: number) {
  return db
    .select({
      status: subscriberStatusHistory.status,
      validFrom: subscriberStatusHistory.validFrom,
      validTo: subscriberStatusHistory.validTo,
    })
    .from(subscriberStatusHistory)
    .where(eq(subscriberStatusHistory.subscriberId, subscriberId))
    .orderBy(asc(subscriberStatusHistory.validFrom));
}

export function findContractsBySubscriberId(db: Database, subscriberId: number) {
  return db
    .select({
      contractNo: contracts.contractNo,
      kind: contracts.kind,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
      status: contracts.status,
    })
    .from(contracts)
    .where(eq(contracts.subscriberId, subscriberId))
    .orderBy(desc(contracts.endDate));
}

export function findComplaintsBySubscriberId(db: Database, subscriberId: number) {
  return db
    .select({
      complaintNo: complaints.complaintNo,
      category: complaints.category,
      status: complaints.status,
      openedAt: complaints.openedAt,
      slaDueAt: complaints.slaDueAt,
      resolvedAt: complaints.resolvedAt,
    })
    .from(complaints)
    .where(eq(complaints.subscriberId, subscriberId))
    .orderBy(desc(complaints.openedAt))
    .limit(50);
}
