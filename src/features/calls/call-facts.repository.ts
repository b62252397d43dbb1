import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { offers } from '#src/db/schema/offers';
import { plans } from '#src/db/schema/plans';
import { subscriberScores } from '#src/db/schema/scoring';
import { subscribers } from '#src/db/schema/subscribers';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';

/** The subscriber's row of the current scoring run, as decisions read it; undefined when unscored. */
export async function findCurrentScoreFacts(db: Database, subscriberId: number) {
  const run = await findCurrentRun(db);
  if (!run) return undefined;
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
    })
    .from(subscriberScores)
    .where(and(eq(subscriberScores.runId, run.id), eq(subscriberScores.subscriberId, subscriberId)));
  return row;
}

/** The profile facts offers are judged on. */
export async function findProfileFacts(db: Database, subscriberId: number) {
  const [row] = await db
    .select({ planCode: plans.code, joinDate: subscribers.joinDate, sceneTags: subscribers.sceneTags })
    .from(subscribers)
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .where(eq(subscribers.id, subscriberId));
  return row;
}

export function findOffersByCodes(db: Database, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .select({
      code: offers.code,
      rule: offers.rule,
      kind: offers.kind,
      nameZh: offers.nameZh,
      nameEn: offers.nameEn,
      descriptionZh: offers.descriptionZh,
      descriptionEn: offers.descriptionEn,
      eligibility: offers.eligibility,
      costFen: offers.costFen,
      targetPlanCode: offers.targetPlanCode,
      targetPlanFeeFen: plans.monthlyFeeFen,
      channel: offers.channel,
      scriptCode: offers.scriptCode,
      validFrom: offers.validFrom,
      validTo: offers.validTo,
      isActive: offers.isActive,
    })
    .from(offers)
    .leftJoin(plans, eq(plans.code, offers.targetPlanCode))
    .where(inArray(offers.code, [...codes]));
}
