import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { auditLog } from '#src/db/schema/audit';
import { contactAttempts } from '#src/db/schema/contacts';
import { offers, scripts } from '#src/db/schema/offers';
import { subscriberStatusHistory, subscribers } from '#src/db/schema/subscribers';
import { redrawArms } from '#src/features/campaigns/campaign-launch.repository';
import { activeCampaignsOn, isInHoldout } from '#src/features/campaigns/campaigns.repository';
import { holdoutBasisPoints, holdoutSizeOf } from '#src/features/campaigns/holdout-draw';
import { summarise, welchInterval } from '#src/features/campaigns/mean-difference';
import { rateDifference } from '#src/features/campaigns/rate-difference';
import { todayIn } from '#src/lib/time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, buildSubscriber, insertPlan } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

type Member = { subscriber_id: string; arm: string; stratum: string; assigned_at: Date | string };
type Campaign = {
  id: number;
  status: string;
  teamId: number | null;
  launchedAt: string | null;
  randomSeed: string | null;
  scoringRunId: number | null;
  members: { treatment: number; holdout: number };
};

// Stratum sizes chosen so that round(n × share) lands on halves (25 × 0.5, 47 × 0.5) and below 1.
const STRATA = [
  { tier: 'high_value', riskBand: 'low', probability: 0.05, size: 100 },
  { tier: 'churn_warning', riskBand: 'high', probability: 0.45, size: 60 },
  { tier: 'churn_warning', riskBand: 'very_high', probability: 0.7, size: 47 },
  { tier: 'potential', riskBand: 'medium', probability: 0.25, size: 25 },
  { tier: 'ordinary', riskBand: 'low', probability: 0.08, size: 8 },
] as const;
const SCORED = 240;

const baseBody = {
  name: '合约到期维系 2026Q2',
  kind: 'retention',
  segment: { rules: [{ field: 'inTargetPool', op: 'eq', value: true }] },
  scriptCode: 'retention_service_marketing',
  offerCodes: ['BILL_DISCOUNT_20'],
  startsOn: '2026-04-01',
  endsOn: '2026-06-30',
  dailyQuota: 50,
  holdoutShare: 0.5,
};

