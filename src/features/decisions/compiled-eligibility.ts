import type { EligibilityFacts, OfferEligibility } from '#src/features/offers/offer-eligibility';

export type EligibilityCheck = (facts: EligibilityFacts) => boolean;

const anyIn = (wanted: ReadonlySet<string>, held: readonly string[]): boolean => {
  for (const value of held) if (wanted.has(value)) return true;
  return false;
};

/**
 * `isEligible(rule, ·)` compiled once per offer: the same answer for every facts (a property test
 * holds it to isEligible), without re-reading the rule or allocating per call. A planning run asks
 * it for every offer and every one of a million candidates, where the interpreted version was the
 * bulk of next-best-action's time.
 */
export function compileEligibility(rule: OfferEligibility): EligibilityCheck {
  const checks: EligibilityCheck[] = [];
  const within = (allowed: readonly string[] | undefined, key: 'tier' | 'riskBand' | 'planCode') => {
    if (!allowed || allowed.length === 0) return;
    const set = new Set(allowed);
    checks.push((facts) => set.has(facts[key]));
  };
  const overlaps = (wanted: readonly string[] | undefined, key: 'segments' | 'signalCodes' | 'sceneTags') => {
    if (!wanted || wanted.length === 0) return;
    const set = new Set(wanted);
    checks.push((facts) => anyIn(set, facts[key]));
  };
  within(rule.tiers, 'tier');
  within(rule.riskBands, 'riskBand');
  within(rule.planCodes, 'planCode');
  overlaps(rule.segments, 'segments');
  overlaps(rule.signals, 'signalCodes');
  overlaps(rule.sceneTags, 'sceneTags');
  // Always checked, as isEligible does: a tenure that is not a number fails even a 0 minimum.
  const minTenure = rule.minTenureMonths ?? 0;
  checks.push((facts) => facts.tenureMonths >= minTenure);
  return (facts) => {
    for (const check of checks) if (!check(facts)) return false;
    return true;
  };
}
