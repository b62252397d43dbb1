import type { DecisionCandidate, DecisionOffer } from './decision-types';

/**
 * Test factories: a churn-warning 全球通 subscriber spending 158 yuan a month who called a
 * competitor's hotline, and a 20-yuan bill-discount call offer anyone may take. Overrides replace
 * fields as given.
 */
export function buildCandidate(overrides: Partial<DecisionCandidate> = {}): DecisionCandidate {
  return {
    subscriberId: 1,
    probability: 0.5,
    monthlyValueFen: 15_800,
    revenueAtRiskFen: 7_900,
    tier: 'churn_warning',
    riskBand: 'high',
    segments: [],
    signalCodes: ['COMPETITOR_HOTLINE'],
    lifecycleStage: 'decline',
    vipKind: 'none',
    planCode: 'GT128',
    tenureMonths: 40,
    sceneTags: [],
    hasKeyMoment: false,
    openTicket: false,
    ...overrides,
  };
}

export function buildOffer(overrides: Partial<DecisionOffer> = {}): DecisionOffer {
  return {
    code: 'BILL_DISCOUNT_20',
    rule: 'cost',
    kind: 'bill_discount',
    costFen: 6_000,
    channel: 'call',
    eligibility: {},
    ...overrides,
  };
}
