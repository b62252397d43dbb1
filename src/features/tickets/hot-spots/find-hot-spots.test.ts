import { describe, expect, it } from 'vitest';
import { Rng } from '#src/features/demo/random';
import { TICKET_CATEGORIES, type TicketCategory } from '#src/features/tickets/sla/sla-matrix';
import {
  benjaminiHochberg,
  DEFAULT_HOT_SPOT_SETTINGS,
  findHotSpots,
  type HotSpotCell,
  HotSpotSettingsError,
  parseHotSpotSettings,
} from './find-hot-spots';

const WEEK = '2026-W47';
const FLAT_FIVE = [5, 5, 5, 5, 5, 5, 5, 5];

function buildCell(overrides: Partial<HotSpotCell> = {}): HotSpotCell {
  return { area: '天河', category: 'network_signal', observed: 5, history: FLAT_FIVE, ...overrides };
}

/** Weekly counts for areas × categories, each cell at its own steady rate, with no hot spot. */
function noisyCells(seed: number, areaCount: number): HotSpotCell[] {
  const rng = new Rng(seed);
  const cells: HotSpotCell[] = [];
  for (let a = 0; a < areaCount; a += 1) {
    for (const category of TICKET_CATEGORIES) {
      const rate = rng.between(0.2, 12);
      const history = Array.from({ length: 8 }, () => rng.poisson(rate));
      cells.push({ area: `area-${a}`, category, observed: rng.poisson(rate), history });
    }
  }
  return cells;
}

