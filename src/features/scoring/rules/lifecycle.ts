import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import type { FiredSignal } from './churn-signals';

export const LIFECYCLE_STAGES = ['intro', 'growth', 'mature', 'decline', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/**
 * DOMAIN.md §3: intro (< 3 months), growth (3–12), mature (12–36), decline (> 36 months or any
 * churn-intent signal), churned by status. The stage boundaries are settings.
 */
export function lifecycleStage(
  features: SubscriberFeatures,
  signals: FiredSignal[],
  settings: ScoringSettings,
): LifecycleStage {
  const rule = settings.lifecycle;
  if (features.status === 'churned') return 'churned';
  if (signals.some((s) => rule.declineSignals.includes(s.code))) return 'decline';
  if (features.tenureMonths < rule.introMonths) return 'intro';
  if (features.tenureMonths < rule.growthMonths) return 'growth';
  if (features.tenureMonths <= rule.matureMonths) return 'mature';
  return 'decline';
}
