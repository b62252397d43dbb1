import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '#src/db/client';
import { auditLog } from '#src/db/schema/audit';
import { contactAttempts } from '#src/db/schema/contacts';
import { findOrCreateTeam } from '#src/features/users/users.repository';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import { buildTestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';

type Who = TestUser;

/** The real application over the test database, with a data directory of its own. */
async function targetsApp(handle: DbHandle) {
  const t = await buildTestApp(handle);
  return { app: t.app, config: t.config, dataDir: t.dataDir, user: t.user, as: t.injectAs, close: t.close };
}

/** A Beijing wall-clock time 'YYYY-MM-DD HH:MM'. */
function bj(wall: string): Date {
  const [day = '', time = '00:00'] = wall.split(' ');
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0), 'Asia/Shanghai'));
}

type Attempt = {
  sub: number;
  agent: number;
  at: string;
  disposition: string;
  reached: boolean;
  cost?: number;
};

describeEachEngine('team targets over HTTP', (getDb) => {
  let t: Awaited<ReturnType<typeof targetsApp>>;
  let admin: Who;
  let leadA: Who;
  let leadB: Who;
  let a1: Who;
  let a2: Who;
  let b1: Who;
  let teamA = 0;
  let teamB = 0;

  beforeAll(async () => {
    const handle = getDb();
    t = await targetsApp(handle);
    admin = await t.user('tg-admin', 'admin');
    leadA = await t.user('tg-lead-a', 'lead', 'Targets A');
    leadB = await t.user('tg-lead-b', 'lead', 'Targets B');
    a1 = await t.user('tg-a1', 'agent', 'Targets A');
    a2 = await t.user('tg-a2', 'agent', 'Targets A');
    b1 = await t.user('tg-b1', 'agent', 'Targets B');
    teamA = await findOrCreateTeam(handle.db, 'Targets A');
    teamB = await findOrCreateTeam(handle.db, 'Targets B');
    const plan = await insertPlan(handle.db);
    const subs: number[] = [];
    for (let i = 0; i < 5; i++) subs.push((await insertSubscriber(handle.db, plan.id)).id);
    const [s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0] = subs;
    const attempts: Attempt[] = [
      { sub: s1, agent: a1.id, at: '2025-01-01 00:10', disposition: 'accepted', reached: true, cost: 1000 },
      // The last minutes of 2024 in Beijing (already 2025 nowhere that matters): not this year.
      { sub: s1, agent: a1.id, at: '2024-12-31 23:50', disposition: 'accepted', reached: true, cost: 7777 },
      { sub: s2, agent: a1.id, at: '2025-03-10 10:00', disposition: 'accepted', reached: true, cost: 5000 },
      { sub: s3, agent: a1.id, at: '2025-09-30 11:00', disposition: 'refused', reached: true },
      { sub: s2, agent: a1.id, at: '2025-10-09 09:30', disposition: 'accepted', reached: true, cost: 3000 },
      { sub: s3, agent: a1.id, at: '2025-10-09 23:30', disposition: 'accepted', reached: true, cost: 2000 },
      // Ten minutes into 10 October in Beijing (still 9 October in UTC): after the day looked at.
      { sub: s3, agent: a1.id, at: '2025-10-10 00:10', disposition: 'accepted', reached: true, cost: 4444 },
      { sub: s4, agent: a2.id, at: '2025-07-01 10:00', disposition: 'accepted', reached: true, cost: 1000 },
      { sub: s4, agent: a2.id, at: '2025-10-09 08:30', disposition: 'not_reached', reached: false },
      { sub: s5, agent: b1.id, at: '2025-10-09 10:00', disposition: 'accepted', reached: true, cost: 9999 },
      { sub: s5, agent: b1.id, at: '2025-10-02 10:00', disposition: 'refused', reached: true },
      { sub: s5, agent: b1.id, at: '2025-10-03 10:00', disposition: 'refused', reached: true },
    ];
    await handle.db.insert(contactAttempts).values(
      attempts.map((a) => ({
        subscriberId: a.sub,
        agentUserId: a.agent,
        channel: 'call',
        purpose: 'marketing',
        startedAt: bj(a.at),
        reached: a.reached,
        disposition: a.disposition,
        offerCostFen: a.cost ?? null,
      })),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const put = (who: Who, body: object, headers: Record<string, string> = {}) =>
    t.as(who, { method: 'PUT', url: '/api/targets', payload: body, headers });

  it('creates a target (201, ETag "1"), then refuses a change naming no version (428)', async () => {
    const body = {
      scope: 'team',
      teamId: teamA,
      year: 2025,
      metric: 'saves',
      level: 'realistic',
      annualValue: 1200,
      quarterSteps: [0.2, 0.45, 0.7, 1],
    };
    const created = await put(leadA, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({
      scope: 'team',
      teamId: teamA,
      teamName: 'Targets A',
      quarterValues: [240, 540, 840, 1200],
      version: 1,
    });
    expect((await put(leadA, { ...body, annualValue: 1300 })).statusCode).toBe(428);
  });

  it('changes with a current If-Match (ETag "2"), answers a stale one 412 and a stale body version 409', async () => {
    const body = {
      scope: 'team',
      teamId: teamA,
      year: 2025,
      metric: 'saves',
      level: 'realistic',
      annualValue: 1200,
      quarterSteps: [0.2, 0.45, 0.7, 1],
    };
    const changed = await put(leadA, body, { 'if-match': '"1"' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    const stale = await put(leadA, { ...body, annualValue: 9 }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });
    expect((await put(leadA, { ...body, annualValue: 9, version: 1 })).statusCode).toBe(409);
    expect((await put(leadA, { ...body, version: 2 })).headers.etag).toBe('"3"');
    const audited = await getDb().db.select().from(auditLog).where(eq(auditLog.action, 'target.update'));
    expect(audited.length).toBe(3);
  });

  it('refuses quarter steps that fall or do not end on 1, naming the field', async () => {
    const body = {
      scope: 'team',
      teamId: teamA,
      year: 2025,
      metric: 'reached',
      level: 'realistic',
      annualValue: 10,
    };
    const falling = await put(leadA, { ...body, quarterSteps: [0.3, 0.2, 0.7, 1] });
    expect(falling.statusCode).toBe(400);
    expect(falling.json().error.issues[0]).toMatchObject({
      path: 'body.quarterSteps',
      message: expect.stringMatching(/must not decrease/),
    });
    const short = await put(leadA, { ...body, quarterSteps: [0.3, 0.5, 0.7, 0.9] });
    expect(short.json().error.issues[0].message).toMatch(/Q4 share must be 1/);
    const noTeam = await put(leadA, {
      scope: 'team',
      year: 2025,
      metric: 'saves',
      level: 'stretch',
      annualValue: 1,
    });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.json().error.issues[0].path).toBe('body.teamId');
  });

  it("keeps a lead to their own team: another team's or its agent's target is 403, an unknown team 404", async () => {
    const other = {
      scope: 'team',
      teamId: teamB,
      year: 2025,
      metric: 'saves',
      level: 'realistic',
      annualValue: 50,
    };
    expect((await put(leadA, other)).statusCode).toBe(403);
    const otherAgent = {
      scope: 'agent',
      agentUserId: b1.id,
      year: 2025,
      metric: 'saves',
      level: 'realistic',
      annualValue: 5,
    };
    expect((await put(leadA, otherAgent)).statusCode).toBe(403);
    expect((await put(admin, { ...other, teamId: 999_999 })).statusCode).toBe(404);
    expect((await put(admin, other)).statusCode).toBe(201);
    expect((await put(leadB, otherAgent)).statusCode).toBe(201);
    // An agent may not set targets at all.
    expect((await put(a1, { ...otherAgent, agentUserId: a1.id })).statusCode).toBe(403);
    const rows = await getDb()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'target.update'), eq(auditLog.actorUserId, leadA.id)));
    expect(rows.every((r) => r.target?.startsWith('target '))).toBe(true);
  });

  it("lists a lead's team and agent targets only; admins see every team", async () => {
    await put(leadA, {
      scope: 'agent',
      agentUserId: a1.id,
      year: 2025,
      metric: 'accepted_offers',
      level: 'realistic',
      annualValue: 100,
    });
    const lead = (await t.as(leadA, { method: 'GET', url: '/api/targets?year=2025' })).json();
    expect(lead.items.map((i: { teamId: number }) => i.teamId).every((id: number) => id === teamA)).toBe(
      true,
    );
    expect(lead.items.length).toBe(2);
    const all = (await t.as(admin, { method: 'GET', url: '/api/targets?year=2025' })).json();
    expect(all.items.length).toBe(4);
    expect((await t.as(a1, { method: 'GET', url: '/api/targets?year=2025' })).statusCode).toBe(403);
  });

  it('measures progress from recorded calls: year and quarter to date, expectation, daily goal, status', async () => {
    await put(leadA, {
      scope: 'team',
      teamId: teamA,
      year: 2025,
      metric: 'saves',
      level: 'stretch',
      annualValue: 1500,
    });
    await put(leadA, {
      scope: 'agent',
      agentUserId: a1.id,
      year: 2025,
      metric: 'spend_fen',
      level: 'realistic',
      annualValue: 100_000,
    });
    const response = await t.as(leadA, { method: 'GET', url: '/api/targets/progress?date=2025-10-09' });
    expect(response.statusCode, response.body).toBe(200);
    const items: { scope: string; metric: string }[] = response.json().items;
    const find = (scope: string, metric: string) =>
      items.find((i) => i.scope === scope && i.metric === metric);
    // Team A: saves are distinct subscribers who accepted (s1, s2, s3 by a1; s4 by a2); 3 before the day.
    expect(find('team', 'saves')).toMatchObject({
      achievedYearToDate: 4,
      achievedQuarterToDate: 2,
      quarter: 4,
      workingDaysRemaining: 61,
      // 840 + 360 × 1/61; (1200 − 3) / 61 = 19.6 → 20
      realistic: {
        annualValue: 1200,
        quarterTarget: 1200,
        expectedToDate: 845.9,
        dailyGoal: 20,
        status: 'behind',
      },
      // default steps: 1125 + 375 × 1/61; (1500 − 3) / 61 = 24.5 → 25
      stretch: {
        annualValue: 1500,
        quarterTarget: 1500,
        expectedToDate: 1131.15,
        dailyGoal: 25,
        status: 'behind',
      },
    });
    // a1: 4 accepted offers this year (2 before the day), 2 this quarter; 75 + 25/61 expected.
    expect(find('agent', 'accepted_offers')).toMatchObject({
      agentUserId: a1.id,
      achievedYearToDate: 4,
      achievedQuarterToDate: 2,
      realistic: { expectedToDate: 75.41, dailyGoal: 2, status: 'behind' },
      stretch: null,
    });
    // a1 spent 1000 + 5000 + 3000 + 2000 fen; the allowance is (100000 − 6000) / 61 rounded down.
    expect(find('agent', 'spend_fen')).toMatchObject({
      achievedYearToDate: 11_000,
      realistic: { dailyGoal: 1540, status: 'on_track' },
    });
    // Team B's target is not the lead's.
    expect(items.some((i) => (i as unknown as { teamId: number }).teamId === teamB)).toBe(false);
  });

  it("ranks the month's top performers with ties sharing a place, a lead seeing their team only", async () => {
    const everyone = (
      await t.as(admin, { method: 'GET', url: '/api/targets/leaderboard?month=2025-10&top=1' })
    ).json();
    const reached = everyone.metrics.find((m: { metric: string }) => m.metric === 'reached');
    // a1 reached 3 in October (9th twice, 10th), b1 reached 3 (2nd, 3rd, 9th): a tie for first.
    expect(
      reached.leaders.map((l: { rank: number; agentUserId: number }) => [l.rank, l.agentUserId]).sort(),
    ).toEqual(
      [
        [1, a1.id],
        [1, b1.id],
      ].sort(),
    );
    const saves = everyone.metrics.find((m: { metric: string }) => m.metric === 'saves');
    expect(saves.leaders).toEqual([expect.objectContaining({ rank: 1, agentUserId: a1.id, value: 2 })]);
    const lead = (await t.as(leadB, { method: 'GET', url: '/api/targets/leaderboard?month=2025-10' })).json();
    expect(lead.teamId).toBe(teamB);
    const ids = lead.metrics.flatMap((m: { leaders: { agentUserId: number }[] }) =>
      m.leaders.map((l) => l.agentUserId),
    );
    expect(new Set(ids)).toEqual(new Set([b1.id]));
    const bad = await t.as(admin, { method: 'GET', url: '/api/targets/leaderboard?month=2025-13' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('querystring.month');
  });
});
