import type { ChurnScorer } from '#src/features/model/churn-scorer';
import type { PopulationStats, SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import { fireSignals } from '#src/features/scoring/rules/churn-signals';
import { evaluateRules, type RuleOutcome } from '#src/features/scoring/rules/evaluate-rules';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import type { ModelReason, RevenueShares, ScoreRecord } from './score-record';

/**
 * Scores one batch of subscribers: the model (or the signal prior) gives each a probability and
 * its reasons, then the rules place them (tier, stage, signals, moments) given that probability.
 * Pure apart from the model's arithmetic: the same batch always gives the same records.
 */
export function scoreBatch(
  rows: SubscriberFeatures[],
  population: PopulationStats,
  settings: ScoringSettings,
  scorer: ChurnScorer,
): ScoreRecord[] {
  const signals = rows.map((features) => fireSignals(features, settings));
  const { probabilities, reasons } = scorer.score(rows, signals);
  return rows.map((features, i) => {
    const probability = probabilities[i] ?? 0;
    const outcome = evaluateRules(features, population, settings, probability, signals[i]);
    return scoreRecord(features, probability, reasons[i] ?? [], outcome);
  });
}

/**
 * scoreBatch for one subscriber, through the scorer's one-row path (no batch tables): what a run's
 * workers call for every row. The same record as scoreBatch gives (score-row.test.ts).
 */
export function scoreRow(
  features: SubscriberFeatures,
  population: PopulationStats,
  settings: ScoringSettings,
  scorer: ChurnScorer,
): ScoreRecord {
  const signals = fireSignals(features, settings);
  const { probability, reasons } = scorer.scoreOne(features, signals);
  const outcome = evaluateRules(features, population, settings, probability, signals);
  return scoreRecord(features, probability, reasons, outcome);
}

function scoreRecord(
  features: SubscriberFeatures,
  probability: number,
  reasons: ModelReason[],
  outcome: RuleOutcome,
): ScoreRecord {
  return {
    subscriberId: features.subscriberId,
    probability,
    riskBand: outcome.riskBand,
    tier: outcome.tier,
    tierReason: outcome.tierReason,
    lifecycleStage: outcome.lifecycleStage,
    vipKind: outcome.vipKind,
    contributionClass: outcome.contributionClass,
    inTargetPool: outcome.inTargetPool,
    segments: outcome.segments,
    signals: outcome.signals,
    reasons,
    keyMoments: outcome.keyMoments,
    arpu3Fen: features.arpu3Fen,
    revenueAtRiskFen: outcome.revenueAtRiskFen,
    series: {
      spendFen: features.spendFen,
      minutes: features.minutes,
      dataMb: features.dataMb,
      mix: revenueShares(features),
      nightDataShare: features.nightDataShare30 === null ? null : round4(features.nightDataShare30),
    },
    city: features.city,
  };
}

/** The revenue mix a 360 draws, from the feature pass's 3-month shares; null without spend. */
function revenueShares(features: SubscriberFeatures): RevenueShares | null {
  if (features.voiceShare === null || features.dataShare === null || features.valueAddedShare === null)
    return null;
  return {
    voice: round4(features.voiceShare),
    data: round4(features.dataShare),
    valueAdded: round4(features.valueAddedShare),
  };
}

/**
 * Shares as screens show them (a tenth of a percent at most) keep four decimals: a full double
 * (0.1307459399944949) cost a slow number-to-text conversion and 13 more bytes on each of millions
 * of stored rows.
 */
function round4(share: number): number {
  return Math.round(share * 10_000) / 10_000;
}
