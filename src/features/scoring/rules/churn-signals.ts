import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';

/** The nine churn early-warning signals of DOMAIN.md §4 (离网异动判定), by their codes. */
export const SIGNAL_CODES = [
  'CONTRACT_EXPIRING',
  'USAGE_DROP',
  'COMPETITOR_MARKETING',
  'ZERO_CALL_DAYS',
  'COMPETITOR_HOTLINE',
  'ARPU_DECLINE',
  'OPEN_COMPLAINT',
  'ARREARS_SUSPENDED',
  'DATA_OVERAGE',
] as const;
export type SignalCode = (typeof SIGNAL_CODES)[number];

/** A signal that fired, with exactly the figures and dates its evidence text shows. */
export type FiredSignal = { code: SignalCode; params: Record<string, string | number> };

type SignalSettings = ScoringSettings['signals'];

/** Where each signal's thresholds live in the settings document. */
export const SIGNAL_SETTINGS_KEY = {
  CONTRACT_EXPIRING: 'contractExpiring',
  USAGE_DROP: 'usageDrop',
  COMPETITOR_MARKETING: 'competitorMarketing',
  ZERO_CALL_DAYS: 'zeroCallDays',
  COMPETITOR_HOTLINE: 'competitorHotline',
  ARPU_DECLINE: 'arpuDecline',
  OPEN_COMPLAINT: 'openComplaint',
  ARREARS_SUSPENDED: 'arrearsSuspended',
  DATA_OVERAGE: 'dataOverage',
} as const satisfies Record<SignalCode, keyof SignalSettings>;

/** The series index of the as-of month ("last month"): series end with it. */
function lastIndex(f: SubscriberFeatures): number {
  return f.months.length - 1;
}

function monthAt(f: SubscriberFeatures, index: number): string | null {
  return f.months[index] ?? null;
}

/** Mean of `count` months ending just before `endExclusive`; null if any of them has no value. */
function meanBefore(series: (number | null)[], endExclusive: number, count: number): number | null {
  if (endExclusive - count < 0) return null;
  let sum = 0;
  for (let i = endExclusive - count; i < endExclusive; i += 1) {
    const value = series[i];
    if (value === null || value === undefined) return null;
    sum += value;
  }
  return sum / count;
}

export function contractExpiring(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  const rule = s.signals.contractExpiring;
  if (!rule.enabled || f.contractDaysLeft === null || f.contractEnd === null) return null;
  if (f.contractDaysLeft < 0 || f.contractDaysLeft > rule.withinDays) return null;
  return { code: 'CONTRACT_EXPIRING', params: { daysLeft: f.contractDaysLeft, contractEnd: f.contractEnd } };
}

type Drop = { metric: 'minutes' | 'spend'; from: number; to: number; change: number };

function dropOf(
  metric: Drop['metric'],
  series: (number | null)[],
  last: number,
  baselineMonths: number,
  ratio: number,
): Drop | null {
  const to = series[last];
  const from = meanBefore(series, last, baselineMonths);
  if (to === null || to === undefined || from === null || from <= 0) return null;
  if (to >= ratio * from) return null;
  return { metric, from: Math.round(from), to, change: (to - from) / from };
}

export function usageDrop(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  const rule = s.signals.usageDrop;
  if (!rule.enabled) return null;
  const last = lastIndex(f);
  const month = monthAt(f, last);
  if (month === null) return null;
  const minutes = dropOf('minutes', f.minutes, last, rule.baselineMonths, rule.ratio);
  const spend = dropOf('spend', f.spendFen, last, rule.baselineMonths, rule.ratio);
  // Show the steeper of the two drops: it is the one an agent can talk about.
  const drop = minutes && spend ? (spend.change < minutes.change ? spend : minutes) : (minutes ?? spend);
  if (drop === null) return null;
  return {
    code: 'USAGE_DROP',
    params: {
      metric: drop.metric,
      from: drop.from,
      to: drop.to,
      change: drop.change,
      month,
      baselineMonths: rule.baselineMonths,
    },
  };
}

export function competitorMarketing(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  const rule = s.signals.competitorMarketing;
  if (!rule.enabled || f.competitorMarketingContacts30 < rule.minContacts30) return null;
  const params: FiredSignal['params'] = { contacts: f.competitorMarketingContacts30 };
  if (f.lastCompetitorMarketingDate !== null) params.lastDate = f.lastCompetitorMarketingDate;
  return { code: 'COMPETITOR_MARKETING', params };
}

