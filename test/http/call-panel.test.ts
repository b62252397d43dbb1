import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '#src/db/raw';
import { campaignMembers, campaigns } from '#src/db/schema/campaigns';
import { contactAttempts } from '#src/db/schema/contacts';
import { offers } from '#src/db/schema/offers';
import { serviceContacts } from '#src/db/schema/service';
import { callTasks } from '#src/db/schema/work';
import { DEFAULT_RETRY_SETTINGS, daypartOf } from '#src/features/queue/retry-rules';
import { seedScripts } from '#src/features/scripts/scripts-seed';
import { seedSmsTemplates } from '#src/features/sms/sms-templates-seed';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

const ZONE = 'Asia/Shanghai';
const DAY = 86_400_000;

/** An instant at a Shanghai wall-clock time on a day (YYYY-MM-DD). */
function shanghai(day: string, clock: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = clock.split(':').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0), ZONE));
}

/** The latest instant before now when Shanghai's clock showed `clock` (so sessions stay valid). */
function lastTimeAt(clock: string): Date {
  const today = shanghai(todayIn(ZONE), clock);
  return today.getTime() < Date.now() ? today : new Date(today.getTime() - DAY);
}

const TOMORROW = addDays(todayIn(ZONE), 1);
const SUBSCRIBER_KEYS = [
  'main',
  'dnc',
  'holdout',
  'notReached',
  'wrong',
  'callback',
  'refused',
  'accepted',
  'complaint',
  'doNotCall',
  'twice',
  'notes',
  'overflow',
] as const;
type SubscriberKey = (typeof SUBSCRIBER_KEYS)[number];

