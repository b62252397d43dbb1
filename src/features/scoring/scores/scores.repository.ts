import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { scoringRuns, subscriberScores } from '#src/db/schema/scoring';
import { subscribers } from '#src/db/schema/subscribers';

export type ScoreFilter = {
  tier?: string;
  signal?: string;
  riskBand?: string;
  stage?: string;
  city?: string;
  inTargetPool?: boolean;
};
export type ScoreSort = 'probability' | 'revenueAtRisk' | 'arpu3';

const rowColumns = {
  subscriberId: subscriberScores.subscriberId,
  runId: subscriberScores.runId,
  modelId: subscriberScores.modelId,
  probability: subscriberScores.probability,
  riskBand: subscriberScores.riskBand,
  tier: subscriberScores.tier,
  tierReason: subscriberScores.tierReason,
  lifecycleStage: subscriberScores.lifecycleStage,
  vipKind: subscriberScores.vipKind,
  contributionClass: subscriberScores.contributionClass,
  inTargetPool: subscriberScores.inTargetPool,
  segments: subscriberScores.segments,
  signals: subscriberScores.signals,
  reasons: subscriberScores.reasons,
  keyMoments: subscriberScores.keyMoments,
  arpu3Fen: subscriberScores.arpu3Fen,
  revenueAtRiskFen: subscriberScores.revenueAtRiskFen,
  city: subscriberScores.city,
  msisdn: subscribers.msisdn,
  name: subscribers.name,
};

export type ScoreRow = Awaited<ReturnType<typeof findScorePage>>['rows'][number];

function filterConditions(runId: number, filter: ScoreFilter): SQL | undefined {
  return and(
    eq(subscriberScores.runId, runId),
    filter.tier ? eq(subscriberScores.tier, filter.tier) : undefined,
    filter.riskBand ? eq(subscriberScores.riskBand, filter.riskBand) : undefined,
    filter.stage ? eq(subscriberScores.lifecycleStage, filter.stage) : undefined,
    filter.city ? eq(subscriberScores.city, filter.city) : undefined,
    filter.inTargetPool === undefined ? undefined : eq(subscriberScores.inTargetPool, filter.inTargetPool),
    filter.signal ? sql`${subscriberScores.signalCodes} @> ARRAY[${filter.signal}]::text[]` : undefined,
  );
}

const SORT_COLUMNS = {
  probability: subscriberScores.probability,
  revenueAtRisk: subscriberScores.revenueAtRiskFen,
  arpu3: subscriberScores.arpu3Fen,
} as const;

export async function findScorePage(
  db: Database,
  runId: number,
  query: ScoreFilter & { sort: ScoreSort; order: 'asc' | 'desc'; page: number; pageSize: number },
  scope?: SQL,
) {
  const where = and(filterConditions(runId, query), scope);
  const direction = query.order === 'asc' ? asc : desc;
  const rows = await db
    .select(rowColumns)
    .from(subscriberScores)
    .innerJoin(subscribers, eq(subscribers.id, subscriberScores.subscriberId))
    .where(where)
    // Subscriber id breaks ties so pages never overlap or skip.
    .orderBy(direction(SORT_COLUMNS[query.sort]), direction(subscriberScores.subscriberId))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [totalRow] = await db.select({ total: count() }).from(subscriberScores).where(where);
  return { rows, total: Number(totalRow?.total ?? 0) };
}

export async function findScore(db: Database, runId: number, subscriberId: number) {
  const [row] = await db
    .select({ ...rowColumns, series: subscriberScores.series })
    .from(subscriberScores)
    .innerJoin(subscribers, eq(subscribers.id, subscriberScores.subscriberId))
    .where(and(eq(subscriberScores.runId, runId), eq(subscriberScores.subscriberId, subscriberId)));
  return row;
}

/** The subscriber's scores in every kept run, newest first. */
export async function findScoreHistory(db: Database, subscriberId: number) {
  return db
    .select({
      runId: subscriberScores.runId,
      asOf: scoringRuns.asOf,
      modelId: subscriberScores.modelId,
      probability: subscriberScores.probability,
      riskBand: subscriberScores.riskBand,
      tier: subscriberScores.tier,
      lifecycleStage: subscriberScores.lifecycleStage,
      signalCodes: subscriberScores.signalCodes,
      revenueAtRiskFen: subscriberScores.revenueAtRiskFen,
    })
    .from(subscriberScores)
    .innerJoin(scoringRuns, eq(scoringRuns.id, subscriberScores.runId))
    .where(and(eq(subscriberScores.subscriberId, subscriberId), eq(scoringRuns.status, 'succeeded')))
    .orderBy(desc(subscriberScores.runId));
}
