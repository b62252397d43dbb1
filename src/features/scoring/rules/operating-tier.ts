import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import type { FiredSignal, SignalCode } from './churn-signals';
import type { ContributionClass } from './contribution-class';
import { ageOn } from './dates';

export const OPERATING_TIERS = ['high_value', 'potential', 'ordinary', 'churn_warning'] as const;
export type OperatingTier = (typeof OPERATING_TIERS)[number];

/** Why a subscriber is in their tier: the first rule that placed them. */
export const TIER_REASONS = [
  'arpu_decline',
  'unresolved_complaint',
  'competitor_contact',
  'churn_probability',
  'high_contribution',
  'high_arpu_bound',
  'new_subscriber',
  'student',
  'young_heavy_data',
  'silence_wake_up',
  'moderate_value',
] as const;
export type TierReason = (typeof TIER_REASONS)[number];

export type TierOutcome = { tier: OperatingTier; reason: TierReason };

type Rule = { reason: TierReason; applies: boolean };

function fired(signals: FiredSignal[], ...codes: SignalCode[]): boolean {
  return signals.some((s) => codes.includes(s.code));
}

function lastValues(series: (number | null)[], count: number): number[] | null {
  const values = series.slice(-count);
  const present: number[] = [];
  for (const v of values) if (v !== null) present.push(v);
  return values.length === count && present.length === count ? present : null;
}

function mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Average data use over the last 3 billed months of the series; null when none has a figure. */
function recentDataMbPerMonth(features: SubscriberFeatures): number | null {
  const present: number[] = [];
  for (const v of features.dataMb.slice(-3)) if (v !== null) present.push(v);
  return present.length === 0 ? null : mean(present);
}

/** Spend has stayed within ±tolerance of its mean for the last N months ("沉默喚醒", DOMAIN.md §2). */
export function isSilent(features: SubscriberFeatures, settings: ScoringSettings): boolean {
  const rule = settings.tiers.ordinary;
  const spend = lastValues(features.spendFen, rule.silenceMonths);
  if (spend === null) return false;
  const average = mean(spend);
  if (average <= 0) return false;
  return spend.every((v) => Math.abs(v - average) <= rule.silenceTolerance * average);
}

function isYoungHeavyDataUser(features: SubscriberFeatures, settings: ScoringSettings): boolean {
  const rule = settings.tiers.potential;
  if (features.birthDate === null) return false;
  const data = recentDataMbPerMonth(features);
  if (data === null) return false;
  return (
    ageOn(features.birthDate, features.asOf) < rule.youngMaxAgeYears && data >= rule.youngMinDataMbPerMonth
  );
}

/**
 * DOMAIN.md §2 operating tier ("RFM + business contribution + loyalty"). Churn warning overrides the
 * others; then high value, potential, and ordinary for everyone else. `signals` are the fired signals,
 * so a signal the operator switched off cannot make a churn warning either.
 */
export function operatingTier(
  features: SubscriberFeatures,
  signals: FiredSignal[],
  contribution: ContributionClass,
  churnProbability: number,
  settings: ScoringSettings,
): TierOutcome {
  const { churnWarning, highValue, potential } = settings.tiers;
  const warning: Rule[] = [
    { reason: 'arpu_decline', applies: churnWarning.onArpuDecline && fired(signals, 'ARPU_DECLINE') },
    {
      reason: 'unresolved_complaint',
      applies: churnWarning.onUnresolvedComplaint && fired(signals, 'OPEN_COMPLAINT'),
    },
    {
      reason: 'competitor_contact',
      applies:
        churnWarning.onCompetitorContact && fired(signals, 'COMPETITOR_HOTLINE', 'COMPETITOR_MARKETING'),
    },
    {
      reason: 'churn_probability',
      applies: Number.isFinite(churnProbability) && churnProbability >= churnWarning.minChurnProbability,
    },
  ];
  const hit = warning.find((r) => r.applies);
  if (hit) return { tier: 'churn_warning', reason: hit.reason };

  if (contribution === 'high') return { tier: 'high_value', reason: 'high_contribution' };
  const bound =
    features.contractDaysLeft !== null ||
    features.sceneTags.some((t) => highValue.bundleSceneTags.includes(t));
  if (features.arpu3Fen !== null && features.arpu3Fen >= highValue.minArpu3Fen && bound) {
    return { tier: 'high_value', reason: 'high_arpu_bound' };
  }

  if (features.tenureMonths < potential.maxTenureMonths)
    return { tier: 'potential', reason: 'new_subscriber' };
  if (features.sceneTags.some((t) => potential.studentSceneTags.includes(t))) {
    return { tier: 'potential', reason: 'student' };
  }
  if (isYoungHeavyDataUser(features, settings)) return { tier: 'potential', reason: 'young_heavy_data' };

  if (isSilent(features, settings)) return { tier: 'ordinary', reason: 'silence_wake_up' };
  return { tier: 'ordinary', reason: 'moderate_value' };
}
