import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChurnScorer } from '#src/features/model/churn-scorer';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import type { PartJob, WorkerReply, WorkerRequest, WorkerSetup } from './score-worker';

/**
 * Scores slices of the feature table on worker threads, one slice per worker: the model, the
 * rules and the CSV encoding are per-row JavaScript, the one part of a run that DuckDB and
 * PostgreSQL cannot do for us, and on one thread they would leave the other cores idle. Each
 * worker reads its own Parquet slice, so no rows are copied between threads.
 */
export class ScorePool {
  private readonly waiting = new Map<
    number,
    { resolve(rows: number): void; reject(error: Error): void; onProgress(scored: number): void }
  >();
  private nextId = 0;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply) => this.handle(reply));
      worker.on('error', (error) => this.failAll(error));
    }
  }

  get size(): number {
    return this.workers.length;
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
      // A larger young generation: scoring makes many short-lived objects per row, and the default
      // semi-space had the worker collecting garbage for a sixth of its time.
      const worker = new Worker(new URL('./score-worker-entry.mjs', import.meta.url), {
        resourceLimits: { maxYoungGenerationSizeMb: 192 },
      });
      worker.postMessage({ kind: 'setup', setup: message } satisfies WorkerRequest);
      return worker;
    });
    return new ScorePool(workers);
  }

  /** Scores one slice into job.outPath; resolves with its row count. */
  scorePart(job: PartJob, onProgress: (scored: number) => void): Promise<number> {
    const id = this.nextId;
    this.nextId += 1;
    const worker = this.workers[id % this.workers.length];
    if (!worker) return Promise.reject(new Error('the score pool has no workers'));
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, onProgress });
      worker.postMessage({ kind: 'part', id, job } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private handle(reply: WorkerReply): void {
    const pending = this.waiting.get(reply.id);
    if (!pending) return;
    if (reply.kind === 'progress') {
      pending.onProgress(reply.scored);
      return;
    }
    this.waiting.delete(reply.id);
    if (reply.kind === 'error') pending.reject(new Error(`scoring worker: ${reply.error}`));
    else pending.resolve(reply.rows);
  }

  private failAll(error: Error): void {
    for (const pending of this.waiting.values()) pending.reject(error);
    this.waiting.clear();
  }
}

function defaultSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
