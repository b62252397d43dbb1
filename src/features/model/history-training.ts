import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { computeFeatures } from '#src/features/scoring/features/feature-query';
import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import { toModelTable } from '#src/features/scoring/model-input/model-features';
import { populationPercentiles, type ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { addMonths, monthEnd, monthOf } from '#src/lib/months';
import { type ChurnModel, trainChurnModel } from '#src/ml/churn-model';
import { evaluateModel } from '#src/ml/metrics';
import type { UsageStore } from '#src/usage/usage-store';

export type HistoryTrainingContext = {
  handle: DbHandle;
  usage: UsageStore;
  timeZone: string;
  workDir: string;
};

export type HistoryTrainingResult = {
  model: ChurnModel;
  snapshots: string[];
  trainRows: number;
  holdoutRows: number;
  positives: number;
  metrics: ReturnType<typeof evaluateModel>;
};

/**
 * Trains the churn model on the operator's own history. Each snapshot is the end of a past month:
 * features as of that day (the feature query reads nothing later), label = churned within the
 * next `horizonMonths` by the status history. Snapshots are stacked; a deterministic hash of the
 * subscriber keeps everyone either in training or in the held-out fifth across all snapshots, so
 * the held-out figures are honest. Returns null when history holds too few churners to learn from.
 */
export async function trainFromHistory(
  ctx: HistoryTrainingContext,
  settings: ScoringSettings,
  latestAsOf: string,
  onProgress?: (message: string) => void,
): Promise<HistoryTrainingResult | null> {
  const { horizonMonths } = settings.model;
  const { snapshots: wanted, minHistoryMonths, maxRows, minPositives, minRows } = settings.model.training;
  const billed = await ctx.usage.listMonths('bills');
  const firstBilled = billed[0];
  if (!firstBilled) return null;
  const earliestSnapshot = addMonths(firstBilled, minHistoryMonths - 1);

  // A snapshot needs the daily usage its 30-day window reads: learning from snapshots without it
  // would teach the model that usage signals never occur, then score everyone with them.
  const usageMonths = new Set(await ctx.usage.listMonths('usage'));
  const snapshots: string[] = [];
  for (let k = 0; k < wanted; k += 1) {
    const month = addMonths(monthOf(latestAsOf), -horizonMonths - k);
    if (month < earliestSnapshot) break;
    if (usageMonths.has(month)) snapshots.push(monthEnd(month));
  }
  if (snapshots.length === 0) return null;

  const train: SubscriberFeatures[] = [];
  const trainLabels: number[] = [];
  const holdout: SubscriberFeatures[] = [];
  const holdoutLabels: number[] = [];
  for (const asOf of snapshots) {
    onProgress?.(`features as of ${asOf}`);
    const churned = await churnedWithin(ctx.handle, asOf, monthEnd(addMonths(monthOf(asOf), horizonMonths)));
    const counted = await countScorable(ctx, asOf);
    const keepShare = Math.min(1, maxRows / Math.max(1, counted * snapshots.length));
    await computeFeatures({
      engine: ctx.handle.engine,
      usage: ctx.usage,
      asOf,
      workDir: ctx.workDir,
      timeZone: ctx.timeZone,
      percentiles: populationPercentiles(settings),
      onBatch: async (rows) => {
        for (const row of rows) {
          const h = unitHash(row.subscriberId);
          // Uniform sampling of both classes keeps the base rate, so calibration stays true.
          if (unitHash(row.subscriberId * 31 + snapshots.indexOf(asOf)) >= keepShare) continue;
          const label = churned.has(row.subscriberId) ? 1 : 0;
          if (h < 0.2) {
            holdout.push(row);
            holdoutLabels.push(label);
          } else {
            train.push(row);
            trainLabels.push(label);
          }
        }
      },
    });
  }
  const positives = trainLabels.filter((l) => l === 1).length;
  if (train.length < minRows || positives < minPositives || holdoutLabels.every((l) => l === 0)) return null;

  onProgress?.(`training on ${train.length} rows (${positives} churned)`);
  const model = trainChurnModel(toModelTable(train, settings), Uint8Array.from(trainLabels), {
    seed: 42,
    onProgress,
  });
  const metrics = evaluateModel(model, toModelTable(holdout, settings), Uint8Array.from(holdoutLabels));
  return { model, snapshots, trainRows: train.length, holdoutRows: holdout.length, positives, metrics };
}

async function churnedWithin(handle: DbHandle, after: string, until: string): Promise<Set<number>> {
  const rows = await queryRows<{ subscriber_id: string | number }>(
    handle.engine,
    `SELECT DISTINCT subscriber_id FROM subscriber_status_history
      WHERE status = 'churned' AND valid_from > $1 AND valid_from <= $2`,
    [after, until],
  );
  return new Set(rows.map((r) => Number(r.subscriber_id)));
}

async function countScorable(ctx: HistoryTrainingContext, asOf: string): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    ctx.handle.engine,
    `SELECT count(*) AS n FROM subscriber_status_history
      WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) AND status <> 'churned'`,
    [asOf],
  );
  return Number(row?.n ?? 0);
}

/** A deterministic number in [0, 1) per integer (Knuth's multiplicative hash): stable sampling. */
function unitHash(n: number): number {
  return ((Math.imul(n | 0, 2_654_435_761) >>> 0) % 1_000_003) / 1_000_003;
}
