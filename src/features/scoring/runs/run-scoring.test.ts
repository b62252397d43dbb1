import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scoringRuns, subscriberScores } from '#src/db/schema/scoring';
import { loadDemo } from '#src/features/demo/load-demo';
import { AppError } from '#src/lib/app-error';
import { UsageStore } from '#src/usage/usage-store';
import { describeEachEngine } from '#test/support/database';
import { runScoring, type ScoringContext, type ScoringRunSummary, startScoringRun } from './run-scoring';
import { findCurrentRun } from './runs.repository';

const DEMO = { subscribers: 1500, months: 6, seed: 11, asOfMonth: '2026-03' };

describeEachEngine('scoring runs', (getDb) => {
  let root = '';
  let usage: UsageStore;
  let ctx: ScoringContext;
  let first: ScoringRunSummary;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vipdesk-scoring-'));
    usage = await UsageStore.open({ usageDir: join(root, 'usage'), memoryLimit: '1GB' });
    await loadDemo(
      { handle: getDb(), usage, timeZone: 'Asia/Shanghai', today: '2026-04-15' },
      { ...DEMO, workDir: join(root, 'demo') },
    );
    ctx = { handle: getDb(), usage, timeZone: 'Asia/Shanghai', workRoot: join(root, 'work') };
    first = await runScoring(ctx, { trigger: 'test' });
  }, 240_000);

  afterAll(async () => {
    await usage?.close();
    await rm(root, { recursive: true, force: true });
  });

  const scoresOf = (runId: number) =>
    getDb()
      .db.select()
      .from(subscriberScores)
      .where(eq(subscriberScores.runId, runId))
      .orderBy(asc(subscriberScores.subscriberId));

  it('scores everyone active on the as-of day and publishes the run when it commits', async () => {
    expect(first.asOf).toBe('2026-03-31');
    const [run] = await getDb().db.select().from(scoringRuns).where(eq(scoringRuns.id, first.runId));
    expect(run).toMatchObject({
      status: 'succeeded',
      subscribers: first.subscribers,
      modelId: first.modelId,
    });
    const scores = await scoresOf(first.runId);
    expect(scores).toHaveLength(first.subscribers);
    expect(first.subscribers).toBeGreaterThan(DEMO.subscribers * 0.8);
    expect(first.subscribers).toBeLessThan(DEMO.subscribers);
    for (const score of scores) {
      expect(score.probability).toBeGreaterThanOrEqual(0);
      expect(score.probability).toBeLessThanOrEqual(1);
      expect(score.modelId).toBe(first.modelId);
    }
  });

  it('finds the churners the demo planted: ranking and the churn-warning tier beat chance', () => {
    const checks = first.checks;
    expect(checks).not.toBeNull();
    if (!checks) return;
    const baseRate = checks.churners / checks.subscribers;
    expect(checks.rocAuc).toBeGreaterThan(0.75);
    expect(checks.churnWarning.precision).toBeGreaterThan(baseRate * 2);
    expect(checks.topDecile.lift).toBeGreaterThan(2.5);
  });

  it('gives identical scores when run again on the same data', async () => {
    const again = await runScoring(ctx, { trigger: 'test' });
    expect(again.runId).not.toBe(first.runId);
    const strip = (rows: Awaited<ReturnType<typeof scoresOf>>) => rows.map(({ runId: _r, ...rest }) => rest);
    expect(strip(await scoresOf(again.runId))).toEqual(strip(await scoresOf(first.runId)));
  });

  it('leaves the previous scores in place when a run fails before it commits', async () => {
    const before = await findCurrentRun(getDb().db);
    const crash = new Error('power cut during the write');
    await expect(
      runScoring(ctx, {
        trigger: 'test',
        beforeCommit: async () => {
          throw crash;
        },
      }),
    ).rejects.toThrow(crash);
    const [failed] = await getDb().db.select().from(scoringRuns).orderBy(desc(scoringRuns.id)).limit(1);
    expect(failed).toMatchObject({ status: 'failed', error: 'power cut during the write' });
    expect(await scoresOf(failed?.id ?? -1)).toHaveLength(0);
    expect((await findCurrentRun(getDb().db))?.id).toBe(before?.id);
  });

  it('marks a run a killed process left running as interrupted, and refuses a second run at once', async () => {
    const [stale] = await getDb()
      .db.insert(scoringRuns)
      .values({ asOf: '2026-03-31', status: 'running', trigger: 'test', settingsVersion: 0 })
      .returning();
    const started = await startScoringRun(ctx, { trigger: 'test' });
    await expect(startScoringRun(ctx, { trigger: 'test' })).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === 'CONFLICT',
    );
    await started.finished;
    const [after] = await getDb()
      .db.select()
      .from(scoringRuns)
      .where(eq(scoringRuns.id, stale?.id ?? -1));
    expect(after?.status).toBe('interrupted');
  });

  it('drops the scores of runs beyond the kept number, keeping their run rows as history', async () => {
    const latest = await runScoring(ctx, { trigger: 'test', keepRuns: 1 });
    expect(await scoresOf(first.runId)).toHaveLength(0);
    expect(await scoresOf(latest.runId)).toHaveLength(latest.subscribers);
    const [old] = await getDb().db.select().from(scoringRuns).where(eq(scoringRuns.id, first.runId));
    expect(old?.status).toBe('succeeded');
  });
});
