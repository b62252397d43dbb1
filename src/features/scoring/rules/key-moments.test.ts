import { describe, expect, it } from 'vitest';
import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import { DEFAULT_SCORING_SETTINGS as S } from '#src/features/scoring/settings/scoring-settings';
import { buildFeatures } from './build-features';
import { type KeyMomentContext, keyMoments } from './key-moments';

const calm: KeyMomentContext = { isVip: true, tier: { tier: 'ordinary', reason: 'moderate_value' } };

const momentsOf = (overrides: Partial<SubscriberFeatures>, context: KeyMomentContext = calm) =>
  keyMoments(buildFeatures(overrides), S, context);

describe('key moments', () => {
  it('finds none for the quiet default subscriber', () => {
    expect(momentsOf({})).toEqual([]);
  });

  describe('birthday care', () => {
    it('is due on a birthday within 7 days, not 8', () => {
      expect(momentsOf({ birthDate: '1986-11-07' })).toEqual([
        { code: 'BIRTHDAY_CARE', dueDate: '2026-11-07', params: { birthday: '2026-11-07', daysUntil: 7 } },
      ]);
      expect(momentsOf({ birthDate: '1986-11-08' })).toEqual([]);
      expect(momentsOf({ birthDate: '1986-10-31' })[0]?.params.daysUntil).toBe(0);
    });

    it('is skipped without a birth date, and past birthdays wait for next year', () => {
      expect(momentsOf({ birthDate: null })).toEqual([]);
      expect(momentsOf({ birthDate: '1986-10-30' })).toEqual([]);
    });
  });

  describe('arrears reminder', () => {
    const suspended = { status: 'arrears_suspended', daysInStatus: 0 };

    it('is due within 24 hours of a VIP suspension', () => {
      expect(momentsOf(suspended)).toEqual([
        {
          code: 'ARREARS_REMINDER',
          dueDate: '2026-11-01',
          params: { suspendedOn: '2026-10-31', withinHours: 24 },
        },
      ]);
    });

    it('is due now when the suspension started days ago, and dropped after 30 days', () => {
      expect(momentsOf({ ...suspended, daysInStatus: 10 })[0]?.dueDate).toBe('2026-10-31');
      expect(momentsOf({ ...suspended, daysInStatus: 30 })).toHaveLength(1);
      expect(momentsOf({ ...suspended, daysInStatus: 31 })).toEqual([]);
    });

    it('is for VIPs only', () => {
      expect(momentsOf(suspended, { ...calm, isVip: false })).toEqual([]);
    });
  });

  describe('contract retention', () => {
    it('is due 30 days before a contract ending within 60 days', () => {
      expect(momentsOf({ contractDaysLeft: 60, contractEnd: '2026-12-30' })).toEqual([
        {
          code: 'CONTRACT_RETENTION',
          dueDate: '2026-11-30',
          params: { contractEnd: '2026-12-30', daysLeft: 60 },
        },
      ]);
      expect(momentsOf({ contractDaysLeft: 61, contractEnd: '2026-12-31' })).toEqual([]);
    });

    it('is due now when the contract ends sooner than that', () => {
      expect(momentsOf({ contractDaysLeft: 10, contractEnd: '2026-11-10' })[0]?.dueDate).toBe('2026-10-31');
    });
  });

  describe('revisits', () => {
    it('revisits 7 days after business handled within the last 30 days', () => {
      expect(momentsOf({ lastBusinessContactDate: '2026-10-28' })).toEqual([
        { code: 'BUSINESS_REVISIT', dueDate: '2026-11-04', params: { eventDate: '2026-10-28' } },
      ]);
      expect(momentsOf({ lastBusinessContactDate: '2026-10-10' })[0]?.dueDate).toBe('2026-10-31');
      expect(momentsOf({ lastBusinessContactDate: '2026-10-01' })).toHaveLength(1);
      expect(momentsOf({ lastBusinessContactDate: '2026-09-30' })).toEqual([]);
    });

    it('revisits within 3 days of a resolved complaint', () => {
      expect(momentsOf({ lastComplaintResolvedDate: '2026-10-30' })).toEqual([
        { code: 'COMPLAINT_REVISIT', dueDate: '2026-11-02', params: { eventDate: '2026-10-30' } },
      ]);
    });
  });

  describe('leaving', () => {
    it('calls a churn warning subscriber within 3 days', () => {
      const leaving: KeyMomentContext = {
        isVip: true,
        tier: { tier: 'churn_warning', reason: 'competitor_contact' },
      };
      expect(momentsOf({}, leaving)).toEqual([
        { code: 'LEAVING_RETENTION', dueDate: '2026-11-03', params: { reason: 'competitor_contact' } },
      ]);
    });
  });

  it('orders moments by due date and honours switched-off moments', () => {
    const f = buildFeatures({
      birthDate: '1990-11-06',
      lastComplaintResolvedDate: '2026-10-30',
      contractDaysLeft: 10,
      contractEnd: '2026-11-10',
    });
    expect(keyMoments(f, S, calm).map((m) => m.code)).toEqual([
      'CONTRACT_RETENTION',
      'COMPLAINT_REVISIT',
      'BIRTHDAY_CARE',
    ]);
    const settings = structuredClone(S);
    settings.keyMoments.birthday.enabled = false;
    settings.keyMoments.complaintResolved.enabled = false;
    expect(keyMoments(f, settings, calm).map((m) => m.code)).toEqual(['CONTRACT_RETENTION']);
  });
});
