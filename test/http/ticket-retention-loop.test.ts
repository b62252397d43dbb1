import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { campaigns } from '#src/db/schema/campaigns';
import { smsOutbox } from '#src/db/schema/contacts';
import { offers } from '#src/db/schema/offers';
import { satisfactionRevisits } from '#src/db/schema/tickets';
import { callTasks } from '#src/db/schema/work';
import { taskReasonsOf } from '#src/features/queue/task-reasons';
import { seedScripts } from '#src/features/scripts/scripts-seed';
import { seedSmsTemplates } from '#src/features/sms/sms-templates-seed';
import { sweepSlaClocks } from '#src/features/tickets/sla-sweep';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

const ZONE = 'Asia/Shanghai';
const DAY = 86_400_000;

type Ticket = { id: number; ticketNo: string; version: number; status: string };
type Reason = { code: string; params: Record<string, string | number> };

/**
 * The ticket → retention loop (issue 6 §7) over HTTP: a VIP's ticket raises OPEN_COMPLAINT on the
 * current score and gives their phone manager a care task; sales offers wait while any ticket is
 * open (briefing, outcome, next-best-action, the daily plan); closing withdraws the care task and
 * schedules the satisfaction revisit (a call for VIPs, an SMS for others).
 */
describeEachEngine('ticket → retention loop over HTTP', (getDb) => {
  let t: TestApp;
  let a1: TestUser;
  let teamA = 0;
  let campaignId = 0;
  const s = { vip: 0, plain: 0, unowned: 0, control: 0 };
  const tickets: Record<string, Ticket> = {};

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    a1 = await t.user('loop-a1', 'agent', 'loop-a');
    const [team] = await queryRows<{ id: number }>(
      handle.engine,
      `select id from teams where name = 'loop-a'`,
    );
    teamA = Number(team?.id);
    await seedScripts(db);
    await seedSmsTemplates(db);
    const plan = await insertPlan(db, { code: 'LOOP128', name: '全球通128元', monthlyFeeFen: 12_800 });
    const add = async (key: keyof typeof s, vipLevel: string, owned: boolean) => {
      const row = await insertSubscriber(db, plan.id, { vipLevel, marketingConsent: true, name: `王${key}` });
      s[key] = row.id;
      if (owned) await assignToBook(db, row.id, a1.id);
    };
    await add('vip', 'gold', true);
    await add('plain', 'none', true);
    await add('unowned', 'platinum', false);
    await add('control', 'none', true);
    const risky = (id: number) =>
      buildScore(id, { tier: 'churn_warning', riskBand: 'high', probability: 0.8, arpu3Fen: 30_000 });
    await insertScoringRun(handle, [risky(s.vip), risky(s.plain), risky(s.unowned), risky(s.control)]);
    await db.insert(offers).values({
      code: 'LOOP_BILL_20',
      rule: 'cost',
      kind: 'bill_discount',
      nameZh: '话费八折',
      nameEn: '20% off',
      costFen: 2_000,
      validFrom: '2020-01-01',
    });
    const [campaign] = await db
      .insert(campaigns)
      .values({
        name: '投诉期挽留',
        kind: 'retention',
        status: 'active',
        startsOn: addDays(todayIn(ZONE), -10),
        offerCodes: ['LOOP_BILL_20'],
      })
      .returning({ id: campaigns.id });
    campaignId = campaign?.id ?? 0;
    for (const key of ['plain', 'control'] as const) {
      await queryRows(
        handle.engine,
        `insert into campaign_members (subscriber_id, campaign_id, arm, stratum, baseline_probability)
         values ($1, $2, 'treatment', 'churn_warning|high', 0.8)`,
        [s[key], campaignId],
      );
    }
  });
  afterAll(async () => t?.close());

  const openTicket = async (subscriberId: number, user: TestUser | null = a1) => {
    const response = await t.injectAs(user ?? t.admin, {
      method: 'POST',
      url: `/api/subscribers/${subscriberId}/tickets`,
      payload: { category: 'network_signal', title: '家里信号差，投诉多次未解决' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Ticket>();
  };
  const closeTicket = async (ticket: Ticket) => {
    const current = await t.injectAs(t.admin, { method: 'GET', url: `/api/tickets/${ticket.id}` });
    const response = await t.injectAs(t.admin, {
      method: 'POST',
      url: `/api/tickets/${ticket.id}/close`,
      payload: { resolution: '已优化基站覆盖', version: current.json<Ticket>().version },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Ticket>();
  };
  const tasksOf = (subscriberId: number) =>
    getDb().db.select().from(callTasks).where(eq(callTasks.subscriberId, subscriberId)).orderBy(callTasks.id);
  const scoreRow = async (subscriberId: number) => {
    const [row] = await queryRows<{
      signal_codes: string[];
      signals: { code: string; params: Record<string, unknown> }[];
    }>(
      getDb().engine,
      `select signal_codes, signals from subscriber_scores where subscriber_id = $1
        and run_id = (select max(id) from scoring_runs where status = 'succeeded')`,
      [subscriberId],
    );
    return row;
  };

  it("raises OPEN_COMPLAINT on a VIP's current score and gives their phone manager one care task", async () => {
    tickets.vip = await openTicket(s.vip);
    const ticket = tickets.vip;
    const score = await scoreRow(s.vip);
    expect(score?.signal_codes).toEqual(['OPEN_COMPLAINT']);
    expect(score?.signals).toEqual([
      {
        code: 'OPEN_COMPLAINT',
        params: {
          overdue: 0,
          complaints90: 1,
          ticketId: ticket.id,
          ticketNo: ticket.ticketNo,
          raisedBy: 'ticket',
        },
      },
    ]);
    // The 360 renders it like a scored signal, in the reader's language.
    const rendered = await t.injectAs(a1, {
      method: 'GET',
      url: `/api/subscribers/${s.vip}/score?lang=zh-CN`,
    });
    expect(rendered.statusCode, rendered.body).toBe(200);
    expect(JSON.stringify(rendered.json())).toContain(`服务工单${ticket.ticketNo}处理中`);

    const tasks = await tasksOf(s.vip);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'care',
      action: 'care_call',
      status: 'open',
      ownerUserId: a1.id,
      teamId: teamA,
      offerCode: null,
      reasons: [
        {
          code: 'open_ticket',
          params: { ticketId: ticket.id, ticketNo: ticket.ticketNo, category: 'network_signal' },
        },
      ],
    });
    expect(tasks[0]?.priority).toBeGreaterThan(1_000_000);
    expect(tasks[0]?.dueAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The agent's queue shows it now.
    const queue = await t.injectAs(a1, { method: 'GET', url: '/api/queue' });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(JSON.stringify(queue.json())).toContain('open_ticket');
  });

  it('keeps one signal and gives one care task per ticket when a second ticket opens', async () => {
    tickets.vip2 = await openTicket(s.vip);
    const score = await scoreRow(s.vip);
    expect(score?.signal_codes).toEqual(['OPEN_COMPLAINT']);
    // The counts grow; the ticket first named stays.
    expect(score?.signals[0]?.params).toMatchObject({ complaints90: 2, ticketId: tickets.vip?.id });
    const care = (await tasksOf(s.vip)).filter((task) => task.kind === 'care');
    expect(care.map((task) => taskReasonsOf(task.reasons)[0]?.params.ticketId)).toEqual([
      tickets.vip?.id,
      tickets.vip2.id,
    ]);
    await closeTicket(tickets.vip2);
  });

  it('leaves a non-VIP ticket on the service side, and gives no task when nobody owns the VIP', async () => {
    tickets.plain = await openTicket(s.plain);
    expect((await scoreRow(s.plain))?.signal_codes).toEqual([]);
    expect(await tasksOf(s.plain)).toEqual([]);

    tickets.unowned = await openTicket(s.unowned, null);
    expect((await scoreRow(s.unowned))?.signal_codes).toEqual(['OPEN_COMPLAINT']);
    expect(await tasksOf(s.unowned)).toEqual([]);
  });

  it('shows no offers in the briefing while a ticket is open, names it, and refuses accepting one', async () => {
    const [task] = await getDb()
      .db.insert(callTasks)
      .values({
        subscriberId: s.plain,
        kind: 'retention_call',
        action: 'retention_call',
        ownerUserId: a1.id,
        teamId: teamA,
        campaignId,
        dueAt: new Date(Date.now() - 60_000),
      })
      .returning({ id: callTasks.id });
    const taskId = task?.id ?? 0;
    expect((await t.injectAs(a1, { method: 'POST', url: `/api/tasks/${taskId}/claim` })).statusCode).toBe(
      200,
    );
    const briefing = await t.injectAs(a1, { method: 'GET', url: `/api/tasks/${taskId}/briefing` });
    expect(briefing.statusCode, briefing.body).toBe(200);
    expect(briefing.json().offers.items).toEqual([]);
    expect(briefing.json().offersSuppressedBy).toEqual({
      ticketId: tickets.plain?.id,
      ticketNo: tickets.plain?.ticketNo,
    });
    const accepted = await t.injectAs(a1, {
      method: 'POST',
      url: `/api/tasks/${taskId}/outcome`,
      payload: { disposition: 'accepted', offerCode: 'LOOP_BILL_20' },
    });
    expect(accepted.statusCode, accepted.body).toBe(400);
    expect(accepted.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.offerCode']);

    // Next-best-action ranks care only, and says why.
    const nba = await t.injectAs(a1, { method: 'GET', url: `/api/subscribers/${s.plain}/next-best-action` });
    expect(nba.statusCode, nba.body).toBe(200);
    const actions = nba.json().actions as { action: string; offer: unknown; reasons: Reason[] }[];
    expect(nba.json().candidate.openTicket).toBe(true);
    expect(actions.map((a) => a.action).sort()).toEqual(['care_call', 'care_sms', 'no_action']);
    for (const action of actions) {
      expect(action.offer).toBeNull();
      expect(action.reasons.map((r) => r.code)).toContain('open_ticket');
    }

    // Once the ticket is closed, the same call may present its offer again.
    tickets.plain = await closeTicket(tickets.plain as Ticket);
    const after = await t.injectAs(a1, { method: 'GET', url: `/api/tasks/${taskId}/briefing` });
    expect(after.json().offersSuppressedBy).toBeNull();
    expect(after.json().offers.items.map((o: { code: string }) => o.code)).toEqual(['LOOP_BILL_20']);
    await t.injectAs(a1, { method: 'POST', url: `/api/tasks/${taskId}/release` });
    await getDb()
      .db.update(callTasks)
      .set({ status: 'cancelled', closedReason: 'test' })
      .where(eq(callTasks.id, taskId));
  });

  it('leaves a subscriber with an open ticket out of the sales calls of the daily plan', async () => {
    tickets.plainAgain = await openTicket(s.plain);
    const day = addDays(todayIn(ZONE), 1);
    const response = await t.inject({
      method: 'POST',
      url: '/api/plans',
      payload: { day, shifts: [{ agentUserId: a1.id, from: '09:00', until: '18:00' }] },
    });
    expect(response.statusCode, response.body).toBe(201);
    const planned = await getDb().db.select().from(callTasks).where(eq(callTasks.planId, response.json().id));
    expect(planned.map((task) => task.subscriberId)).toEqual([s.control]);
    expect(planned[0]?.kind).toBe('retention_call');
    await getDb()
      .db.update(callTasks)
      .set({ status: 'cancelled', closedReason: 'test' })
      .where(eq(callTasks.planId, response.json().id));
    await closeTicket(tickets.plainAgain);
  });

  it('raises the care task and the signal when the SLA is breached', async () => {
    await sweepSlaClocks(getDb().db, new Date(Date.now() + 60 * DAY));
    const [care] = (await tasksOf(s.vip)).filter((task) => task.kind === 'care' && task.status === 'open');
    expect(care?.priority).toBeGreaterThanOrEqual(900_000_000);
    expect(taskReasonsOf(care?.reasons).map((r) => r.code)).toEqual(['open_ticket', 'ticket_breached']);
    expect((await scoreRow(s.vip))?.signals[0]?.params.overdue).toBe(1);
    // A second sweep changes nothing: the breach is handled once.
    await sweepSlaClocks(getDb().db, new Date(Date.now() + 61 * DAY));
    const again = (await tasksOf(s.vip)).filter((task) => task.kind === 'care' && task.status === 'open');
    expect(again).toHaveLength(1);
    expect(taskReasonsOf(again[0]?.reasons).map((r) => r.code)).toEqual(['open_ticket', 'ticket_breached']);
  });

  it("withdraws the VIP's care task on closing and gives the owner a revisit call", async () => {
    const closed = await closeTicket(tickets.vip as Ticket);
    expect(closed.status).toBe('closed');
    const tasks = await tasksOf(s.vip);
    const care = tasks.find((task) => taskReasonsOf(task.reasons)[0]?.params.ticketId === tickets.vip?.id);
    expect(care).toMatchObject({ kind: 'care', status: 'cancelled', closedReason: 'ticket_closed' });
    // The score no longer says a ticket is being worked: the signal the tickets raised is lowered.
    expect((await scoreRow(s.vip))?.signal_codes).toEqual([]);
    const [revisit] = await getDb()
      .db.select()
      .from(satisfactionRevisits)
      .where(
        and(
          eq(satisfactionRevisits.subscriberId, s.vip),
          eq(satisfactionRevisits.ticketId, tickets.vip?.id ?? 0),
        ),
      );
    expect(revisit).toMatchObject({ channel: 'call', status: 'pending', smsId: null });
    const revisitTask = tasks.find((task) => task.id === revisit?.taskId);
    expect(revisitTask).toMatchObject({
      kind: 'revisit',
      action: 'care_call',
      status: 'open',
      ownerUserId: a1.id,
      reasons: [
        {
          code: 'ticket_revisit',
          params: { ticketId: tickets.vip?.id, ticketNo: tickets.vip?.ticketNo, revisitId: revisit?.id },
        },
      ],
    });
    // The ticket's detail lists it.
    const detail = await t.injectAs(a1, { method: 'GET', url: `/api/tickets/${tickets.vip?.id}` });
    expect(detail.json().revisits).toEqual([
      expect.objectContaining({ id: revisit?.id, channel: 'call', status: 'pending' }),
    ]);
  });

  it('texts a non-VIP the revisit survey through the outbox on closing', async () => {
    const revisits = await getDb()
      .db.select()
      .from(satisfactionRevisits)
      .where(eq(satisfactionRevisits.ticketId, tickets.plain?.id ?? 0));
    expect(revisits).toHaveLength(1);
    expect(revisits[0]).toMatchObject({ channel: 'sms', status: 'pending', taskId: null });
    const [sms] = await getDb()
      .db.select()
      .from(smsOutbox)
      .where(and(eq(smsOutbox.subscriberId, s.plain), eq(smsOutbox.id, revisits[0]?.smsId ?? 0)));
    expect(sms).toMatchObject({ templateCode: 'ticket_revisit_survey', purpose: 'care', status: 'queued' });
    expect(sms?.body).toContain(tickets.plain?.ticketNo ?? '?');
    expect(sms?.body).toContain('5非常满意');
    // No call task for a non-VIP's revisit.
    expect((await tasksOf(s.plain)).filter((task) => task.kind === 'revisit')).toEqual([]);
  });
});
