import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORING_SETTINGS,
  type ScoringSettings,
} from '#src/features/scoring/settings/scoring-settings';
import { buildFeatures } from './build-features';
import {
  arpuDecline,
  arrearsSuspended,
  competitorHotline,
  competitorMarketing,
  contractExpiring,
  dataOverage,
  fireSignals,
  openComplaint,
  SIGNAL_CODES,
  usageDrop,
  zeroCallDays,
} from './churn-signals';

const S = DEFAULT_SCORING_SETTINGS;

function withSignal<K extends keyof ScoringSettings['signals']>(
  key: K,
  patch: Partial<ScoringSettings['signals'][K]>,
): ScoringSettings {
  const settings = structuredClone(S);
  settings.signals[key] = { ...settings.signals[key], ...patch };
  return settings;
}

describe('churn signals', () => {
  it('fires nothing for the quiet default subscriber', () => {
    expect(fireSignals(buildFeatures(), S)).toEqual([]);
  });

  it('lists the nine DOMAIN.md codes', () => {
    expect(SIGNAL_CODES).toHaveLength(9);
  });

  describe('CONTRACT_EXPIRING', () => {
    const at = (days: number | null) =>
      contractExpiring(
        buildFeatures({ contractDaysLeft: days, contractEnd: days === null ? null : '2026-12-30' }),
        S,
      );

    it('fires at 60 days left and below, not at 61', () => {
      expect(at(61)).toBeNull();
      expect(at(60)).toEqual({
        code: 'CONTRACT_EXPIRING',
        params: { daysLeft: 60, contractEnd: '2026-12-30' },
      });
      expect(at(59)?.params.daysLeft).toBe(59);
      expect(at(0)).not.toBeNull();
    });

    it('does not fire without a contract', () => {
      expect(at(null)).toBeNull();
    });

    it('does not fire when switched off', () => {
      const f = buildFeatures({ contractDaysLeft: 10, contractEnd: '2026-11-10' });
      expect(contractExpiring(f, withSignal('contractExpiring', { enabled: false }))).toBeNull();
    });
  });

  describe('USAGE_DROP', () => {
    // Previous three months average 400 minutes, so the threshold is 200.
    const minutes = (lastMonth: number | null) =>
      buildFeatures({
        minutes: [400, 400, 380, 420, 400, lastMonth],
        spendFen: [15_000, 15_000, 15_000, 15_000, 15_000, 15_000],
      });

    it('fires just below half the previous 3-month average, not at or above it', () => {
      expect(usageDrop(minutes(201), S)).toBeNull();
      expect(usageDrop(minutes(200), S)).toBeNull();
      expect(usageDrop(minutes(199), S)).toEqual({
        code: 'USAGE_DROP',
        params: {
          metric: 'minutes',
          from: 400,
          to: 199,
          change: -0.5025,
          month: '2026-10',
          baselineMonths: 3,
        },
      });
    });

    it('fires on spend as well as minutes', () => {
      const f = buildFeatures({ spendFen: [16_000, 16_000, 16_000, 16_000, 16_000, 4_000] });
      expect(usageDrop(f, S)?.params).toMatchObject({
        metric: 'spend',
        from: 16_000,
        to: 4_000,
        change: -0.75,
      });
    });

    it('shows the steeper drop when both fired', () => {
      const f = buildFeatures({
        minutes: [400, 400, 400, 400, 400, 40],
        spendFen: [16_000, 16_000, 16_000, 16_000, 16_000, 6_000],
      });
      expect(usageDrop(f, S)?.params.metric).toBe('minutes');
    });

    it('does not fire when last month or a baseline month is missing', () => {
      expect(usageDrop(minutes(null), S)).toBeNull();
      const gap = buildFeatures({ minutes: [400, 400, null, 420, 400, 10] });
      expect(usageDrop(gap, S)).toBeNull();
    });

    it('does not fire on a zero baseline (nothing to drop from)', () => {
      expect(usageDrop(buildFeatures({ minutes: [0, 0, 0, 0, 0, 0] }), S)).toBeNull();
    });

    it('follows the ratio setting', () => {
      expect(usageDrop(minutes(250), withSignal('usageDrop', { ratio: 0.7 }))).not.toBeNull();
    });
  });

  describe('ZERO_CALL_DAYS', () => {
    const at = (zeroDays: number, streak: number) =>
      zeroCallDays(
        buildFeatures({
          zeroCallDays30: zeroDays,
          longestZeroCallStreak30: streak,
          longestZeroCallStreakFrom: '2026-10-03',
          longestZeroCallStreakTo: '2026-10-06',
        }),
        S,
      );

    it('fires at 7 zero-call days, not at 6', () => {
      expect(at(6, 1)).toBeNull();
      expect(at(7, 1)?.params).toMatchObject({ zeroDays: 7, streak: 1 });
      expect(at(8, 1)).not.toBeNull();
    });

    it('fires at a run of 5, not 4', () => {
      expect(at(4, 4)).toBeNull();
      expect(at(5, 5)).toEqual({
        code: 'ZERO_CALL_DAYS',
        params: { zeroDays: 5, streak: 5, streakFrom: '2026-10-03', streakTo: '2026-10-06' },
      });
    });

    it('does not fire when the window has no usage data at all', () => {
      const f = buildFeatures({ usageDays30: 0, zeroCallDays30: 30, longestZeroCallStreak30: 30 });
      expect(zeroCallDays(f, S)).toBeNull();
    });

    it('leaves the run dates out when they are unknown', () => {
      const f = buildFeatures({
        zeroCallDays30: 9,
        longestZeroCallStreakFrom: null,
        longestZeroCallStreakTo: null,
      });
      expect(zeroCallDays(f, S)?.params).toEqual({ zeroDays: 9, streak: 1 });
    });
  });

  describe('COMPETITOR_HOTLINE and COMPETITOR_MARKETING', () => {
    it('fires on one hotline call, not on none', () => {
      expect(competitorHotline(buildFeatures({ competitorHotlineCalls30: 0 }), S)).toBeNull();
      const f = buildFeatures({ competitorHotlineCalls30: 1, lastCompetitorHotlineDate: '2026-10-21' });
      expect(competitorHotline(f, S)).toEqual({
        code: 'COMPETITOR_HOTLINE',
        params: { calls: 1, lastDate: '2026-10-21' },
      });
    });

    it('follows a raised hotline threshold', () => {
      const settings = withSignal('competitorHotline', { minCalls30: 3 });
      expect(competitorHotline(buildFeatures({ competitorHotlineCalls30: 2 }), settings)).toBeNull();
      expect(competitorHotline(buildFeatures({ competitorHotlineCalls30: 3 }), settings)).not.toBeNull();
    });

    it('fires on one marketing contact, and without a date when none is known', () => {
      expect(competitorMarketing(buildFeatures(), S)).toBeNull();
      expect(competitorMarketing(buildFeatures({ competitorMarketingContacts30: 2 }), S)).toEqual({
        code: 'COMPETITOR_MARKETING',
        params: { contacts: 2 },
      });
    });
  });

  describe('ARPU_DECLINE', () => {
    it('fires when spend fell in each of the last 3 months', () => {
      const f = buildFeatures({ spendFen: [16_000, 16_000, 15_800, 14_000, 12_000, 9_800] });
      expect(arpuDecline(f, S)).toEqual({
        code: 'ARPU_DECLINE',
        params: { months: 3, fromFen: 15_800, toFen: 9_800, fromMonth: '2026-07', toMonth: '2026-10' },
      });
    });

    it('does not fire when one month held level or rose', () => {
      expect(arpuDecline(buildFeatures({ spendFen: [1, 1, 15_800, 14_000, 14_000, 9_800] }), S)).toBeNull();
      expect(arpuDecline(buildFeatures({ spendFen: [1, 1, 15_800, 14_000, 14_001, 9_800] }), S)).toBeNull();
    });

    it('does not fire across a month without a bill', () => {
      expect(arpuDecline(buildFeatures({ spendFen: [1, 1, 15_800, null, 12_000, 9_800] }), S)).toBeNull();
    });

    it('follows the months setting', () => {
      const f = buildFeatures({ spendFen: [1, 1, 20_000, 14_000, 12_000, 9_800] });
      expect(arpuDecline(f, withSignal('arpuDecline', { months: 2 }))?.params.fromMonth).toBe('2026-08');
    });
  });

  describe('OPEN_COMPLAINT', () => {
    it('fires on an overdue complaint', () => {
      const f = buildFeatures({
        overdueComplaints: 1,
        openComplaints: 1,
        complaints90: 1,
        oldestOverdueDueDate: '2026-10-12',
      });
      expect(openComplaint(f, S)).toEqual({
        code: 'OPEN_COMPLAINT',
        params: { overdue: 1, complaints90: 1, oldestDueDate: '2026-10-12' },
      });
    });

    it('fires on 2 complaints in 90 days, not on 1 within its deadline', () => {
      expect(openComplaint(buildFeatures({ complaints90: 1, openComplaints: 1 }), S)).toBeNull();
      expect(openComplaint(buildFeatures({ complaints90: 2 }), S)?.params).toEqual({
        overdue: 0,
        complaints90: 2,
      });
    });

    it('ignores overdue complaints when the setting says so', () => {
      const f = buildFeatures({ overdueComplaints: 1, complaints90: 1 });
      expect(openComplaint(f, withSignal('openComplaint', { onOverdue: false }))).toBeNull();
    });
  });

  describe('ARREARS_SUSPENDED', () => {
    it('fires when suspended for arrears, with the days suspended', () => {
      const f = buildFeatures({ status: 'arrears_suspended', daysInStatus: 12 });
      expect(arrearsSuspended(f, S)).toEqual({ code: 'ARREARS_SUSPENDED', params: { days: 12 } });
    });

    it('does not fire for active or churned subscribers', () => {
      expect(arrearsSuspended(buildFeatures(), S)).toBeNull();
      expect(arrearsSuspended(buildFeatures({ status: 'churned' }), S)).toBeNull();
    });
  });

  describe('DATA_OVERAGE', () => {
    const at = (overageFen: number | null, dataMb: number | null) =>
      dataOverage(
        buildFeatures({ overageFen: [0, 0, 0, 0, 0, overageFen], dataMb: [1, 1, 1, 1, 1, dataMb] }),
        S,
      );

    it('fires on paid overage with data above the allowance', () => {
      expect(at(3_520, 25_600)).toEqual({
        code: 'DATA_OVERAGE',
        params: { overageFen: 3_520, dataMb: 25_600, allowanceMb: 20_480, month: '2026-10' },
      });
    });

    it('does not fire at the allowance, without a charge, or without data', () => {
      expect(at(3_520, 20_480)).toBeNull();
      expect(at(0, 25_600)).toBeNull();
      expect(at(null, 25_600)).toBeNull();
      expect(at(3_520, null)).toBeNull();
    });
  });

  it('fires several signals in SIGNAL_CODES order', () => {
    const f = buildFeatures({
      status: 'arrears_suspended',
      competitorHotlineCalls30: 2,
      contractDaysLeft: 20,
      contractEnd: '2026-11-20',
    });
    expect(fireSignals(f, S).map((s) => s.code)).toEqual([
      'CONTRACT_EXPIRING',
      'COMPETITOR_HOTLINE',
      'ARREARS_SUSPENDED',
    ]);
  });

  it('fires nothing when every signal is switched off', () => {
    const settings = structuredClone(S);
    for (const signal of Object.values(settings.signals)) signal.enabled = false;
    const f = buildFeatures({ status: 'arrears_suspended', competitorHotlineCalls30: 2, complaints90: 5 });
    expect(fireSignals(f, settings)).toEqual([]);
  });
});
