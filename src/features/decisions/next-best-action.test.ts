import { describe, expect, it } from 'vitest';
import { buildCandidate, buildOffer } from './build-candidate';
import { DEFAULT_DECISION_SETTINGS, type DecisionSettings, parseDecisionSettings } from './decision-settings';
import { bestAction, retentionBudgetFen, scoreActions } from './next-best-action';
import { estimatedPSaveTable, priorPSaveTable } from './p-save';

const RETENTION = ['retention_call', 'no_action'] as const;
const CARE = ['care_call', 'care_sms', 'no_action'] as const;
const settings = DEFAULT_DECISION_SETTINGS;
const priors = priorPSaveTable(settings);

describe('scoreActions', () => {
  it('scores a retention call as P(churn) × value at risk × P(save) − cost, without counting P(churn) twice', () => {
    const candidate = buildCandidate();
    const [best] = scoreActions(candidate, RETENTION, [], settings, priors);
    // No offer: P(save) = 0.2 (churn_warning prior) × 0.5 (no offer); value = 158 CNY × 6 months × weight 1.
    const expected = 0.5 * 15_800 * 6 * 0.2 * 0.5 - 600;
    expect(best?.action).toBe('retention_call');
    expect(best?.expectedValueFen).toBe(Math.round(expected));
    expect(best?.offerCode).toBeNull();
    expect(best?.reasons.map((r) => r.code)).toEqual(['risk', 'value_at_risk', 'p_save', 'cost']);
  });

  it('presents the best offer within budget and names the ones over it', () => {
    // Budget: 10% of 158 × 12 CNY = 189.60 CNY.
    const candidate = buildCandidate();
    expect(retentionBudgetFen(candidate, settings)).toBe(18_960);
    const offers = [
      buildOffer({ code: 'BILL_DISCOUNT_20', costFen: 2_000 }),
      buildOffer({ code: 'HANDSET_SUBSIDY', kind: 'handset', costFen: 50_000 }),
      buildOffer({ code: 'CLUB_YOGA', rule: 'relationship', kind: 'circle_care', costFen: 3_000 }),
    ];
    const [best] = scoreActions(candidate, RETENTION, offers, settings, priors);
    expect(best?.offerCode).toBe('BILL_DISCOUNT_20');
    expect(best?.costFen).toBe(2_600);
    expect(best?.reasons).toContainEqual({
      code: 'offer_within_budget',
      params: { offerCode: 'BILL_DISCOUNT_20', offerCostFen: 2_000, budgetFen: 18_960 },
    });
    expect(best?.reasons).toContainEqual({
      code: 'budget_exceeded',
      params: { offers: 1, budgetFen: 18_960 },
    });
  });

  it('skips offers the candidate is not eligible for or that cannot be said on a call', () => {
    const offers = [
      buildOffer({ code: 'STUDENT_PACK', costFen: 2_000, eligibility: { sceneTags: ['student'] } }),
      buildOffer({ code: 'SMS_ONLY', channel: 'sms' }),
    ];
    const [best] = scoreActions(buildCandidate(), RETENTION, offers, settings, priors);
    expect(best?.offerCode).toBeNull();
    const student = scoreActions(
      buildCandidate({ sceneTags: ['student'] }),
      RETENTION,
      offers,
      settings,
      priors,
    );
    expect(student[0]?.offerCode).toBe('STUDENT_PACK');
  });

  it('chooses no_action when the expected value does not reach the minimum', () => {
    const scores = scoreActions(buildCandidate({ probability: 0.01 }), RETENTION, [], settings, priors);
    expect(scores.map((s) => s.action)).toEqual(['no_action', 'retention_call']);
    expect(scores[1]?.reasons.at(-1)).toEqual({
      code: 'below_minimum',
      params: { minExpectedValueFen: settings.minExpectedValueFen },
    });
  });

  it('weights value by tier and VIP kind', () => {
    const base = scoreActions(buildCandidate({ tier: 'ordinary' }), RETENTION, [], settings, priors)[0];
    const vip = scoreActions(
      buildCandidate({ tier: 'ordinary', vipKind: 'both' }),
      RETENTION,
      [],
      settings,
      priors,
    )[0];
    expect(vip?.expectedValueFen ?? 0).toBeGreaterThan(base?.expectedValueFen ?? 0);
    expect(vip?.reasons).toContainEqual({ code: 'vip_boost', params: { vipKind: 'both', boost: 0.2 } });
  });

  it('raises care P(save) on a key moment and never gives care an offer', () => {
    const offers = [buildOffer({ channel: 'any' })];
    const plain = scoreActions(buildCandidate(), CARE, offers, settings, priors);
    const moment = scoreActions(buildCandidate({ hasKeyMoment: true }), CARE, offers, settings, priors);
    const careCall = (s: typeof plain) => s.find((x) => x.action === 'care_call');
    expect(careCall(moment)?.pSave).toBeCloseTo((careCall(plain)?.pSave ?? 0) * 2);
    expect(careCall(moment)?.reasons.map((r) => r.code)).toContain('care_moment');
    expect([...plain, ...moment].every((s) => s.offerCode === null)).toBe(true);
    expect(moment.find((x) => x.action === 'care_sms')?.costFen).toBe(10);
  });

  it('values an upsell by the ARPU gain of the target plan, not by churn', () => {
    const offers = [
      buildOffer({
        code: 'FAMILY_PLAN_128',
        rule: 'product',
        kind: 'plan_change',
        costFen: 0,
        targetPlanFeeFen: 12_800,
      }),
      buildOffer({
        code: 'DOWNGRADE_58',
        rule: 'product',
        kind: 'plan_change',
        costFen: 0,
        targetPlanFeeFen: 5_800,
      }),
    ];
    const candidate = buildCandidate({ monthlyValueFen: 9_800, probability: 0.01, tier: 'potential' });
    const [best] = scoreActions(candidate, ['upsell_call', 'no_action'], offers, settings, priors);
    expect(best?.action).toBe('upsell_call');
    expect(best?.offerCode).toBe('FAMILY_PLAN_128');
    // 30 CNY a month × 6 months × P(accept) 0.15 − 6 CNY call.
    expect(best?.expectedValueFen).toBe(Math.round(3_000 * 6 * 0.15 - 600));
    expect(best?.reasons[0]).toEqual({
      code: 'upsell_gain',
      params: { offerCode: 'FAMILY_PLAN_128', monthlyGainFen: 3_000, horizonMonths: 6 },
    });
  });

  it('leaves out an upsell when no offer raises the bill, and disabled actions', () => {
    const offers = [buildOffer({ code: 'DOWNGRADE_58', kind: 'plan_change', targetPlanFeeFen: 5_800 })];
    const scores = scoreActions(buildCandidate(), ['upsell_call', 'no_action'], offers, settings, priors);
    expect(scores.map((s) => s.action)).toEqual(['no_action']);
    const off: DecisionSettings = parseDecisionSettings({ actions: { retention_call: { enabled: false } } });
    expect(
      scoreActions(buildCandidate(), RETENTION, [], off, priorPSaveTable(off)).map((s) => s.action),
    ).toEqual(['no_action']);
  });

  it('uses re-estimated P(save) when outcomes are recorded', () => {
    const estimated = estimatedPSaveTable(settings, [
      { action: 'retention_call', tier: 'churn_warning', trials: 80, saves: 40 },
    ]);
    // (0.2 × 20 + 40) / (20 + 80) = 0.44
    expect(estimated.get('retention_call', 'churn_warning')).toBeCloseTo(0.44);
    expect(estimated.get('retention_call', 'ordinary')).toBe(0.25);
    const before = bestAction(buildCandidate(), RETENTION, [], settings, priors);
    const after = bestAction(buildCandidate(), RETENTION, [], settings, estimated);
    expect(after.pSave).toBeCloseTo(0.22);
    expect(after.expectedValueFen).toBeGreaterThan(before.expectedValueFen);
  });

  it('offers care, never a sale, while a ticket is open, and says why', () => {
    const offers = [buildOffer({ code: 'BILL_DISCOUNT_20', costFen: 2_000 })];
    const open = buildCandidate({ openTicket: true, probability: 0.8 });
    const ranked = scoreActions(
      open,
      ['retention_call', 'upsell_call', 'care_call', 'care_sms', 'no_action'],
      offers,
      settings,
      priors,
    );
    expect(ranked.map((s) => s.action).sort()).toEqual(['care_call', 'care_sms', 'no_action']);
    expect(ranked[0]?.action).toBe('care_call');
    expect(ranked[0]?.reasons.at(-1)).toEqual({ code: 'open_ticket', params: {} });
    // A retention campaign allows no care: nothing is done until the ticket is closed.
    expect(bestAction(open, RETENTION, offers, settings, priors).action).toBe('no_action');
    // The same subscriber without the ticket is sold to.
    expect(bestAction({ ...open, openTicket: false }, RETENTION, offers, settings, priors).offerCode).toBe(
      'BILL_DISCOUNT_20',
    );
  });

  it('gives no_action when nothing is allowed', () => {
    expect(bestAction(buildCandidate(), [], [], settings, priors).action).toBe('no_action');
  });
});
