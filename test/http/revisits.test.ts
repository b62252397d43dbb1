import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { smsOutbox } from '#src/db/schema/contacts';
import { satisfactionRevisits, ticketEvents } from '#src/db/schema/tickets';
import { callTasks } from '#src/db/schema/work';
import { recordSurveyReply } from '#src/features/sms/sms-inbound.service';
import { markSubmitted } from '#src/features/sms/sms-outbox.repository';
import { seedSmsTemplates } from '#src/features/sms/sms-templates-seed';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

type Ticket = { id: number; ticketNo: string; version: number; status: string; reopenCount: number };
type Revisit = {
  id: number;
  ticketId: number;
  ticketNo: string;
  ticketStatus: string;
  subscriberName: string;
  msisdnMasked: string;
  channel: string;
  status: string;
  taskId: number | null;
  smsId: number | null;
  score: number | null;
  comment: string | null;
  reopened: boolean;
};

/**
 * Satisfaction revisits after a ticket closes (issue 6 §5): listed within the ticket scope,
 * answered by the desk or by the subscriber's SMS reply; an unhappy score reopens the ticket (and a
 * VIP's phone manager gets a care task again), a happy one leaves it closed.
 */
describeEachEngine('satisfaction revisits over HTTP', (getDb) => {
  let t: TestApp;
  let a1: TestUser;
  let a2: TestUser;
  let analyst: TestUser;
  const s = { vip: 0, vipHappy: 0, plain: 0, quiet: 0 };
  const msisdn = { plain: '13922220003' };

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    a1 = await t.user('revisit-a1', 'agent', 'revisit-a');
    a2 = await t.user('revisit-a2', 'agent', 'revisit-b');
    analyst = await t.user('revisit-analyst', 'analyst');
    await seedSmsTemplates(db);
    const plan = await insertPlan(db, { code: 'REV128' });
    const add = async (key: keyof typeof s, vipLevel: string, phone?: string) => {
      const row = await insertSubscriber(db, plan.id, {
        vipLevel,
        name: `陈${key}`,
        ...(phone ? { msisdn: phone } : {}),
      });
      s[key] = row.id;
      await assignToBook(db, row.id, a1.id);
    };
    await add('vip', 'gold');
    await add('vipHappy', 'diamond');
    await add('plain', 'none', msisdn.plain);
    await add('quiet', 'none');
    await insertScoringRun(handle, [buildScore(s.vip), buildScore(s.vipHappy), buildScore(s.plain)]);
  });
  afterAll(async () => t?.close());

  const openAndClose = async (subscriberId: number): Promise<Ticket> => {
    const opened = await t.injectAs(a1, {
      method: 'POST',
      url: `/api/subscribers/${subscriberId}/tickets`,
      payload: { category: 'billing_dispute', title: '话费扣费有误' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const ticket = opened.json<Ticket>();
    const closed = await t.injectAs(a1, {
      method: 'POST',
      url: `/api/tickets/${ticket.id}/close`,
      headers: { 'if-match': `"${ticket.version}"` },
      payload: { resolution: '已退还多扣话费' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    return closed.json<Ticket>();
  };
  const pending = async (user: TestUser) => {
    const response = await t.injectAs(user, { method: 'GET', url: '/api/revisits?status=pending' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Revisit[]; total: number }>();
  };
  const revisitOf = async (ticketId: number) => {
    const { items } = await pending(a1);
    const found = items.find((r) => r.ticketId === ticketId);
    if (!found) throw new Error(`no pending revisit for ticket ${ticketId}`);
    return found;
  };
  const answer = (id: number, payload: object, user = a1) =>
    t.injectAs(user, { method: 'POST', url: `/api/revisits/${id}/answer`, payload });
  const ticketOf = async (id: number) =>
    (await t.injectAs(a1, { method: 'GET', url: `/api/tickets/${id}` })).json<
      Ticket & { events: { kind: string; details: Record<string, unknown> }[] }
    >();
  const openCareTasks = (subscriberId: number) =>
    getDb()
      .db.select()
      .from(callTasks)
      .where(
        and(
          eq(callTasks.subscriberId, subscriberId),
          eq(callTasks.kind, 'care'),
          eq(callTasks.status, 'open'),
        ),
      );

  let vipTicket: Ticket;
  let happyTicket: Ticket;
  let plainTicket: Ticket;

  it('lists pending revisits of the tickets in my scope only, masked', async () => {
    vipTicket = await openAndClose(s.vip);
    happyTicket = await openAndClose(s.vipHappy);
    plainTicket = await openAndClose(s.plain);
    const mine = await pending(a1);
    expect(mine.items.map((r) => [r.ticketId, r.channel])).toEqual([
      [vipTicket.id, 'call'],
      [happyTicket.id, 'call'],
      [plainTicket.id, 'sms'],
    ]);
    expect(mine.total).toBe(3);
    const plain = mine.items[2];
    expect(plain).toMatchObject({
      ticketNo: plainTicket.ticketNo,
      ticketStatus: 'closed',
      msisdnMasked: '139****0003',
    });
    expect(plain?.subscriberName).toMatch(/^陈\*+$/);
    // Another agent's book, and an analyst (aggregates only), see none of them.
    expect((await pending(a2)).items).toEqual([]);
    expect((await t.injectAs(analyst, { method: 'GET', url: '/api/revisits' })).statusCode).toBe(403);
    expect((await t.injectAs(a1, { method: 'GET', url: '/api/revisits?status=lost' })).statusCode).toBe(400);
  });

  it('reopens the ticket on an unhappy answer and gives the VIP care again', async () => {
    const revisit = await revisitOf(vipTicket.id);
    expect(await openCareTasks(s.vip)).toEqual([]);
    const response = await answer(revisit.id, { score: 1, comment: '还是经常断线，回电13900001111' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'answered',
      score: 1,
      reopened: true,
      ticketStatus: 'open',
      comment: '还是经常断线，回电139****1111',
    });
    const ticket = await ticketOf(vipTicket.id);
    expect(ticket).toMatchObject({ status: 'open', reopenCount: 1 });
    const kinds = ticket.events.map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(['revisit', 'reopened']);
    expect(ticket.events.at(-2)?.details).toMatchObject({ revisitId: revisit.id, score: 1, reopened: true });
    // The revisit call is done; the phone manager has a care task for the reopened ticket.
    const [task] = await getDb()
      .db.select()
      .from(callTasks)
      .where(eq(callTasks.id, revisit.taskId ?? 0));
    expect(task).toMatchObject({ status: 'done', closedReason: 'revisit_answered' });
    const care = await openCareTasks(s.vip);
    expect(care).toHaveLength(1);
    expect(care[0]?.ownerUserId).toBe(a1.id);
    // Answered once: a second answer is a conflict, and it is no longer pending.
    expect((await answer(revisit.id, { score: 5 })).statusCode).toBe(409);
    expect((await pending(a1)).items.map((r) => r.id)).not.toContain(revisit.id);
    const [audit] = await queryRows<{ action: string }>(
      getDb().engine,
      `select action from audit_log where action = 'revisit.answer' and subscriber_id = $1`,
      [s.vip],
    );
    expect(audit?.action).toBe('revisit.answer');
  });

  it('leaves the ticket closed on a happy answer', async () => {
    const revisit = await revisitOf(happyTicket.id);
    const response = await answer(revisit.id, { score: 5 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ score: 5, reopened: false, ticketStatus: 'closed' });
    expect((await ticketOf(happyTicket.id)).status).toBe('closed');
    expect(await openCareTasks(s.vipHappy)).toEqual([]);
  });

  it('names the field of a bad score and answers 404 for a revisit out of my scope', async () => {
    const revisit = await revisitOf(plainTicket.id);
    const bad = await answer(revisit.id, { score: 6 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.score']);
    const other = await answer(revisit.id, { score: 3 }, a2);
    const missing = await answer(987_654, { score: 3 });
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.json().error.message).toBe(missing.json().error.message);
  });

  it("takes the subscriber's SMS reply as the answer and reopens the ticket", async () => {
    const revisit = await revisitOf(plainTicket.id);
    const at = new Date();
    // Not sent yet: a reply cannot answer it.
    expect(await recordSurveyReply(getDb().db, msisdn.plain, '2', at)).toBe('no_survey');
    await markSubmitted(
      getDb().db,
      { subscriberId: s.plain, id: revisit.smsId ?? 0 },
      'smsc-1',
      new Date(at.getTime() - 60_000),
    );
    expect(await recordSurveyReply(getDb().db, msisdn.plain, '２', at)).toBe('recorded');
    const [row] = await getDb()
      .db.select()
      .from(satisfactionRevisits)
      .where(and(eq(satisfactionRevisits.subscriberId, s.plain), eq(satisfactionRevisits.id, revisit.id)));
    expect(row).toMatchObject({ status: 'answered', score: 2, reopened: 1, recordedByUserId: null });
    expect((await ticketOf(plainTicket.id)).status).toBe('open');
    // A non-VIP's reopened ticket gives no care task; a second reply changes nothing.
    expect(await openCareTasks(s.plain)).toEqual([]);
    expect(await recordSurveyReply(getDb().db, msisdn.plain, '5', at)).toBe('already_answered');
    const events = await getDb()
      .db.select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, plainTicket.id), eq(ticketEvents.kind, 'revisit')));
    expect(events).toHaveLength(1);
    expect(events[0]?.actorUserId).toBeNull();
  });

  it('withdraws a pending revisit when its ticket is reopened by hand, and records no answer', async () => {
    // The reopened plain ticket closes again: a second SMS revisit.
    const current = await ticketOf(plainTicket.id);
    const closed = await t.injectAs(a1, {
      method: 'POST',
      url: `/api/tickets/${plainTicket.id}/close`,
      payload: { resolution: '再次核实退费', version: current.version },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const second = await revisitOf(plainTicket.id);
    const reopened = await t.injectAs(a1, {
      method: 'POST',
      url: `/api/tickets/${plainTicket.id}/reopen`,
      payload: { reason: '客户来电仍有异议', version: closed.json<Ticket>().version },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const [row] = await getDb()
      .db.select()
      .from(satisfactionRevisits)
      .where(eq(satisfactionRevisits.id, second.id));
    expect(row?.status).toBe('cancelled');

    // A VIP revisit nobody answered.
    const vip = await t.injectAs(a1, { method: 'GET', url: `/api/tickets/${vipTicket.id}` });
    const closedAgain = await t.injectAs(a1, {
      method: 'POST',
      url: `/api/tickets/${vipTicket.id}/close`,
      payload: { resolution: '更换基站天线', version: vip.json<Ticket>().version },
    });
    expect(closedAgain.statusCode, closedAgain.body).toBe(200);
    // The care task of the reopened ticket is withdrawn again.
    expect(await openCareTasks(s.vip)).toEqual([]);
    const unanswered = await revisitOf(vipTicket.id);
    const response = await t.injectAs(a1, {
      method: 'POST',
      url: `/api/revisits/${unanswered.id}/unanswered`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'unanswered', score: null, ticketStatus: 'closed' });
    const [task] = await getDb()
      .db.select()
      .from(callTasks)
      .where(eq(callTasks.id, unanswered.taskId ?? 0));
    expect(task).toMatchObject({ status: 'done', closedReason: 'revisit_unanswered' });
    expect(
      (await t.injectAs(a1, { method: 'POST', url: `/api/revisits/${unanswered.id}/unanswered` })).statusCode,
    ).toBe(409);
  });

  it('reads and saves the revisit settings; others set to none are not asked', async () => {
    // Read by those who tune or report on the service (here an analyst), not by agents.
    expect((await t.injectAs(a1, { method: 'GET', url: '/api/service-settings/revisit' })).statusCode).toBe(
      403,
    );
    const analyst = await t.user('revisit-settings-analyst', 'analyst');
    const read = await t.injectAs(analyst, { method: 'GET', url: '/api/service-settings/revisit' });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      version: 0,
      document: { vipChannel: 'call', othersChannel: 'sms', reopenAtOrBelow: 2, delayMinutes: 0 },
    });
    const byAgent = await t.injectAs(a1, {
      method: 'PUT',
      url: '/api/service-settings/revisit',
      payload: { othersChannel: 'none' },
    });
    expect(byAgent.statusCode).toBe(403);
    const bad = await t.inject({
      method: 'PUT',
      url: '/api/service-settings/revisit',
      payload: { othersChannel: 'fax', reopenAtOrBelow: 2 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.othersChannel']);
    const saved = await t.injectAs(analyst, {
      method: 'PUT',
      url: '/api/service-settings/revisit',
      payload: { othersChannel: 'none', delayMinutes: 60, note: '普通客户不回访' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, document: { othersChannel: 'none', delayMinutes: 60 } });

    const before = await getDb().db.select().from(smsOutbox).where(eq(smsOutbox.subscriberId, s.quiet));
    const quietTicket = await openAndClose(s.quiet);
    const revisits = await getDb()
      .db.select()
      .from(satisfactionRevisits)
      .where(eq(satisfactionRevisits.ticketId, quietTicket.id));
    expect(revisits).toEqual([]);
    expect(await getDb().db.select().from(smsOutbox).where(eq(smsOutbox.subscriberId, s.quiet))).toEqual(
      before,
    );
    // A VIP's revisit call now waits the hour.
    const vipTicket2 = await openAndClose(s.vipHappy);
    const revisit = await revisitOf(vipTicket2.id);
    const [task] = await getDb()
      .db.select()
      .from(callTasks)
      .where(eq(callTasks.id, revisit.taskId ?? 0));
    expect(task?.dueAt.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
  });
});
