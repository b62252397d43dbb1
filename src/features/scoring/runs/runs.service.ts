import type { Database } from '#src/db/client';
import { notFound } from '#src/lib/app-error';
import { liveProgress } from './run-progress';
import { findRun, listRuns, type StoredRun } from './runs.repository';
import type { RunView } from './runs.schemas';

export async function getRun(db: Database, id: number): Promise<RunView> {
  const run = await findRun(db, id);
  if (!run) throw notFound(`Scoring run ${id}`);
  return toView(run);
}

export async function getRuns(db: Database): Promise<{ items: RunView[] }> {
  return { items: (await listRuns(db, 50)).map(toView) };
}

function toView(run: StoredRun): RunView {
  const live = run.status === 'running' ? liveProgress(run.id) : undefined;
  return {
    id: run.id,
    asOf: run.asOf,
    status: run.status,
    trigger: run.trigger,
    stage: live?.stage ?? run.stage,
    settingsVersion: run.settingsVersion,
    modelId: run.modelId,
    subscribers: run.subscribers,
    progress: live ? { scored: live.scored, total: live.total } : null,
    timings: run.timings,
    checks: run.checks,
    error: run.error,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
