import { z } from 'zod';

/**
 * Who an offer is for (DOMAIN.md §7). Every listed condition must hold; an empty or missing list
 * means "anyone". Kept as data (offers.eligibility) so analysts edit it without a release.
 */
export const offerEligibilitySchema = z
  .object({
    tiers: z.array(z.string()).optional(),
    riskBands: z.array(z.string()).optional(),
    /** Any one of these segments (sensitivity, scene, …). */
    segments: z.array(z.string()).optional(),
    /** Any one of these fired churn signals. */
    signals: z.array(z.string()).optional(),
    planCodes: z.array(z.string()).optional(),
    minTenureMonths: z.number().int().min(0).max(1_200).optional(),
    /** Scene tags on the subscriber (family, student, business_traveller). */
    sceneTags: z.array(z.string()).optional(),
  })
  .strict();
export type OfferEligibility = z.infer<typeof offerEligibilitySchema>;

/** What eligibility is judged on: the subscriber's current score and profile. */
export type EligibilityFacts = {
  tier: string;
  riskBand: string;
  segments: readonly string[];
  signalCodes: readonly string[];
  planCode: string;
  tenureMonths: number;
  sceneTags: readonly string[];
};

export function isEligible(rule: OfferEligibility, facts: EligibilityFacts): boolean {
  const within = (allowed: readonly string[] | undefined, value: string) =>
    !allowed || allowed.length === 0 || allowed.includes(value);
  const overlaps = (wanted: readonly string[] | undefined, held: readonly string[]) =>
    !wanted || wanted.length === 0 || wanted.some((w) => held.includes(w));
  return (
    within(rule.tiers, facts.tier) &&
    within(rule.riskBands, facts.riskBand) &&
    within(rule.planCodes, facts.planCode) &&
    overlaps(rule.segments, facts.segments) &&
    overlaps(rule.signals, facts.signalCodes) &&
    overlaps(rule.sceneTags, facts.sceneTags) &&
    facts.tenureMonths >= (rule.minTenureMonths ?? 0)
  );
}
