import { describe, expect, it } from 'vitest';
import { type EligibilityFacts, isEligible } from './offer-eligibility';

const facts: EligibilityFacts = {
  tier: 'churn_warning',
  riskBand: 'high',
  segments: ['price'],
  signalCodes: ['CONTRACT_EXPIRING'],
  planCode: 'GT128',
  tenureMonths: 40,
  sceneTags: ['family'],
};

describe('offer eligibility', () => {
  it('lets anyone take an offer without conditions', () => {
    expect(isEligible({}, facts)).toBe(true);
    expect(isEligible({ tiers: [], signals: [] }, facts)).toBe(true);
  });

  it('needs every condition to hold', () => {
    expect(isEligible({ tiers: ['churn_warning'], signals: ['CONTRACT_EXPIRING'] }, facts)).toBe(true);
    expect(isEligible({ tiers: ['churn_warning'], signals: ['USAGE_DROP'] }, facts)).toBe(false);
    expect(isEligible({ riskBands: ['low'] }, facts)).toBe(false);
    expect(isEligible({ planCodes: ['MZ18'] }, facts)).toBe(false);
    expect(isEligible({ sceneTags: ['student'] }, facts)).toBe(false);
  });

  it('counts tenure in whole months, the boundary included', () => {
    expect(isEligible({ minTenureMonths: 40 }, facts)).toBe(true);
    expect(isEligible({ minTenureMonths: 41 }, facts)).toBe(false);
  });
});
