import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { campaigns } from '#src/db/schema/campaigns';
import { callTasks } from '#src/db/schema/work';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';

type QueueItem = {
  id: number;
  subscriberId: number;
  kind: string;
  status: string;
  heldByMe: boolean;
  ownedByMe: boolean;
  campaign: { id: number; name: string; kind: string } | null;
  reasons: { code: string; params: Record<string, string | number> }[];
  nameMasked: string;
  msisdnMasked: string;
  attempts: number;
  priority: number;
};

const HOUR = 3_600_000;

describeEachEngine('agent queue and claiming over HTTP', (getDb) => {
  let t: TestApp;
  let a1: TestUser;
  let a2: TestUser;
  let b1: TestUser;
  let lead: TestUser;
  const task = {
    a1Own: 0,
    teamHigh: 0,
    teamLow: 0,
    a2Own: 0,
    otherTeam: 0,
    tomorrow: 0,
    a1Done: 0,
    a1Callback: 0,
  };
  let subscriberId = 0;
  let campaignId = 0;

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb());
    a1 = await t.user('q-agent-a1', 'agent', 'queue-team-a');
    a2 = await t.user('q-agent-a2', 'agent', 'queue-team-a');
    b1 = await t.user('q-agent-b1', 'agent', 'queue-team-b');
    lead = await t.user('q-lead-a', 'lead', 'queue-team-a');
    const [teamA] = await queryRows<{ id: number }>(
      getDb().engine,
      `select id from teams where name = 'queue-team-a'`,
    );
    const [teamB] = await queryRows<{ id: number }>(
      getDb().engine,
      `select id from teams where name = 'queue-team-b'`,
    );
    const plan = await insertPlan(db);
    const subscriber = await insertSubscriber(db, plan.id, { name: '王小明', msisdn: '13812345678' });
    subscriberId = subscriber.id;
    const [campaign] = await db
      .insert(campaigns)
      .values({ name: '合约到期挽留', kind: 'retention', status: 'active', startsOn: '2026-01-01' })
      .returning({ id: campaigns.id });
    campaignId = campaign?.id ?? 0;
    const now = Date.now();
    const add = async (values: Partial<typeof callTasks.$inferInsert>) => {
      const [row] = await db
        .insert(callTasks)
        .values({
          subscriberId,
          kind: 'retention_call',
          teamId: teamA?.id ?? null,
          dueAt: new Date(now - HOUR),
          campaignId,
          reasons: [{ code: 'CONTRACT_EXPIRING', params: { daysLeft: 20 } }],
          ...values,
        })
        .returning({ id: callTasks.id });
      return row?.id ?? 0;
    };
    task.a1Own = await add({ ownerUserId: a1.id, priority: 5 });
    task.teamHigh = await add({ priority: 9 });
    task.teamLow = await add({ priority: 1 });
    task.a2Own = await add({ ownerUserId: a2.id, priority: 7 });
    task.otherTeam = await add({ teamId: teamB?.id ?? null, priority: 8 });
    task.tomorrow = await add({ priority: 10, dueAt: new Date(now + 36 * HOUR) });
    task.a1Done = await add({ ownerUserId: a1.id, priority: 10, status: 'done', closedReason: 'accepted' });
    task.a1Callback = await add({ ownerUserId: a1.id, kind: 'callback', priority: 0, campaignId: null });
  });
  afterAll(async () => t?.close());

  const queueOf = async (user: TestUser) => {
    const response = await t.injectAs(user, { method: 'GET', url: '/api/queue' });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: QueueItem[] }).items;
  };
  const claim = (user: TestUser, id: number) =>
    t.injectAs(user, { method: 'POST', url: `/api/tasks/${id}/claim` });
  const release = (user: TestUser, id: number) =>
    t.injectAs(user, { method: 'POST', url: `/api/tasks/${id}/release` });

  it("shows an agent their own and their team's unowned tasks due today, best first, masked", async () => {
    const items = await queueOf(a1);
    // The due callback first (a promised time), then priority.
    expect(items.map((i) => i.id)).toEqual([task.a1Callback, task.teamHigh, task.a1Own, task.teamLow]);
    const own = items.find((i) => i.id === task.a1Own);
    expect(own).toMatchObject({
      ownedByMe: true,
      heldByMe: false,
      status: 'open',
      nameMasked: '王**',
      msisdnMasked: '138****5678',
      campaign: { id: campaignId, name: '合约到期挽留', kind: 'retention' },
      reasons: [{ code: 'CONTRACT_EXPIRING', params: { daysLeft: 20 } }],
      attempts: 0,
    });
    expect(JSON.stringify(items)).not.toContain('13812345678');
    expect(JSON.stringify(items)).not.toContain('王小明');
  });

  it("never shows another agent's own tasks nor another team's", async () => {
    const a2Ids = (await queueOf(a2)).map((i) => i.id);
    expect(a2Ids).toEqual([task.teamHigh, task.a2Own, task.teamLow]);
    expect((await queueOf(b1)).map((i) => i.id)).toEqual([task.otherTeam]);
  });

  it('refuses the queue to roles that do not work calls', async () => {
    expect((await t.injectAs(lead, { method: 'GET', url: '/api/queue' })).statusCode).toBe(403);
  });

  it('gives a task two agents claim at once to exactly one; the other gets 409', async () => {
    const [first, second] = await Promise.all([claim(a1, task.teamLow), claim(a2, task.teamLow)]);
    const statuses = [first?.statusCode, second?.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = first?.statusCode === 200 ? a1 : a2;
    const loser = winner === a1 ? a2 : a1;
    const won = first?.statusCode === 200 ? first : second;
    expect(won?.json().task).toMatchObject({ id: task.teamLow, status: 'claimed', heldByMe: true });
    const [row] = await queryRows<{ claimed_by_user_id: number; status: string }>(
      getDb().engine,
      'select claimed_by_user_id, status from call_tasks where id = $1',
      [task.teamLow],
    );
    expect(row).toEqual({ claimed_by_user_id: winner.id, status: 'claimed' });
    // The loser's queue no longer offers it; the winner's shows it held, first.
    expect((await queueOf(loser)).map((i) => i.id)).not.toContain(task.teamLow);
    expect((await queueOf(winner))[0]).toMatchObject({ id: task.teamLow, heldByMe: true });
    // Claiming what you hold again changes nothing.
    expect((await claim(winner, task.teamLow)).statusCode).toBe(200);
    // Only the holder releases it; then anyone in the team may take it again.
    expect((await release(loser, task.teamLow)).statusCode).toBe(404);
    const released = await release(winner, task.teamLow);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().task).toMatchObject({ id: task.teamLow, status: 'open', heldByMe: false });
    expect((await claim(loser, task.teamLow)).statusCode).toBe(200);
    expect((await release(loser, task.teamLow)).statusCode).toBe(200);
  });

  it('answers 404 for tasks an agent may not take, as for a missing one; 409 for a closed one', async () => {
    const missing = await claim(a1, 987_654_321);
    expect(missing.statusCode).toBe(404);
    for (const id of [task.a2Own, task.otherTeam]) {
      const response = await claim(a1, id);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.message).toBe(missing.json().error.message);
    }
    expect((await claim(a1, task.a1Done)).statusCode).toBe(409);
    expect((await claim(a1, 0)).statusCode).toBe(400);
  });

  it('claims the next task due now: a due callback first, then priority; null when none is left', async () => {
    const next = async (user: TestUser) => {
      const response = await t.injectAs(user, { method: 'POST', url: '/api/queue/next' });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().task as QueueItem | null;
    };
    expect((await next(a1))?.id).toBe(task.a1Callback);
    expect((await next(a1))?.id).toBe(task.teamHigh);
    expect((await next(a1))?.id).toBe(task.a1Own);
    expect((await next(a1))?.id).toBe(task.teamLow);
    // The task due tomorrow is not due now.
    expect(await next(a1)).toBeNull();
    expect((await next(a2))?.id).toBe(task.a2Own);
    expect(await next(a2)).toBeNull();
  });

  it('returns claims nobody finished in time to the pool before listing', async () => {
    await getDb()
      .db.update(callTasks)
      .set({ claimExpiresAt: new Date(Date.now() - 60_000) })
      .where(eq(callTasks.id, task.teamHigh));
    const items = await queueOf(a2);
    expect(items.find((i) => i.id === task.teamHigh)).toMatchObject({ status: 'open', heldByMe: false });
    const [row] = await queryRows<{ status: string; claimed_by_user_id: number | null }>(
      getDb().engine,
      'select status, claimed_by_user_id from call_tasks where id = $1',
      [task.teamHigh],
    );
    expect(row).toEqual({ status: 'open', claimed_by_user_id: null });
  });
});
