import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { type ChurnScorer, signalPriorScorer, trainedModelScorer } from '#src/features/model/churn-scorer';
import {
  DEFAULT_BATCH_SIZE,
  type FeaturePart,
  streamFeaturePart,
} from '#src/features/scoring/features/feature-query';
import type { PopulationStats } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { churnModelFromJSON } from '#src/ml/churn-model';
import { scoreBatch } from './score-batch';
import { scoreCopyLine } from './score-record';

/** What a scoring worker is told once: how to score (the same for every part of a run). */
export type WorkerSetup = {
  runId: number;
  modelId: number;
  /** The trained model's JSON, or null for the signal prior. */
  modelJson: unknown;
  settings: ScoringSettings;
};
export type PartJob = { part: FeaturePart; asOf: string; population: PopulationStats; outPath: string };
export type WorkerRequest =
  | { kind: 'setup'; setup: WorkerSetup }
  | { kind: 'part'; id: number; job: PartJob };
export type WorkerReply =
  | { kind: 'progress'; id: number; scored: number }
  | { kind: 'done'; id: number; rows: number }
  | { kind: 'error'; id: number; error: string };

const port = parentPort;
if (!port) throw new Error('score-worker runs only as a worker thread');

let prepared: { setup: WorkerSetup; scorer: ChurnScorer } | null = null;

/** Reads one feature slice, scores it batch by batch, and writes its CSV lines to outPath. */
async function scorePart(id: number, job: PartJob): Promise<number> {
  if (!prepared) throw new Error('part before setup');
  const { setup, scorer } = prepared;
  const out = createWriteStream(job.outPath, { encoding: 'utf8' });
  try {
    return await streamFeaturePart(job.part, job.asOf, DEFAULT_BATCH_SIZE, async (rows) => {
      let text = '';
      for (const record of scoreBatch(rows, job.population, setup.settings, scorer)) {
        text += scoreCopyLine(setup.runId, setup.modelId, record);
      }
      if (!out.write(text)) await once(out, 'drain');
      port?.postMessage({ kind: 'progress', id, scored: rows.length } satisfies WorkerReply);
    });
  } finally {
    out.end();
    await once(out, 'close');
  }
}

port.on('message', (request: WorkerRequest) => {
  if (request.kind === 'setup') {
    const { setup } = request;
    const scorer =
      setup.modelJson === null
        ? signalPriorScorer(setup.modelId, setup.settings)
        : trainedModelScorer(setup.modelId, churnModelFromJSON(setup.modelJson), setup.settings);
    prepared = { setup, scorer };
    return;
  }
  scorePart(request.id, request.job).then(
    (rows) => port.postMessage({ kind: 'done', id: request.id, rows } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({
        kind: 'error',
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});
