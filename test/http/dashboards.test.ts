import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { SignalCode } from '#src/features/scoring/rules/churn-signals';
import { buildTestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';
import { openTestTicket } from '#test/support/ticket-factory';

/**
 * The app with the dashboards registered (until build-app.ts registers them itself), signed-in
 * users by role. Built by hand rather than through buildTestApp, which starts the app before a
 * plugin could be added.
 */
async function dashboardApp(handle: DbHandle) {
  const t = await buildTestApp(handle);
  return {
    app: t.app,
    user: t.user,
    get: (who: TestUser, url: string) => t.injectAs(who, { method: 'GET', url }),
    close: t.close,
  };
}

type World = Awaited<ReturnType<typeof dashboardApp>>;
type Who = TestUser;

const signals = (...codes: SignalCode[]) => codes.map((code) => ({ code, params: {} }));

describeEachEngine('dashboards over HTTP', (getDb) => {
  let w: World;
  let admin: Who;
  let analyst: Who;
  let lead: Who;
  let agentA: Who;
  let agentB: Who;
  let auditor: Who;
  let runFeb = 0;
  let runMar = 0;
  const ids: number[] = [];

  beforeAll(async () => {
    const handle = getDb();
    const { db, engine } = handle;
    w = await dashboardApp(handle);
    admin = await w.user('dash-admin', 'admin');
    analyst = await w.user('dash-analyst', 'analyst');
    lead = await w.user('dash-lead', 'lead', 'Dash A');
    agentA = await w.user('dash-agent-a', 'agent', 'Dash A');
    agentB = await w.user('dash-agent-b', 'agent', 'Dash B');
    auditor = await w.user('dash-auditor', 'auditor');

    const plan = await insertPlan(db);
    // s1..s9: s1–s4 in team A's book, s5–s9 in team B's; s7–s9 in 苏州市, the rest in 南京市.
    for (let i = 1; i <= 9; i++) {
      const s = await insertSubscriber(db, plan.id, { city: i >= 7 ? '苏州市' : '南京市' });
      ids.push(s.id);
      await assignToBook(db, s.id, i <= 4 ? agentA.id : agentB.id);
    }
    const id = (n: number) => ids[n - 1] ?? 0;
    const city = (n: number) => (n >= 7 ? '苏州市' : '南京市');
    // February: s1–s8 scored (s9 is new in March).
    const feb = [
      [1, 'high_value', 0.1],
      [2, 'high_value', 0.2],
      [3, 'potential', 0.1],
      [4, 'ordinary', 0.1],
      [5, 'churn_warning', 0.5],
      [6, 'ordinary', 0.1],
      [7, 'high_value', 0.3],
      [8, 'potential', 0.2],
    ] as const;
    runFeb = await insertScoringRun(
      handle,
      feb.map(([n, tier, probability]) => buildScore(id(n), { tier, probability, city: city(n) })),
      '2026-02-28',
    );
    // March: s8 gone, s9 new; s2 and s7 turn churn_warning, s4 potential.
    runMar = await insertScoringRun(
      handle,
      [
        buildScore(id(1), { tier: 'high_value', probability: 0.1, city: city(1), arpu3Fen: 20_000 }),
        buildScore(id(2), {
          tier: 'churn_warning',
          lifecycleStage: 'decline',
          probability: 0.5,
          city: city(2),
          revenueAtRiskFen: 3_000,
          signals: signals('CONTRACT_EXPIRING', 'USAGE_DROP'),
        }),
        buildScore(id(3), { tier: 'potential', lifecycleStage: 'growth', probability: 0.1, city: city(3) }),
        buildScore(id(4), { tier: 'potential', lifecycleStage: 'growth', probability: 0.1, city: city(4) }),
        buildScore(id(5), {
          tier: 'churn_warning',
          lifecycleStage: 'decline',
          probability: 0.6,
          city: city(5),
          revenueAtRiskFen: 2_000,
          signals: signals('USAGE_DROP'),
        }),
        buildScore(id(6), { tier: 'ordinary', probability: 0.1, city: city(6) }),
        buildScore(id(7), {
          tier: 'churn_warning',
          lifecycleStage: 'decline',
          probability: 0.4,
          city: city(7),
          revenueAtRiskFen: 1_000,
          signals: signals('COMPETITOR_HOTLINE'),
        }),
        buildScore(id(9), { tier: 'ordinary', lifecycleStage: 'intro', probability: 0.2, city: city(9) }),
      ],
      '2026-03-31',
    );
    // Churn: s2 in March (February's horizon), s5 in April (March's), s8 in June (neither).
    for (const [n, day] of [
      [2, '2026-03-10'],
      [5, '2026-04-15'],
      [8, '2026-06-01'],
    ] as const) {
      await queryRows(
        engine,
        `insert into subscriber_status_history (subscriber_id, valid_from, status) values ($1, $2, 'churned')`,
        [id(n), day],
      );
    }

    // Campaigns: one of team A's (s1–s4: s1, s2, s3 treated, s4 held out), one over all books.
    const teamA = (
      await queryRows<{ team_id: number }>(engine, 'select team_id from users where id = $1', [lead.id])
    )[0]?.team_id;
    const [campA] = await queryRows<{ id: number }>(
      engine,
      `insert into campaigns (name, kind, status, segment, starts_on, team_id, scoring_run_id, launched_at, outcome_window_days)
       values ('A 组挽留', 'retention', 'active', '{"rules":[]}', '2026-03-01', $1, $2, '2026-03-01T02:00:00Z', 90) returning id`,
      [teamA, runFeb],
    );
    const [campAll] = await queryRows<{ id: number }>(
      engine,
      `insert into campaigns (name, kind, status, segment, starts_on, scoring_run_id, launched_at, outcome_window_days)
       values ('全网关怀', 'care', 'active', '{"rules":[]}', '2026-05-01', $1, '2026-05-01T02:00:00Z', 90) returning id`,
      [runMar],
    );
    const member = async (campaignId: number, n: number, arm: string, tier: string) =>
      queryRows(
        engine,
        `insert into campaign_members (subscriber_id, campaign_id, arm, stratum, baseline_probability)
         values ($1, $2, $3, $4, 0.2)`,
        [id(n), campaignId, arm, `${tier}|low`],
      );
    await member(Number(campA?.id), 1, 'treatment', 'high_value');
    await member(Number(campA?.id), 2, 'treatment', 'high_value');
    await member(Number(campA?.id), 3, 'treatment', 'potential');
    await member(Number(campA?.id), 4, 'holdout', 'ordinary');
    for (const n of [5, 6, 7]) await member(Number(campAll?.id), n, 'treatment', 'ordinary');
    await member(Number(campAll?.id), 9, 'holdout', 'ordinary');
    // Calls (business zone 10:00 = 02:00Z): A reaches s1 (accepted) and misses s3; B gets s5 to accept.
    const call = (
      n: number,
      agent: number,
      campaign: number,
      reached: boolean,
      disposition: string,
      at: string,
    ) =>
      queryRows(
        engine,
        `insert into contact_attempts (subscriber_id, campaign_id, agent_user_id, channel, purpose, started_at,
                                       reached, disposition, handle_seconds)
         values ($1, $2, $3, 'call', 'marketing', $4, $5, $6, $7)`,
        [id(n), campaign, agent, at, reached, disposition, reached ? 120 : null],
      );
    await call(1, agentA.id, Number(campA?.id), true, 'accepted', '2026-03-05T02:00:00Z');
    await call(3, agentA.id, Number(campA?.id), false, 'not_reached', '2026-03-06T02:00:00Z');
    await call(5, agentB.id, Number(campAll?.id), true, 'accepted', '2026-03-05T03:00:00Z');
    // Tickets for the SLA dashboard, opened on 2026-06-10 for fresh subscribers (a complaint on a scored
    // subscriber would add OPEN_COMPLAINT to the current score).
    await openTestTicket(db, { now: new Date('2026-06-10T02:00:00Z') });
    await openTestTicket(db, { now: new Date('2026-06-10T03:00:00Z') });
  });

  afterAll(async () => {
    await w?.close();
  });

  it('counts the current run by tier and stage, with shares and revenue', async () => {
    const response = await w.get(analyst, '/api/dashboards/tiers');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.runId).toBe(runMar);
    expect(body.previousRunId).toBe(runFeb);
    expect(body.total.subscribers).toBe(8);
    expect(body.total.revenueAtRiskFen).toBe(6_000);
    expect(body.byTier.map((t: { key: string; subscribers: number }) => [t.key, t.subscribers])).toEqual([
      ['high_value', 1],
      ['potential', 2],
      ['ordinary', 2],
      ['churn_warning', 3],
    ]);
    expect(body.byTier[3].share).toBeCloseTo(3 / 8, 10);
    expect(body.byTier[0].revenueFen).toBe(20_000);
    const stages = Object.fromEntries(
      body.byStage.map((s: { key: string; subscribers: number }) => [s.key, s.subscribers]),
    );
    expect(stages).toEqual({ intro: 1, growth: 2, mature: 2, decline: 3 });
  });

  it('gives the tier flows from February to March, with new and gone subscribers', async () => {
    const body = (await w.get(admin, '/api/dashboards/tiers')).json();
    const flows = Object.fromEntries(
      body.flows.map((f: { from: string | null; to: string | null; subscribers: number }) => [
        `${f.from}>${f.to}`,
        f.subscribers,
      ]),
    );
    expect(flows).toEqual({
      'high_value>high_value': 1,
      'high_value>churn_warning': 2,
      'potential>potential': 1,
      'potential>null': 1,
      'ordinary>potential': 1,
      'ordinary>ordinary': 1,
      'churn_warning>churn_warning': 1,
      'null>ordinary': 1,
    });
  });

  it('has no flows with a single run, and selects a run by period', async () => {
    const body = (await w.get(admin, '/api/dashboards/tiers?period=2026-02')).json();
    expect(body.runId).toBe(runFeb);
    expect(body.previousRunId).toBeNull();
    expect(body.flows).toEqual([]);
    expect(body.total.subscribers).toBe(8);
    expect((await w.get(admin, '/api/dashboards/tiers?period=2025-01')).statusCode).toBe(404);
  });

  it('shows a lead only the team’s books', async () => {
    const tiers = (await w.get(lead, '/api/dashboards/tiers')).json();
    expect(tiers.total.subscribers).toBe(4);
    expect(tiers.flows.reduce((n: number, f: { subscribers: number }) => n + f.subscribers, 0)).toBe(4);
    const risk = (await w.get(lead, '/api/dashboards/revenue-at-risk')).json();
    expect(risk.total.revenueAtRiskFen).toBe(3_000);
    const trend = (await w.get(lead, '/api/dashboards/churn-trend')).json();
    expect(
      trend.points.map((p: { scored: number; actualChurners: number }) => [p.scored, p.actualChurners]),
    ).toEqual([
      [4, 1],
      [4, 0],
    ]);
    const campaignsResponse = await w.get(lead, '/api/dashboards/campaigns');
    expect(campaignsResponse.statusCode, campaignsResponse.body).toBe(200);
    const campaigns = campaignsResponse.json();
    expect(campaigns.campaigns.map((c: { name: string }) => c.name)).toEqual(['A 组挽留']);
    const agents = (await w.get(lead, '/api/dashboards/agents?from=2026-03-01&to=2026-03-31')).json();
    expect(agents.leaderboard.map((a: { agentUserId: number }) => a.agentUserId)).toEqual([agentA.id]);
  });

  it('sums revenue at risk by tier and by signal, a subscriber counting under each signal', async () => {
    const body = (await w.get(admin, '/api/dashboards/revenue-at-risk')).json();
    expect(body.total).toEqual({ subscribers: 8, atRisk: 3, withSignal: 3, revenueAtRiskFen: 6_000 });
    const churnWarning = body.byTier.find((t: { tier: string }) => t.tier === 'churn_warning');
    expect(churnWarning).toMatchObject({
      subscribers: 3,
      atRisk: 3,
      revenueAtRiskFen: 6_000,
      shareOfRevenueAtRisk: 1,
    });
    expect(
      body.bySignal.map((s: { code: string; subscribers: number; revenueAtRiskFen: number }) => [
        s.code,
        s.subscribers,
        s.revenueAtRiskFen,
      ]),
    ).toEqual([
      ['CONTRACT_EXPIRING', 1, 3_000],
      ['USAGE_DROP', 2, 5_000],
      ['COMPETITOR_HOTLINE', 1, 1_000],
    ]);
    expect(body.signalsOverlap).toBe(true);
  });

  it('gives each signal’s prevalence overall and by tier', async () => {
    const body = (await w.get(admin, '/api/dashboards/signals')).json();
    expect(body.scored).toBe(8);
    expect(body.withAnySignal).toBe(3);
    const usageDrop = body.signals.find((s: { code: string }) => s.code === 'USAGE_DROP');
    expect(usageDrop.subscribers).toBe(2);
    expect(usageDrop.share).toBeCloseTo(2 / 8, 10);
    const warning = usageDrop.byTier.find((t: { tier: string }) => t.tier === 'churn_warning');
    expect(warning.subscribers).toBe(2);
    expect(warning.share).toBeCloseTo(2 / 3, 10);
  });

  it('compares predicted with observed churn per run', async () => {
    const body = (await w.get(admin, '/api/dashboards/churn-trend')).json();
    expect(body.points).toHaveLength(2);
    const [feb, mar] = body.points;
    expect(feb).toMatchObject({
      runId: runFeb,
      month: '2026-02',
      windowEnd: '2026-03-31',
      complete: true,
      scored: 8,
      actualChurners: 1,
    });
    expect(feb.predictedChurners).toBeCloseTo(1.6, 5);
    expect(feb.predictedRate).toBeCloseTo(0.2, 5);
    expect(mar).toMatchObject({ runId: runMar, windowEnd: '2026-04-30', scored: 8, actualChurners: 1 });
    expect(mar.predictedChurners).toBeCloseTo(2.1, 5);
    expect(mar.actualRate).toBeCloseTo(1 / 8, 10);
    const onlyMarch = (await w.get(admin, '/api/dashboards/churn-trend?period=2026-03')).json();
    expect(onlyMarch.points.map((p: { runId: number }) => p.runId)).toEqual([runMar]);
  });

  it('filters by region and tier', async () => {
    const suzhou = (await w.get(admin, `/api/dashboards/tiers?city=${encodeURIComponent('苏州市')}`)).json();
    expect(suzhou.total.subscribers).toBe(2);
    const warning = (await w.get(admin, '/api/dashboards/revenue-at-risk?tier=churn_warning')).json();
    expect(warning.total.subscribers).toBe(3);
    const trend = (await w.get(admin, '/api/dashboards/churn-trend?tier=churn_warning')).json();
    expect(
      trend.points.map((p: { scored: number; actualChurners: number }) => [p.scored, p.actualChurners]),
    ).toEqual([
      [1, 0],
      [3, 1],
    ]);
    const flows = (await w.get(admin, '/api/dashboards/tiers?tier=potential')).json();
    expect(flows.flows.reduce((n: number, f: { subscribers: number }) => n + f.subscribers, 0)).toBe(3);
    const campaigns = (await w.get(admin, '/api/dashboards/campaigns?tier=high_value')).json();
    const a = campaigns.campaigns.find((c: { name: string }) => c.name === 'A 组挽留');
    expect(a.treatment.members).toBe(2);
  });

  it('gives each campaign’s funnel per arm against its holdout', async () => {
    const body = (await w.get(admin, '/api/dashboards/campaigns')).json();
    expect(body.campaigns.map((c: { name: string }) => c.name)).toEqual(['全网关怀', 'A 组挽留']);
    const a = body.campaigns[1];
    expect(a.treatment).toMatchObject({ members: 3, contacted: 2, reached: 1, accepted: 1, churned: 1 });
    expect(a.holdout).toMatchObject({ members: 1, contacted: 0, churned: 0 });
    expect(a.treatment.churn.rate).toBeCloseTo(1 / 3, 10);
    expect(a.resultsStatus).toBe('not_enough_data');
    expect(a.uplift).toBeNull();
    const launchedInMay = (await w.get(admin, '/api/dashboards/campaigns?period=2026-05')).json();
    expect(launchedInMay.campaigns.map((c: { name: string }) => c.name)).toEqual(['全网关怀']);
  });

  it('reports SLA on-time rates for the period', async () => {
    const june = (await w.get(analyst, '/api/dashboards/sla?from=2026-06-01&to=2026-06-30')).json();
    expect(june.overall.total).toBe(2);
    expect(june.by).toBe('category');
    const byGroup = (await w.get(analyst, '/api/dashboards/sla?period=2026-06&by=group')).json();
    expect(byGroup.by).toBe('group');
    expect(byGroup.overall.total).toBe(2);
    const may = (await w.get(analyst, '/api/dashboards/sla?period=2026-05')).json();
    expect(may.overall.total).toBe(0);
  });

  it('ranks agents by saves: an accepted offer whose subscriber churned later is no save', async () => {
    const body = (await w.get(admin, '/api/dashboards/agents?from=2026-03-01&to=2026-03-31')).json();
    const a = body.leaderboard.find((x: { agentUserId: number }) => x.agentUserId === agentA.id);
    const b = body.leaderboard.find((x: { agentUserId: number }) => x.agentUserId === agentB.id);
    expect(a).toMatchObject({
      rank: 1,
      calls: 2,
      reached: 1,
      reachRate: 0.5,
      accepted: 1,
      saves: 1,
      averageHandleSeconds: 120,
    });
    expect(b).toMatchObject({ rank: 2, calls: 1, accepted: 1, saves: 0 });
    expect(body.totals).toMatchObject({ calls: 3, accepted: 2, saves: 1 });
    const april = (await w.get(admin, '/api/dashboards/agents?period=2026-04')).json();
    expect(april.totals.calls).toBe(0);
  });

  it('refuses agents and auditors', async () => {
    for (const who of [agentA, agentB, auditor]) {
      for (const path of [
        'tiers',
        'revenue-at-risk',
        'churn-trend',
        'signals',
        'campaigns',
        'sla',
        'agents',
      ]) {
        expect((await w.get(who, `/api/dashboards/${path}`)).statusCode).toBe(403);
      }
    }
  });

  it('answers a bad filter with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/dashboards/tiers?tier=gold', 'querystring.tier'],
      ['/api/dashboards/signals?period=2026-13', 'querystring.period'],
      ['/api/dashboards/churn-trend?from=2026-02-30', 'querystring.from'],
      ['/api/dashboards/churn-trend?period=2026-03&from=2026-03-01', 'querystring.period'],
      ['/api/dashboards/agents?from=2026-04-02&to=2026-04-01', 'querystring.to'],
      ['/api/dashboards/sla?from=2025-01-01&to=2026-06-01', 'querystring.from'],
      ['/api/dashboards/sla?by=city', 'querystring.by'],
      ['/api/dashboards/tiers?city=', 'querystring.city'],
    ];
    for (const [url, path] of cases) {
      const response = await w.get(admin, url);
      expect(response.statusCode, url).toBe(400);
      expect(
        response.json().error.issues.map((i: { path: string }) => i.path),
        url,
      ).toContain(path);
    }
    const unknown = await w.get(admin, '/api/dashboards/agents?city=x');
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error.issues)).toContain('city');
  });
});
