import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ArmCounts,
  buildCampaignResults,
  costPerSave,
  cumulativeChurnSeries,
  type ResultsInput,
  resultsStatus,
} from './campaign-results';
import { holdoutBasisPoints, holdoutSizeOf } from './holdout-draw';

function counts(overrides: Partial<ArmCounts> = {}): ArmCounts {
  return {
    members: 0,
    contacted: 0,
    reached: 0,
    accepted: 0,
    churned: 0,
    offerCostFen: 0,
    arpuChange: { n: 0, mean: 0, variance: 0 },
    ...overrides,
  };
}

function input(overrides: Partial<ResultsInput> = {}): ResultsInput {
  return {
    launchDay: '2026-01-01',
    outcomeWindowDays: 90,
    asOf: '2026-02-01',
    minimumPerArm: 100,
    arms: {
      treatment: counts({ members: 1_000, contacted: 800, reached: 600, accepted: 150, churned: 30 }),
      holdout: counts({ members: 250, churned: 25 }),
    },
    strata: [],
    churnByDay: [],
    laterRunId: null,
    ...overrides,
  };
}

describe('holdoutSizeOf', () => {
  it('is round(n × share) with halves up, exactly', () => {
    expect(holdoutSizeOf(25, holdoutBasisPoints(0.1))).toBe(3); // 2.5 → 3
    expect(holdoutSizeOf(24, holdoutBasisPoints(0.1))).toBe(2); // 2.4 → 2
    expect(holdoutSizeOf(7, holdoutBasisPoints(0.5))).toBe(4); // 3.5 → 4
    expect(holdoutSizeOf(4, holdoutBasisPoints(0.1))).toBe(0); // 0.4 → 0
    expect(holdoutSizeOf(100, holdoutBasisPoints(0))).toBe(0);
  });

  it('agrees with exact rational rounding for every size and share in basis points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 5_000 }), (n, bp) => {
        const exact = Math.floor((2 * n * bp + 10_000) / 20_000);
        expect(holdoutSizeOf(n, bp)).toBe(exact);
        expect(holdoutSizeOf(n, bp)).toBeLessThanOrEqual(n);
      }),
    );
  });
});

describe('resultsStatus', () => {
  it('says not enough data while an arm is below the minimum, whatever the date', () => {
    const status = resultsStatus({
      ...input(),
      arms: { treatment: counts({ members: 900 }), holdout: counts({ members: 99 }) },
      asOf: '2027-01-01',
    });
    expect(status.status).toBe('not_enough_data');
    expect(status.note).toEqual({
      code: 'arm_below_minimum',
      params: { minimumPerArm: 100, treatment: 900, holdout: 99 },
    });
  });

  it('is interim until launch day + N, final from then on', () => {
    expect(resultsStatus(input({ asOf: '2026-03-31' })).status).toBe('interim');
    expect(resultsStatus(input({ asOf: '2026-04-01' })).status).toBe('final');
    expect(resultsStatus(input({ asOf: '2026-01-31' })).note.params.daysObserved).toBe(30);
  });
});

describe('costPerSave', () => {
  it('divides offer cost by saves and takes its interval from the uplift bounds', () => {
    // 1,000 treated, uplift 0.07 (0.03 to 0.12): 70 saves (30 to 120) for 21,000 fen.
    const result = costPerSave(21_000, { difference: 0.07, interval: { low: 0.03, high: 0.12 } }, 1_000);
    if (result.estimateFen === null) throw new Error('expected an estimate');
    expect(result.estimateFen).toBeCloseTo(300, 9);
    expect(result.interval.low).toBeCloseTo(175, 9);
    expect(result.interval.high).toBeCloseTo(700, 9);
  });

  it('has no upper bound when the uplift interval reaches 0', () => {
    const result = costPerSave(5_000, { difference: 0.02, interval: { low: -0.01, high: 0.05 } }, 1_000);
    expect(result.estimateFen).toBeCloseTo(250, 9);
    if (result.estimateFen === null) throw new Error('expected an estimate');
    expect(result.interval.high).toBeNull();
  });

  it('is undefined, and says so, when the campaign measured no saves', () => {
    const result = costPerSave(5_000, { difference: -0.01, interval: { low: -0.04, high: 0.02 } }, 1_000);
    expect(result).toEqual({
      totalOfferCostFen: 5_000,
      estimateFen: null,
      note: { code: 'no_measured_saves', params: { uplift: -0.01 } },
    });
    expect(costPerSave(5_000, null, 1_000).estimateFen).toBeNull();
  });
});

