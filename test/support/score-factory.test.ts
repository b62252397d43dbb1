import { expect, it } from 'vitest';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { findScore } from '#src/features/scoring/scores/scores.repository';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

describeEachEngine('score factory', (getDb) => {
  it('writes a current run readers see', async () => {
    const { db } = getDb();
    const plan = await insertPlan(db);
    const s = await insertSubscriber(db, plan.id);
    const runId = await insertScoringRun(getDb(), [
      buildScore(s.id, {
        probability: 0.7,
        segments: ['a b', 'c'],
        signals: [{ code: 'USAGE_DROP', evidence: {} } as never],
      }),
    ]);
    expect((await findCurrentRun(db))?.id).toBe(runId);
    const row = await findScore(db, runId, s.id);
    expect(row?.probability).toBeCloseTo(0.7);
    expect(row?.segments).toEqual(['a b', 'c']);
  });
});
