import { and, asc, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Database, DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { subscriberBooks } from '#src/db/schema/books';
import { contactAttempts } from '#src/db/schema/contacts';
import { offers } from '#src/db/schema/offers';
import { plans } from '#src/db/schema/plans';
import { subscriberScores } from '#src/db/schema/scoring';
import { subscribers } from '#src/db/schema/subscribers';
import { tickets } from '#src/db/schema/tickets';
import { users } from '#src/db/schema/users';

/** The subscriber's identity, plan and phone manager (the book owner), as the report prints them. */
export async function findReportSubscriber(db: Database, subscriberId: number) {
  const [row] = await db
    .select({
      id: subscribers.id,
      name: subscribers.name,
      msisdn: subscribers.msisdn,
      vipLevel: subscribers.vipLevel,
      city: subscribers.city,
      planCode: plans.code,
      planName: plans.name,
      managerName: users.displayName,
    })
    .from(subscribers)
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .leftJoin(subscriberBooks, eq(subscriberBooks.subscriberId, subscribers.id))
    .leftJoin(users, eq(users.id, subscriberBooks.agentUserId))
    .where(eq(subscribers.id, subscriberId));
  return row;
}

export async function findReportScore(db: Database, runId: number, subscriberId: number) {
  const [row] = await db
    .select({ tier: subscriberScores.tier, city: subscriberScores.city, series: subscriberScores.series })
    .from(subscriberScores)
    .where(and(eq(subscriberScores.runId, runId), eq(subscriberScores.subscriberId, subscriberId)));
  return row;
}

export type PeerAverages = {
  count: number;
  spendFen: number | null;
  minutes: number | null;
  dataMb: number | null;
};

/**
 * Peers of a tier and city in one run, in one set-based statement over the stored series: each
 * peer's monthly average over the given series positions, averaged over the peers. The positions
 * are small integers we computed (never user text), inlined as a VALUES list.
 */
export async function findPeerAverages(
  handle: DbHandle,
  runId: number,
  tier: string,
  city: string,
  indexes: readonly number[],
): Promise<PeerAverages> {
  const positions = indexes.filter((i) => Number.isInteger(i) && i >= 0 && i < 60);
  if (positions.length === 0) return { count: 0, spendFen: null, minutes: null, dataMb: null };
  const values = positions.map((i) => `(${i})`).join(', ');
  const [row] = await queryRows<{
    count: number;
    spend: number | null;
    minutes: number | null;
    data_mb: number | null;
  }>(
    handle.engine,
    `SELECT count(*)::int AS count, avg(p.spend)::float8 AS spend, avg(p.minutes)::float8 AS minutes,
            avg(p.data_mb)::float8 AS data_mb
       FROM subscriber_scores s,
            LATERAL (SELECT avg((s.series -> 'spendFen' ->> q.i)::float8) AS spend,
                            avg((s.series -> 'minutes' ->> q.i)::float8) AS minutes,
                            avg((s.series -> 'dataMb' ->> q.i)::float8) AS data_mb
                       FROM (VALUES ${values}) AS q(i)) p
      WHERE s.run_id = $1 AND s.tier = $2 AND s.city = $3`,
    [runId, tier, city],
  );
  return {
    count: Number(row?.count ?? 0),
    spendFen: numberOrNull(row?.spend),
    minutes: numberOrNull(row?.minutes),
    dataMb: numberOrNull(row?.data_mb),
  };
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Local calendar days [start, end] in the business zone, as a condition on a timestamptz column. */
function withinDays(
  column: typeof contactAttempts.startedAt | typeof tickets.resolvedAt,
  start: string,
  end: string,
  zone: string,
) {
  return sql`${column} >= (${start}::date)::timestamp AT TIME ZONE ${zone}
         AND ${column} < ((${end}::date + 1))::timestamp AT TIME ZONE ${zone}`;
}

/** Offers the subscriber accepted on a call in the period, with their catalogue names. */
export async function findAcceptedOffers(
  db: Database,
  subscriberId: number,
  start: string,
  end: string,
  zone: string,
) {
  return db
    .select({
      offerCode: contactAttempts.offerCode,
      nameZh: offers.nameZh,
      nameEn: offers.nameEn,
      acceptedAt: contactAttempts.startedAt,
    })
    .from(contactAttempts)
    .leftJoin(offers, eq(offers.code, contactAttempts.offerCode))
    .where(
      and(
        eq(contactAttempts.subscriberId, subscriberId),
        eq(contactAttempts.disposition, 'accepted'),
        isNotNull(contactAttempts.offerCode),
        withinDays(contactAttempts.startedAt, start, end, zone),
      ),
    )
    .orderBy(asc(contactAttempts.startedAt));
}

/** Care contacts that reached the subscriber in the period: answered care calls and care SMS sent. */
export async function countCareContacts(
  db: Database,
  subscriberId: number,
  start: string,
  end: string,
  zone: string,
) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(contactAttempts)
    .where(
      and(
        eq(contactAttempts.subscriberId, subscriberId),
        eq(contactAttempts.purpose, 'care'),
        or(eq(contactAttempts.reached, true), eq(contactAttempts.disposition, 'sms_sent')),
        withinDays(contactAttempts.startedAt, start, end, zone),
      ),
    );
  return Number(row?.count ?? 0);
}

export async function countTicketsResolved(
  db: Database,
  subscriberId: number,
  start: string,
  end: string,
  zone: string,
) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(eq(tickets.subscriberId, subscriberId), withinDays(tickets.resolvedAt, start, end, zone)));
  return Number(row?.count ?? 0);
}
