import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { churnModelFromJSON } from '#src/ml/churn-model';
import { type ChurnScorer, signalPriorScorer, trainedModelScorer } from './churn-scorer';
import {
  type HistoryTrainingContext,
  type HistoryTrainingResult,
  trainFromHistory,
} from './history-training';
import {
  activateModel,
  findActiveModel,
  insertModel,
  listModels,
  type ModelSummaryRow,
} from './models.repository';

export const SIGNAL_PRIOR_SOURCE = 'signal_prior';

/**
 * The scorer a run uses: the active trained model when its horizon matches the settings; else a
 * model trained now from the operator's history (and made active); else, when history has too
 * few churners, the signal prior of the settings, recorded as a model so every score names it.
 */
export async function loadScorer(
  ctx: HistoryTrainingContext,
  settings: ScoringSettings,
  asOf: string,
  onProgress?: (message: string) => void,
): Promise<ChurnScorer> {
  const { db } = ctx.handle;
  const active = await findActiveModel(db);
  if (
    active &&
    active.source !== SIGNAL_PRIOR_SOURCE &&
    active.horizonMonths === settings.model.horizonMonths
  ) {
    return trainedModelScorer(active.id, churnModelFromJSON(JSON.parse(active.modelJson)), settings);
  }
  const trained = await trainAndStore(ctx, settings, asOf, onProgress);
  if (trained) return trained.scorer;
  const params = { signals: settings.signals, priorRisk: settings.priorRisk };
  const same = (await listModels(db)).find(
    (m) =>
      m.source === SIGNAL_PRIOR_SOURCE &&
      m.horizonMonths === settings.model.horizonMonths &&
      canonicalJson(m.params) === canonicalJson(params),
  );
  const prior = same
    ? same
    : await insertModel(
        db,
        {
          source: SIGNAL_PRIOR_SOURCE,
          kind: 'signal-prior-logistic',
          horizonMonths: settings.model.horizonMonths,
          trainedOn: 'scoring settings (no churn history to learn from yet)',
          trainRows: 0,
          positives: 0,
          metrics: {},
          params,
          modelJson: '{}',
        },
        true,
      );
  if (!prior.isActive) await activateModel(db, prior.id);
  return signalPriorScorer(prior.id, settings);
}

export type StoredTraining = { scorer: ChurnScorer; model: ModelSummaryRow; training: HistoryTrainingResult };

/** Trains from history and stores the model as the active one; null when history is too thin. */
export async function trainAndStore(
  ctx: HistoryTrainingContext,
  settings: ScoringSettings,
  asOf: string,
  onProgress?: (message: string) => void,
): Promise<StoredTraining | null> {
  const training = await trainFromHistory(ctx, settings, asOf, onProgress);
  if (!training) return null;
  const stored = await insertModel(
    ctx.handle.db,
    {
      source: 'operator_history',
      kind: training.model.summary.kind,
      horizonMonths: settings.model.horizonMonths,
      trainedOn: training.snapshots.join(', '),
      trainRows: training.trainRows,
      positives: training.positives,
      metrics: {
        ...training.metrics,
        holdoutRows: training.holdoutRows,
        cvRocAuc: training.model.summary.cvRocAuc,
        trainSeconds: training.model.summary.trainSeconds,
      },
      params: training.model.summary.params,
      modelJson: JSON.stringify(training.model.toJSON()),
    },
    true,
  );
  return { scorer: trainedModelScorer(stored.id, training.model, settings), model: stored, training };
}

/** JSON with object keys sorted, so documents that differ only in key order compare equal (jsonb
 * does not keep key order). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
