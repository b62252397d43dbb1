import { describe, expect, it } from 'vitest';
import { PLANS } from '#src/features/demo/plans';
import { OFFER_CATALOGUE } from './offer-catalogue-seed';
import { OFFER_RULES, PLAN_MOVE_KINDS } from './offer-vocabulary';
import { newOfferBodySchema } from './offers.schemas';
import { planFlagsFromName } from './plan-flags';

// The scenario scripts the scripts part seeds (shared names).
const SHARED_SCRIPTS = [
  'retention_service_marketing',
  'retention_competitor_winback',
  'care_revisit',
  'care_key_moment',
  'upsell_new_business',
  'questionnaire_satisfaction',
];

describe('seeded offer catalogue', () => {
  const parsed = OFFER_CATALOGUE.map((seed) => newOfferBodySchema.safeParse(seed));
  const offers = parsed.flatMap((p) => (p.success ? [p.data] : []));

  it('passes the same validation as an analyst’s offer', () => {
    expect(parsed.filter((p) => !p.success).map((p) => p.error?.issues)).toEqual([]);
  });

  it('has at least 16 offers with unique codes, covering all five retention rules', () => {
    expect(offers.length).toBeGreaterThanOrEqual(16);
    expect(new Set(offers.map((o) => o.code)).size).toBe(offers.length);
    for (const rule of OFFER_RULES) expect(offers.filter((o) => o.rule === rule).length).toBeGreaterThan(0);
  });

  it('refers only to plans of the demo catalogue, moving people only onto plans on sale', () => {
    const plans = new Map(PLANS.map((p) => [p.code, p]));
    for (const offer of offers) {
      for (const code of offer.eligibility.planCodes ?? []) expect(plans.has(code), code).toBe(true);
      if (offer.targetPlanCode !== null) expect(plans.get(offer.targetPlanCode)?.isActive).toBe(true);
      if (PLAN_MOVE_KINDS.includes(offer.kind)) expect(offer.targetPlanCode).not.toBeNull();
    }
  });

  it('uses only the shared script codes', () => {
    for (const offer of offers) {
      if (offer.scriptCode !== null) expect(SHARED_SCRIPTS).toContain(offer.scriptCode);
    }
  });

  it('holds the offers other parts and the seed material name', () => {
    const codes = offers.map((o) => o.code);
    expect(codes).toEqual(
      expect.arrayContaining(['BILL_DISCOUNT_20', 'NIGHT_DATA_PACK', 'FAMILY_PLAN_128', 'CLUB_YOGA']),
    );
  });
});

describe('planFlagsFromName', () => {
  it('reads the kind of plan from the published names of the demo catalogue', () => {
    const flagged = (flag: 'studentOnly' | 'family' | 'nightData') =>
      PLANS.filter((p) => planFlagsFromName(p.name)[flag]).map((p) => p.code);
    expect(flagged('studentOnly')).toEqual(PLANS.filter((p) => p.studentOnly).map((p) => p.code));
    expect(flagged('nightData')).toEqual(PLANS.filter((p) => p.nightPack).map((p) => p.code));
    expect(flagged('family')).toEqual(['EO39']);
  });
});
