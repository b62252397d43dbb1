import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EligibilityFacts,
  isEligible,
  type OfferEligibility,
} from '#src/features/offers/offer-eligibility';
import { compileEligibility } from './compiled-eligibility';

const word = fc.constantFrom('a', 'b', 'c', 'family', 'student');
const list = fc.option(fc.array(word, { maxLength: 3 }), { nil: undefined });

const ruleArb: fc.Arbitrary<OfferEligibility> = fc.record(
  {
    tiers: list,
    riskBands: list,
    segments: list,
    signals: list,
    planCodes: list,
    minTenureMonths: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
    sceneTags: list,
  },
  { requiredKeys: [] },
);

const factsArb: fc.Arbitrary<EligibilityFacts> = fc.record({
  tier: word,
  riskBand: word,
  segments: fc.array(word, { maxLength: 3 }),
  signalCodes: fc.array(word, { maxLength: 3 }),
  planCode: word,
  tenureMonths: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.constant(Number.NaN)),
  sceneTags: fc.array(word, { maxLength: 3 }),
});

describe('compileEligibility', () => {
  it('answers exactly as isEligible for every rule and facts', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(factsArb, { minLength: 1, maxLength: 5 }), (rule, factsList) => {
        const compiled = compileEligibility(rule);
        for (const facts of factsList) expect(compiled(facts)).toBe(isEligible(rule, facts));
      }),
      { numRuns: 2_000 },
    );
  });
});