export function zeroCallDays(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  const rule = s.signals.zeroCallDays;
  // No usage rows at all means no usage file, not thirty silent days.
  if (!rule.enabled || f.usageDays30 === 0) return null;
  if (f.zeroCallDays30 < rule.minDays30 && f.longestZeroCallStreak30 < rule.minStreak30) return null;
  const params: FiredSignal['params'] = { zeroDays: f.zeroCallDays30, streak: f.longestZeroCallStreak30 };
  if (f.longestZeroCallStreakFrom !== null && f.longestZeroCallStreakTo !== null) {
    params.streakFrom = f.longestZeroCallStreakFrom;
    params.streakTo = f.longestZeroCallStreakTo;
  }
  return { code: 'ZERO_CALL_DAYS', params };
}

export function competitorHotline(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  const rule = s.signals.competitorHotline;
  if (!rule.enabled || f.competitorHotlineCalls30 < rule.minCalls30) return null;
  const params: FiredSignal['params'] = { calls: f.competitorHotlineCalls30 };
  if (f.lastCompetitorHotlineDate !== null) params.lastDate = f.lastCompetitorHotlineDate;
  return { code: 'COMPETITOR_HOTLINE', params };
}

export function arpuDecline(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  const rule = s.signals.arpuDecline;
  if (!rule.enabled) return null;
  const last = lastIndex(f);
  const first = last - rule.months;
  if (first < 0) return null;
  for (let i = first + 1; i <= last; i += 1) {
    const before = f.spendFen[i - 1];
    const now = f.spendFen[i];
    if (before === null || before === undefined || now === null || now === undefined) return null;
    if (now >= before) return null;
  }
  const fromFen = f.spendFen[first];
  const toFen = f.spendFen[last];
  const fromMonth = monthAt(f, first);
  const toMonth = monthAt(f, last);
  if (fromFen == null || toFen == null || fromMonth === null || toMonth === null) return null;
  return { code: 'ARPU_DECLINE', params: { months: rule.months, fromFen, toFen, fromMonth, toMonth } };
}

export function openComplaint(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  const rule = s.signals.openComplaint;
  if (!rule.enabled) return null;
  const overdue = rule.onOverdue && f.overdueComplaints > 0;
  if (!overdue && f.complaints90 < rule.minComplaints90) return null;
  const params: FiredSignal['params'] = { overdue: f.overdueComplaints, complaints90: f.complaints90 };
  if (f.oldestOverdueDueDate !== null) params.oldestDueDate = f.oldestOverdueDueDate;
  return { code: 'OPEN_COMPLAINT', params };
}

export function arrearsSuspended(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  if (!s.signals.arrearsSuspended.enabled || f.status !== 'arrears_suspended') return null;
  return { code: 'ARREARS_SUSPENDED', params: { days: f.daysInStatus } };
}

export function dataOverage(f: SubscriberFeatures, s: ScoringSettings): FiredSignal | null {
  const rule = s.signals.dataOverage;
  if (!rule.enabled) return null;
  const last = lastIndex(f);
  const overageFen = f.overageFen[last];
  const dataMb = f.dataMb[last];
  const month = monthAt(f, last);
  if (overageFen == null || dataMb == null || month === null) return null;
  if (overageFen < rule.minOverageFen || dataMb <= f.planIncludedDataMb) return null;
  return {
    code: 'DATA_OVERAGE',
    params: { overageFen, dataMb: Math.round(dataMb), allowanceMb: f.planIncludedDataMb, month },
  };
}

const DETECTORS: Record<SignalCode, (f: SubscriberFeatures, s: ScoringSettings) => FiredSignal | null> = {
  CONTRACT_EXPIRING: contractExpiring,
  USAGE_DROP: usageDrop,
  COMPETITOR_MARKETING: competitorMarketing,
  ZERO_CALL_DAYS: zeroCallDays,
  COMPETITOR_HOTLINE: competitorHotline,
  ARPU_DECLINE: arpuDecline,
  OPEN_COMPLAINT: openComplaint,
  ARREARS_SUSPENDED: arrearsSuspended,
  DATA_OVERAGE: dataOverage,
};

export function evaluateSignal(
  code: SignalCode,
  features: SubscriberFeatures,
  settings: ScoringSettings,
): FiredSignal | null {
  return DETECTORS[code](features, settings);
}

/** Every enabled signal that fires, in SIGNAL_CODES order. */
export function fireSignals(features: SubscriberFeatures, settings: ScoringSettings): FiredSignal[] {
  const fired: FiredSignal[] = [];
  for (const code of SIGNAL_CODES) {
    const signal = DETECTORS[code](features, settings);
    if (signal) fired.push(signal);
  }
  return fired;
}
