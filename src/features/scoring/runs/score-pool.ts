import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChurnScorer } from '#src/features/model/churn-scorer';
import { FEATURE_ROW_GROUP, type FeatureFile } from '#src/features/scoring/features/feature-slices';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import type { WorkerInput, WorkerReply, WorkerRequest, WorkerSetup } from './score-worker';

/** Rows per job: one row group of a feature file (feature-slices.ts writes groups of this size). */
export const JOB_ROWS = FEATURE_ROW_GROUP;

/** Receives the COPY text of scored rows, one chunk at a time; resolves when it may take the next. */
export type ChunkSink = (bytes: Uint8Array, rows: number) => Promise<void>;

/**
 * Scores the run's feature file on worker threads: the model, the rules and the COPY encoding are
 * per-row JavaScript, the one part of a run that DuckDB and PostgreSQL cannot do for us, and on one
 * thread they would leave the other cores idle. Each worker reads its rows from the file with its
 * own DuckDB (nothing but finished COPY text crosses threads, and that by transfer, not copy).
 *
 * The files are dealt out in jobs of JOB_ROWS rows, the next job to whichever worker finishes first,
 * so a worker slowed by the database's share of the cores does not hold the run up; jobs go out in
 * file order, so rows reach the table roughly in subscriber order. The chunks go to `sink` one at a
 * time, in arrival order; a worker stops scoring while MAX_UNWRITTEN_CHUNKS of its chunks are not
 * written yet, so a slow sink holds memory to a few megabytes instead of the whole run.
 */
export class ScorePool {
  private constructor(private readonly workers: Worker[]) {}

  get size(): number {
    return this.workers.length;
  }

  static start(
    setup: { runId: number; scorer: ChurnScorer; settings: ScoringSettings },
    size = defaultSize(),
  ): ScorePool {
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

  /**
   * Scores every row of the feature files into `sink`; resolves with the number of rows scored
   * once every chunk is written. `onProgress` hears of each chunk as it is written.
   */
  run(
    input: Omit<WorkerInput, 'paths'> & { files: FeatureFile[] },
    sink: ChunkSink,
    onProgress: (rows: number) => void,
  ): Promise<number> {
    const jobs: { file: number; from: number; to: number }[] = [];
    for (const [file, { rows }] of input.files.entries())
      for (let from = 0; from < rows; from += JOB_ROWS)
        jobs.push({ file, from, to: Math.min(rows, from + JOB_ROWS) });
    const { files, ...rest } = input;
    const workerInput: WorkerInput = { ...rest, paths: files.map((file) => file.path) };
    return new Promise((resolve, reject) => {
      let nextJob = 0;
      let running = 0;
      let scored = 0;
      let failed = false;
      // Chunks are written one after another, in the order they arrive.
      let writing: Promise<void> = Promise.resolve();
      const listeners: [Worker, (reply: WorkerReply) => void, (error: Error) => void][] = [];
      const stop = () => {
        for (const [worker, onMessage, onError] of listeners) {
          worker.off('message', onMessage);
          worker.off('error', onError);
        }
      };
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        stop();
        reject(error);
      };
      const dispatch = (worker: Worker): boolean => {
        const job = jobs[nextJob];
        if (!job || failed) return false;
        worker.postMessage({ kind: 'job', job: { id: nextJob, ...job } } satisfies WorkerRequest);
        nextJob += 1;
        running += 1;
        return true;
      };
      const finishIfDone = () => {
        if (failed || running > 0 || nextJob < jobs.length) return;
        writing.then(
          () => {
            if (failed) return;
            stop();
            resolve(scored);
          },
          (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
        );
      };
      for (const worker of this.workers) {
        const onMessage = (reply: WorkerReply) => {
          switch (reply.kind) {
            case 'chunk':
              writing = writing.then(async () => {
                if (failed) return;
                await sink(reply.bytes, reply.rows);
                scored += reply.rows;
                onProgress(reply.rows);
                worker.postMessage({ kind: 'credit' } satisfies WorkerRequest);
              });
              writing.catch((error: unknown) =>
                fail(error instanceof Error ? error : new Error(String(error))),
              );
              return;
            case 'done':
              running -= 1;
              if (!dispatch(worker)) finishIfDone();
              return;
            case 'error':
              fail(new Error(`scoring worker: ${reply.error}`));
              return;
            case 'closed':
              return;
          }
        };
        const onError = (error: Error) => fail(error);
        worker.on('message', onMessage);
        worker.on('error', onError);
        listeners.push([worker, onMessage, onError]);
        worker.postMessage({ kind: 'input', input: workerInput } satisfies WorkerRequest);
      }
      for (const worker of this.workers) dispatch(worker);
      finishIfDone();
    });
  }

  /**
   * Asks each worker to stop its job at the next chunk and close its DuckDB, then ends the threads.
   * A thread is never ended while DuckDB works for it: a native call finishing into a dead thread
   * aborts the whole process. One that does not answer in a minute is ended regardless.
   */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        const closed = new Promise<void>((resolve) => {
          const onMessage = (reply: WorkerReply) => {
            if (reply.kind !== 'closed') return;
            worker.off('message', onMessage);
            resolve();
          };
          worker.on('message', onMessage);
          worker.once('exit', () => resolve());
          worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
        });
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          closed,
          new Promise((resolve) => {
            timer = setTimeout(resolve, 60_000);
          }),
        ]);
        clearTimeout(timer);
        await worker.terminate();
      }),
    );
  }
}

function defaultSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
