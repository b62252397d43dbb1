import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbHandle } from '#src/db/client';
import { writeScoreRollups } from '#src/features/dashboards/score-rollups.repository';
import type { ChurnScorer } from '#src/features/model/churn-scorer';
import { loadScorer } from '#src/features/model/load-scorer';
import { materializeFeatures } from '#src/features/scoring/features/feature-slices';
import { populationPercentiles } from '#src/features/scoring/settings/scoring-settings';
import { currentSettings } from '#src/features/scoring/settings/settings.service';
import { AppError } from '#src/lib/app-error';
import { isCalendarDate, lastCompleteMonthOn, monthEnd } from '#src/lib/months';
import type { UsageStore } from '#src/usage/usage-store';
import { checkAgainstDemoTruth, type GroundTruthCheck } from './ground-truth-check';
import { acquireRunLock, type RunLock } from './run-lock';
import { forgetProgress, type RunProgress, type RunStage, reportProgress } from './run-progress';
import { finishRun, insertRun, markAbandonedRuns, type RunTrigger, updateRun } from './runs.repository';
import { dropOldPartitions, partitionName } from './score-partition';
import { ScorePool } from './score-pool';
import { openScoreWriter, type ScoreWriter } from './score-writer';

export type ScoringContext = {
  handle: DbHandle;
  usage: UsageStore;
  timeZone: string;
  /** Where a run keeps its intermediate files (removed when it ends). */
  workRoot: string;
};

export type ScoringRunOptions = {
  /** Score as of this day; the month-based rules use the last month complete on it. Default: the
   * end of the latest billed month. */
  asOf?: string;
  trigger: RunTrigger;
  /** Succeeded runs whose scores are kept (history per subscriber); older scores are deleted. */
  keepRuns?: number;
  onProgress?: (progress: RunProgress) => void;
  /** Fault-injection seam for crash tests: runs inside the write transaction, before commit. */
  beforeCommit?: () => Promise<void>;
};

/**
 * Wall seconds of each stage, and within them: relational (PostgreSQL export ∥ DuckDB usage
 * aggregates), featureQuery (the feature query written to Parquet), population (its percentiles),
 * partition (finishing the score partition after the last row: the load's tail, two index builds,
 * attach, which builds the parent's other two) and rollups (with the partition's statistics).
 * Scoring includes loading the rows, which stream to the database meanwhile.
 */
export type StageSeconds = Partial<
  Record<RunStage | 'relational' | 'featureQuery' | 'population' | 'partition' | 'rollups', number>
>;

export type ScoringRunSummary = {
  runId: number;
  asOf: string;
  modelId: number;
  settingsVersion: number;
  subscribers: number;
  seconds: StageSeconds & { total: number };
  checks: GroundTruthCheck | null;
};

export type StartedRun = { runId: number; asOf: string; finished: Promise<ScoringRunSummary> };

const DEFAULT_KEEP_RUNS = 6;

/**
 * Starts a scoring run and returns as soon as it is recorded (so an API can answer with its id);
 * `finished` settles when it commits or fails. One run at a time: a second start is refused.
 *
 * The run is all-or-nothing: the features go to Parquet files in a work directory (one per slice
 * of subscribers, so memory does not grow with the operator); worker
 * threads score it and their rows go, as they come, into the run's own partition inside one
 * transaction (PostgreSQL; PGlite loads them from a file at the end), which then indexes and
 * attaches the partition, writes the rollups and marks the run succeeded. Until that commit the
 * previous run's scores are what everyone sees; a killed process leaves only a run row marked
 * 'running', which the next run marks 'interrupted'.
 */
