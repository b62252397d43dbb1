import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { callTasks } from '#src/db/schema/work';
import { findOrCreateTeam } from '#src/features/users/users.repository';
import { createUser } from '#src/features/users/users.service';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import { claimNextTask, releaseExpiredClaims } from './task-claims';

const TASKS = 120;
const CLAIMERS = 16;

describeEachEngine('claiming call tasks', (getDb, engine) => {
  const agents: { userId: number; teamId: number }[] = [];
  let otherTeamAgent = { userId: 0, teamId: 0 };

  beforeAll(async () => {
    const { db } = getDb();
    const team = await findOrCreateTeam(db, 'claim-team');
    const otherTeam = await findOrCreateTeam(db, 'other-team');
    for (let i = 0; i < CLAIMERS; i++) {
      const user = await createUser(
        db,
        {
          username: `claimer${i}`,
          displayName: `claimer ${i}`,
          role: 'agent',
          teamId: team,
          password: 'claim-password-2026',
        },
        null,
      );
      agents.push({ userId: user.id, teamId: team });
    }
    const outsider = await createUser(
      db,
      {
        username: 'outsider',
        displayName: 'outsider',
        role: 'agent',
        teamId: otherTeam,
        password: 'claim-password-2026',
      },
      null,
    );
    otherTeamAgent = { userId: outsider.id, teamId: otherTeam };
    const plan = await insertPlan(db);
    const subscriber = await insertSubscriber(db, plan.id);
    await db.insert(callTasks).values(
      Array.from({ length: TASKS }, (_, i) => ({
        subscriberId: subscriber.id,
        kind: 'retention_call',
        priority: i % 7,
        teamId: team,
        // Every tenth task is owned by agent 0: only they may take it.
        ownerUserId: i % 10 === 0 ? agents[0]?.userId : null,
      })),
    );
  });
  afterAll(() => undefined);

  it(`never gives one task to two of ${CLAIMERS} agents claiming at once, and leaves none behind`, async () => {
    const { engine: raw } = getDb();
    const claimed: { agent: number; task: number }[] = [];
    const outsiderClaim = await claimNextTask(raw, otherTeamAgent, 15);
    expect(outsiderClaim).toBeNull();
    await Promise.all(
      agents.map(async (agent) => {
        for (;;) {
          const task = await claimNextTask(raw, agent, 15);
          if (!task) return;
          claimed.push({ agent: agent.userId, task: task.id });
        }
      }),
    );
    const ids = claimed.map((c) => c.task);
    expect(ids).toHaveLength(TASKS);
    expect(new Set(ids).size).toBe(TASKS);
    const rows = await queryRows<{ id: string; claimed_by_user_id: number; owner_user_id: number | null }>(
      raw,
      `select id, claimed_by_user_id, owner_user_id from call_tasks where status = 'claimed'`,
    );
    expect(rows).toHaveLength(TASKS);
    for (const row of rows) {
      const holder = claimed.find((c) => c.task === Number(row.id))?.agent;
      expect(row.claimed_by_user_id).toBe(holder);
      if (row.owner_user_id !== null) expect(row.claimed_by_user_id).toBe(row.owner_user_id);
    }
    if (engine === 'postgres') {
      // On a real server the claimers did overlap: more than one agent got work.
      expect(new Set(claimed.map((c) => c.agent)).size).toBeGreaterThan(1);
    }
  });

  it('returns expired claims to the pool, and only those', async () => {
    const { engine: raw } = getDb();
    await queryRows(
      raw,
      `update call_tasks set claim_expires_at = now() - interval '1 minute'
        where id in (select id from call_tasks where status = 'claimed' order by id limit 5)`,
    );
    expect(await releaseExpiredClaims(raw)).toBe(5);
    expect(await releaseExpiredClaims(raw)).toBe(0);
    const agent = agents[0];
    if (!agent) throw new Error('no agent');
    expect(await claimNextTask(raw, agent, 15)).not.toBeNull();
  });
});
