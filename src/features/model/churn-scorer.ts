import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import { modelInputRow, toModelTable } from '#src/features/scoring/model-input/model-features';
import type { FiredSignal, SignalCode } from '#src/features/scoring/rules/churn-signals';
import { priorRisk } from '#src/features/scoring/rules/prior-risk';
import type { ModelReason } from '#src/features/scoring/runs/score-record';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { type ChurnModel, topContributionIndices, topContributions } from '#src/ml/churn-model';
import type { Column } from '#src/ml/table';

/** How many model reasons each score keeps for the agent. */
export const REASONS_PER_SCORE = 3;

/** Churn probabilities and their reasons for a batch, from whichever model is in force. */
export type ChurnScorer = {
  /** churn_models.id of the model making the scores. */
  modelId: number;
  /** The trained model (absent for the signal prior), so worker threads can rebuild the scorer. */
  model?: ChurnModel;
  score(
    rows: SubscriberFeatures[],
    signals: FiredSignal[][],
  ): { probabilities: Float64Array; reasons: ModelReason[][] };
  /** `score` of one subscriber, the same to the bit, without a batch's tables (a run's hot path). */
  scoreOne(row: SubscriberFeatures, signals: FiredSignal[]): { probability: number; reasons: ModelReason[] };
};

/** A trained model: calibrated probabilities, and its top per-feature contributions as reasons. */
export function trainedModelScorer(
  modelId: number,
  model: ChurnModel,
  settings: ScoringSettings,
): ChurnScorer {
  const scoreOne = oneRowScorer(model);
  return {
    modelId,
    model,
    scoreOne(row, signals) {
      if (scoreOne) return scoreOne(row, signals);
      const { probabilities, reasons } = this.score([row], [signals]);
      return { probability: probabilities[0] ?? 0, reasons: reasons[0] ?? [] };
    },
    score(rows, signals) {
      const table = toModelTable(rows, settings, signals);
      // One pass: the contributions sum exactly to the calibrated log-odds, so the probability
      // comes from them instead of walking every tree a second time in predict().
      const { contributions, bias } = model.contributions(table);
      const features = model.featureNames.length;
      const probabilities = new Float64Array(rows.length);
      const reasons: ModelReason[][] = [];
      const byName = new Map(table.columns.map((column) => [column.name, column]));
      for (let row = 0; row < rows.length; row += 1) {
        let logit = bias;
        for (let f = 0; f < features; f += 1) logit += contributions[row * features + f] ?? 0;
        probabilities[row] = 1 / (1 + Math.exp(-logit));
        reasons.push(
          topContributions(contributions, model.featureNames, row, REASONS_PER_SCORE).map((reason) => ({
            feature: reason.feature,
            contribution: round4(reason.contribution),
            value: columnValue(byName.get(reason.feature), row),
          })),
        );
      }
      return { probabilities, reasons };
    },
  };
}

const NO_SIGNALS: ReadonlySet<SignalCode> = new Set();

/**
 * `score` for one row through the model's row explainer: the same inputs (modelInputRow), the same
 * contributions and probability, the same top reasons. Null when the model reads a column the
 * scoring features do not make as it expects (then the table path scores it).
 */
function oneRowScorer(
  model: ChurnModel,
):
  | ((row: SubscriberFeatures, signals: FiredSignal[]) => { probability: number; reasons: ModelReason[] })
  | null {
  const explainer = model.rowExplainer();
  const inputs = modelInputRow(explainer.features);
  if (!inputs) return null;
  const count = explainer.features.length;
  const numeric = new Float64Array(count).fill(Number.NaN);
  const categorical: (string | null)[] = new Array(count).fill(null);
  const contributions = new Float64Array(count);
  // By model feature index: the explainer's features are the model's, in the same order.
  const names = explainer.features.map((feature) => feature.name);
  const numericFeature = explainer.features.map((feature) => feature.kind === 'numeric');
  return (row, signals) => {
    const fired = signals.length === 0 ? NO_SIGNALS : new Set(signals.map((s) => s.code));
    inputs.fill(row, fired, numeric, categorical);
    const logit = explainer.explain(numeric, categorical, contributions);
    const top = topContributionIndices(contributions, count, 0, REASONS_PER_SCORE);
    const reasons: ModelReason[] = new Array(top.length);
    for (let i = 0; i < top.length; i++) {
      const k = top[i] ?? 0;
      const raw = numericFeature[k] ? (numeric[k] ?? Number.NaN) : (categorical[k] ?? null);
      reasons[i] = {
        feature: names[k] ?? '',
        contribution: round4(contributions[k] ?? 0),
        value: typeof raw === 'number' ? (Number.isNaN(raw) ? null : round4(raw)) : raw,
      };
    }
    return { probability: 1 / (1 + Math.exp(-logit)), reasons };
  };
}

/** The subscriber's value of a model input, kept with the reason so it can be shown without features. */
function columnValue(column: Column | undefined, row: number): number | string | null {
  const value = column?.values[row];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : round4(value);
  return value;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * Before the operator has churn history to learn from: the transparent prior of the settings
 * (weighted fired signals through a logistic), with each fired signal's weight as its reason.
 */
export function signalPriorScorer(modelId: number, settings: ScoringSettings): ChurnScorer {
  return {
    modelId,
    scoreOne(_row, signals) {
      const prior = priorRisk(signals, settings);
      return { probability: prior.probability, reasons: prior.contributions.slice(0, REASONS_PER_SCORE) };
    },
    score(_rows, signals) {
      const probabilities = new Float64Array(signals.length);
      const reasons: ModelReason[][] = [];
      signals.forEach((fired, i) => {
        const prior = priorRisk(fired, settings);
        probabilities[i] = prior.probability;
        reasons.push(prior.contributions.slice(0, REASONS_PER_SCORE));
      });
      return { probabilities, reasons };
    },
  };
}
