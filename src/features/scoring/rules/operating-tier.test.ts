import { describe, expect, it } from 'vitest';
import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import {
  DEFAULT_SCORING_SETTINGS as S,
  type ScoringSettings,
} from '#src/features/scoring/settings/scoring-settings';
import { buildFeatures } from './build-features';
import type { FiredSignal, SignalCode } from './churn-signals';
import type { ContributionClass } from './contribution-class';
import { isSilent, operatingTier } from './operating-tier';

const signal = (code: SignalCode): FiredSignal => ({ code, params: {} });

function tierOf(
  overrides: Partial<SubscriberFeatures> = {},
  options: {
    signals?: FiredSignal[];
    contribution?: ContributionClass;
    p?: number;
    settings?: ScoringSettings;
  } = {},
) {
  return operatingTier(
    buildFeatures(overrides),
    options.signals ?? [],
    options.contribution ?? 'ordinary',
    options.p ?? 0.05,
    options.settings ?? S,
  );
}

describe('operating tier', () => {
  it('puts the quiet default subscriber in ordinary, for a silence wake-up', () => {
    expect(tierOf()).toEqual({ tier: 'ordinary', reason: 'silence_wake_up' });
  });

  describe('churn warning', () => {
    it('overrides every other tier on ARPU decline, unresolved complaint or competitor contact', () => {
      const high = { contribution: 'high' as const };
      expect(tierOf({}, { ...high, signals: [signal('ARPU_DECLINE')] })).toEqual({
        tier: 'churn_warning',
        reason: 'arpu_decline',
      });
      expect(tierOf({}, { ...high, signals: [signal('OPEN_COMPLAINT')] }).reason).toBe(
        'unresolved_complaint',
      );
      expect(tierOf({}, { ...high, signals: [signal('COMPETITOR_HOTLINE')] }).reason).toBe(
        'competitor_contact',
      );
      expect(tierOf({}, { ...high, signals: [signal('COMPETITOR_MARKETING')] }).reason).toBe(
        'competitor_contact',
      );
    });

    it('is not set off by other signals', () => {
      expect(tierOf({}, { signals: [signal('DATA_OVERAGE'), signal('USAGE_DROP')] }).tier).toBe('ordinary');
    });

    it('starts at the churn probability threshold', () => {
      expect(tierOf({}, { p: 0.4999 }).tier).toBe('ordinary');
      expect(tierOf({}, { p: 0.5 })).toEqual({ tier: 'churn_warning', reason: 'churn_probability' });
      expect(tierOf({}, { p: 0.51 }).tier).toBe('churn_warning');
      expect(tierOf({}, { p: Number.NaN }).tier).toBe('ordinary');
    });

    it('follows the settings that switch a condition off', () => {
      const settings = structuredClone(S);
      settings.tiers.churnWarning.onCompetitorContact = false;
      settings.tiers.churnWarning.minChurnProbability = 1;
      expect(tierOf({}, { settings, p: 0.9, signals: [signal('COMPETITOR_HOTLINE')] }).tier).toBe('ordinary');
    });
  });

  describe('high value', () => {
    it('takes the high contribution class', () => {
      expect(tierOf({}, { contribution: 'high' })).toEqual({
        tier: 'high_value',
        reason: 'high_contribution',
      });
    });

    it('takes a high ARPU bound by a contract or a bundle, not a high ARPU alone', () => {
      const contract = { contractDaysLeft: 300, contractEnd: '2027-08-27' };
      expect(tierOf({ arpu3Fen: 19_800, ...contract })).toEqual({
        tier: 'high_value',
        reason: 'high_arpu_bound',
      });
      expect(tierOf({ arpu3Fen: 19_799, ...contract }).tier).toBe('ordinary');
      expect(tierOf({ arpu3Fen: 25_000, sceneTags: ['family'] }).tier).toBe('high_value');
      expect(tierOf({ arpu3Fen: 25_000 }).tier).toBe('ordinary');
    });
  });

  describe('potential', () => {
    it('takes new subscribers below 6 months of tenure', () => {
      expect(tierOf({ tenureMonths: 5 })).toEqual({ tier: 'potential', reason: 'new_subscriber' });
      expect(tierOf({ tenureMonths: 6 }).tier).toBe('ordinary');
    });

    it('takes students', () => {
      expect(tierOf({ sceneTags: ['student'] })).toEqual({ tier: 'potential', reason: 'student' });
    });

    it('takes heavy data users under 26', () => {
      const heavy = [21_000, 21_000, 21_000, 20_000, 20_480, 20_960];
      // 25 on 2026-10-31 (26 on 2026-11-01): young; born a day earlier: 26, not young.
      expect(tierOf({ birthDate: '2000-11-01', dataMb: heavy })).toEqual({
        tier: 'potential',
        reason: 'young_heavy_data',
      });
      expect(tierOf({ birthDate: '2000-10-31', dataMb: heavy }).reason).not.toBe('young_heavy_data');
    });

    it('needs 20 GB a month on average over the last 3 months', () => {
      expect(tierOf({ birthDate: '2003-01-01', dataMb: [0, 0, 0, 20_480, 20_480, 20_480] }).tier).toBe(
        'potential',
      );
      expect(tierOf({ birthDate: '2003-01-01', dataMb: [0, 0, 0, 20_480, 20_480, 20_479] }).tier).toBe(
        'ordinary',
      );
    });

    it('does not guess an age or data use that is missing', () => {
      expect(tierOf({ birthDate: null, dataMb: [1, 1, 1, 50_000, 50_000, 50_000] }).tier).toBe('ordinary');
      expect(tierOf({ birthDate: '2003-01-01', dataMb: [null, null, null, null, null, null] }).tier).toBe(
        'ordinary',
      );
    });
  });

  describe('ordinary', () => {
    it('is a silence wake-up when spend stayed within ±5% for 3 months', () => {
      // Mean 10 000: 9 500 and 10 500 sit exactly on the edge.
      expect(isSilent(buildFeatures({ spendFen: [1, 1, 1, 9_500, 10_000, 10_500] }), S)).toBe(true);
      expect(isSilent(buildFeatures({ spendFen: [1, 1, 1, 9_400, 10_000, 10_600] }), S)).toBe(false);
    });

    it('is no silence wake-up with a missing month or no spend', () => {
      expect(isSilent(buildFeatures({ spendFen: [1, 1, 1, null, 10_000, 10_000] }), S)).toBe(false);
      expect(isSilent(buildFeatures({ spendFen: [1, 1, 1, 0, 0, 0] }), S)).toBe(false);
    });

    it('is moderate value otherwise', () => {
      expect(tierOf({ spendFen: [1, 1, 1, 9_000, 12_000, 15_000] })).toEqual({
        tier: 'ordinary',
        reason: 'moderate_value',
      });
    });
  });
});
