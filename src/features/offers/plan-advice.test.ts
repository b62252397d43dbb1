import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AdviceOffer,
  advisePlans,
  type CataloguePlan,
  DEFAULT_PLAN_ADVICE_SETTINGS,
  type PlanAdviceInput,
} from './plan-advice';
import type { MonthUsage } from './plan-cost';

const plan = (code: string, overrides: Partial<CataloguePlan> = {}): CataloguePlan => ({
  code,
  name: code,
  monthlyFeeFen: 12_800,
  includedMinutes: 500,
  includedDataMb: 30_720,
  includedSms: 100,
  overageVoiceFenPerMinute: 19,
  overageDataFenPerMb: 10,
  overageSmsFen: 10,
  onSale: true,
  studentOnly: false,
  family: false,
  nightData: false,
  ...overrides,
});

// The seed's case [002]: "原来用19元套餐,每月流量超支要花80元,辦了59元大流量套餐后,每月省了40元".
const P19 = plan('P19', { monthlyFeeFen: 1_900, includedMinutes: 100, includedDataMb: 1_024 });
// Cheaper than P59 on a month's fee, but 1.5 GB does not cover 1.8 GB of use.
const P39 = plan('P39', { monthlyFeeFen: 3_900, includedMinutes: 200, includedDataMb: 1_536 });
const P59 = plan('P59', { monthlyFeeFen: 5_900, includedMinutes: 300, includedDataMb: 20_480 });
const P128 = plan('P128', { monthlyFeeFen: 12_800, includedMinutes: 500, includedDataMb: 30_720 });

// 800 MB over 1 GB at 0.10 yuan/MB = 80 yuan of overage each month.
const heavyOnP19: MonthUsage[] = [
  { minutes: 90, dataMb: 1_824, sms: 0 },
  { minutes: 95, dataMb: 1_824, sms: 0 },
  { minutes: 80, dataMb: 1_824, sms: 0 },
];

const input = (overrides: Partial<PlanAdviceInput> = {}): PlanAdviceInput => ({
  catalogue: [P19, P39, P59, P128],
  currentPlanCode: 'P19',
  months: heavyOnP19,
  nightDataShare: 0.05,
  sceneTags: [],
  offers: [],
  ...overrides,
});