export async function startScoringRun(ctx: ScoringContext, options: ScoringRunOptions): Promise<StartedRun> {
  const lock = await acquireRunLock(ctx.handle.engine);
  try {
    const { db } = ctx.handle;
    await markAbandonedRuns(db);
    const asOf = await resolveAsOf(ctx, options.asOf);
    const settings = await currentSettings(db);
    const run = await insertRun(db, {
      asOf,
      trigger: options.trigger,
      settingsVersion: settings.version,
      modelId: null,
    });
    const finished = executeRun(ctx, options, { runId: run.id, asOf, settings, lock });
    // The caller may not await `finished` at once (an API answers first): never leave it unhandled.
    finished.catch(() => undefined);
    return { runId: run.id, asOf, finished };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Starts a run and waits for it (the CLI, first start, the nightly schedule, tests). */
export async function runScoring(
  ctx: ScoringContext,
  options: ScoringRunOptions,
): Promise<ScoringRunSummary> {
  const started = await startScoringRun(ctx, options);
  return started.finished;
}

type RunPlan = {
  runId: number;
  asOf: string;
  settings: Awaited<ReturnType<typeof currentSettings>>;
  lock: RunLock;
};

async function executeRun(
  ctx: ScoringContext,
  options: ScoringRunOptions,
  plan: RunPlan,
): Promise<ScoringRunSummary> {
  const { db, engine } = ctx.handle;
  const { runId, asOf } = plan;
  const seconds: StageSeconds = {};
  const began = performance.now();
  const progress: RunProgress = { runId, stage: 'starting', scored: 0, total: 0 };
  const enter = async (stage: RunStage) => {
    progress.stage = stage;
    reportProgress(progress);
    options.onProgress?.({ ...progress });
    await updateRun(db, runId, { stage });
  };
  const timed = async <T>(stage: RunStage, work: () => Promise<T>): Promise<T> => {
    await enter(stage);
    const start = performance.now();
    const result = await work();
    seconds[stage] = round2((performance.now() - start) / 1000);
    return result;
  };

  let committed = false;
  await mkdir(ctx.workRoot, { recursive: true });
  const workDir = await mkdtemp(join(ctx.workRoot, `run-${runId}-`));
  // The writer holds the publishing transaction (PostgreSQL) from the first scored row on.
  let writer: ScoreWriter | null = null;
  let publishing: ScoreWriter | null = null;
  try {
    const scorer: ChurnScorer = await timed('model', () =>
      loadScorer({ ...ctx, workDir }, plan.settings.settings, asOf),
    );
    await updateRun(db, runId, { modelId: scorer.modelId });

    // The workers start (and load their code) while the feature pass runs.
    const pool = ScorePool.start({ runId, scorer, settings: plan.settings.settings });
    let subscribers = 0;
    try {
      const features = await timed('features', () =>
        materializeFeatures({
          engine,
          usage: ctx.usage,
          asOf,
          workDir,
          timeZone: ctx.timeZone,
          percentiles: populationPercentiles(plan.settings.settings),
        }),
      );
      seconds.relational = features.seconds.relational;
      seconds.featureQuery = features.seconds.features;
      seconds.population = features.seconds.population;
      subscribers = features.subscribers;
      progress.total = features.subscribers;
      // Rows go to the database as they are scored (PostgreSQL), inside the publishing transaction.
      const opened = await openScoreWriter(engine, runId, workDir);
      writer = opened;
      await timed('scoring', () =>
        pool.run({ files: features.files, asOf, population: features.population }, opened.sink, (scored) => {
          progress.scored += scored;
          reportProgress(progress);
          options.onProgress?.({ ...progress });
        }),
      );
      publishing = opened;
    } finally {
      await pool.close();
    }

    if (!publishing) throw new Error('the run has no score writer');
    const ready: ScoreWriter = publishing;
    await timed('writing', async () => {
      const { partitionSeconds } = await ready.publish(async (session) => {
        // Statistics first: on a partition the planner knows nothing about it expected 1% of the
        // rows and read all of them through a bitmap of an index (twice as slow as a scan at 10M);
        // the search's plans over the new scores need them anyway.
        const rollupsBegan = performance.now();
        await session.query(`ANALYZE ${partitionName(runId)}`);
        // The dashboards' per-run rollups, in the publishing transaction: never a run without them.
        await writeScoreRollups(session, runId);
        seconds.rollups = round2((performance.now() - rollupsBegan) / 1000);
        await options.beforeCommit?.();
        // Last, so nothing long runs between the check and the commit.
        await plan.lock.assertHeld(session);
        // clock_timestamp(), not now(): on PostgreSQL this transaction began with the first scored row.
        await session.query(
          `UPDATE scoring_runs SET status = 'succeeded', stage = 'checking', subscribers = $2,
             finished_at = clock_timestamp(), timings = $3 WHERE id = $1`,
          [
            runId,
            subscribers,
            JSON.stringify({ ...seconds, total: round2((performance.now() - began) / 1000) }),
          ],
        );
      });
      seconds.partition = round2(partitionSeconds);
    });

    committed = true;
    // The scores are in: housekeeping and checks that fail now must not mark the run failed.
    const checks = await timed('checking', async () => {
      try {
        await dropOldPartitions(engine, options.keepRuns ?? DEFAULT_KEEP_RUNS);
        return await checkAgainstDemoTruth(ctx.handle, runId, asOf);
      } catch {
        return null;
      }
    });
    const total = round2((performance.now() - began) / 1000);
    // Let the next run start from the moment this one reads 'done'.
    await plan.lock.release();
    await updateRun(db, runId, { stage: 'done', checks, timings: { ...seconds, total } });
    progress.stage = 'done';
    options.onProgress?.({ ...progress });
    return {
      runId,
      asOf,
      modelId: scorer.modelId,
      settingsVersion: plan.settings.version,
      subscribers,
      seconds: { ...seconds, total },
      checks,
    };
  } catch (error) {
    if (committed) throw error;
    await writer?.abort().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await finishRun(db, runId, { status: 'failed', error: message, timings: seconds }).catch(() => undefined);
    throw error;
  } finally {
    forgetProgress(runId);
    await rm(workDir, { recursive: true, force: true });
    await plan.lock.release();
  }
}

/**
 * The day to score as of. Month-based rules need a complete month, so the day is moved back to
 * the end of the last month complete on it; by default, the end of the latest billed month.
 */
export async function resolveAsOf(
  ctx: Pick<ScoringContext, 'usage'>,
  requested: string | undefined,
): Promise<string> {
  if (requested !== undefined) {
    if (!isCalendarDate(requested)) {
      throw new AppError('VALIDATION_FAILED', `as-of must be a date YYYY-MM-DD, got '${requested}'`);
    }
    return monthEnd(lastCompleteMonthOn(requested));
  }
  const months = await ctx.usage.listMonths('bills');
  const latest = months.at(-1);
  if (!latest) {
    throw new AppError('CONFLICT', 'There are no bills to score yet: import bills (and usage) first');
  }
  return monthEnd(latest);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