describe('benjaminiHochberg', () => {
  it('adjusts a hand-worked example, keeping input order and the step-up minimum', () => {
    // Sorted p: 0.001 0.008 0.039 0.041 0.042 0.060 0.074 0.205 (m = 8).
    // p·m/rank: 0.008 0.032 0.104 0.082 0.0672 0.080 0.08457 0.205; running minimum from the top:
    //           0.008 0.032 0.0672 0.0672 0.0672 0.080 0.08457 0.205.
    const p = [0.06, 0.001, 0.205, 0.039, 0.008, 0.042, 0.074, 0.041];
    const q = benjaminiHochberg(p);
    const expected = [0.08, 0.008, 0.205, 0.0672, 0.032, 0.0672, 0.074 * (8 / 7), 0.0672];
    for (const [i, value] of expected.entries()) expect(q[i], `p=${p[i]}`).toBeCloseTo(value, 12);
    expect(q.filter((value) => value <= 0.05)).toHaveLength(2);
  });

  it('caps at 1 and handles no hypotheses', () => {
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
    expect(benjaminiHochberg([1, 1])).toEqual([1, 1]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe('hot-spot settings', () => {
  it('defaults to q 0.05, at least 5 complaints, twice the baseline, 8 baseline weeks', () => {
    expect(DEFAULT_HOT_SPOT_SETTINGS).toEqual({
      q: 0.05,
      minCount: 5,
      minRatio: 2,
      baselineWeeks: 8,
      minBaselineWeeks: 4,
      baselineFloor: 0.5,
      method: 'conditional',
    });
  });

  it('names the path of every invalid setting', () => {
    try {
      parseHotSpotSettings({ q: 0, minRatio: 'x', baselineWeeks: 2, colour: 'red' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HotSpotSettingsError);
      const problems = error instanceof HotSpotSettingsError ? error.problems.join('\n') : '';
      expect(problems).toMatch(/^q: /m);
      expect(problems).toMatch(/^minRatio: /m);
      expect(problems).toMatch(/colour/);
    }
    expect(() => parseHotSpotSettings({ baselineWeeks: 2 })).toThrow(
      /minBaselineWeeks: cannot exceed baselineWeeks/,
    );
  });
});

describe('findHotSpots', () => {
  it('finds a planted surge among a thousand noisy cells and nothing else', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const cells = noisyCells(seed, 150);
      const planted = buildCell({
        area: 'area-42',
        category: 'network_signal',
        observed: 18,
        history: [3, 2, 4, 3, 3, 2, 4, 3],
      });
      const at = cells.findIndex((c) => c.area === planted.area && c.category === planted.category);
      cells[at] = planted;

      const report = findHotSpots(WEEK, cells);

      expect(report.cellsTested, `seed ${seed}`).toBe(1050);
      expect(
        report.hotSpots.map((h) => `${h.area}/${h.category}`),
        `seed ${seed}`,
      ).toEqual(['area-42/network_signal']);
      const [spot] = report.hotSpots;
      expect(spot?.expected).toBe(3);
      expect(spot?.ratio).toBe(6);
      expect(spot?.qValue).toBeLessThanOrEqual(0.05);
      expect(spot?.workOrder.kind).toBe('base_station_optimisation');
    }
  });

  it('passes a false hot spot in at most 5% of quiet weeks, where the plug-in Poisson test does not', () => {
    let conditionalWeeks = 0;
    let poissonWeeks = 0;
    for (let seed = 100; seed < 160; seed += 1) {
      const cells = noisyCells(seed, 150);
      if (findHotSpots(WEEK, cells).hotSpots.length > 0) conditionalWeeks += 1;
      if (findHotSpots(WEEK, cells, { method: 'poisson' }).hotSpots.length > 0) poissonWeeks += 1;
    }
    expect(conditionalWeeks).toBeLessThanOrEqual(3);
    expect(poissonWeeks).toBeGreaterThan(3);
  });

  it('drops significant cells below the minimum count or ratio', () => {
    const zeros = [0, 0, 0, 0, 0, 0, 0, 0];
    const fewButRare = buildCell({ area: 'A', observed: 4, history: zeros });
    const manyButSmallRise = buildCell({
      area: 'B',
      observed: 180,
      history: [100, 100, 100, 100, 100, 100, 100, 100],
    });
    const clear = buildCell({ area: 'C', observed: 12, history: [1, 1, 1, 1, 1, 1, 1, 1] });

    const report = findHotSpots(WEEK, [fewButRare, manyButSmallRise, clear]);

    expect(report.hotSpots.map((h) => h.area)).toEqual(['C']);
    // Both dropped cells would pass on the FDR alone.
    const loose = findHotSpots(WEEK, [fewButRare, manyButSmallRise, clear], { minCount: 1, minRatio: 1 });
    expect(loose.hotSpots.map((h) => h.area).sort()).toEqual(['A', 'B', 'C']);
  });

  it('ranks by q-value then p-value and numbers the ranks', () => {
    const flat = (rate: number) => Array.from({ length: 8 }, () => rate);
    const report = findHotSpots(WEEK, [
      buildCell({ area: 'mild', observed: 10, history: flat(2) }),
      buildCell({ area: 'extreme', observed: 400, history: flat(1) }),
      buildCell({ area: 'strong', observed: 30, history: flat(2) }),
    ]);
    expect(report.hotSpots.map((h) => [h.rank, h.area])).toEqual([
      [1, 'extreme'],
      [2, 'strong'],
      [3, 'mild'],
    ]);
  });

  it('leaves out cells with too little history and counts them', () => {
    const report = findHotSpots(WEEK, [
      buildCell({ area: 'new', observed: 50, history: [1, 1, 1] }),
      buildCell({ area: 'old', observed: 50, history: [1, 1, 1, 1] }),
    ]);
    expect(report.cellsTested).toBe(1);
    expect(report.cellsWithoutBaseline).toBe(1);
    expect(report.hotSpots.map((h) => h.area)).toEqual(['old']);
  });

  it('suggests a work order for the area by category, titled in zh-CN and en', () => {
    const surge = (category: TicketCategory) =>
      buildCell({ area: '天河', category, observed: 20, history: FLAT_FIVE });
    const report = findHotSpots(WEEK, TICKET_CATEGORIES.map(surge));
    const orders = Object.fromEntries(report.hotSpots.map((h) => [h.category, h.workOrder]));

    expect(orders.network_signal).toEqual({
      kind: 'base_station_optimisation',
      team: 'network',
      area: '天河',
      title: {
        'zh-CN': '天河基站优化：2026-W47 网络信号投诉 20 件，基线每周 5.0 件',
        en: 'Base-station optimisation in 天河: 20 network signal complaints in 2026-W47 against a weekly baseline of 5.0',
      },
    });
    expect(orders.broadband_fault?.kind).toBe('line_inspection');
    expect(orders.broadband_fault?.title['zh-CN']).toContain('线路排查');
    expect(orders.billing_dispute?.kind).toBe('billing_audit');
    expect(orders.billing_dispute?.team).toBe('billing');
    for (const other of ['plan_change', 'handset', 'value_added', 'other'] as const) {
      expect(orders[other]?.kind, other).toBe('service_quality_review');
    }
  });
});
