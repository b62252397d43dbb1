import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChurnScorer } from '#src/features/model/churn-scorer';
import type { PopulationStats, SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './score-worker';

/**
 * Scores batches on worker threads while the main thread keeps reading features from DuckDB:
 * the model, the rules and the CSV encoding are per-row JavaScript, the one part of a run that
 * DuckDB and PostgreSQL cannot do for us, and on a 2-core box they would otherwise use one core.
 * Results come back in submission order, so the scores file is identical to a single-threaded run.
 */
export class ScorePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();
  private nextId = 0;

  private constructor(workers: Worker[]) {
    this.workers = workers;
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
    }
  }

  static start(
    setup: { runId: number; scorer: ChurnScorer; settings: ScoringSettings },
    size = defaultSize(),
  ) {
    const message: WorkerSetup = {
      runId: setup.runId,
      modelId: setup.scorer.modelId,
      modelJson: setup.scorer.model ? setup.scorer.model.toJSON() : null,
      settings: setup.settings,
    };
    const workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./score-worker-entry.mjs', import.meta.url));
      worker.postMessage({ kind: 'setup', setup: message } satisfies WorkerRequest);
      return worker;
    });
    return new ScorePool(workers);
  }

  /** CSV lines for one batch, from whichever worker's turn it is. */
  score(rows: SubscriberFeatures[], population: PopulationStats): Promise<string> {
    const id = this.nextId;
    this.nextId += 1;
    const worker = this.workers[id % this.workers.length];
    if (!worker) return Promise.reject(new Error('the score pool has no workers'));
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ kind: 'batch', id, rows, population } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private settle(reply: WorkerReply): void {
    const pending = this.waiting.get(reply.id);
    if (!pending) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) pending.reject(new Error(`scoring worker: ${reply.error}`));
    else pending.resolve(reply.text);
  }

  private failAll(error: Error): void {
    for (const pending of this.waiting.values()) pending.reject(error);
    this.waiting.clear();
  }
}

function defaultSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
