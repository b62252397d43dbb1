import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import { DEFAULT_SCORING_SETTINGS as S } from '#src/features/scoring/settings/scoring-settings';
import { buildFeatures, buildPopulation } from './build-features';
import { evaluateRules } from './evaluate-rules';
import { renderKeyMoment, renderSignalEvidence } from './evidence-text';
import { RISK_BANDS } from './risk-band';

const population = buildPopulation();

describe('evaluateRules', () => {
  it('describes the quiet default subscriber', () => {
    expect(evaluateRules(buildFeatures(), population, S, 0.04)).toEqual({
      inTargetPool: true,
      vipKind: 'none',
      contributionClass: 'ordinary',
      tier: 'ordinary',
      tierReason: 'silence_wake_up',
      lifecycleStage: 'mature',
      signals: [],
      segments: [],
      keyMoments: [],
      riskBand: 'low',
      revenueAtRiskFen: Math.round(15_790 * 0.04),
    });
  });

  it('describes a high-value subscriber on the way out', () => {
    const f = buildFeatures({
      arpu3Fen: 32_000,
      vipLevel: 'diamond',
      spendFen: [33_000, 33_500, 34_000, 32_000, 30_000, 26_000],
      competitorHotlineCalls30: 2,
      lastCompetitorHotlineDate: '2026-10-21',
      handsetModel: 'HUAWEI Mate 60 Pro',
    });
    const outcome = evaluateRules(f, population, S, 0.62);
    expect(outcome).toMatchObject({
      inTargetPool: true,
      vipKind: 'both',
      contributionClass: 'high',
      tier: 'churn_warning',
      tierReason: 'arpu_decline',
      lifecycleStage: 'decline',
      segments: ['brand'],
      riskBand: 'very_high',
      revenueAtRiskFen: Math.round(32_000 * 0.62),
    });
    expect(outcome.signals.map((s) => s.code)).toEqual(['COMPETITOR_HOTLINE', 'ARPU_DECLINE']);
    expect(outcome.keyMoments).toEqual([
      { code: 'LEAVING_RETENTION', dueDate: '2026-11-03', params: { reason: 'arpu_decline' } },
    ]);
  });

  it('scales revenue at risk by the horizon, and is 0 without an ARPU', () => {
    const settings = structuredClone(S);
    settings.model.horizonMonths = 3;
    expect(
      evaluateRules(buildFeatures({ arpu3Fen: 10_000 }), population, settings, 0.5).revenueAtRiskFen,
    ).toBe(15_000);
    expect(evaluateRules(buildFeatures({ arpu3Fen: null }), population, S, 0.9).revenueAtRiskFen).toBe(0);
  });

  it('treats a probability that is not a number as no risk', () => {
    const outcome = evaluateRules(buildFeatures(), population, S, Number.NaN);
    expect(outcome.riskBand).toBe('low');
    expect(outcome.revenueAtRiskFen).toBe(0);
  });

  const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
  const series = (max: number) =>
    fc.array(nullable(fc.integer({ min: 0, max })), { minLength: 6, maxLength: 6 });
  const anyFeatures: fc.Arbitrary<SubscriberFeatures> = fc
    .record({
      status: fc.constantFrom('active', 'arrears_suspended', 'churned'),
      daysInStatus: fc.integer({ min: 0, max: 5000 }),
      tenureMonths: fc.integer({ min: 0, max: 400 }),
      birthDate: nullable(fc.constantFrom('1950-02-28', '2000-02-29', '2003-11-05', '1986-10-31')),
      isGroupCustomer: fc.boolean(),
      vipLevel: fc.constantFrom('none', 'silver', 'gold', 'platinum', 'diamond'),
      handsetModel: nullable(fc.constantFrom('Apple iPhone 15', 'Redmi Note 13', '')),
      contractDaysLeft: nullable(fc.integer({ min: 0, max: 900 })),
      spendFen: series(80_000),
      minutes: series(3_000),
      dataMb: series(100_000),
      overageFen: series(20_000),
      arpu3Fen: nullable(fc.integer({ min: 0, max: 80_000 })),
      usageDays30: fc.integer({ min: 0, max: 30 }),
      zeroCallDays30: fc.integer({ min: 0, max: 30 }),
      longestZeroCallStreak30: fc.integer({ min: 0, max: 30 }),
      distinctContacts30: fc.integer({ min: 0, max: 2_000 }),
      competitorHotlineCalls30: fc.integer({ min: 0, max: 5 }),
      competitorMarketingContacts30: fc.integer({ min: 0, max: 5 }),
      complaints90: fc.integer({ min: 0, max: 5 }),
      overdueComplaints: fc.integer({ min: 0, max: 2 }),
      consultations180: fc.integer({ min: 0, max: 5 }),
      serviceContacts90: fc.integer({ min: 0, max: 5 }),
      lastBusinessContactDate: nullable(fc.constantFrom('2026-10-30', '2026-09-01')),
      lastComplaintResolvedDate: nullable(fc.constantFrom('2026-10-30', '2026-06-01')),
    })
    .map(({ contractDaysLeft, ...rest }) =>
      buildFeatures({
        ...rest,
        contractDaysLeft,
        contractEnd: contractDaysLeft === null ? null : '2027-01-15',
      }),
    );

  it('never throws, never yields NaN, and renders every signal and moment in both locales', () => {
    fc.assert(
      fc.property(anyFeatures, fc.double({ min: 0, max: 1, noNaN: true }), (f, p) => {
        const outcome = evaluateRules(f, population, S, p);
        expect(Number.isInteger(outcome.revenueAtRiskFen)).toBe(true);
        expect(outcome.revenueAtRiskFen).toBeGreaterThanOrEqual(0);
        for (const locale of ['zh-CN', 'en'] as const) {
          for (const signal of outcome.signals) {
            expect(renderSignalEvidence(signal, locale)).not.toMatch(/NaN|undefined|null/);
          }
          for (const moment of outcome.keyMoments) {
            expect(moment.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(moment.dueDate >= f.asOf).toBe(true);
            expect(renderKeyMoment(moment, locale)).not.toMatch(/NaN|undefined|null/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives a risk band that never falls as the probability rises', () => {
    fc.assert(
      fc.property(
        anyFeatures,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (f, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const low = evaluateRules(f, population, S, lo);
          const high = evaluateRules(f, population, S, hi);
          expect(RISK_BANDS.indexOf(low.riskBand)).toBeLessThanOrEqual(RISK_BANDS.indexOf(high.riskBand));
          expect(low.revenueAtRiskFen).toBeLessThanOrEqual(high.revenueAtRiskFen);
        },
      ),
      { numRuns: 200 },
    );
  });
});