describeEachEngine('call panel over HTTP', (getDb) => {
  let t: TestApp;
  let a1: TestUser;
  let a2: TestUser;
  let teamA = 0;
  let campaignId = 0;
  const subs = {} as Record<SubscriberKey, number>;
  const msisdnOf = (key: SubscriberKey) => `1381111${String(SUBSCRIBER_KEYS.indexOf(key)).padStart(4, '0')}`;

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    a1 = await t.user('panel-a1', 'agent', 'panel-a');
    a2 = await t.user('panel-a2', 'agent', 'panel-a');
    const [team] = await queryRows<{ id: number }>(
      handle.engine,
      `select id from teams where name = 'panel-a'`,
    );
    teamA = team?.id ?? 0;
    await seedScripts(db);
    await seedSmsTemplates(db);

    const plan = await insertPlan(db, { code: 'PANEL128', name: '全球通128元', monthlyFeeFen: 12_800 });
    for (const key of SUBSCRIBER_KEYS) {
      const row = await insertSubscriber(db, plan.id, {
        msisdn: msisdnOf(key),
        name: key === 'main' ? '王芳' : `李${key}`,
        gender: 'F',
        marketingConsent: true,
        doNotCall: key === 'dnc',
      });
      subs[key] = row.id;
      await assignToBook(db, row.id, key === 'overflow' ? a2.id : a1.id);
    }
    await db.insert(offers).values([
      {
        code: 'PANEL_BILL_20',
        rule: 'cost',
        kind: 'bill_discount',
        nameZh: '话费八折',
        nameEn: '20% off',
        costFen: 2_000,
        validFrom: '2020-01-01',
      },
      {
        code: 'PANEL_FAMILY',
        rule: 'product',
        kind: 'bundle',
        nameZh: '家庭套餐',
        nameEn: 'Family plan',
        costFen: 5_000,
        validFrom: '2020-01-01',
        eligibility: { sceneTags: ['family'] },
      },
      {
        code: 'PANEL_GOLD_ONLY',
        rule: 'relationship',
        kind: 'care',
        nameZh: '高端俱乐部',
        nameEn: 'Club',
        costFen: 800,
        validFrom: '2020-01-01',
        eligibility: { tiers: ['high_value'] },
      },
      {
        code: 'PANEL_OTHER',
        rule: 'cost',
        kind: 'bill_discount',
        nameZh: '其他',
        nameEn: 'Other',
        costFen: 100,
        validFrom: '2020-01-01',
      },
    ]);
    const [campaign] = await db
      .insert(campaigns)
      .values({
        name: '竞争挽留',
        kind: 'retention',
        status: 'active',
        startsOn: '2026-01-01',
        offerCodes: ['PANEL_BILL_20', 'PANEL_FAMILY', 'PANEL_GOLD_ONLY'],
      })
      .returning({ id: campaigns.id });
    campaignId = campaign?.id ?? 0;
    await db.insert(campaignMembers).values({
      subscriberId: subs.holdout,
      campaignId,
      arm: 'holdout',
      stratum: 'churn_warning|high',
      baselineProbability: 0.6,
    });
    await insertScoringRun(handle, [
      buildScore(subs.main, {
        tier: 'churn_warning',
        riskBand: 'high',
        probability: 0.72,
        segments: ['price'],
        signals: [{ code: 'COMPETITOR_HOTLINE', params: { calls: 2, lastDate: '2026-03-20' } }],
        arpu3Fen: 15_800,
      }),
      buildScore(subs.accepted, { tier: 'churn_warning', riskBand: 'high', probability: 0.5 }),
    ]);
    await db.insert(serviceContacts).values({
      subscriberId: subs.main,
      occurredAt: new Date(Date.now() - 3 * DAY),
      channel: 'phone',
      direction: 'inbound',
      type: 'consultation',
      summary: '客户来电咨询，回拨13911112222',
    });
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  async function newTask(key: SubscriberKey, values: Partial<typeof callTasks.$inferInsert> = {}) {
    const [row] = await getDb()
      .db.insert(callTasks)
      .values({
        subscriberId: subs[key],
        kind: 'retention_call',
        action: 'retention_call',
        ownerUserId: a1.id,
        teamId: teamA,
        campaignId,
        dueAt: new Date(Date.now() - 60_000),
        reasons: [{ code: 'COMPETITOR_HOTLINE', params: { calls: 2 } }],
        ...values,
      })
      .returning({ id: callTasks.id });
    return row?.id ?? 0;
  }
  async function claimed(key: SubscriberKey, user = a1, values: Partial<typeof callTasks.$inferInsert> = {}) {
    const id = await newTask(key, values);
    const response = await t.injectAs(user, { method: 'POST', url: `/api/tasks/${id}/claim` });
    expect(response.statusCode, response.body).toBe(200);
    return id;
  }
  const outcome = (id: number, payload: object, user = a1) =>
    t.injectAs(user, { method: 'POST', url: `/api/tasks/${id}/outcome`, payload });
  const briefing = (id: number, user = a1) =>
    t.injectAs(user, { method: 'GET', url: `/api/tasks/${id}/briefing?lang=zh-CN` });
  const dial = (id: number, user = a1) => t.injectAs(user, { method: 'POST', url: `/api/tasks/${id}/dial` });
  const taskRow = async (id: number) => {
    const [row] = await getDb().db.select().from(callTasks).where(eq(callTasks.id, id));
    return row;
  };
  const attemptsOf = (taskId: number) =>
    getDb().db.select().from(contactAttempts).where(eq(contactAttempts.taskId, taskId));
  const auditActions = async (subscriberId: number) =>
    (
      await queryRows<{ action: string; target: string | null }>(
        getDb().engine,
        'select action, target from audit_log where subscriber_id = $1 order by id',
        [subscriberId],
      )
    ).map((r) => `${r.action}:${r.target ?? ''}`);
  const issuePaths = (response: LightMyRequestResponse) =>
    (response.json().error.issues as { path: string }[]).map((i) => i.path);

  describe('briefing', () => {
    it('gives the holder who, why now, contacts, script, eligible offers and the policy verdict, masked', async () => {
      const id = await claimed('main');
      const response = await briefing(id);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.task).toMatchObject({
        id,
        kind: 'retention_call',
        campaign: { id: campaignId, kind: 'retention' },
      });
      expect(body.who).toMatchObject({
        name: '王芳',
        msisdnMasked: '138****0000',
        tier: 'churn_warning',
        vipLevel: 'gold',
        plan: { code: 'PANEL128', monthlyFeeFen: 12_800 },
      });
      expect(body.whyNow.reasons).toEqual([{ code: 'COMPETITOR_HOTLINE', params: { calls: 2 } }]);
      expect(body.whyNow.riskBand).toBe('high');
      expect(body.whyNow.probability).toBeCloseTo(0.72, 5);
      expect(body.whyNow.signals.map((s: { code: string }) => s.code)).toEqual(['COMPETITOR_HOTLINE']);
      // Only the campaign's offers the subscriber is eligible for: not the family or high-value ones.
      expect(body.offers.items.map((o: { code: string }) => o.code)).toEqual(['PANEL_BILL_20']);
      expect(body.offers.items[0]).toMatchObject({ costFen: 2_000, name: '话费八折' });
      expect(body.offers.budgetFen).toBeGreaterThan(0);
      expect(body.offers.items[0].withinBudget).toBe(body.offers.budgetFen >= 2_000);
      // Competitor traces pick the win-back opening, addressed to the subscriber.
      expect(body.script.code).toBe('retention_competitor_winback');
      expect(JSON.stringify(body.script.steps)).toContain('王女士');
      expect(body.planAdvice.subscriberId).toBe(subs.main);
      expect(body.recentContacts[0]).toMatchObject({
        source: 'service',
        summary: '客户来电咨询，回拨139****2222',
      });
      expect(body.contactPolicy.purpose).toBe('marketing');
      for (const refusal of body.contactPolicy.refusals) expect(refusal).toBe('outside_call_window');
      expect(body.can).toEqual({ editTags: true });
      expect(response.body).not.toContain(msisdnOf('main'));
      expect(await auditActions(subs.main)).toContain('subscriber.view:briefing');
    });

    it('answers anyone but the holder exactly like a missing task', async () => {
      const id = await claimed('main');
      const missing = await briefing(987_654_321);
      const other = await briefing(id, a2);
      expect(missing.statusCode).toBe(404);
      expect(other.statusCode).toBe(404);
      expect(other.json().error.message).toBe(missing.json().error.message);
      // An open task nobody holds is not briefed either.
      const open = await newTask('main');
      expect((await briefing(open)).statusCode).toBe(404);
    });
  });

  describe('dial', () => {
    it('reveals the number inside the calling window, audited, and records the call start', async () => {
      // PGlite's clock follows the faked one: claim and dial both happen at the faked noon.
      vi.useFakeTimers({ toFake: ['Date'], now: lastTimeAt('12:00') });
      const id = await claimed('main');
      const response = await dial(id);
      vi.useRealTimers();
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        mode: 'manual',
        numberToDial: msisdnOf('main'),
        purpose: 'marketing',
      });
      expect(response.headers['cache-control']).toBe('no-store');
      expect((await taskRow(id))?.lastAttemptAt).not.toBeNull();
      expect(await auditActions(subs.main)).toContain(`call.dial:task:${id}`);
      expect((await briefing(id)).json().task.dialledAt).not.toBeNull();
    });

    it('refuses with the policy codes outside the window, for do-not-call and for the holdout', async () => {
      const id = await claimed('main');
      const dncTask = await claimed('dnc');
      const holdoutTask = await claimed('holdout');
      vi.useFakeTimers({ toFake: ['Date'], now: lastTimeAt('22:30') });
      const late = await dial(id);
      vi.setSystemTime(lastTimeAt('12:00'));
      const dnc = await dial(dncTask);
      const holdout = await dial(holdoutTask);
      vi.useRealTimers();
      expect(late.statusCode, late.body).toBe(422);
      expect(late.json().error).toMatchObject({
        code: 'CONTACT_REFUSED',
        details: { refusals: ['outside_call_window'] },
      });
      expect(late.body).not.toContain(msisdnOf('main'));
      expect(dnc.statusCode).toBe(422);
      expect(dnc.json().error.details.refusals).toEqual(['do_not_call']);
      expect(holdout.statusCode).toBe(422);
      expect(holdout.json().error.details.refusals).toEqual(['campaign_holdout']);
      const audited = await auditActions(subs.dnc);
      expect(audited).toContain(`call.dial_refused:task:${dncTask}`);
      expect(audited.filter((a) => a.startsWith('call.dial:'))).toEqual([]);
      expect((await taskRow(dncTask))?.lastAttemptAt).toBeNull();
    });

    it("answers 404 for someone else's task", async () => {
      const id = await claimed('main');
      expect((await dial(id, a2)).statusCode).toBe(404);
    });
  });

  describe('outcomes', () => {
    it('retries a not-reached call in another part of the day, and stops after K attempts', async () => {
      const id = await claimed('notReached');
      for (let attempt = 1; attempt <= DEFAULT_RETRY_SETTINGS.maxAttempts; attempt++) {
        if (attempt > 1) {
          const again = await t.injectAs(a1, { method: 'POST', url: `/api/tasks/${id}/claim` });
          expect(again.statusCode, again.body).toBe(200);
        }
        const response = await outcome(id, { disposition: 'not_reached', handleSeconds: 25 });
        expect(response.statusCode, response.body).toBe(200);
        const task = await taskRow(id);
        const attempts = await attemptsOf(id);
        const last = attempts.find((a) => a.startedAt.getTime() === task?.lastAttemptAt?.getTime());
        expect(last).toMatchObject({
          reached: false,
          disposition: 'not_reached',
          purpose: 'marketing',
          handleSeconds: 25,
        });
        expect(last?.details).toMatchObject({ action: 'retention_call' });
        expect(task?.attempts).toBe(attempt);
        if (attempt < DEFAULT_RETRY_SETTINGS.maxAttempts) {
          expect(task).toMatchObject({ status: 'open', claimedByUserId: null });
          const due = task?.dueAt ?? new Date(0);
          const calledAt = last?.startedAt ?? new Date();
          expect(due.getTime()).toBeGreaterThanOrEqual(
            calledAt.getTime() + DEFAULT_RETRY_SETTINGS.delayHours * 3_600_000,
          );
          const part = daypartOf(due, DEFAULT_RETRY_SETTINGS, ZONE);
          expect(part).not.toBe(-1);
          expect(part).not.toBe(daypartOf(calledAt, DEFAULT_RETRY_SETTINGS, ZONE));
          expect(response.json().task).toMatchObject({
            status: 'open',
            attempts: attempt,
            dueAt: due.toISOString(),
          });
        } else {
          expect(task).toMatchObject({ status: 'done', closedReason: 'attempts_exhausted' });
        }
      }
      expect(await attemptsOf(id)).toHaveLength(DEFAULT_RETRY_SETTINGS.maxAttempts);
    });

    it('closes a wrong number as not reached', async () => {
      const id = await claimed('wrong');
      const response = await outcome(id, { disposition: 'wrong_number' });
      expect(response.statusCode, response.body).toBe(200);
      expect(await taskRow(id)).toMatchObject({ status: 'done', closedReason: 'wrong_number', attempts: 1 });
      expect(await attemptsOf(id)).toMatchObject([{ reached: false, disposition: 'wrong_number' }]);
      expect(response.json().surveyQueued).toBe(false);
    });

    it('validates the callback time and names the field', async () => {
      const id = await claimed('callback');
      const past = await outcome(id, {
        disposition: 'call_back',
        callbackAt: new Date(Date.now() - DAY).toISOString(),
      });
      expect(past.statusCode).toBe(400);
      expect(issuePaths(past)).toEqual(['body.callbackAt']);
      const late = await outcome(id, {
        disposition: 'call_back',
        callbackAt: shanghai(TOMORROW, '22:00').toISOString(),
      });
      expect(late.statusCode).toBe(400);
      expect(late.json().error.issues[0]).toMatchObject({
        path: 'body.callbackAt',
        message: expect.stringContaining('calling window'),
      });
      const missing = await outcome(id, { disposition: 'call_back' });
      expect(missing.statusCode).toBe(400);
      expect(issuePaths(missing)).toEqual(['body.callbackAt']);
      expect(await attemptsOf(id)).toHaveLength(0);
      expect((await taskRow(id))?.status).toBe('claimed');
    });

    it('keeps the agent on a callback: a new task they own, due at the promised time', async () => {
      const id = await claimed('callback');
      const at = shanghai(TOMORROW, '10:30');
      const response = await outcome(id, {
        disposition: 'call_back',
        callbackAt: at.toISOString(),
        handleSeconds: 90,
      });
      expect(response.statusCode, response.body).toBe(200);
      const { callbackTaskId, contactAttemptId } = response.json();
      expect(await taskRow(id)).toMatchObject({ status: 'done', closedReason: 'call_back' });
      expect(await attemptsOf(id)).toMatchObject([
        { reached: true, disposition: 'call_back', callbackAt: at },
      ]);
      const callback = await taskRow(callbackTaskId);
      expect(callback).toMatchObject({
        subscriberId: subs.callback,
        kind: 'callback',
        status: 'open',
        ownerUserId: a1.id,
        campaignId,
        action: 'retention_call',
        dueAt: at,
      });
      expect(callback?.reasons).toEqual([
        { code: 'callback_requested', params: { at: at.toISOString(), fromTaskId: id, contactAttemptId } },
      ]);
      // Another agent of the team may not take it; the promising agent may.
      expect(
        (await t.injectAs(a2, { method: 'POST', url: `/api/tasks/${callbackTaskId}/claim` })).statusCode,
      ).toBe(404);
      expect(
        (await t.injectAs(a1, { method: 'POST', url: `/api/tasks/${callbackTaskId}/claim` })).statusCode,
      ).toBe(200);
      // The conversation that asked for the callback does not count against it (marketing cap).
      const verdict = (await briefing(callbackTaskId)).json().contactPolicy;
      expect(verdict.refusals).not.toContain('marketing_cap');
      expect(response.json().surveyQueued).toBe(false);
    });

    it('records a refusal with its reason as refused marketing, and queues the survey', async () => {
      const id = await claimed('refused');
      const bad = await outcome(id, { disposition: 'refused', reason: 'expensive' });
      expect(bad.statusCode).toBe(400);
      expect(issuePaths(bad)).toEqual(['body.reason']);
      const response = await outcome(id, {
        disposition: 'refused',
        reason: 'price',
        note: '嫌贵，让打13900001111',
      });
      expect(response.statusCode, response.body).toBe(200);
      const [attempt] = await attemptsOf(id);
      expect(attempt).toMatchObject({
        reached: true,
        refusalReason: 'price',
        refusedMarketing: true,
        purpose: 'marketing',
      });
      expect(attempt?.details).toMatchObject({ refusalNote: '嫌贵，让打139****1111' });
      expect(response.json().surveyQueued).toBe(true);
      const surveys = await queryRows<{ template_code: string }>(
        getDb().engine,
        'select template_code from sms_outbox where subscriber_id = $1 and survey_for_contact_id = $2',
        [subs.refused, attempt?.id],
      );
      expect(surveys).toEqual([{ template_code: 'satisfaction_survey' }]);
    });

    it("accepts only one of the call's offers the subscriber is eligible for, with its cost", async () => {
      const id = await claimed('accepted');
      for (const offerCode of ['PANEL_OTHER', 'PANEL_GOLD_ONLY', 'NO_SUCH_OFFER']) {
        const refused = await outcome(id, { disposition: 'accepted', offerCode });
        expect(refused.statusCode, offerCode).toBe(400);
        expect(issuePaths(refused)).toEqual(['body.offerCode']);
      }
      const response = await outcome(id, {
        disposition: 'accepted',
        offerCode: 'PANEL_BILL_20',
        handleSeconds: 240,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(await attemptsOf(id)).toMatchObject([
        {
          reached: true,
          disposition: 'accepted',
          offerCode: 'PANEL_BILL_20',
          offerCostFen: 2_000,
          handleSeconds: 240,
        },
      ]);
      expect(await taskRow(id)).toMatchObject({ status: 'done', closedReason: 'accepted' });
    });

    it('raises a complaint as an outbound phone complaint contact, masked', async () => {
      const id = await claimed('complaint');
      const missing = await outcome(id, { disposition: 'complaint' });
      expect(issuePaths(missing)).toEqual(['body.summary']);
      const response = await outcome(id, {
        disposition: 'complaint',
        summary: '网络信号差，联系13922223333',
      });
      expect(response.statusCode, response.body).toBe(200);
      const rows = await getDb()
        .db.select()
        .from(serviceContacts)
        .where(eq(serviceContacts.subscriberId, subs.complaint));
      expect(rows).toMatchObject([
        {
          type: 'complaint',
          channel: 'phone',
          direction: 'outbound',
          agentUserId: a1.id,
          summary: '网络信号差，联系139****3333',
        },
      ]);
    });

    it('honours do-not-call: flags the subscriber and cancels every waiting task', async () => {
      const id = await claimed('doNotCall');
      const othersOpen = await newTask('doNotCall', { ownerUserId: a2.id });
      const teamOpen = await newTask('doNotCall', { ownerUserId: null });
      const heldByA2 = await claimed('doNotCall', a2, { ownerUserId: a2.id });
      const done = await newTask('doNotCall', { status: 'done', closedReason: 'accepted' });
      const response = await outcome(id, { disposition: 'do_not_call' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ cancelledTasks: 3, surveyQueued: false });
      for (const other of [othersOpen, teamOpen, heldByA2]) {
        expect(await taskRow(other)).toMatchObject({ status: 'cancelled', closedReason: 'do_not_call' });
      }
      expect(await taskRow(done)).toMatchObject({ status: 'done', closedReason: 'accepted' });
      expect(await taskRow(id)).toMatchObject({ status: 'done', closedReason: 'do_not_call' });
      const [flag] = await queryRows<{ do_not_call: boolean }>(
        getDb().engine,
        'select do_not_call from subscribers where id = $1',
        [subs.doNotCall],
      );
      expect(flag?.do_not_call).toBe(true);
      // The agent who held a cancelled task cannot record on it any more.
      expect(
        (await outcome(heldByA2, { disposition: 'accepted', offerCode: 'PANEL_BILL_20' }, a2)).statusCode,
      ).toBe(409);
    });

    it('refuses a second outcome with 409, and answers 404 to anyone but the holder', async () => {
      const id = await claimed('twice');
      expect((await outcome(id, { disposition: 'wrong_number' }, a2)).statusCode).toBe(404);
      expect((await outcome(id, { disposition: 'wrong_number' })).statusCode).toBe(200);
      const again = await outcome(id, { disposition: 'wrong_number' });
      expect(again.statusCode).toBe(409);
      expect(await attemptsOf(id)).toHaveLength(1);
      // A not-reached call goes back to the pool without a holder: recording it twice is still a conflict.
      const retry = await claimed('twice');
      expect((await outcome(retry, { disposition: 'not_reached' })).statusCode).toBe(200);
      expect((await outcome(retry, { disposition: 'not_reached' })).statusCode).toBe(409);
    });

    it('names an unknown disposition', async () => {
      const id = await claimed('twice');
      const response = await outcome(id, { disposition: 'maybe' });
      expect(response.statusCode).toBe(400);
      expect(issuePaths(response)).toEqual(['body.disposition']);
    });

    it('warns about forbidden phrases in notes and stores them masked; saves tags of an own subscriber', async () => {
      const id = await claimed('notes');
      const tags = {
        personality: 'owl',
        mood: 'rational',
        purchasePsychology: 'guided',
        communicationStyle: 'visual',
        consumptionHabit: 'practical',
        complaintPsychology: null,
      };
      const response = await outcome(id, {
        disposition: 'wrong_number',
        notes: '你必须先核实身份，新号码13912345678',
        tags,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().warnings).toEqual([
        expect.objectContaining({ field: 'notes', match: expect.stringContaining('你必须') }),
      ]);
      expect(await attemptsOf(id)).toMatchObject([{ notes: '你必须先核实身份，新号码139****5678' }]);
      const [saved] = await queryRows<{ personality: string; updated_by_user_id: number }>(
        getDb().engine,
        'select personality, updated_by_user_id from subscriber_agent_tags where subscriber_id = $1',
        [subs.notes],
      );
      expect(saved).toEqual({ personality: 'owl', updated_by_user_id: a1.id });
    });

    it("takes team overflow for another agent's subscriber, but not their tags", async () => {
      const id = await claimed('overflow', a1, { ownerUserId: null });
      const view = await briefing(id);
      expect(view.statusCode, view.body).toBe(200);
      expect(view.json().can).toEqual({ editTags: false });
      const withTags = await outcome(id, {
        disposition: 'wrong_number',
        tags: {
          personality: 'eagle',
          mood: null,
          purchasePsychology: null,
          communicationStyle: null,
          consumptionHabit: null,
          complaintPsychology: null,
        },
      });
      expect(withTags.statusCode).toBe(403);
      expect(await attemptsOf(id)).toHaveLength(0);
      expect((await taskRow(id))?.status).toBe('claimed');
      expect((await outcome(id, { disposition: 'wrong_number' })).statusCode).toBe(200);
    });
  });
});

describeEachEngine('agent KPIs over HTTP', (getDb) => {
  let t: TestApp;
  const agents = { k1: 0, k2: 0, k3: 0 };
  let lead: TestUser;
  let analyst: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    agent = await t.user('kpi-k1', 'agent', 'kpi-a');
    agents.k1 = agent.id;
    agents.k2 = (await t.user('kpi-k2', 'agent', 'kpi-a')).id;
    agents.k3 = (await t.user('kpi-k3', 'agent', 'kpi-b')).id;
    lead = await t.user('kpi-lead', 'lead', 'kpi-a');
    analyst = await t.user('kpi-analyst', 'analyst');
    const plan = await insertPlan(db);
    const subscriber = await insertSubscriber(db, plan.id);
    const day = '2026-03-10';
    const call = (
      agentUserId: number,
      disposition: string,
      reached: boolean,
      handleSeconds: number | null,
      at = shanghai(day, '10:00'),
      channel = 'call',
    ) => ({
      subscriberId: subscriber.id,
      agentUserId,
      channel,
      purpose: 'marketing',
      startedAt: at,
      reached,
      disposition,
      handleSeconds,
    });
    await db.insert(contactAttempts).values([
      call(agents.k1, 'accepted', true, 300),
      call(agents.k1, 'refused', true, 200),
      call(agents.k1, 'not_reached', false, 20),
      call(agents.k1, 'call_back', true, null),
      // Just after midnight in Shanghai: the next business day, though still the 10th in UTC.
      call(agents.k1, 'accepted', true, 100, shanghai('2026-03-11', '00:30')),
      call(agents.k1, 'accepted', true, 100, shanghai('2026-03-09', '23:59')),
      call(agents.k2, 'complaint', true, 600),
      call(agents.k2, 'wrong_number', false, 10),
      call(agents.k2, 'sms_sent', true, null, shanghai(day, '11:00'), 'sms'),
      call(agents.k3, 'accepted', true, 120),
    ]);
  });
  afterAll(async () => t?.close());

  const kpis = async (user: TestUser, query: string) => {
    const response = await t.injectAs(user, { method: 'GET', url: `/api/kpis/agents?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: { agentUserId: number }[]; totals: Record<string, number | null> };
  };

  it('counts calls, reach, saves, handle time, callbacks and complaints per agent over business days', async () => {
    const body = await kpis(analyst, 'from=2026-03-10&to=2026-03-10');
    const byAgent = new Map(body.items.map((item) => [item.agentUserId, item]));
    expect(byAgent.get(agents.k1)).toEqual({
      agentUserId: agents.k1,
      displayName: 'kpi-k1',
      teamName: 'kpi-a',
      calls: 4,
      reached: 3,
      reachRate: 0.75,
      accepted: 1,
      acceptanceRate: 1 / 3,
      averageHandleSeconds: 520 / 3,
      callbacks: 1,
      complaints: 0,
    });
    expect(byAgent.get(agents.k2)).toMatchObject({
      calls: 2,
      reached: 1,
      reachRate: 0.5,
      accepted: 0,
      acceptanceRate: 0,
      averageHandleSeconds: 305,
      complaints: 1,
    });
    expect(byAgent.get(agents.k3)).toMatchObject({ calls: 1, accepted: 1 });
    const next = await kpis(analyst, 'from=2026-03-11&to=2026-03-11');
    expect(next.items.find((i) => i.agentUserId === agents.k1)).toMatchObject({ calls: 1, accepted: 1 });
    const both = await kpis(analyst, 'from=2026-03-09&to=2026-03-11');
    expect(both.items.find((i) => i.agentUserId === agents.k1)).toMatchObject({ calls: 6, accepted: 3 });
  });

  it("shows a lead their team's agents only, with team totals", async () => {
    const body = await kpis(lead, 'from=2026-03-10&to=2026-03-10');
    expect(body.items.map((i) => i.agentUserId).sort()).toEqual([agents.k1, agents.k2].sort());
    expect(body.totals).toMatchObject({ calls: 6, reached: 4, accepted: 1, callbacks: 1, complaints: 1 });
  });

  it('refuses agents and names a bad range', async () => {
    const denied = await t.injectAs(agent, { method: 'GET', url: '/api/kpis/agents' });
    expect(denied.statusCode).toBe(403);
    const backwards = await t.injectAs(lead, {
      method: 'GET',
      url: '/api/kpis/agents?from=2026-03-10&to=2026-03-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['querystring.to']);
  });
});
