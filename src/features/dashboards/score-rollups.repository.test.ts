import { expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { findOrCreateTeam } from '#src/features/users/users.repository';
import { createUser } from '#src/features/users/users.service';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';
import { ensureScoreRollups, writeScoreRollups } from './score-rollups.repository';

type Row = {
  team_id: number | null;
  tier: string | null;
  previous_tier: string | null;
  n: number;
  risk: number;
};

describeEachEngine('score rollups', (getDb) => {
  it('writes flows with new and left subscribers, keeps the team at writing time, and rewrites idempotently', async () => {
    const { db, engine } = getDb();
    const teamId = await findOrCreateTeam(db, 'Rollup A');
    const agent = await createUser(
      db,
      { username: 'rollup-agent', displayName: 'r', role: 'agent', teamId, password: 'rollup-password-2026' },
      null,
    );
    const plan = await insertPlan(db);
    const [s1, s2, s3] = [
      (await insertSubscriber(db, plan.id)).id,
      (await insertSubscriber(db, plan.id)).id,
      (await insertSubscriber(db, plan.id)).id,
    ] as [number, number, number];
    await assignToBook(db, s1, agent.id);
    const feb = await insertScoringRun(
      getDb(),
      [buildScore(s1, { tier: 'high_value' }), buildScore(s2, { tier: 'ordinary' })],
      '2026-02-28',
    );
    const mar = await insertScoringRun(
      getDb(),
      [
        buildScore(s1, {
          tier: 'churn_warning',
          revenueAtRiskFen: 500,
          signals: [{ code: 'USAGE_DROP', params: {} }],
        }),
        buildScore(s3, { tier: 'potential' }),
      ],
      '2026-03-31',
    );
    const read = () =>
      queryRows<Row>(
        engine,
        `select team_id, tier, previous_tier, subscribers as n, revenue_at_risk_fen_sum::int as risk
           from score_rollups where run_id = $1 order by previous_tier nulls first, tier nulls first`,
        [mar],
      );

    expect(await ensureScoreRollups(engine, mar)).toMatchObject({
      previousRunId: feb,
      previousAsOf: '2026-02-28',
    });
    const first = await read();
    expect(first).toEqual([
      { team_id: null, tier: 'potential', previous_tier: null, n: 1, risk: 0 },
      { team_id: teamId, tier: 'churn_warning', previous_tier: 'high_value', n: 1, risk: 500 },
      { team_id: null, tier: null, previous_tier: 'ordinary', n: 1, risk: 0 },
    ]);

    // A later book change does not move the written rollups; rewriting them does, without duplicates.
    await assignToBook(db, s3, agent.id);
    expect(await read()).toEqual(first);
    await writeScoreRollups(engine, mar);
    await writeScoreRollups(engine, mar);
    const second = await read();
    expect(second).toHaveLength(3);
    expect(second[0]).toMatchObject({ team_id: teamId, tier: 'potential' });
    const signals = await queryRows<{ signal_code: string; subscribers: number }>(
      engine,
      'select signal_code, subscribers from score_signal_rollups where run_id = $1',
      [mar],
    );
    expect(signals).toEqual([{ signal_code: 'USAGE_DROP', subscribers: 1 }]);
    expect(await ensureScoreRollups(engine, feb)).toEqual({ previousRunId: null, previousAsOf: null });
  });
});
