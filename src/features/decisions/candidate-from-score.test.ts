import { describe, expect, it } from 'vitest';
import { candidateFromScore, hasKeyMomentBy, tenureMonthsOn } from './candidate-from-score';
import { renderDecisionReason } from './decision-reason-text';

describe('candidateFromScore', () => {
  it('counts whole months of tenure as scoring does, the join day reached at a short month’s end', () => {
    expect(tenureMonthsOn('2024-01-15', '2024-03-14')).toBe(1);
    expect(tenureMonthsOn('2024-01-15', '2024-03-15')).toBe(2);
    expect(tenureMonthsOn('2024-01-31', '2024-02-29')).toBe(1);
    expect(tenureMonthsOn('2024-05-01', '2024-04-30')).toBe(0);
  });

  it('sees a key moment due within the window, or overdue, but not one later', () => {
    const moments = (dueDate: string) => [{ code: 'BIRTHDAY_CARE', dueDate, params: {} }];
    expect(hasKeyMomentBy(moments('2026-04-22'), '2026-04-22')).toBe(true);
    expect(hasKeyMomentBy(moments('2026-04-01'), '2026-04-22')).toBe(true);
    expect(hasKeyMomentBy(moments('2026-04-23'), '2026-04-22')).toBe(false);
    expect(hasKeyMomentBy(null, '2026-04-22')).toBe(false);
    expect(hasKeyMomentBy([{ code: 'X' }], '2026-04-22')).toBe(false);
  });

  it('takes monthly value from 3-month ARPU, not from revenue at risk (which already holds P(churn))', () => {
    const candidate = candidateFromScore(
      {
        subscriberId: 7,
        probability: 0.4,
        riskBand: 'high',
        tier: 'churn_warning',
        lifecycleStage: 'decline',
        vipKind: 'none',
        segments: ['price'],
        signalCodes: ['USAGE_DROP'],
        keyMoments: [{ code: 'BIRTHDAY_CARE', dueDate: '2026-04-20', params: {} }],
        arpu3Fen: 15_800,
        revenueAtRiskFen: 6_320,
      },
      { joinDate: '2020-04-15', planCode: 'GT128', sceneTags: ['family'] },
      { onDay: '2026-04-15', keyMomentWindowDays: 7 },
    );
    expect(candidate).toEqual(
      expect.objectContaining({
        monthlyValueFen: 15_800,
        tenureMonths: 72,
        hasKeyMoment: true,
        planCode: 'GT128',
      }),
    );
  });
});

describe('renderDecisionReason', () => {
  it('renders a reason in Chinese and English, and an unknown code as itself', () => {
    const reason = {
      code: 'offer_within_budget',
      params: { offerCode: 'BILL_DISCOUNT_20', offerCostFen: 2_000, budgetFen: 18_960 },
    };
    expect(renderDecisionReason(reason, 'zh-CN')).toBe(
      '优惠BILL_DISCOUNT_20成本20.00元，在维系预算189.60元以内',
    );
    expect(renderDecisionReason(reason, 'en')).toBe(
      'Offer BILL_DISCOUNT_20 costs ¥20.00, within the budget of ¥189.60',
    );
    expect(renderDecisionReason({ code: 'mystery', params: {} }, 'en')).toBe('mystery');
  });
});
