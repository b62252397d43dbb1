import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { contactAttempts } from '#src/db/schema/contacts';
import { idempotencyKeys } from '#src/db/schema/idempotency';
import { importRuns } from '#src/db/schema/imports';
import { serviceContacts } from '#src/db/schema/service';
import { tickets } from '#src/db/schema/tickets';
import { callTasks } from '#src/db/schema/work';
import { requestHash } from '#src/features/idempotency/request-hash';
import { failInterruptedImports } from '#src/features/ingest/import-runs.repository';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';

const CONCURRENT = 10;

/** A multipart/form-data body with the CSV in the field "file", as the console or curl -F sends it. */
function upload(content: string | Buffer, headers: Record<string, string> = {}) {
  const boundary = '----vipdesk-idempotency-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plans.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers } };
}

const replayed = (response: LightMyRequestResponse) => response.headers['idempotent-replayed'] === 'true';

describeEachEngine('idempotent writes over HTTP', (getDb) => {
  let t: TestApp;
  let agent: TestUser;
  let otherAgent: TestUser;
  let planId = 0;

  const subscriberOf = async (owner: TestUser) => {
    const row = await insertSubscriber(getDb().db, planId, {
      vipLevel: 'gold',
      city: '南京市',
      district: '鼓楼区',
    });
    await assignToBook(getDb().db, row.id, owner.id);
    return row.id;
  };
  const keyed = (key: string | undefined): Record<string, string> =>
    key === undefined ? {} : { 'idempotency-key': key };
  const logContact = (who: TestUser, subscriberId: number, payload: object, key?: string) =>
    t.injectAs(who, {
      method: 'POST',
      url: `/api/subscribers/${subscriberId}/contacts`,
      payload,
      headers: keyed(key),
    });
  const openTicket = (who: TestUser, subscriberId: number, payload: object, key?: string) =>
    t.injectAs(who, {
      method: 'POST',
      url: `/api/subscribers/${subscriberId}/tickets`,
      payload,
      headers: keyed(key),
    });
  const recordOutcome = (who: TestUser, taskId: number, payload: object, key?: string) =>
    t.injectAs(who, { method: 'POST', url: `/api/tasks/${taskId}/outcome`, payload, headers: keyed(key) });
  const importPlans = (content: string | Buffer, key?: string, query = '') =>
    t.inject({ method: 'POST', url: `/api/imports/plans${query}`, ...upload(content, keyed(key)) });

  const contactCount = async (subscriberId: number) => {
    const [row] = await getDb()
      .db.select({ n: count() })
      .from(serviceContacts)
      .where(eq(serviceContacts.subscriberId, subscriberId));
    return row?.n ?? 0;
  };
  const ticketCount = async (subscriberId: number) => {
    const [row] = await getDb()
      .db.select({ n: count() })
      .from(tickets)
      .where(eq(tickets.subscriberId, subscriberId));
    return row?.n ?? 0;
  };
  const attemptCount = async (taskId: number) => {
    const [row] = await getDb()
      .db.select({ n: count() })
      .from(contactAttempts)
      .where(eq(contactAttempts.taskId, taskId));
    return row?.n ?? 0;
  };
  const importRunCount = async () => {
    const [row] = await getDb().db.select({ n: count() }).from(importRuns);
    return row?.n ?? 0;
  };

  /** A retention call task on the subscriber, claimed by the agent. */
  async function claimedTask(who: TestUser, subscriberId: number): Promise<number> {
    const [row] = await getDb()
      .db.insert(callTasks)
      .values({
        subscriberId,
        kind: 'retention_call',
        action: 'retention_call',
        ownerUserId: who.id,
        dueAt: new Date(Date.now() - 60_000),
        reasons: [{ code: 'COMPETITOR_HOTLINE', params: { calls: 2 } }],
      })
      .returning({ id: callTasks.id });
    const id = row?.id ?? 0;
    const claim = await t.injectAs(who, { method: 'POST', url: `/api/tasks/${id}/claim` });
    expect(claim.statusCode, claim.body).toBe(200);
    return id;
  }

  const consultation = {
    channel: 'phone',
    direction: 'inbound',
    type: 'consultation',
    note: '客户咨询国际漫游资费',
  };
  const complaintWithTicket = {
    channel: 'phone',
    direction: 'inbound',
    type: 'complaint',
    note: '客户投诉家里信号差多次未解决',
    fact: '小区室内无信号已两周',
    claim: '尽快修复',
    ticket: { category: 'network_signal.weak_coverage', title: '小区室内弱覆盖' },
  };
  const plansCsv = readFileSync('docs/examples/plans.csv', 'utf8');
  const planHeader = plansCsv.split('\n')[0];

  beforeAll(async () => {
    t = await buildTestApp(getDb());
    agent = await t.user('idem-agent', 'agent', 'idem-a');
    otherAgent = await t.user('idem-other', 'agent', 'idem-b');
    planId = (await insertPlan(getDb().db)).id;
  });
  afterAll(async () => t?.close());

  it('declares the header on each of the four writes in the OpenAPI document', async () => {
    const paths = (await t.inject({ method: 'GET', url: '/docs/json' })).json().paths;
    const operations = [
      paths['/api/tasks/{id}/outcome'].post,
      paths['/api/subscribers/{id}/contacts'].post,
      paths['/api/subscribers/{id}/tickets'].post,
      paths['/api/imports/{kind}'].post,
    ];
    for (const operation of operations) {
      const header = operation.parameters.find((p: { in: string; name: string }) => p.in === 'header');
      expect(header).toMatchObject({ name: 'idempotency-key', required: false });
      expect(operation.responses).toHaveProperty('422');
    }
  });

  describe('a contact (with the ticket it opens)', () => {
    it('replays a repeat with the first answer and logs one contact and one ticket', async () => {
      const subscriberId = await subscriberOf(agent);
      const key = randomUUID();
      const first = await logContact(agent, subscriberId, complaintWithTicket, key);
      expect(first.statusCode, first.body).toBe(201);
      expect(replayed(first)).toBe(false);
      const again = await logContact(agent, subscriberId, complaintWithTicket, key);
      expect(again.statusCode).toBe(201);
      expect(replayed(again)).toBe(true);
      expect(again.body).toBe(first.body);
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(await contactCount(subscriberId)).toBe(1);
      expect(await ticketCount(subscriberId)).toBe(1);
    });

    it('gives ten concurrent requests with one key one contact and the same answer', async () => {
      const subscriberId = await subscriberOf(agent);
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT }, () => logContact(agent, subscriberId, complaintWithTicket, key)),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(CONCURRENT).fill(201));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(responses.filter(replayed)).toHaveLength(CONCURRENT - 1);
      expect(await contactCount(subscriberId)).toBe(1);
      expect(await ticketCount(subscriberId)).toBe(1);
    });

    it('logs every request without a key, as before', async () => {
      const subscriberId = await subscriberOf(agent);
      await logContact(agent, subscriberId, consultation);
      const second = await logContact(agent, subscriberId, consultation);
      expect(second.statusCode).toBe(201);
      expect(replayed(second)).toBe(false);
      expect(await contactCount(subscriberId)).toBe(2);
    });

    it('keeps each user’s keys apart', async () => {
      const mine = await subscriberOf(agent);
      const theirs = await subscriberOf(otherAgent);
      const key = 'shared-by-accident';
      const a = await logContact(agent, mine, consultation, key);
      const b = await logContact(otherAgent, theirs, consultation, key);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect([replayed(a), replayed(b)]).toEqual([false, false]);
      expect(await contactCount(mine)).toBe(1);
      expect(await contactCount(theirs)).toBe(1);
    });
  });

  describe('a key used for another request', () => {
    it('is refused with 422 IDEMPOTENCY_KEY_REUSED naming the key: another body, subscriber or route', async () => {
      const subscriberId = await subscriberOf(agent);
      const other = await subscriberOf(agent);
      const key = `reused-${randomUUID()}`;
      expect((await logContact(agent, subscriberId, consultation, key)).statusCode).toBe(201);
      const refusals = [
        await logContact(agent, subscriberId, { ...consultation, note: '客户咨询宽带资费' }, key),
        await logContact(agent, other, consultation, key),
        await openTicket(agent, subscriberId, { category: 'billing_dispute', title: '扣费' }, key),
      ];
      for (const refusal of refusals) {
        expect(refusal.statusCode, refusal.body).toBe(422);
        const { error } = refusal.json();
        expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
        expect(error.message).toContain(key);
        expect(error.details).toMatchObject({ key, route: 'POST /api/subscribers/:id/contacts' });
      }
      expect(await contactCount(subscriberId)).toBe(1);
      expect(await contactCount(other)).toBe(0);
      expect(await ticketCount(subscriberId)).toBe(0);
    });

    it('is free again once the key has expired', async () => {
      const subscriberId = await subscriberOf(agent);
      const key = `expired-${randomUUID()}`;
      expect((await logContact(agent, subscriberId, consultation, key)).statusCode).toBe(201);
      await getDb()
        .db.update(idempotencyKeys)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(idempotencyKeys.key, key));
      const reused = await logContact(
        agent,
        subscriberId,
        { ...consultation, note: '客户咨询宽带资费' },
        key,
      );
      expect(reused.statusCode, reused.body).toBe(201);
      expect(replayed(reused)).toBe(false);
      expect(await contactCount(subscriberId)).toBe(2);
    });
  });

  describe('a request that fails', () => {
    it('is not remembered: a corrected request with the same key is carried out', async () => {
      const subscriberId = await subscriberOf(agent);
      const key = randomUUID();
      const badTicket = {
        ...complaintWithTicket,
        ticket: { category: 'network_signal.nope', title: '信号' },
      };
      const refused = await logContact(agent, subscriberId, badTicket, key);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.issues.map((i: { path: string }) => i.path)).toEqual([
        'body.ticket.category',
      ]);
      expect(await contactCount(subscriberId)).toBe(0);
      const corrected = await logContact(agent, subscriberId, complaintWithTicket, key);
      expect(corrected.statusCode, corrected.body).toBe(201);
      expect(replayed(corrected)).toBe(false);
      expect(await contactCount(subscriberId)).toBe(1);
      expect(await ticketCount(subscriberId)).toBe(1);
    });

    it('still audits a denied subscriber, and keeps no key for it', async () => {
      const theirs = await subscriberOf(otherAgent);
      const key = randomUUID();
      const denials = async () =>
        (
          await queryRows<{ n: number }>(
            getDb().engine,
            `select count(*)::int as n from audit_log where action = 'access.denied' and subscriber_id = $1`,
            [theirs],
          )
        )[0]?.n;
      const before = await denials();
      const denied = await logContact(agent, theirs, consultation, key);
      expect(denied.statusCode).toBe(404);
      expect(await denials()).toBe((before ?? 0) + 1);
      const keys = await getDb().db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
      expect(keys).toEqual([]);
    });
  });

  describe('malformed keys', () => {
    it('are refused with 400 naming headers.idempotency-key', async () => {
      const subscriberId = await subscriberOf(agent);
      for (const key of ['', 'k'.repeat(256), 'bell\u0007', '幂等键']) {
        const response = await logContact(agent, subscriberId, consultation, key);
        expect(response.statusCode, JSON.stringify(key)).toBe(400);
        const { error } = response.json();
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.issues.map((i: { path: string }) => i.path)).toEqual(['headers.idempotency-key']);
      }
      expect(await contactCount(subscriberId)).toBe(0);
    });
  });

  describe('a call outcome', () => {
    const refusal = { disposition: 'refused', reason: 'price', note: '嫌贵' };

    it('replays a repeat: one attempt, the same answer; a new key meets the recorded outcome', async () => {
      const subscriberId = await subscriberOf(agent);
      const taskId = await claimedTask(agent, subscriberId);
      const key = randomUUID();
      const first = await recordOutcome(agent, taskId, refusal, key);
      expect(first.statusCode, first.body).toBe(200);
      const again = await recordOutcome(agent, taskId, refusal, key);
      expect(again.statusCode).toBe(200);
      expect(replayed(again)).toBe(true);
      expect(again.body).toBe(first.body);
      expect(await attemptCount(taskId)).toBe(1);
      const surveys = await queryRows<{ n: number }>(
        getDb().engine,
        'select count(*)::int as n from sms_outbox where subscriber_id = $1',
        [subscriberId],
      );
      expect(surveys[0]?.n).toBe(first.json().surveyQueued ? 1 : 0);
      // Without the key the second outcome is what it always was: a conflict.
      const fresh = await recordOutcome(agent, taskId, refusal, randomUUID());
      expect(fresh.statusCode).toBe(409);
      expect(fresh.json().error.code).toBe('CONFLICT');
    });

    it('gives ten concurrent requests with one key one attempt and the same answer', async () => {
      const subscriberId = await subscriberOf(agent);
      const taskId = await claimedTask(agent, subscriberId);
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT }, () => recordOutcome(agent, taskId, refusal, key)),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(CONCURRENT).fill(200));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(await attemptCount(taskId)).toBe(1);
    });
  });

  describe('a ticket', () => {
    const ticket = { category: 'billing_dispute', title: '扣费有误', description: '客户说多扣了流量费' };

    it('replays a repeat with the first answer and its ETag, and opens one ticket', async () => {
      const subscriberId = await subscriberOf(agent);
      const key = randomUUID();
      const first = await openTicket(agent, subscriberId, ticket, key);
      expect(first.statusCode, first.body).toBe(201);
      const again = await openTicket(agent, subscriberId, ticket, key);
      expect(again.statusCode).toBe(201);
      expect(replayed(again)).toBe(true);
      expect(again.body).toBe(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(await ticketCount(subscriberId)).toBe(1);
    });

    it('gives ten concurrent requests with one key one ticket and the same answer', async () => {
      const subscriberId = await subscriberOf(agent);
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT }, () => openTicket(agent, subscriberId, ticket, key)),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(CONCURRENT).fill(201));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(await ticketCount(subscriberId)).toBe(1);
    });
  });

  describe('an import', () => {
    const planRow = (code: string) => `${code},幂等套餐,gotone,58,1,1,1,0.1,0.1,0.1,true`;

    it('replays a committed import: the same importId, nothing imported again', async () => {
      const csv = `${planHeader}\n${planRow('IDEM1')}\n`;
      const key = randomUUID();
      const first = await importPlans(csv, key);
      expect(first.statusCode, first.body).toBe(200);
      const runs = await importRunCount();
      const again = await importPlans(csv, key);
      expect(again.statusCode).toBe(200);
      expect(replayed(again)).toBe(true);
      expect(again.body).toBe(first.body);
      expect(again.json().importId).toBe(first.json().importId);
      expect(await importRunCount()).toBe(runs);
      const other = await importPlans(`${planHeader}\n${planRow('IDEM2')}\n`, key);
      expect(other.statusCode).toBe(422);
      expect(other.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      const options = await importPlans(csv, key, '?skipBad=true');
      expect(options.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    });

    it('forgets the key of a rejected file, so the corrected file may use it', async () => {
      const key = randomUUID();
      const rejected = await importPlans(`${planHeader}\nIDEM3,坏套餐,nokia,5,1,1,1,0.1,0.1,0.1,true\n`, key);
      expect(rejected.statusCode).toBe(422);
      expect(rejected.json()).toMatchObject({ status: 'rejected' });
      const corrected = await importPlans(`${planHeader}\n${planRow('IDEM3')}\n`, key);
      expect(corrected.statusCode, corrected.body).toBe(200);
      expect(replayed(corrected)).toBe(false);
    });

    it('answers 409 while the import runs, and runs it again once a restart marked it failed', async () => {
      const csv = `${planHeader}\n${planRow('IDEM4')}\n`;
      const key = randomUUID();
      const { db } = getDb();
      // What a kill -9 in the middle of the upload leaves: the key claimed with a run still 'running'.
      const [run] = await db
        .insert(importRuns)
        .values({ kind: 'plans', fileName: 'plans.csv', status: 'running' })
        .returning({ id: importRuns.id });
      const fileSha256 = createHash('sha256').update(csv).digest('hex');
      const route = 'POST /api/imports/:kind';
      await db.insert(idempotencyKeys).values({
        userId: t.admin.id,
        key,
        route,
        requestHash: requestHash({
          route,
          params: { kind: 'plans' },
          query: { skipBad: false, encoding: 'utf8' },
          body: { fileSha256 },
        }),
        importRunId: run?.id ?? null,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      const running = await importPlans(csv, key);
      expect(running.statusCode, running.body).toBe(409);
      expect(running.json().error).toMatchObject({
        code: 'IDEMPOTENCY_KEY_IN_PROGRESS',
        details: { key, importId: run?.id, status: 'running' },
      });

      expect(await failInterruptedImports(db)).toBe(1);
      const rerun = await importPlans(csv, key);
      expect(rerun.statusCode, rerun.body).toBe(200);
      expect(replayed(rerun)).toBe(false);
      expect(rerun.json().importId).not.toBe(run?.id);
      const again = await importPlans(csv, key);
      expect(replayed(again)).toBe(true);
      expect(again.json().importId).toBe(rerun.json().importId);
      const [failed] = await db
        .select()
        .from(importRuns)
        .where(eq(importRuns.id, run?.id ?? 0));
      expect(failed?.status).toBe('failed');
    });
  });
});
