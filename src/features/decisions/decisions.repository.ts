import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { contactAttempts } from '#src/db/schema/contacts';
import { decisionSettingsVersions, offers } from '#src/db/schema/offers';
import { plans } from '#src/db/schema/plans';
import { subscriberScores } from '#src/db/schema/scoring';
import { subscribers } from '#src/db/schema/subscribers';
import { callTasks } from '#src/db/schema/work';
import type { ScoreForDecision, SubscriberForDecision } from './candidate-from-score';

export type StoredDecisionSettingsVersion = typeof decisionSettingsVersions.$inferSelect;

export async function findLatestDecisionSettingsVersion(
  db: Database,
): Promise<StoredDecisionSettingsVersion | undefined> {
  const [row] = await db
    .select()
    .from(decisionSettingsVersions)
    .orderBy(desc(decisionSettingsVersions.version))
    .limit(1);
  return row;
}

export async function findDecisionSettingsVersion(
  db: Database,
  version: number,
): Promise<StoredDecisionSettingsVersion | undefined> {
  const [row] = await db
    .select()
    .from(decisionSettingsVersions)
    .where(eq(decisionSettingsVersions.version, version));
  return row;
}

/** Appends a version; the primary key refuses a concurrent writer that picked the same number. */
export async function insertDecisionSettingsVersion(
  db: Database,
  row: { version: number; document: unknown; note: string | null; createdBy: number | null },
): Promise<StoredDecisionSettingsVersion> {
  const [stored] = await db.insert(decisionSettingsVersions).values(row).returning();
  if (!stored) throw new Error('decision settings insert returned nothing');
  return stored;
}

/** Recorded outcomes per action and tier (before filtering to known actions). */
export type OutcomeCount = { action: string | null; tier: string; trials: number; saves: number };

/**
 * One set-based pass over reached calls since `since`: the action comes from the attempt's details
 * (`details->>'action'`) or else from the call task it worked; the tier is the subscriber's in the
 * given scoring run (subscribers without a score there are not counted). A save is an accepted
 * offer.
 */
export async function countOutcomesByActionAndTier(
  db: Database,
  runId: number,
  since: Date,
): Promise<OutcomeCount[]> {
  const action = sql<string | null>`coalesce(${contactAttempts.details}->>'action', ${callTasks.action})`;
  return db
    .select({
      action,
      tier: subscriberScores.tier,
      trials: sql<number>`count(*)::int`,
      saves: sql<number>`(count(*) filter (where ${contactAttempts.disposition} = 'accepted'))::int`,
    })
    .from(contactAttempts)
    .innerJoin(
      subscriberScores,
      and(eq(subscriberScores.runId, runId), eq(subscriberScores.subscriberId, contactAttempts.subscriberId)),
    )
    .leftJoin(
      callTasks,
      and(eq(callTasks.subscriberId, contactAttempts.subscriberId), eq(callTasks.id, contactAttempts.taskId)),
    )
    .where(
      and(
        eq(contactAttempts.reached, true),
        eq(contactAttempts.channel, 'call'),
        gte(contactAttempts.startedAt, since),
      ),
    )
    .groupBy(action, subscriberScores.tier);
}

/** Monthly fees of the plans offers move subscribers to, by offer code (an upsell's gain). */
export async function findTargetPlanFeesByOfferCode(
  db: Database,
  offerCodes: readonly string[],
): Promise<Map<string, number>> {
  if (offerCodes.length === 0) return new Map();
  const rows = await db
    .select({ code: offers.code, feeFen: plans.monthlyFeeFen })
    .from(offers)
    .innerJoin(plans, eq(plans.code, offers.targetPlanCode))
    .where(inArray(offers.code, [...offerCodes]));
  return new Map(rows.map((r) => [r.code, r.feeFen]));
}

/** Display facts of offers by code, for the next-best-action view. */
export async function findOfferNames(
  db: Database,
  offerCodes: readonly string[],
): Promise<
  Map<string, { nameZh: string; nameEn: string; rule: string; kind: string; scriptCode: string | null }>
> {
  if (offerCodes.length === 0) return new Map();
  const rows = await db
    .select({
      code: offers.code,
      nameZh: offers.nameZh,
      nameEn: offers.nameEn,
      rule: offers.rule,
      kind: offers.kind,
      scriptCode: offers.scriptCode,
    })
    .from(offers)
    .where(inArray(offers.code, [...offerCodes]));
  return new Map(rows.map(({ code, ...rest }) => [code, rest]));
}

export type ScoredSubscriber = { score: ScoreForDecision; subscriber: SubscriberForDecision };

/** One subscriber's score in a run with the profile facts a decision reads. */
export async function findScoredSubscriber(
  db: Database,
  runId: number,
  subscriberId: number,
): Promise<ScoredSubscriber | undefined> {
  const [row] = await db
    .select({
      subscriberId: subscriberScores.subscriberId,
      probability: subscriberScores.probability,
      riskBand: subscriberScores.riskBand,
      tier: subscriberScores.tier,
      lifecycleStage: subscriberScores.lifecycleStage,
      vipKind: subscriberScores.vipKind,
      segments: subscriberScores.segments,
      signalCodes: subscriberScores.signalCodes,
      keyMoments: subscriberScores.keyMoments,
      arpu3Fen: subscriberScores.arpu3Fen,
      revenueAtRiskFen: subscriberScores.revenueAtRiskFen,
      joinDate: subscribers.joinDate,
      planCode: plans.code,
      sceneTags: subscribers.sceneTags,
    })
    .from(subscriberScores)
    .innerJoin(subscribers, eq(subscribers.id, subscriberScores.subscriberId))
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .where(and(eq(subscriberScores.runId, runId), eq(subscriberScores.subscriberId, subscriberId)));
  if (!row) return undefined;
  const { joinDate, planCode, sceneTags, ...score } = row;
  return { score, subscriber: { joinDate, planCode, sceneTags } };
}
