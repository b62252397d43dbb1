import { parentPort } from 'node:worker_threads';
import { signalPriorScorer, trainedModelScorer } from '#src/features/model/churn-scorer';
import type { PopulationStats, SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { churnModelFromJSON } from '#src/ml/churn-model';
import { scoreBatch } from './score-batch';
import { scoreCsvLine } from './score-record';

/** What a scoring worker is told once: how to score (the same for every batch of a run). */
export type WorkerSetup = {
  runId: number;
  modelId: number;
  /** The trained model's JSON, or null for the signal prior. */
  modelJson: unknown;
  settings: ScoringSettings;
};
export type WorkerRequest =
  | { kind: 'setup'; setup: WorkerSetup }
  | { kind: 'batch'; id: number; rows: SubscriberFeatures[]; population: PopulationStats };
export type WorkerReply = { id: number; text: string; count: number } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('score-worker runs only as a worker thread');

let prepared: {
  setup: WorkerSetup;
  score: (rows: SubscriberFeatures[], population: PopulationStats) => string;
} | null = null;

port.on('message', (request: WorkerRequest) => {
  if (request.kind === 'setup') {
    const { setup } = request;
    const scorer =
      setup.modelJson === null
        ? signalPriorScorer(setup.modelId, setup.settings)
        : trainedModelScorer(setup.modelId, churnModelFromJSON(setup.modelJson));
    prepared = {
      setup,
      score: (rows, population) => {
        let text = '';
        for (const record of scoreBatch(rows, population, setup.settings, scorer)) {
          text += scoreCsvLine(setup.runId, setup.modelId, record);
        }
        return text;
      },
    };
    return;
  }
  try {
    if (!prepared) throw new Error('batch before setup');
    port.postMessage({
      id: request.id,
      text: prepared.score(request.rows, request.population),
      count: request.rows.length,
    });
  } catch (error) {
    port.postMessage({
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
