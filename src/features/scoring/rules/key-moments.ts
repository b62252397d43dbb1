import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { addDays, daysBetween, nextBirthday } from './dates';
import type { TierOutcome } from './operating-tier';

export const KEY_MOMENT_CODES = [
  'BIRTHDAY_CARE',
  'ARREARS_REMINDER',
  'CONTRACT_RETENTION',
  'BUSINESS_REVISIT',
  'COMPLAINT_REVISIT',
  'LEAVING_RETENTION',
] as const;
export type KeyMomentCode = (typeof KEY_MOMENT_CODES)[number];

/** A moment of truth (DOMAIN.md §6) that should become a care or retention task by `dueDate`. */
export type KeyMoment = { code: KeyMomentCode; dueDate: string; params: Record<string, string | number> };

export type KeyMomentContext = {
  /** In the target pool or any VIP kind: the arrears reminder is for VIPs only. */
  isVip: boolean;
  tier: TierOutcome;
};

/** A task cannot be due before the day it is first seen: a late start is "do it now". */
function notBefore(asOf: string, date: string): string {
  return date < asOf ? asOf : date;
}

function birthdayCare(f: SubscriberFeatures, s: ScoringSettings): KeyMoment | null {
  const rule = s.keyMoments.birthday;
  if (!rule.enabled || f.birthDate === null) return null;
  const birthday = nextBirthday(f.birthDate, f.asOf);
  const daysUntil = daysBetween(f.asOf, birthday);
  if (daysUntil > rule.withinDays) return null;
  return { code: 'BIRTHDAY_CARE', dueDate: birthday, params: { birthday, daysUntil } };
}

function arrearsReminder(f: SubscriberFeatures, s: ScoringSettings, ctx: KeyMomentContext): KeyMoment | null {
  const rule = s.keyMoments.arrearsSuspension;
  if (!rule.enabled || !ctx.isVip || f.status !== 'arrears_suspended') return null;
  if (f.daysInStatus > rule.maxDaysSuspended) return null;
  const suspendedOn = addDays(f.asOf, -f.daysInStatus);
  const due = addDays(suspendedOn, Math.ceil(rule.withinHours / 24));
  return {
    code: 'ARREARS_REMINDER',
    dueDate: notBefore(f.asOf, due),
    params: { suspendedOn, withinHours: rule.withinHours },
  };
}

function contractRetention(f: SubscriberFeatures, s: ScoringSettings): KeyMoment | null {
  const rule = s.keyMoments.contractExpiring;
  if (!rule.enabled || f.contractEnd === null || f.contractDaysLeft === null) return null;
  if (f.contractDaysLeft < 0 || f.contractDaysLeft > rule.lookAheadDays) return null;
  const due = addDays(f.contractEnd, -rule.daysBeforeEnd);
  return {
    code: 'CONTRACT_RETENTION',
    dueDate: notBefore(f.asOf, due),
    params: { contractEnd: f.contractEnd, daysLeft: f.contractDaysLeft },
  };
}

function revisit(
  code: 'BUSINESS_REVISIT' | 'COMPLAINT_REVISIT',
  asOf: string,
  eventDate: string | null,
  afterDays: number,
  lookbackDays: number,
): KeyMoment | null {
  if (eventDate === null) return null;
  const age = daysBetween(eventDate, asOf);
  if (age < 0 || age > lookbackDays) return null;
  return { code, dueDate: notBefore(asOf, addDays(eventDate, afterDays)), params: { eventDate } };
}

function leavingRetention(
  f: SubscriberFeatures,
  s: ScoringSettings,
  ctx: KeyMomentContext,
): KeyMoment | null {
  const rule = s.keyMoments.leaving;
  if (!rule.enabled || ctx.tier.tier !== 'churn_warning') return null;
  return {
    code: 'LEAVING_RETENTION',
    dueDate: addDays(f.asOf, rule.withinDays),
    params: { reason: ctx.tier.reason },
  };
}

/** The key moments that fall due for a subscriber as of `features.asOf`, earliest first. */
export function keyMoments(
  features: SubscriberFeatures,
  settings: ScoringSettings,
  context: KeyMomentContext,
): KeyMoment[] {
  const business = settings.keyMoments.businessHandled;
  const complaint = settings.keyMoments.complaintResolved;
  const candidates = [
    birthdayCare(features, settings),
    arrearsReminder(features, settings, context),
    contractRetention(features, settings),
    business.enabled
      ? revisit(
          'BUSINESS_REVISIT',
          features.asOf,
          features.lastBusinessContactDate,
          business.revisitAfterDays,
          business.lookbackDays,
        )
      : null,
    complaint.enabled
      ? revisit(
          'COMPLAINT_REVISIT',
          features.asOf,
          features.lastComplaintResolvedDate,
          complaint.revisitWithinDays,
          complaint.lookbackDays,
        )
      : null,
    leavingRetention(features, settings, context),
  ];
  const moments: KeyMoment[] = [];
  for (const moment of candidates) if (moment) moments.push(moment);
  // Array.prototype.sort is stable, so moments due the same day keep KEY_MOMENT_CODES order.
  return moments.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}
