import { describe, expect, it } from 'vitest';
import {
  canonicalOrder,
  churnWindow,
  compareArms,
  horizonEnd,
  rankAgents,
  TIER_ORDER,
} from './dashboard-figures';
import { boundedRange, requestedRange } from './dashboard-filters';

describe('dashboard figures', () => {
  it('ends the churn window at the month end the horizon reaches', () => {
    expect(horizonEnd('2026-08-31', 1)).toBe('2026-09-30');
    expect(horizonEnd('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('marks a window still open as incomplete and observed until today', () => {
    expect(churnWindow('2026-08-31', 1, '2026-09-15')).toEqual({
      windowEnd: '2026-09-30',
      observedUntil: '2026-09-15',
      complete: false,
    });
    expect(churnWindow('2026-08-31', 1, '2026-10-01').complete).toBe(true);
  });

  it('orders tiers canonically with unknown codes last', () => {
    const keys = canonicalOrder(['zzz', 'churn_warning', 'high_value'], (k) => k, TIER_ORDER);
    expect(keys).toEqual(['high_value', 'churn_warning', 'zzz']);
  });

  it('ranks by saves then accepted, and ties share a rank', () => {
    const ranked = rankAgents([
      { agentUserId: 1, saves: 2, accepted: 3, reachRate: 0.5, calls: 10 },
      { agentUserId: 2, saves: 5, accepted: 1, reachRate: 0.1, calls: 4 },
      { agentUserId: 3, saves: 2, accepted: 3, reachRate: 0.5, calls: 10 },
      { agentUserId: 4, saves: 2, accepted: 4, reachRate: null, calls: 0 },
    ]);
    expect(ranked.map((r) => [r.agentUserId, r.rank])).toEqual([
      [2, 1],
      [4, 2],
      [1, 3],
      [3, 3],
    ]);
  });

  it('gives an uplift only when both arms reach the minimum', () => {
    const arm = (members: number, churned: number) => ({
      members,
      contacted: 0,
      reached: 0,
      accepted: 0,
      churned,
    });
    expect(compareArms({ treatment: arm(50, 5), holdout: arm(50, 10) }, 100).uplift).toBeNull();
    const enough = compareArms({ treatment: arm(200, 20), holdout: arm(200, 40) }, 100);
    expect(enough.uplift?.difference).toBeCloseTo(0.1, 10);
    expect(enough.treatment.churn.rate).toBeCloseTo(0.1, 10);
  });

  it('reads a period as its calendar month and refuses it together with from/to', () => {
    expect(requestedRange({ period: '2026-02' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      given: true,
    });
    expect(() => requestedRange({ period: '2026-02', from: '2026-02-01' })).toThrow(/querystring\.period/);
    expect(() => boundedRange({ from: '2025-01-01', to: '2026-06-01' }, '2026-06-01', 30)).toThrow(
      /querystring\.from/,
    );
    expect(boundedRange({}, '2026-06-30', 30)).toEqual({ from: '2026-06-01', to: '2026-06-30' });
  });
});