describeEachEngine('campaigns over HTTP', (getDb) => {
  let t: TestApp;
  let lead: TestUser;
  let agent: TestUser;
  let analyst: TestUser;
  let teamA = 0;
  let teamB = 0;
  let runId = 0;
  /** Scored subscriber ids in stratum order, and their tier|risk band. */
  const scored: { id: number; stratum: string; arpu: number }[] = [];

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    lead = await t.user('camp-lead', 'lead', 'Team A');
    agent = await t.user('camp-agent', 'agent', 'Team A');
    const agentB = await t.user('camp-agent-b', 'agent', 'Team B');
    analyst = await t.user('camp-analyst', 'analyst');
    const teams = await queryRows<{ id: number; team_id: number }>(
      handle.engine,
      'select id, team_id from users where id = any($1::int[])',
      [[agent.id, agentB.id]],
    );
    teamA = Number(teams.find((r) => r.id === agent.id)?.team_id);
    teamB = Number(teams.find((r) => r.id === agentB.id)?.team_id);

    await db.insert(offers).values({
      code: 'BILL_DISCOUNT_20',
      rule: 'cost',
      kind: 'bill_discount',
      nameZh: '话费八折',
      nameEn: '20% off the bill',
      costFen: 2_000,
      validFrom: '2026-01-01',
    });
    await db.insert(scripts).values({
      code: 'retention_service_marketing',
      scenario: 'service_marketing',
      titleZh: '服务营销开场',
      titleEn: 'Service-marketing opening',
      content: {},
    });

    const plan = await insertPlan(db, { code: 'GT128' });
    const rows = await db
      .insert(subscribers)
      .values(Array.from({ length: SCORED + 3 }, () => buildSubscriber(plan.id)))
      .returning({ id: subscribers.id });
    const ids = rows.map((r) => r.id).sort((a, b) => a - b);
    const records = [];
    let next = 0;
    for (const stratum of STRATA) {
      for (let i = 0; i < stratum.size; i++) {
        const id = ids[next++] ?? 0;
        const arpu = 10_000 + (id % 17) * 300;
        scored.push({ id, stratum: `${stratum.tier}|${stratum.riskBand}`, arpu });
        records.push(
          buildScore(id, {
            tier: stratum.tier,
            riskBand: stratum.riskBand,
            probability: stratum.probability,
            arpu3Fen: arpu,
          }),
        );
      }
    }
    // Three churned subscribers, scored but never drawn.
    for (const id of ids.slice(SCORED)) {
      await db
        .update(subscribers)
        .set({ status: 'churned', statusSince: '2026-03-01' })
        .where(eq(subscribers.id, id));
      records.push(buildScore(id, { tier: 'churn_warning', riskBand: 'very_high', probability: 0.9 }));
    }
    // Team A's books: 30 subscribers across strata (every 8th); team B: the next 20 of the rest.
    for (const [index, s] of scored.entries()) {
      if (index % 8 === 0) await assignToBook(db, s.id, agent.id);
      else if (index % 8 === 1 && index < 160) await assignToBook(db, s.id, agentB.id);
    }
    runId = await insertScoringRun(handle, records);
  });

  afterAll(async () => {
    await t?.close();
  });

  const create = (body: object, as: TestUser = t.admin) =>
    t.injectAs(as, { method: 'POST', url: '/api/campaigns', payload: body });
  const launch = (id: number, as: TestUser = t.admin) =>
    t.injectAs(as, { method: 'POST', url: `/api/campaigns/${id}/launch` });
  const results = (id: number, as: TestUser = t.admin) =>
    t.injectAs(as, { method: 'GET', url: `/api/campaigns/${id}/results` });
  const membersOf = (id: number) =>
    queryRows<Member>(
      getDb().engine,
      'select subscriber_id, arm, stratum, assigned_at from campaign_members where campaign_id = $1',
      [id],
    );
  const pathsOf = (body: string) =>
    (JSON.parse(body) as { error: { issues?: { path: string }[] } }).error.issues?.map((i) => i.path) ?? [];

  it('publishes the campaign routes in the OpenAPI document', async () => {
    const response = await t.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/campaigns',
        '/api/campaigns/segment-count',
        '/api/campaigns/{id}',
        '/api/campaigns/{id}/launch',
        '/api/campaigns/{id}/end',
        '/api/campaigns/{id}/results',
      ]),
    );
  });

  it('refuses agents on every campaign route', async () => {
    const campaign = (await create({ ...baseBody, name: 'agent probe' })).json<Campaign>();
    for (const request of [
      { method: 'GET' as const, url: '/api/campaigns' },
      { method: 'POST' as const, url: '/api/campaigns', payload: baseBody },
      { method: 'POST' as const, url: '/api/campaigns/segment-count', payload: { segment: { rules: [] } } },
      { method: 'GET' as const, url: `/api/campaigns/${campaign.id}` },
      { method: 'POST' as const, url: `/api/campaigns/${campaign.id}/launch` },
      { method: 'GET' as const, url: `/api/campaigns/${campaign.id}/results` },
    ]) {
      expect((await t.injectAs(agent, request)).statusCode, `${request.method} ${request.url}`).toBe(403);
    }
    // Analysts read but do not manage.
    expect(
      (await t.injectAs(analyst, { method: 'GET', url: `/api/campaigns/${campaign.id}` })).statusCode,
    ).toBe(200);
    expect((await launch(campaign.id, analyst)).statusCode).toBe(403);
  });

  it('answers 400 naming the field for bad rules, unknown offers and out-of-range settings', async () => {
    const badRule = await create({
      ...baseBody,
      segment: {
        rules: [
          { field: 'tier', op: 'eq', value: 'high_value' },
          { field: 'probability', op: 'gte', value: 0.3 },
          { field: 'riskBand', op: 'in', value: ['high', 'scarlet'] },
          { field: 'msisdn', op: 'eq', value: '13800000000' },
        ],
      },
    });
    expect(badRule.statusCode).toBe(400);
    expect(pathsOf(badRule.body)).toEqual(
      expect.arrayContaining(['body.segment.rules.2.value.1', 'body.segment.rules.3.field']),
    );

    const badOffer = await create({ ...baseBody, offerCodes: ['BILL_DISCOUNT_20', 'NO_SUCH_OFFER'] });
    expect(badOffer.statusCode).toBe(400);
    expect(pathsOf(badOffer.body)).toEqual(['body.offerCodes.1']);

    const badScript = await create({ ...baseBody, scriptCode: 'no_such_script' });
    expect(pathsOf(badScript.body)).toEqual(['body.scriptCode']);

    const badShare = await create({ ...baseBody, holdoutShare: 0.7, endsOn: '2026-03-01' });
    expect(badShare.statusCode).toBe(400);
    expect(pathsOf(badShare.body)).toEqual(expect.arrayContaining(['body.holdoutShare']));

    const badDates = await create({ ...baseBody, endsOn: '2026-03-01' });
    expect(pathsOf(badDates.body)).toEqual(['body.endsOn']);
  });

  it('counts a segment live by tier × risk band, leaving out churned subscribers', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/campaigns/segment-count',
      payload: { segment: { rules: [] } },
    });
    expect(response.statusCode).toBe(200);
    const count = response.json<{
      runId: number;
      total: number;
      breakdown: { tier: string; riskBand: string; count: number }[];
    }>();
    expect(count.runId).toBe(runId);
    expect(count.total).toBe(SCORED);
    for (const s of STRATA) {
      expect(count.breakdown).toContainEqual({ tier: s.tier, riskBand: s.riskBand, count: s.size });
    }
    const risky = await t.inject({
      method: 'POST',
      url: '/api/campaigns/segment-count',
      payload: { segment: { rules: [{ field: 'probability', op: 'gte', value: 0.45 }] } },
    });
    expect(risky.json<{ total: number }>().total).toBe(60 + 47);
  });

  let launched: Campaign;

  it('launches once: the holdout is exactly round(n × share) in every stratum, drawn before any contact', async () => {
    const created = await create(baseBody);
    expect(created.statusCode).toBe(201);
    const draft = created.json<Campaign>();
    expect(draft).toMatchObject({
      status: 'draft',
      teamId: null,
      launchedAt: null,
      members: { treatment: 0, holdout: 0 },
    });

    const response = await launch(draft.id);
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      campaign: Campaign;
      drawn: { total: number; treatment: number; holdout: number };
    }>();
    launched = body.campaign;
    expect(launched).toMatchObject({ status: 'active', scoringRunId: runId });
    expect(launched.randomSeed).toMatch(/^\d{16,}$/);
    expect(body.drawn.total).toBe(SCORED);

    const members = await membersOf(draft.id);
    const bp = holdoutBasisPoints(0.5);
    let expectedHoldout = 0;
    for (const s of STRATA) {
      const stratum = `${s.tier}|${s.riskBand}`;
      const inStratum = members.filter((m) => m.stratum === stratum);
      expect(inStratum).toHaveLength(s.size);
      expect(inStratum.filter((m) => m.arm === 'holdout')).toHaveLength(holdoutSizeOf(s.size, bp));
      expectedHoldout += holdoutSizeOf(s.size, bp);
    }
    // 50 + 30 + 24 (23.5 up) + 13 (12.5 up) + 4.
    expect(expectedHoldout).toBe(121);
    expect(body.drawn).toEqual({ total: SCORED, treatment: SCORED - 121, holdout: 121 });
    expect(launched.members).toEqual({ treatment: SCORED - 121, holdout: 121 });

    // Recorded at the launch instant, in the launch's transaction.
    const launchedAt = Date.parse(launched.launchedAt ?? '');
    for (const m of members) expect(new Date(m.assigned_at).getTime()).toBe(launchedAt);

    const holdoutMember = Number(members.find((m) => m.arm === 'holdout')?.subscriber_id);
    const treatedMember = Number(members.find((m) => m.arm === 'treatment')?.subscriber_id);
    expect(await isInHoldout(getDb().db, draft.id, holdoutMember)).toBe(true);
    expect(await isInHoldout(getDb().db, draft.id, treatedMember)).toBe(false);

    expect((await launch(draft.id)).statusCode).toBe(409);
    const edit = await t.inject({ method: 'PUT', url: `/api/campaigns/${draft.id}`, payload: baseBody });
    expect(edit.statusCode).toBe(409);
    expect(await membersOf(draft.id)).toHaveLength(SCORED);

    const [audit] = await getDb()
      .db.select()
      .from(auditLog)
      .where(eq(auditLog.target, `campaign:${draft.id}`))
      .orderBy(auditLog.id)
      .then((rows) => rows.filter((r) => r.action === 'campaign.launch'));
    expect(audit?.details).toMatchObject({ runId, seed: launched.randomSeed, treatment: 119, holdout: 121 });
  });

  it('draws the same arms from the same seed, and other arms from another seed', async () => {
    const members = await membersOf(launched.id);
    const stored = new Map(members.map((m) => [Number(m.subscriber_id), m.arm]));
    const redrawn = await redrawArms(
      getDb().engine,
      launched.id,
      launched.randomSeed ?? '',
      holdoutBasisPoints(0.5),
    );
    expect(redrawn).toEqual(stored);
    const other = await redrawArms(getDb().engine, launched.id, 'another seed', holdoutBasisPoints(0.5));
    expect(other).not.toEqual(stored);

    const second = (await create({ ...baseBody, name: 'same segment, own seed' })).json<Campaign>();
    expect((await launch(second.id)).statusCode).toBe(200);
    const secondHoldout = (await membersOf(second.id))
      .filter((m) => m.arm === 'holdout')
      .map((m) => m.subscriber_id);
    const firstHoldout = members.filter((m) => m.arm === 'holdout').map((m) => m.subscriber_id);
    expect(secondHoldout).toHaveLength(firstHoldout.length);
    expect(new Set(secondHoldout)).not.toEqual(new Set(firstHoldout));
  });

  it('pauses, resumes and ends, and the call plan sees only active campaigns in their dates', async () => {
    const day = '2026-05-01';
    const move = (what: string) => t.inject({ method: 'POST', url: `/api/campaigns/${launched.id}/${what}` });
    expect((await activeCampaignsOn(getDb().db, day)).map((c) => c.id)).toContain(launched.id);
    expect((await activeCampaignsOn(getDb().db, '2026-07-01')).map((c) => c.id)).not.toContain(launched.id);
    expect((await move('pause')).json<Campaign>().status).toBe('paused');
    expect((await activeCampaignsOn(getDb().db, day)).map((c) => c.id)).not.toContain(launched.id);
    expect((await move('pause')).statusCode).toBe(409);
    expect((await move('resume')).json<Campaign>().status).toBe('active');
    expect((await activeCampaignsOn(getDb().db, day)).map((c) => c.id)).toContain(launched.id);
  });

  it('reports contact, acceptance and save rate against the holdout with intervals, and incremental ARPU', async () => {
    const { db } = getDb();
    const launchDay = todayIn(t.config.timeZone, new Date(launched.launchedAt ?? ''));
    const members = await membersOf(launched.id);
    const treated = members.filter((m) => m.arm === 'treatment').map((m) => Number(m.subscriber_id));
    const held = members.filter((m) => m.arm === 'holdout').map((m) => Number(m.subscriber_id));

    const before = (await results(launched.id)).json();
    expect(before).toMatchObject({
      status: 'interim',
      arms: { treatment: 119, holdout: 121 },
      holdoutContacted: 0,
    });
    expect(before.contactRate).toMatchObject({ events: 0, trials: 119, rate: 0 });
    expect(before.incrementalArpu).toEqual({ note: { code: 'no_later_run', params: {} } });

    // 60 treated members called (two attempts for the first 10), 45 reached, 15 accepted the offer.
    const startedAt = new Date(Date.parse(launched.launchedAt ?? '') + 60_000);
    const attempts = treated.slice(0, 60).flatMap((subscriberId, i) => {
      const outcome =
        i < 15
          ? { reached: true, disposition: 'accepted', offerCode: 'BILL_DISCOUNT_20', offerCostFen: 2_000 }
          : i < 45
            ? { reached: true, disposition: 'refused' }
            : { reached: false, disposition: 'not_reached' };
      const base = {
        subscriberId,
        campaignId: launched.id,
        channel: 'call',
        purpose: 'marketing',
        startedAt,
      };
      const first = { ...base, ...outcome };
      return i < 10 ? [{ ...base, reached: false, disposition: 'not_reached' }, first] : [first];
    });
    await db.insert(contactAttempts).values(attempts);
    // Churn in the window: 6 treated (status history), 24 held out (current status only).
    await db
      .insert(subscriberStatusHistory)
      .values(
        treated
          .slice(100, 106)
          .map((subscriberId) => ({ subscriberId, validFrom: launchDay, status: 'churned' })),
      );
    for (const id of held.slice(0, 24)) {
      await db
        .update(subscribers)
        .set({ status: 'churned', statusSince: launchDay })
        .where(eq(subscribers.id, id));
    }

    const response = await results(launched.id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('interim');
    expect(body.note.code).toBe('window_open');
    expect(body.holdoutContacted).toBe(0);
    expect(body.contactRate).toMatchObject({ events: 60, trials: 119 });
    expect(body.reachRate).toMatchObject({ events: 45, trials: 119 });
    expect(body.acceptanceRate).toMatchObject({ events: 15, trials: 45 });
    expect(body.acceptanceRate.interval.low).toBeLessThan(1 / 3);
    expect(body.acceptanceRate.interval.high).toBeGreaterThan(1 / 3);
    expect(body.churn.treatment).toMatchObject({ events: 6, trials: 119 });
    expect(body.churn.holdout).toMatchObject({ events: 24, trials: 121 });

    const expected = rateDifference({ events: 24, trials: 121 }, { events: 6, trials: 119 });
    expect(body.saveRateUplift.difference).toBeCloseTo(expected.difference, 12);
    expect(body.saveRateUplift.interval.low).toBeCloseTo(expected.interval.low, 12);
    expect(body.saveRateUplift.interval.low).toBeGreaterThan(0);
    // 15 × 2,000 fen over (uplift × 119) saves.
    expect(body.costPerSave.totalOfferCostFen).toBe(30_000);
    expect(body.costPerSave.estimateFen).toBeCloseTo(30_000 / (expected.difference * 119), 6);
    expect(body.costPerSave.interval.high).toBeCloseTo(30_000 / (expected.interval.low * 119), 6);

    expect(body.strata).toHaveLength(STRATA.length);
    expect(body.strata[0]).toMatchObject({ tier: 'high_value', riskBand: 'low' });
    let stratumMembers = 0;
    for (const s of body.strata) stratumMembers += s.treatment.members + s.holdout.members;
    expect(stratumMembers).toBe(SCORED);
    expect(body.dailyChurn[0]).toMatchObject({
      day: 0,
      date: launchDay,
      treatment: { churned: 6 },
      holdout: { churned: 24 },
    });

    // A later run: treated ARPU up by 500 fen give or take, held-out ARPU down by 200.
    const change = (id: number, arm: string) => (arm === 'treatment' ? 500 : -200) + (id % 5) * 40;
    const armOf = new Map(members.map((m) => [Number(m.subscriber_id), m.arm]));
    const laterRun = await insertScoringRun(
      getDb(),
      scored.map((s) => {
        const [tier = '', riskBand = ''] = s.stratum.split('|');
        return buildScore(s.id, { tier, riskBand, arpu3Fen: s.arpu + change(s.id, armOf.get(s.id) ?? '') });
      }),
      '2026-04-30',
    );
    const withArpu = (await results(launched.id)).json();
    const welch = welchInterval(
      summarise(treated.map((id) => change(id, 'treatment'))),
      summarise(held.map((id) => change(id, 'holdout'))),
    );
    expect(withArpu.incrementalArpu.laterRunId).toBe(laterRun);
    expect(withArpu.incrementalArpu.difference).toBeCloseTo(welch?.difference ?? Number.NaN, 6);
    expect(withArpu.incrementalArpu.interval.low).toBeCloseTo(welch?.interval.low ?? Number.NaN, 6);
    expect(withArpu.incrementalArpu.interval.high).toBeCloseTo(welch?.interval.high ?? Number.NaN, 6);
  });

  it('is final once the outcome window has passed, counting only churn inside it', async () => {
    const created = (
      await create({ ...baseBody, name: 'window passed', outcomeWindowDays: 30 })
    ).json<Campaign>();
    expect((await launch(created.id)).statusCode).toBe(200);
    // Move the launch 40 days back; churn 10 days after it counts, churn today does not.
    const { engine, db } = getDb();
    await queryRows(
      engine,
      "update campaigns set launched_at = launched_at - interval '40 days' where id = $1",
      [created.id],
    );
    const [row] = await queryRows<{ launched_at: Date | string }>(
      engine,
      'select launched_at from campaigns where id = $1',
      [created.id],
    );
    const launchDay = todayIn(t.config.timeZone, new Date(row?.launched_at ?? ''));
    const members = await membersOf(created.id);
    const held = members.filter((m) => m.arm === 'holdout').map((m) => Number(m.subscriber_id));
    const inWindow = held.slice(-3);
    const tenDaysIn = new Date(Date.parse(`${launchDay}T00:00:00Z`) + 10 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await db
      .insert(subscriberStatusHistory)
      .values(inWindow.map((subscriberId) => ({ subscriberId, validFrom: tenDaysIn, status: 'churned' })));

    const body = (await results(created.id)).json();
    expect(body.status).toBe('final');
    expect(body.windowEndsOn).toBe(
      new Date(Date.parse(`${launchDay}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
    );
    expect(body.dailyChurn).toHaveLength(31);
    // The 24 subscribers who churned today (the first campaign's holdout) are outside this window.
    expect(body.churn.holdout.events).toBe(inWindow.length);
    expect(body.dailyChurn[10].holdout.churned).toBe(inWindow.length);
  });

  it('says "not enough data" for a campaign too small to prove anything', async () => {
    const small = (
      await create({
        ...baseBody,
        name: 'ordinary only',
        segment: { rules: [{ field: 'tier', op: 'eq', value: 'ordinary' }] },
      })
    ).json<Campaign>();
    expect((await results(small.id)).statusCode).toBe(409);
    // Two launches at once: one draws, the other finds it launched already.
    const [first, second] = await Promise.all([launch(small.id), launch(small.id)]);
    expect([first?.statusCode, second?.statusCode].sort()).toEqual([200, 409]);
    const winner = first?.statusCode === 200 ? first : second;
    expect(winner?.json().drawn).toEqual({ total: 8, treatment: 4, holdout: 4 });
    expect(await membersOf(small.id)).toHaveLength(8);
    const body = (await results(small.id)).json();
    expect(body.status).toBe('not_enough_data');
    expect(body.note).toEqual({
      code: 'arm_below_minimum',
      params: { minimumPerArm: 100, treatment: 4, holdout: 4 },
    });
    expect(body.saveRateUplift).toBeNull();
    expect(body.costPerSave.estimateFen).toBeNull();

    const nobody = (
      await create({
        ...baseBody,
        name: 'nobody',
        segment: { rules: [{ field: 'city', op: 'eq', value: '拉萨' }] },
      })
    ).json<Campaign>();
    expect((await launch(nobody.id)).statusCode).toBe(409);
    expect(
      (await t.inject({ method: 'GET', url: `/api/campaigns/${nobody.id}` })).json<Campaign>().status,
    ).toBe('draft');
  });

  it("limits a lead to their own team's campaigns and books", async () => {
    const created = await create({ ...baseBody, name: '团队A关怀', kind: 'care', teamId: teamB }, lead);
    expect(created.statusCode).toBe(201);
    const own = created.json<Campaign>();
    expect(own.teamId).toBe(teamA);

    // Team A's books hold 30; some of them churned in the results test above.
    const [open] = await queryRows<{ n: number }>(
      getDb().engine,
      `select count(*)::int as n from subscriber_books b join subscribers s on s.id = b.subscriber_id
        where b.team_id = $1 and s.status <> 'churned'`,
      [teamA],
    );
    const stillHere = Number(open?.n);
    expect(stillHere).toBeGreaterThan(0);
    const count = await t.injectAs(lead, {
      method: 'POST',
      url: '/api/campaigns/segment-count',
      payload: { segment: { rules: [] }, teamId: teamB },
    });
    expect(count.json<{ teamId: number; total: number }>()).toMatchObject({
      teamId: teamA,
      total: stillHere,
    });

    const drawn = (await launch(own.id, lead)).json<{ drawn: { total: number } }>().drawn;
    expect(drawn.total).toBe(stillHere);
    const books = await queryRows<{ n: number }>(
      getDb().engine,
      `select count(*)::int as n from campaign_members m join subscriber_books b on b.subscriber_id = m.subscriber_id
        where m.campaign_id = $1 and b.team_id = $2`,
      [own.id, teamA],
    );
    expect(Number(books[0]?.n)).toBe(stillHere);

    // Another team's or a company-wide campaign is not there for the lead.
    expect((await t.injectAs(lead, { method: 'GET', url: `/api/campaigns/${launched.id}` })).statusCode).toBe(
      404,
    );
    expect((await results(launched.id, lead)).statusCode).toBe(404);
    expect(
      (await t.injectAs(lead, { method: 'POST', url: `/api/campaigns/${launched.id}/end` })).statusCode,
    ).toBe(404);
    const list = (await t.injectAs(lead, { method: 'GET', url: '/api/campaigns' })).json<{
      items: Campaign[];
    }>();
    expect(list.items.map((c) => c.id)).toEqual([own.id]);
    const all = (await t.inject({ method: 'GET', url: '/api/campaigns?status=active' })).json<{
      items: Campaign[];
    }>();
    expect(all.items.map((c) => c.id)).toEqual(expect.arrayContaining([own.id, launched.id]));
    expect(all.items.every((c) => c.status === 'active')).toBe(true);
  });
});
