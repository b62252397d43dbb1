import type { PopulationStats, SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { type FiredSignal, fireSignals } from './churn-signals';
import { type ContributionClass, contributionClass } from './contribution-class';
import { type KeyMoment, keyMoments } from './key-moments';
import { type LifecycleStage, lifecycleStage } from './lifecycle';
import { type OperatingTier, operatingTier, type TierReason } from './operating-tier';
import { type RiskBand, riskBand } from './risk-band';
import { type SensitivitySegment, sensitivitySegments } from './sensitivity';
import { isInTargetPool } from './target-pool';
import { type VipKind, vipKind } from './vip-kind';

export type RuleOutcome = {
  inTargetPool: boolean;
  vipKind: VipKind;
  contributionClass: ContributionClass;
  tier: OperatingTier;
  tierReason: TierReason;
  lifecycleStage: LifecycleStage;
  signals: FiredSignal[];
  segments: SensitivitySegment[];
  keyMoments: KeyMoment[];
  riskBand: RiskBand;
  revenueAtRiskFen: number;
};

/** A probability the rules can use: outside 0..1 is clamped, anything not a number is no risk. */
function usableProbability(p: number): number {
  if (!Number.isFinite(p)) return 0;
  return Math.min(1, Math.max(0, p));
}

/**
 * Every rule of DOMAIN.md §2–§6 for one subscriber. `churnProbability` comes from the active model,
 * or from priorRisk(signals) when there is none.
 */
export function evaluateRules(
  features: SubscriberFeatures,
  population: PopulationStats,
  settings: ScoringSettings,
  churnProbability: number,
  /** The signals fireSignals(features, settings) gives, when the caller has them already. */
  firedSignals?: FiredSignal[],
): RuleOutcome {
  const probability = usableProbability(churnProbability);
  const inTargetPool = isInTargetPool(features, settings);
  const contribution = contributionClass(features, population);
  const kind = vipKind(features, population, settings, contribution);
  const signals = firedSignals ?? fireSignals(features, settings);
  const tier = operatingTier(features, signals, contribution, probability, settings);
  const arpu = features.arpu3Fen;
  return {
    inTargetPool,
    vipKind: kind,
    contributionClass: contribution,
    tier: tier.tier,
    tierReason: tier.reason,
    lifecycleStage: lifecycleStage(features, signals, settings),
    signals,
    segments: sensitivitySegments(features, settings),
    keyMoments: keyMoments(features, settings, { isVip: inTargetPool || kind !== 'none', tier }),
    riskBand: riskBand(probability, settings),
    revenueAtRiskFen: arpu === null ? 0 : Math.round(arpu * settings.model.horizonMonths * probability),
  };
}
