import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { plans } from '#src/db/schema/plans';
import { subscriberScores } from '#src/db/schema/scoring';
import { subscribers } from '#src/db/schema/subscribers';

/** The subscriber's plan and what eligibility and the family/student advice read. */
export async function findSubscriberPlanProfile(db: Database, subscriberId: number) {
  const [row] = await db
    .select({
      planCode: plans.code,
      sceneTags: subscribers.sceneTags,
      joinDate: subscribers.joinDate,
    })
    .from(subscribers)
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .where(eq(subscribers.id, subscriberId));
  return row;
}

/** The parts of one score the optimiser reads: the monthly series and the eligibility facts. */
export async function findScoreForAdvice(db: Database, runId: number, subscriberId: number) {
  const [row] = await db
    .select({
      series: subscriberScores.series,
      tier: subscriberScores.tier,
      riskBand: subscriberScores.riskBand,
      segments: subscriberScores.segments,
      signalCodes: subscriberScores.signalCodes,
    })
    .from(subscriberScores)
    .where(and(eq(subscriberScores.runId, runId), eq(subscriberScores.subscriberId, subscriberId)));
  return row;
}

/** The whole tariff catalogue, withdrawn plans included (the current plan may be one). */
export async function findPlanCatalogue(db: Database) {
  return db
    .select({
      code: plans.code,
      name: plans.name,
      monthlyFeeFen: plans.monthlyFeeFen,
      includedMinutes: plans.includedMinutes,
      includedDataMb: plans.includedDataMb,
      includedSms: plans.includedSms,
      overageVoiceFenPerMinute: plans.overageVoiceFenPerMinute,
      overageDataFenPerMb: plans.overageDataFenPerMb,
      overageSmsFen: plans.overageSmsFen,
      isActive: plans.isActive,
    })
    .from(plans)
    .orderBy(asc(plans.monthlyFeeFen), asc(plans.code));
}