describe('cumulativeChurnSeries', () => {
  it('accumulates churn per arm from the launch day to the last observed day', () => {
    const series = cumulativeChurnSeries(
      [
        { arm: 'treatment', day: 0, churned: 1 },
        { arm: 'holdout', day: 1, churned: 2 },
        { arm: 'treatment', day: 3, churned: 1 },
        { arm: 'treatment', day: 9, churned: 5 },
      ],
      { treatment: 10, holdout: 4 },
      '2026-01-30',
      '2026-02-02',
    );
    expect(series.map((p) => p.date)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
    expect(series.map((p) => p.treatment.churned)).toEqual([1, 1, 1, 2]);
    expect(series.map((p) => p.holdout.churned)).toEqual([0, 2, 2, 2]);
    expect(series[3]?.treatment.rate).toBeCloseTo(0.2, 12);
    expect(series[3]?.holdout.rate).toBeCloseTo(0.5, 12);
  });
});

describe('buildCampaignResults', () => {
  it('reports rates with intervals, the uplift against the holdout and the cost per save', () => {
    const results = buildCampaignResults(
      input({
        arms: {
          treatment: counts({
            members: 1_000,
            contacted: 800,
            reached: 600,
            accepted: 150,
            churned: 30,
            offerCostFen: 210_000,
          }),
          holdout: counts({ members: 250, churned: 25 }),
        },
      }),
    );
    expect(results.status).toBe('interim');
    expect(results.contactRate.rate).toBeCloseTo(0.8, 12);
    expect(results.acceptanceRate).toMatchObject({ events: 150, trials: 600, rate: 0.25 });
    expect(results.acceptanceRate.interval.low).toBeLessThan(0.25);
    expect(results.saveRateUplift?.difference).toBeCloseTo(0.07, 12);
    expect(results.saveRateUplift?.interval.low).toBeGreaterThan(0);
    // 70 saves for 210,000 fen.
    expect(results.costPerSave.estimateFen).toBeCloseTo(3_000, 6);
    expect(results.incrementalArpu).toEqual({ note: { code: 'no_later_run', params: {} } });
  });

  it('claims no uplift or cost per save below the minimum sample', () => {
    const results = buildCampaignResults(
      input({
        arms: {
          treatment: counts({ members: 90, churned: 1 }),
          holdout: counts({ members: 10, churned: 3 }),
        },
      }),
    );
    expect(results.status).toBe('not_enough_data');
    expect(results.saveRateUplift).toBeNull();
    expect(results.costPerSave.estimateFen).toBeNull();
    expect(results.churn.holdout.rate).toBeCloseTo(0.3, 12);
  });

  it('compares ARPU changes with Welch when a later run exists', () => {
    const results = buildCampaignResults(
      input({
        laterRunId: 7,
        arms: {
          treatment: counts({ members: 1_000, arpuChange: { n: 8, mean: 150, variance: 646_428.571428571 } }),
          holdout: counts({ members: 250, arpuChange: { n: 5, mean: -900, variance: 735_000 } }),
        },
      }),
    );
    if (!('difference' in results.incrementalArpu)) throw new Error('expected a difference');
    expect(results.incrementalArpu.difference).toBeCloseTo(1_050, 9);
    expect(results.incrementalArpu.interval.low).toBeCloseTo(-46.16, 1);
    expect(results.incrementalArpu.laterRunId).toBe(7);
  });
});
