import { eq, inArray } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { offers } from '#src/db/schema/offers';
import { plans } from '#src/db/schema/plans';
import { subscribers } from '#src/db/schema/subscribers';
import { findScoredSubscriber } from '#src/features/decisions/decisions.repository';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';

/** The subscriber's current score with the profile facts decisions read; undefined when unscored. */
export async function findCurrentScoredSubscriber(db: Database, subscriberId: number) {
  const run = await findCurrentRun(db);
  return run ? findScoredSubscriber(db, run.id, subscriberId) : undefined;
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
