import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { localInstant } from '#src/features/planning/plan-clock';
import { DEFAULT_RETRY_SETTINGS, daypartOf } from '#src/features/queue/retry-rules';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

const ZONE = 'Asia/Shanghai';

type Task = {
  subscriber_id: string;
  id: string;
  kind: string;
  status: string;
  owner_user_id: number | null;
  team_id: number | null;
  due_at: Date;
  campaign_id: number | null;
  plan_id: number | null;
  action: string | null;
  expected_value_fen: number | null;
  closed_reason: string | null;
  attempts: number;
  reasons: { code: string; params: Record<string, unknown> }[];
};

type PlanBody = {
  id: number;
  day: string;
  status: string;
  inputs: { teamId: number | null; shifts: { agentUserId: number }[] };
  summary: {
    capacity: { agents: number; calls: number };
    chosen: { total: number; callbacks: number; retries: number; overflow: number };
    perAgent: { agentUserId: number; capacity: number; assigned: number; callbacks: number }[];
    skipped: Record<string, number>;
    policyRefusals: Record<string, number>;
    unassigned: { total: number };
    replaced: number;
    seconds: Record<string, number>;
  };
};

describeEachEngine('the daily call plan over HTTP', (getDb, engineName) => {
  let t: TestApp;
  let engine: Engine;
  let leadA: TestUser;
  let leadB: TestUser;
  let a1: TestUser;
  let a2: TestUser;
  let b1: TestUser;
  let analyst: TestUser;
  const day = addDays(todayIn(ZONE), 1);
  const at = (d: string, clock: string) => localInstant(d, clock, ZONE);
  const s: Record<string, number> = {};
  const campaign = { retention: 0, care: 0, ended: 0 };
  let adminPlan: PlanBody;

  const tasksOf = (planId: number) =>
    queryRows<Task>(engine, 'select * from call_tasks where plan_id = $1 order by id', [planId]);
  const taskFor = (tasks: Task[], key: string) => tasks.filter((x) => Number(x.subscriber_id) === s[key]);

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    engine = handle.engine;
    t = await buildTestApp(handle);
    leadA = await t.user('plan-lead-a', 'lead', 'A');
    leadB = await t.user('plan-lead-b', 'lead', 'B');
    a1 = await t.user('plan-a1', 'agent', 'A');
    a2 = await t.user('plan-a2', 'agent', 'A');
    b1 = await t.user('plan-b1', 'agent', 'B');
    analyst = await t.user('plan-analyst', 'analyst');

    const plan = await insertPlan(db, { code: 'GT128', name: '全球通128元' });
    const add = async (key: string, owner: TestUser, extra: Parameters<typeof insertSubscriber>[2] = {}) => {
      const row = await insertSubscriber(db, plan.id, { marketingConsent: true, ...extra });
      s[key] = row.id;
      await assignToBook(db, row.id, owner.id);
    };
    await add('top', a1); // most valuable: a1 calls
    await add('second', a1); // a1 is full after the callback and `top`: overflows to team A
    await add('holdout', a1); // holdout arm: never
    await add('dnc', a2, { doNotCall: true });
    await add('refused', a2); // refused this campaign before: finished
    await add('openTask', a2); // already has an open task
    await add('callback', a1); // asked a1 to call back on the plan day
    await add('retry', a2); // not reached yesterday afternoon
    await add('exhausted', a2); // three calls, never reached
    await add('teamB', b1);
    await add('care1', b1);
    await add('care2', b1);
    await add('churned', a2, { status: 'churned' });
    await add('noConsent', a1, { marketingConsent: false });

    const retentionScore = (key: string, probability: number) =>
      buildScore(s[key] ?? 0, {
        probability,
        riskBand: 'high',
        tier: 'churn_warning',
        arpu3Fen: 30_000,
        revenueAtRiskFen: 20_000,
      });
    const moment = [{ code: 'BIRTHDAY_CARE' as const, dueDate: day, params: {} }];
    await insertScoringRun(handle, [
      retentionScore('top', 0.8),
      retentionScore('second', 0.7),
      retentionScore('holdout', 0.9),
      retentionScore('dnc', 0.75),
      retentionScore('refused', 0.75),
      retentionScore('openTask', 0.75),
      retentionScore('callback', 0.5),
      retentionScore('retry', 0.6),
      retentionScore('exhausted', 0.6),
      retentionScore('teamB', 0.6),
      retentionScore('churned', 0.9),
      retentionScore('noConsent', 0.9),
      buildScore(s.care1 ?? 0, { probability: 0.5, arpu3Fen: 30_000, keyMoments: moment }),
      buildScore(s.care2 ?? 0, { probability: 0.4, arpu3Fen: 30_000, keyMoments: moment }),
    ]);

    const insertCampaign = async (
      name: string,
      kind: string,
      status: string,
      quota: number,
      endsOn: string | null,
    ) => {
      const [row] = await queryRows<{ id: number }>(
        engine,
        `insert into campaigns (name, kind, status, starts_on, ends_on, daily_quota)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [name, kind, status, addDays(day, -10), endsOn, quota],
      );
      return Number(row?.id);
    };
    campaign.retention = await insertCampaign('合约到期挽留', 'retention', 'active', 50, null);
    campaign.care = await insertCampaign('生日关怀', 'care', 'active', 1, null);
    campaign.ended = await insertCampaign('上月挽留', 'retention', 'active', 50, addDays(day, -1));
    const member = (key: string, campaignId: number, arm = 'treatment') =>
      queryRows(
        engine,
        `insert into campaign_members (subscriber_id, campaign_id, arm, stratum, baseline_probability)
         values ($1, $2, $3, 'churn_warning|high', 0.5)`,
        [s[key], campaignId, arm],
      );
    for (const key of [
      'top',
      'second',
      'dnc',
      'refused',
      'openTask',
      'callback',
      'retry',
      'exhausted',
      'teamB',
      'churned',
      'noConsent',
    ]) {
      await member(key, campaign.retention);
    }
    await member('holdout', campaign.retention, 'holdout');
    await member('care1', campaign.care);
    await member('care2', campaign.care);
    await member('care2', campaign.ended);

    const attempt = (
      key: string,
      fields: { at: Date; disposition: string; agent?: number; callbackAt?: Date; reached?: boolean },
    ) =>
      queryRows(
        engine,
        `insert into contact_attempts
           (subscriber_id, campaign_id, agent_user_id, channel, purpose, started_at, reached, disposition,
            callback_at, details)
         values ($1, $2, $3, 'call', 'marketing', $4, $5, $6, $7, '{"action":"retention_call"}')`,
        [
          s[key],
          campaign.retention,
          fields.agent ?? null,
          fields.at,
          fields.reached ?? false,
          fields.disposition,
          fields.callbackAt ?? null,
        ],
      );
    const before = addDays(day, -40);
    await attempt('refused', { at: at(before, '10:00'), disposition: 'refused', reached: true });
    await attempt('callback', {
      at: at(addDays(day, -1), '11:00'),
      disposition: 'call_back',
      reached: true,
      agent: a1.id,
      callbackAt: at(day, '15:00'),
    });
    await attempt('retry', { at: at(addDays(day, -1), '16:00'), disposition: 'not_reached' });
    for (const clock of ['10:00', '14:00', '19:00']) {
      await attempt('exhausted', { at: at(addDays(day, -2), clock), disposition: 'not_reached' });
    }
    await queryRows(
      engine,
      `insert into call_tasks (subscriber_id, kind, owner_user_id, team_id, due_at)
       select $1, 'care_call', $2, team_id, $3 from users where id = $2`,
      [s.openTask, a2.id, at(day, '10:00')],
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('names the field of a bad shift, a past day or a non-agent', async () => {
    const badShift = await t.inject({
      method: 'POST',
      url: '/api/plans',
      payload: {
        day,
        shifts: [
          { agentUserId: a1.id, from: '09:00', until: '18:00' },
          { agentUserId: a2.id, from: '10:00', until: '09:30' },
        ],
      },
    });
    expect(badShift.statusCode).toBe(400);
    expect(badShift.json().error.issues).toContainEqual({
      path: 'body.shifts.1.until',
      message: 'must be after from (same day)',
    });
    const pastDay = await t.inject({ method: 'POST', url: '/api/plans', payload: { day: '2020-01-01' } });
    expect(pastDay.statusCode).toBe(400);
    expect(pastDay.json().error.issues[0].path).toBe('body.day');
    const notAgent = await t.inject({
      method: 'POST',
      url: '/api/plans',
      payload: { day, shifts: [{ agentUserId: leadA.id, from: '09:00', until: '18:00' }] },
    });
    expect(notAgent.statusCode).toBe(400);
    expect(notAgent.json().error.issues).toEqual([
      { path: 'body.shifts.0.agentUserId', message: 'is not an active agent' },
    ]);
    const occupancy = await t.inject({ method: 'POST', url: '/api/plans', payload: { occupancy: 1.5 } });
    expect(occupancy.statusCode).toBe(400);
    expect(occupancy.json().error.issues[0].path).toBe('body.occupancy');
  });

  it('lets only leads and admins build plans; analysts read them', async () => {
    expect((await t.injectAs(a1, { method: 'POST', url: '/api/plans', payload: {} })).statusCode).toBe(403);
    expect((await t.injectAs(analyst, { method: 'POST', url: '/api/plans', payload: {} })).statusCode).toBe(
      403,
    );
    expect((await t.injectAs(a1, { method: 'GET', url: '/api/plans' })).statusCode).toBe(403);
    expect((await t.injectAs(analyst, { method: 'GET', url: '/api/plans' })).statusCode).toBe(200);
    expect((await t.injectAs(null, { method: 'GET', url: '/api/plans' })).statusCode).toBe(401);
  });

  it('plans callbacks, the most valuable calls, retries and overflow within capacity and policy', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/plans',
      payload: {
        day,
        shifts: [
          // floor(15 × 0.85 ÷ 6) = 2 calls: the callback and one more.
          { agentUserId: a1.id, from: '09:00', until: '09:15', breakMinutes: 0 },
          { agentUserId: a2.id, from: '09:00', until: '18:00' },
          { agentUserId: b1.id, from: '09:00', until: '18:00' },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    adminPlan = response.json();
    expect(adminPlan.status).toBe('ready');
    expect(adminPlan.inputs.teamId).toBeNull();
    const tasks = await tasksOf(adminPlan.id);

    const [callback] = taskFor(tasks, 'callback');
    expect(callback).toMatchObject({ kind: 'callback', owner_user_id: a1.id, action: 'retention_call' });
    expect(callback?.due_at.toISOString()).toBe(at(day, '15:00').toISOString());
    expect(taskFor(tasks, 'callback')).toHaveLength(1);

    expect(taskFor(tasks, 'top')[0]).toMatchObject({
      owner_user_id: a1.id,
      kind: 'retention_call',
      campaign_id: campaign.retention,
    });
    const second = taskFor(tasks, 'second')[0];
    expect(second?.owner_user_id).toBeNull();
    expect(second?.team_id).not.toBeNull();
    expect(second?.team_id).toBe(taskFor(tasks, 'top')[0]?.team_id);
    expect(second?.reasons.map((r) => r.code)).toContain('plan_overflow');

    const retry = taskFor(tasks, 'retry')[0];
    expect(retry).toMatchObject({ owner_user_id: a2.id, attempts: 1 });
    expect(retry?.reasons.map((r) => r.code)).toContain('plan_retry');
    const failedAt = at(addDays(day, -1), '16:00');
    expect(daypartOf(retry?.due_at ?? failedAt, DEFAULT_RETRY_SETTINGS, ZONE)).not.toBe(
      daypartOf(failedAt, DEFAULT_RETRY_SETTINGS, ZONE),
    );

    expect(taskFor(tasks, 'teamB')[0]?.owner_user_id).toBe(b1.id);
    const care = [...taskFor(tasks, 'care1'), ...taskFor(tasks, 'care2')];
    expect(care).toHaveLength(1); // the care campaign's daily quota is 1
    expect(care[0]?.action).toMatch(/^care_/);
    expect(care[0]?.reasons.map((r) => r.code)).toContain('plan_campaign');

    for (const key of ['holdout', 'dnc', 'refused', 'openTask', 'exhausted', 'churned', 'noConsent']) {
      expect(taskFor(tasks, key), key).toHaveLength(0);
    }
    const summary = adminPlan.summary;
    expect(summary.chosen.total).toBe(tasks.length);
    expect(summary.chosen).toMatchObject({ callbacks: 1, retries: 1, overflow: 1 });
    expect(summary.policyRefusals).toMatchObject({ do_not_call: 1, no_marketing_consent: 1 });
    expect(summary.skipped).toMatchObject({ attempts_exhausted: 1, quota_reached: 1 });
    const a1Row = summary.perAgent.find((p) => p.agentUserId === a1.id);
    expect(a1Row).toMatchObject({ capacity: 2, assigned: 2, callbacks: 1 });
    expect(summary.seconds.total).toBeGreaterThan(0);
  });

  it("replans a team: unstarted tasks of the day are replaced, claimed ones and other teams' stay", async () => {
    const before = await tasksOf(adminPlan.id);
    const top = taskFor(before, 'top')[0];
    await queryRows(
      engine,
      `update call_tasks set status = 'claimed', claimed_by_user_id = $1, claimed_at = now()
        where id = $2`,
      [a1.id, top?.id],
    );
    const response = await t.injectAs(leadA, { method: 'POST', url: '/api/plans', payload: { day } });
    expect(response.statusCode).toBe(201);
    const teamPlan: PlanBody = response.json();
    expect(teamPlan.inputs.teamId).not.toBeNull();
    expect(teamPlan.inputs.shifts.map((x) => x.agentUserId).sort()).toEqual([a1.id, a2.id].sort());

    const old = await tasksOf(adminPlan.id);
    expect(taskFor(old, 'top')[0]?.status).toBe('claimed');
    expect(taskFor(old, 'teamB')[0]?.status).toBe('open');
    for (const key of ['second', 'retry', 'callback']) {
      expect(taskFor(old, key)[0], key).toMatchObject({ status: 'cancelled', closed_reason: 'replanned' });
    }
    const fresh = await tasksOf(teamPlan.id);
    expect(teamPlan.summary.replaced).toBe(3);
    expect(fresh.every((x) => x.team_id === taskFor(old, 'second')[0]?.team_id)).toBe(true);
    expect(taskFor(fresh, 'top')).toHaveLength(0); // still claimed from the first plan
    expect(taskFor(fresh, 'callback')[0]?.owner_user_id).toBe(a1.id);
    expect(taskFor(fresh, 'second')[0]?.owner_user_id).toBe(a1.id); // a1 has a full day now
    const open = await queryRows<{ subscriber_id: string; n: number }>(
      engine,
      `select subscriber_id, count(*)::int as n from call_tasks where status in ('open', 'claimed')
        group by 1 having count(*) > 1`,
    );
    expect(open).toEqual([]);
  });

  it("refuses a lead's shift for another team's agent, naming it", async () => {
    const response = await t.injectAs(leadA, {
      method: 'POST',
      url: '/api/plans',
      payload: { day, shifts: [{ agentUserId: b1.id, from: '09:00', until: '18:00' }] },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.issues).toEqual([
      { path: 'body.shifts.0.agentUserId', message: 'is not an agent of your team' },
    ]);
  });

  it("shows a lead their team's plans and all-team plans, never another team's", async () => {
    const asLeadB = await t.injectAs(leadB, { method: 'GET', url: `/api/plans?day=${day}` });
    expect(asLeadB.statusCode).toBe(200);
    const seen: { id: number; teamId: number | null }[] = asLeadB.json().items;
    expect(seen.map((p) => p.id)).toContain(adminPlan.id);
    expect(seen.every((p) => p.teamId === null)).toBe(true);
    const teamPlans = await t.injectAs(leadA, { method: 'GET', url: `/api/plans?day=${day}` });
    const teamPlan = (teamPlans.json().items as { id: number; teamId: number | null }[]).find(
      (p) => p.teamId !== null,
    );
    expect(teamPlan).toBeDefined();
    const foreign = await t.injectAs(leadB, { method: 'GET', url: `/api/plans/${teamPlan?.id}` });
    expect(foreign.statusCode).toBe(404);
    const own = await t.injectAs(leadA, { method: 'GET', url: `/api/plans/${teamPlan?.id}` });
    expect(own.statusCode).toBe(200);
    const bad = await t.inject({ method: 'GET', url: '/api/plans?day=tomorrow' });
    expect(bad.statusCode).toBe(400);
  });

  it('reports progress per agent: assigned, done, reached, accepted, open, claimed', async () => {
    const tasks = await tasksOf(adminPlan.id);
    const top = taskFor(tasks, 'top')[0];
    await queryRows(
      engine,
      `insert into contact_attempts
         (subscriber_id, campaign_id, task_id, agent_user_id, channel, purpose, started_at, reached, disposition)
       values ($1, $2, $3, $4, 'call', 'marketing', now(), true, 'accepted')`,
      [s.top, campaign.retention, top?.id, a1.id],
    );
    await queryRows(
      engine,
      `update call_tasks set status = 'done', closed_reason = 'accepted' where id = $1`,
      [top?.id],
    );
    const response = await t.inject({ method: 'GET', url: `/api/plans/${adminPlan.id}/progress` });
    expect(response.statusCode).toBe(200);
    const progress = response.json() as {
      agents: { agentUserId: number; assigned: number; done: number; reached: number; accepted: number }[];
      pools: { teamId: number; total: number }[];
    };
    expect(progress.agents.find((a) => a.agentUserId === a1.id)).toMatchObject({
      assigned: 2,
      done: 1,
      reached: 1,
      accepted: 1,
    });
    expect(progress.agents.map((a) => a.agentUserId).sort()).toEqual([a1.id, a2.id, b1.id].sort());
    expect(progress.pools).toHaveLength(1);
    const asLeadB = await t.injectAs(leadB, { method: 'GET', url: `/api/plans/${adminPlan.id}/progress` });
    expect(asLeadB.statusCode).toBe(200);
    expect(asLeadB.json().agents.map((a: { agentUserId: number }) => a.agentUserId)).toEqual([b1.id]);
    expect(asLeadB.json().pools).toEqual([]);
    const missing = await t.inject({ method: 'GET', url: '/api/plans/999999/progress' });
    expect(missing.statusCode).toBe(404);
  });

  it.runIf(engineName === 'postgres')(
    'runs two planners one after the other, never both at once',
    async () => {
      const plan = () => t.inject({ method: 'POST', url: '/api/plans', payload: { day } });
      const [first, second] = await Promise.all([plan(), plan()]);
      expect(first?.statusCode).toBe(201);
      expect(second?.statusCode).toBe(201);
      const open = await queryRows<{ subscriber_id: string }>(
        engine,
        `select subscriber_id from call_tasks where status in ('open', 'claimed')
        group by 1 having count(*) > 1`,
      );
      expect(open).toEqual([]);
      // The later plan replaced the earlier one's tasks: only one of the two holds open tasks.
      const holders = await queryRows<{ plan_id: number }>(
        engine,
        `select distinct plan_id from call_tasks where status = 'open' and plan_id in ($1, $2)`,
        [first?.json().id, second?.json().id],
      );
      expect(holders).toHaveLength(1);
    },
  );
});
