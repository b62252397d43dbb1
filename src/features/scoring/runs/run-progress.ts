/**
 * What a run in this process is doing right now, for the API to show while it goes. The database
 * row carries the stage too (so another process sees it); this adds the live counts.
 */
export type RunStage = 'starting' | 'model' | 'features' | 'scoring' | 'writing' | 'checking' | 'done';

export type RunProgress = {
  runId: number;
  stage: RunStage;
  /** Subscribers scored so far, and how many there are (0 until the feature pass knows). */
  scored: number;
  total: number;
};

const live = new Map<number, RunProgress>();

export function reportProgress(progress: RunProgress): void {
  live.set(progress.runId, { ...progress });
}

export function liveProgress(runId: number): RunProgress | undefined {
  return live.get(runId);
}

export function forgetProgress(runId: number): void {
  live.delete(runId);
}
