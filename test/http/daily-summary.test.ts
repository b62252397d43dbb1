import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '#src/db/client';
import { callPlans } from '#src/db/schema/campaigns';
import { contactAttempts } from '#src/db/schema/contacts';
import { tickets } from '#src/db/schema/tickets';
import { callTasks } from '#src/db/schema/work';
import { writeDailySummaries } from '#src/features/daily-summary/daily-summary-files';
import { startDailySummaryJob } from '#src/features/daily-summary/daily-summary-job';
import { findOrCreateTeam } from '#src/features/users/users.repository';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import { buildTestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';

const ZONE = 'Asia/Shanghai';
type Who = TestUser;

/** The real application over the test database, with a data directory of its own. */
async function summaryApp(handle: DbHandle) {
  const t = await buildTestApp(handle);
  return { app: t.app, config: t.config, dataDir: t.dataDir, user: t.user, as: t.injectAs, close: t.close };
}

function bj(wall: string): Date {
  const [day = '', time = '00:00'] = wall.split(' ');
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0), ZONE));
}

describeEachEngine('daily summary over HTTP', (getDb) => {
  let t: Awaited<ReturnType<typeof summaryApp>>;
  let admin: Who;
  let leadA: Who;
  let a1: Who;
  let a2: Who;
  let b1: Who;
  let teamA = 0;
  let teamB = 0;

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await summaryApp(handle);
    admin = await t.user('ds-admin', 'admin');
    leadA = await t.user('ds-lead-a', 'lead', '一组');
    a1 = await t.user('ds-a1', 'agent', '一组');
    a2 = await t.user('ds-a2', 'agent', '一组');
    b1 = await t.user('ds-b1', 'agent', '二组');
    teamA = await findOrCreateTeam(db, '一组');
    teamB = await findOrCreateTeam(db, '二组');
    const plan = await insertPlan(db);
    const subs: number[] = [];
    for (let i = 0; i < 5; i++) subs.push((await insertSubscriber(db, plan.id)).id);
    const [s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0] = subs;
    for (const [sub, agent] of [
      [s1, a1.id],
      [s2, a1.id],
      [s3, a1.id],
      [s4, a2.id],
      [s5, b1.id],
    ] as const) {
      await assignToBook(db, sub, agent);
    }
    const call = (
      sub: number,
      agent: number,
      at: string,
      disposition: string,
      reached: boolean,
      cost?: number,
    ) => ({
      subscriberId: sub,
      agentUserId: agent,
      channel: 'call',
      purpose: 'marketing',
      startedAt: bj(at),
      reached,
      disposition,
      offerCostFen: cost ?? null,
    });
    await db.insert(contactAttempts).values([
      call(s2, a1.id, '2025-10-09 09:30', 'accepted', true, 3000),
      call(s3, a1.id, '2025-10-09 23:30', 'accepted', true, 2000),
      call(s1, a1.id, '2025-10-09 15:00', 'complaint', true),
      call(s4, a2.id, '2025-10-09 08:30', 'not_reached', false),
      // Not the results day: the day before and the summary's own day.
      call(s1, a1.id, '2025-10-08 23:59', 'accepted', true, 500),
      call(s1, a1.id, '2025-10-10 00:01', 'accepted', true, 500),
      call(s5, b1.id, '2025-10-09 10:00', 'accepted', true, 9999),
    ]);
    const ticket = (sub: number, openedAt: string, breachedAt: string | null) => ({
      subscriberId: sub,
      source: 'contact',
      category: 'broadband_fault.outage',
      title: '宽带断网',
      vipLevel: 'gold',
      groupName: '装维',
      openedAt: bj(openedAt),
      slaTerms: {},
      dueAt: bj(openedAt),
      breachedAt: breachedAt ? bj(breachedAt) : null,
    });
    await db
      .insert(tickets)
      .values([
        ticket(s1, '2025-10-09 12:00', '2025-10-09 18:00'),
        ticket(s4, '2025-10-08 12:00', '2025-10-09 09:00'),
        ticket(s5, '2025-10-09 12:00', null),
      ]);
    const [today] = await db
      .insert(callPlans)
      .values({ planDay: '2025-10-10', status: 'ready', inputs: { teamId: teamA } })
      .returning();
    const planId = today?.id ?? 0;
    const task = (sub: number, kind: string, owner: number | null, extra: object = {}) => ({
      subscriberId: sub,
      kind,
      ownerUserId: owner,
      teamId: teamA,
      dueAt: bj('2025-10-10 10:00'),
      ...extra,
    });
    await db.insert(callTasks).values([
      task(s1, 'retention_offer', a1.id, { planId }),
      task(s2, 'retention_offer', a1.id, { planId }),
      task(s3, 'care_call', a1.id, { planId }),
      task(s4, 'retention_offer', a2.id, { planId }),
      task(s4, 'retention_offer', null, { planId }),
      task(s2, 'callback', a2.id, { dueAt: bj('2025-10-10 16:00') }),
      // A callback promised for tomorrow is not due today.
      task(s2, 'callback', a2.id, { dueAt: bj('2025-10-11 16:00') }),
      task(s1, 'care', a1.id),
      task(s3, 'care', a1.id, { status: 'done' }),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("gives yesterday's results and today's plan by agent for the lead's team", async () => {
    const response = await t.as(leadA, { method: 'GET', url: '/api/daily-summary?date=2025-10-10' });
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json();
    expect(summary).toMatchObject({
      teamId: teamA,
      teamName: '一组',
      date: '2025-10-10',
      resultsDate: '2025-10-09',
    });
    expect(summary.results.items).toEqual([
      {
        agentUserId: a1.id,
        displayName: 'ds-a1',
        calls: 3,
        reached: 3,
        accepted: 2,
        saves: 2,
        complaints: 1,
        spendFen: 5000,
        ticketsOpened: 1,
        slaBreaches: 1,
      },
      {
        agentUserId: a2.id,
        displayName: 'ds-a2',
        calls: 1,
        reached: 0,
        accepted: 0,
        saves: 0,
        complaints: 0,
        spendFen: 0,
        ticketsOpened: 0,
        slaBreaches: 1,
      },
    ]);
    expect(summary.results.totals).toMatchObject({ calls: 4, accepted: 2, spendFen: 5000, slaBreaches: 2 });
    expect(summary.plan.items).toEqual([
      { agentUserId: a1.id, displayName: 'ds-a1', plannedCalls: 3, callbacksDue: 0, careTasks: 1 },
      { agentUserId: a2.id, displayName: 'ds-a2', plannedCalls: 1, callbacksDue: 1, careTasks: 0 },
      { agentUserId: null, displayName: null, plannedCalls: 1, callbacksDue: 0, careTasks: 0 },
    ]);
    expect(summary.plan.totals).toEqual({ plannedCalls: 5, callbacksDue: 1, careTasks: 1 });
  });

  it('keeps a lead to their team (403) and asks an admin which team (400 naming teamId)', async () => {
    const other = await t.as(leadA, {
      method: 'GET',
      url: `/api/daily-summary?date=2025-10-10&teamId=${teamB}`,
    });
    expect(other.statusCode).toBe(403);
    const noTeam = await t.as(admin, { method: 'GET', url: '/api/daily-summary?date=2025-10-10' });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.json().error.issues[0].path).toBe('querystring.teamId');
    const teamBSummary = await t.as(admin, {
      method: 'GET',
      url: `/api/daily-summary?date=2025-10-10&teamId=${teamB}`,
    });
    expect(teamBSummary.json().results.totals).toMatchObject({ calls: 1, accepted: 1, spendFen: 9999 });
    expect((await t.as(a1, { method: 'GET', url: '/api/daily-summary' })).statusCode).toBe(403);
  });

  it('downloads the same summary as a UTF-8 CSV with BOM, as an attachment named by team and date', async () => {
    const response = await t.as(leadA, { method: 'GET', url: '/api/daily-summary.csv?date=2025-10-10' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename=daily-summary-${teamA}-2025-10-10.csv; filename*=UTF-8''daily-summary-%E4%B8%80%E7%BB%84-2025-10-10.csv`,
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('团队日报,团队: 一组,日期: 2025-10-10');
    expect(lines).toContain('昨日结果 (2025-10-09)');
    expect(lines).toContain('坐席,外呼,接通,接受优惠,挽留,投诉,支出(元),新开工单,SLA超时');
    expect(lines).toContain('ds-a1,3,3,2,2,1,50.00,1,1');
    expect(lines).toContain('合计,4,3,2,2,1,50.00,1,2');
    expect(lines).toContain('团队池,1,0,0');
    expect(lines).toContain('合计,5,1,1');
    const en = await t.as(leadA, { method: 'GET', url: '/api/daily-summary.csv?date=2025-10-10&lang=en' });
    expect(en.body.split('\r\n')).toContain('Agent,Planned calls,Callbacks due,Care tasks');
  });

  it('writes each team’s CSV under reports/daily/<date>/ and lists only the lead’s team for download', async () => {
    const written = await writeDailySummaries(getDb(), { dataDir: t.dataDir, timeZone: ZONE }, '2025-10-10');
    expect(written.map((p) => p.slice(t.dataDir.length)).sort()).toEqual(
      [`/reports/daily/2025-10-10/${teamA}.csv`, `/reports/daily/2025-10-10/${teamB}.csv`].sort(),
    );
    const files = (await t.as(leadA, { method: 'GET', url: '/api/daily-summary/files' })).json();
    expect(files.items).toEqual([
      expect.objectContaining({
        date: '2025-10-10',
        teamId: teamA,
        url: `/api/daily-summary/files/2025-10-10/${teamA}.csv`,
      }),
    ]);
    const download = await t.as(leadA, { method: 'GET', url: files.items[0].url });
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('ds-a1,3,3,2,2,1,50.00,1,1');
    expect([...download.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const foreign = await t.as(leadA, {
      method: 'GET',
      url: `/api/daily-summary/files/2025-10-10/${teamB}.csv`,
    });
    expect(foreign.statusCode).toBe(403);
    const traversal = await t.as(admin, {
      method: 'GET',
      url: '/api/daily-summary/files/2025-10-10/..%2F..%2Fx.csv',
    });
    expect(traversal.statusCode).toBe(400);
    const all = (await t.as(admin, { method: 'GET', url: '/api/daily-summary/files' })).json();
    expect(all.items).toHaveLength(2);
  });

  it('schedules the morning job at 07:30 in the business time zone', () => {
    const job = startDailySummaryJob({
      handle: getDb(),
      logger: { info: () => undefined, error: () => undefined },
      dataDir: t.dataDir,
      timeZone: ZONE,
      at: '07:30',
    });
    try {
      const next = job.nextRun();
      expect(next).not.toBeNull();
      const wall = new Intl.DateTimeFormat('en-GB', {
        timeZone: ZONE,
        hour: '2-digit',
        minute: '2-digit',
      }).format(next ?? new Date(0));
      expect(wall).toBe('07:30');
    } finally {
      job.stop();
    }
  });
});