describe('advisePlans', () => {
  it('moves a 19 yuan plan paying 80 yuan of overage to the 59 yuan plan, saving 40 a month', () => {
    const advice = advisePlans(input());
    expect(advice.current).toEqual({
      code: 'P19',
      averageFen: 9_900,
      overageMonths: 3,
      averageOverageFen: 8_000,
    });
    expect(advice.recommendations).toHaveLength(1);
    const [move] = advice.recommendations;
    expect(move).toMatchObject({ kind: 'cheaper_plan', targetPlanCode: 'P59', monthlyDifferenceFen: -4_000 });
    expect(move?.reasons.map((r) => r.code)).toEqual(['PLAN_SAVES_MONEY', 'HABITUAL_OVERAGE']);
    expect(move?.reasons[0]?.params).toMatchObject({ savingFen: 4_000, currentAverageFen: 9_900 });
    expect(move?.reasons[1]?.params).toMatchObject({ overageMonths: 3, months: 3, averageOverageFen: 8_000 });
  });

  it('prices every plan, cheapest first, with the saving against the current plan', () => {
    const { plans } = advisePlans(input());
    expect(plans.map((p) => [p.code, p.averageFen, p.savingFen, p.coversUse])).toEqual([
      ['P59', 5_900, 4_000, true],
      ['P39', 6_780, 3_120, false],
      ['P19', 9_900, 0, false],
      ['P128', 12_800, -2_900, true],
    ]);
    expect(plans.find((p) => p.code === 'P19')?.proposable).toBe(false);
  });

  it('never proposes a plan that leaves overage, even when it is cheaper on average', () => {
    const advice = advisePlans(input({ catalogue: [P19, P39, P128] }));
    expect(advice.recommendations.map((r) => r.targetPlanCode)).not.toContain('P39');
  });

  it('proposes nothing to a subscriber whose plan already fits', () => {
    const light = [1, 2, 3].map(() => ({ minutes: 90, dataMb: 900, sms: 0 }));
    expect(advisePlans(input({ months: light })).recommendations).toEqual([]);
  });

  it('ignores a saving below the threshold, and the threshold is a setting', () => {
    // One month 1,350 MB over (13,500 fen): P19 averages 1,900 + 4,500 = 6,400; P59 would save 500.
    const months = [
      { minutes: 90, dataMb: 900, sms: 0 },
      { minutes: 90, dataMb: 900, sms: 0 },
      { minutes: 90, dataMb: 1_024 + 1_350, sms: 0 },
    ];
    const catalogue = [P19, P59, P128];
    expect(advisePlans(input({ catalogue, months })).recommendations).toEqual([]);
    const eager = { ...DEFAULT_PLAN_ADVICE_SETTINGS, minSavingFen: 500 };
    expect(advisePlans(input({ catalogue, months }), eager).recommendations).toMatchObject([
      { kind: 'cheaper_plan', targetPlanCode: 'P59', monthlyDifferenceFen: -500 },
    ]);
  });

  it('proposes a better-fitting plan for habitual overage even at a small extra cost', () => {
    // 300 MB over each month: 1,900 + 3,000 = 4,900 now; P59 costs 1,000 more but ends the bill shock.
    const months = [1, 2, 3].map(() => ({ minutes: 90, dataMb: 1_324, sms: 0 }));
    const advice = advisePlans(input({ catalogue: [P19, P59, P128], months }));
    expect(advice.recommendations).toEqual([
      {
        kind: 'fitting_plan',
        targetPlanCode: 'P59',
        offerCode: null,
        monthlyDifferenceFen: 1_000,
        reasons: [
          {
            code: 'HABITUAL_OVERAGE',
            params: { currentPlan: 'P19', overageMonths: 3, months: 3, averageOverageFen: 3_000 },
          },
        ],
      },
    ]);
  });

  it('does not call one month of overage a habit', () => {
    const months = [
      { minutes: 90, dataMb: 900, sms: 0 },
      { minutes: 90, dataMb: 900, sms: 0 },
      { minutes: 90, dataMb: 1_324, sms: 0 },
    ];
    expect(advisePlans(input({ catalogue: [P19, P59], months })).recommendations).toEqual([]);
  });

  it('names the offer that carries a plan move', () => {
    const offers: AdviceOffer[] = [
      { code: 'BILL_DISCOUNT_20', kind: 'bill_discount', targetPlanCode: null },
      { code: 'PLAN_MOVE_59', kind: 'plan_change', targetPlanCode: 'P59' },
    ];
    expect(advisePlans(input({ offers })).recommendations[0]?.offerCode).toBe('PLAN_MOVE_59');
  });

  it('does not propose withdrawn plans or student plans to non-students', () => {
    const withdrawn = { ...P59, code: 'OLD59', onSale: false };
    const campus = plan('CAMPUS', { monthlyFeeFen: 1_800, includedDataMb: 15_360, studentOnly: true });
    const catalogue = [P19, withdrawn, campus, P128];
    const targets = (sceneTags: string[]) =>
      advisePlans(input({ catalogue, sceneTags })).recommendations.map((r) => r.targetPlanCode);
    // Only P128 is left to a non-student: it covers the use at 29 yuan more, a fitting plan.
    expect(targets([])).toEqual(['P128']);
    expect(targets(['student'])).toEqual(['CAMPUS']);
  });

  it('does not move a family off a family plan onto a single-line plan', () => {
    const family = plan('FAM', { family: true, monthlyFeeFen: 12_800 });
    const light = [1, 2, 3].map(() => ({ minutes: 90, dataMb: 900, sms: 0 }));
    const advice = advisePlans(input({ catalogue: [P19, family], currentPlanCode: 'FAM', months: light }));
    expect(advice.plans.find((p) => p.code === 'P19')?.proposable).toBe(false);
    expect(advice.recommendations).toEqual([]);
  });

  describe('night pack', () => {
    const nightOffer: AdviceOffer = { code: 'NIGHT_DATA_PACK', kind: 'night_pack', targetPlanCode: null };
    const streamer = [1, 2, 3].map(() => ({ minutes: 300, dataMb: 31_320, sms: 0 }));

    it('proposes the pack for a night-time data peak, with the overage it saves', () => {
      // On P128: 600 MB over at 0.10 yuan = 6,000 fen. 40% at night = 12,528 MB, capped at the
      // pack's 10,240 MB: day use 21,080 MB fits. 12,800 + 1,000 pack vs 18,800 → 5,000 less.
      const advice = advisePlans(
        input({ currentPlanCode: 'P128', months: streamer, nightDataShare: 0.4, offers: [nightOffer] }),
      );
      const pack = advice.recommendations.find((r) => r.kind === 'night_pack');
      expect(pack).toEqual({
        kind: 'night_pack',
        targetPlanCode: null,
        offerCode: 'NIGHT_DATA_PACK',
        monthlyDifferenceFen: -5_000,
        reasons: [
          {
            code: 'NIGHT_DATA_PEAK',
            params: { nightSharePct: 40, averageNightDataMb: 12_528, packFeeFen: 1_000 },
          },
        ],
      });
    });

    it('stays quiet below the night threshold, without the offer, or on a plan with night data', () => {
      const base = { currentPlanCode: 'P128', months: streamer, offers: [nightOffer] };
      const kinds = (i: PlanAdviceInput) => advisePlans(i).recommendations.map((r) => r.kind);
      expect(kinds(input({ ...base, nightDataShare: 0.2 }))).not.toContain('night_pack');
      expect(kinds(input({ ...base, nightDataShare: null }))).not.toContain('night_pack');
      expect(kinds(input({ ...base, nightDataShare: 0.4, offers: [] }))).not.toContain('night_pack');
      const nightPlan = { ...P128, nightData: true };
      expect(kinds(input({ ...base, nightDataShare: 0.4, catalogue: [P19, P59, nightPlan] }))).not.toContain(
        'night_pack',
      );
    });

    it('prices a plan with night data on day-time use only', () => {
      const owl = plan('OWL', {
        monthlyFeeFen: 2_800,
        includedMinutes: 300,
        includedDataMb: 20_480,
        nightData: true,
      });
      const months = [1, 2, 3].map(() => ({ minutes: 100, dataMb: 25_000, sms: 0 }));
      const advice = advisePlans(
        input({ catalogue: [P59, owl, P128], currentPlanCode: 'P128', months, nightDataShare: 0.3 }),
      );
      // 25,000 × 0.3 = 7,500 MB at night → 17,500 MB by day fits OWL's 20 GB.
      expect(advice.plans.find((p) => p.code === 'OWL')).toMatchObject({
        averageFen: 2_800,
        coversUse: true,
      });
      expect(advice.recommendations[0]).toMatchObject({ kind: 'cheaper_plan', targetPlanCode: 'OWL' });
    });
  });

  describe('family plan', () => {
    const FAMILY = plan('FAM128', { family: true, monthlyFeeFen: 12_800, includedDataMb: 51_200 });
    const P98 = plan('P98', { monthlyFeeFen: 9_800, includedMinutes: 500, includedDataMb: 30_720 });
    const family = [1, 2, 3].map(() => ({ minutes: 400, dataMb: 25_000, sms: 0 }));
    const offers: AdviceOffer[] = [
      { code: 'FAMILY_PLAN_128', kind: 'family_plan', targetPlanCode: 'FAM128' },
    ];

    it('proposes the family plan for the family scene, with what it adds to the bill (98 → 128)', () => {
      const advice = advisePlans(
        input({
          catalogue: [P98, FAMILY],
          currentPlanCode: 'P98',
          months: family,
          sceneTags: ['family'],
          offers,
        }),
      );
      expect(advice.recommendations).toEqual([
        {
          kind: 'family_plan',
          targetPlanCode: 'FAM128',
          offerCode: 'FAMILY_PLAN_128',
          monthlyDifferenceFen: 3_000,
          reasons: [{ code: 'FAMILY_SCENE', params: { currentPlan: 'P98', targetPlan: 'FAM128' } }],
        },
      ]);
    });

    it('counts the target of a family-plan offer as a family plan', () => {
      const P128 = { ...FAMILY, family: false };
      const months = family;
      const advise = (offersToday: AdviceOffer[]) =>
        advisePlans(
          input({
            catalogue: [P98, P128],
            currentPlanCode: 'P98',
            months,
            sceneTags: ['family'],
            offers: offersToday,
          }),
        ).recommendations;
      expect(advise(offers)).toMatchObject([{ kind: 'family_plan', targetPlanCode: 'FAM128' }]);
      expect(advise([])).toEqual([]);
    });

    it('does not propose it without the family scene or to a family already on one', () => {
      const base = { catalogue: [P98, FAMILY], months: family, offers };
      expect(advisePlans(input({ ...base, currentPlanCode: 'P98' })).recommendations).toEqual([]);
      const onFamily = advisePlans(input({ ...base, currentPlanCode: 'FAM128', sceneTags: ['family'] }));
      expect(onFamily.recommendations).toEqual([]);
    });
  });

  it('gives no advice without months of use or for a plan missing from the catalogue', () => {
    expect(advisePlans(input({ months: [] }))).toEqual({
      monthsUsed: 0,
      current: null,
      plans: [],
      recommendations: [],
    });
    const unknown = advisePlans(input({ currentPlanCode: 'GONE' }));
    expect(unknown.current).toBeNull();
    expect(unknown.recommendations).toEqual([]);
    expect(unknown.plans.every((p) => p.savingFen === null)).toBe(true);
  });

  it('only ever proposes plans that cover the use, are on sale and are not the current plan (property)', () => {
    const month = fc.record({
      minutes: fc.integer({ min: 0, max: 3_000 }),
      dataMb: fc.integer({ min: 0, max: 120_000 }),
      sms: fc.constant(0),
    });
    const catalogue = [P19, P39, P59, P128, { ...P59, code: 'OLD', onSale: false }];
    fc.assert(
      fc.property(
        fc.array(month, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('P19', 'P39', 'P59', 'P128', 'OLD'),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (months, currentPlanCode, nightDataShare) => {
          const advice = advisePlans(input({ catalogue, currentPlanCode, months, nightDataShare }));
          for (const r of advice.recommendations) {
            const target = advice.plans.find((p) => p.code === r.targetPlanCode);
            if (!target) continue;
            expect(target.proposable && target.coversUse).toBe(true);
            expect(r.monthlyDifferenceFen).toBe(target.averageFen - (advice.current?.averageFen ?? 0));
            if (r.kind === 'cheaper_plan') {
              expect(r.monthlyDifferenceFen).toBeLessThanOrEqual(-DEFAULT_PLAN_ADVICE_SETTINGS.minSavingFen);
            }
          }
        },
      ),
    );
  });
});
