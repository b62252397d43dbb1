import type { Database } from '#src/db/client';
import { tenureMonthsOn } from '#src/features/decisions/candidate-from-score';
import {
  type EligibilityFacts,
  isEligible,
  offerEligibilitySchema,
} from '#src/features/offers/offer-eligibility';
import type { Locale } from '#src/features/scoring/scores/scores.schemas';
import { findOfferSuppression } from '#src/features/tickets/retention-link/offer-suppression';
import { findCurrentScoredSubscriber, findOffersByCodes, findProfileFacts } from './call-facts.repository';
import type { HeldTask } from './held-task.repository';

export type CallOffer = {
  code: string;
  rule: string;
  kind: string;
  name: string;
  description: string;
  costFen: number;
  targetPlanCode: string | null;
  /** For a plan move: what the subscriber would pay a month. */
  targetPlanFeeFen: number | null;
  validTo: string | null;
};

type OfferRow = Awaited<ReturnType<typeof findOffersByCodes>>[number];

/** What a call may offer: its campaign's offers, and the one the plan chose for this task. */
export function offerCodesOf(task: Pick<HeldTask, 'campaignOfferCodes' | 'offerCode'>): string[] {
  const codes = new Set(task.campaignOfferCodes ?? []);
  if (task.offerCode) codes.add(task.offerCode);
  return [...codes];
}

/**
 * An offer can be made on this call when it is active and valid today, may be made by phone, and
 * the subscriber meets its eligibility on today's score and profile. Unreadable eligibility
 * counts as not eligible: offering what the rules cannot confirm is the worse mistake.
 */
export function offerFitsCall(offer: OfferRow, facts: EligibilityFacts, today: string): boolean {
  if (!offer.isActive || offer.channel === 'sms') return false;
  if (offer.validFrom > today || (offer.validTo !== null && offer.validTo < today)) return false;
  const rule = offerEligibilitySchema.safeParse(offer.eligibility);
  return rule.success && isEligible(rule.data, facts);
}

/** The facts eligibility is judged on: today's score (unscored: nothing fires) and profile. */
export async function eligibilityFactsFor(
  db: Database,
  subscriberId: number,
  today: string,
): Promise<EligibilityFacts> {
  // One after the other: inside a transaction both run on one connection.
  const scored = await findCurrentScoredSubscriber(db, subscriberId);
  const score = scored?.score;
  const profile = scored?.subscriber ?? (await findProfileFacts(db, subscriberId));
  if (!profile) throw new Error(`subscriber ${subscriberId} vanished`);
  return {
    tier: score?.tier ?? '',
    riskBand: score?.riskBand ?? '',
    segments: score?.segments ?? [],
    signalCodes: score?.signalCodes ?? [],
    planCode: profile.planCode,
    tenureMonths: tenureMonthsOn(profile.joinDate, today),
    sceneTags: profile.sceneTags,
  };
}

/**
 * The call's offers this subscriber is eligible for today, cheapest first, named in the reader's
 * language. None while a ticket of theirs is being worked (issue 6 §7): the briefing shows none and
 * an outcome accepting one is refused, until the ticket is closed.
 */
export async function eligibleCallOffers(
  db: Database,
  task: Pick<HeldTask, 'campaignOfferCodes' | 'offerCode' | 'subscriberId'>,
  today: string,
  locale: Locale,
): Promise<CallOffer[]> {
  const codes = offerCodesOf(task);
  if (codes.length === 0) return [];
  if (await findOfferSuppression(db, task.subscriberId)) return [];
  const rows = await findOffersByCodes(db, codes);
  const facts = await eligibilityFactsFor(db, task.subscriberId, today);
  return rows
    .filter((offer) => offerFitsCall(offer, facts, today))
    .sort((a, b) => a.costFen - b.costFen || a.code.localeCompare(b.code))
    .map((offer) => ({
      code: offer.code,
      rule: offer.rule,
      kind: offer.kind,
      name: locale === 'en' ? offer.nameEn : offer.nameZh,
      description: locale === 'en' ? offer.descriptionEn : offer.descriptionZh,
      costFen: offer.costFen,
      targetPlanCode: offer.targetPlanCode,
      targetPlanFeeFen: offer.targetPlanFeeFen,
      validTo: offer.validTo,
    }));
}
