import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { auditLog } from '#src/db/schema/audit';
import { seedSmsTemplates } from '#src/features/sms/sms-templates-seed';
import { buildTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

type RateLimitedBody = {
  error: {
    code: string;
    message: string;
    details: { action: string; limit: number; windowMinutes: number; retryAfterSeconds: number };
  };
};

const MINUTE = 60_000;

/** A 429 as every limit answers it: the code, a message with the limit and the wait, Retry-After. */
function expectRateLimited(response: LightMyRequestResponse, action: string, limit: number) {
  expect(response.statusCode, response.body).toBe(429);
  const body = response.json<RateLimitedBody>();
  expect(body.error.code).toBe('RATE_LIMITED');
  expect(body.error.details).toMatchObject({ action, limit });
  const seconds = Number(response.headers['retry-after']);
  expect(seconds).toBe(body.error.details.retryAfterSeconds);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(body.error.details.windowMinutes * 60);
  expect(body.error.message).toContain(`at most ${limit} per`);
  expect(body.error.message).toMatch(/Try again in \d+ minutes?\./);
  return body.error;
}

describeEachEngine('rate limits over HTTP', (getDb) => {
  let t: TestApp;
  let agent: TestUser;
  let otherAgent: TestUser;
  let lead: TestUser;
  const book: number[] = [];

  const auditCount = async (action: string, actorLabel: string) =>
    (
      await queryRows<{ n: number }>(
        getDb().engine,
        'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND actor_label = $2',
        [action, actorLabel],
      )
    )[0]?.n ?? 0;

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb(), {
      VIPDESK_UNMASK_PER_HOUR: '2',
      VIPDESK_EXPORT_PER_DAY: '1',
      VIPDESK_SMS_PER_HOUR: '3',
    });
    await seedSmsTemplates(db);
    agent = await t.user('rl-agent', 'agent', 'rl-team');
    otherAgent = await t.user('rl-agent-2', 'agent', 'rl-team');
    lead = await t.user('rl-lead', 'lead', 'rl-team');
    const plan = await insertPlan(db);
    for (let i = 0; i < 6; i++) {
      const subscriber = await insertSubscriber(db, plan.id, { marketingConsent: true });
      await assignToBook(db, subscriber.id, i < 5 ? agent.id : otherAgent.id);
      book.push(subscriber.id);
    }
    await insertScoringRun(
      getDb(),
      book.map((id) => buildScore(id)),
      '2026-10-15',
    );
  });
  afterAll(async () => t?.close());

  describe('unmask', () => {
    const unmask = (who: TestUser, id: number) =>
      t.injectAs(who, {
        method: 'POST',
        url: `/api/subscribers/${id}/unmask`,
        payload: { reason: 'customer called back', fields: ['msisdn'] },
      });

    it('answers 429 with the limit, Retry-After and an audit entry once the hour is used up', async () => {
      const [first, second] = book;
      expect((await unmask(agent, first ?? 0)).statusCode).toBe(200);
      expect((await unmask(agent, second ?? 0)).statusCode).toBe(200);
      const refused = await unmask(agent, first ?? 0);
      const error = expectRateLimited(refused, 'subscriber.unmask', 2);
      expect(error.message).toContain('Too many reveals of full personal data: at most 2 per hour.');
      // The oldest reveal was seconds ago: the hour frees a place in just under 60 minutes.
      expect(error.details.retryAfterSeconds).toBeGreaterThan(55 * 60);
      expect(await auditCount('subscriber.unmask', 'rl-agent')).toBe(2);
      const [limited] = await queryRows<{ target: string; subscriber_id: number; details: unknown }>(
        getDb().engine,
        "SELECT target, subscriber_id::int AS subscriber_id, details FROM audit_log WHERE action = 'rate.limited' AND actor_label = 'rl-agent'",
      );
      expect(limited).toMatchObject({
        target: 'subscriber.unmask',
        subscriber_id: first,
        details: { action: 'subscriber.unmask', limit: 2, windowMinutes: 60 },
      });
      // Another agent's allowance is their own.
      expect((await unmask(otherAgent, book[5] ?? 0)).statusCode).toBe(200);
    });

    it('says when to retry from the oldest entry still counted, not from the refusal', async () => {
      const user = await t.user('rl-agent-backdated', 'agent', 'rl-team');
      await assignToBook(getDb().db, book[4] ?? 0, user.id);
      // Reveals 70 (outside the hour), 55, 30 and 5 minutes ago: three counted against a limit of 2.
      // A place frees up when all but one have left the window: when the 30-minute-old one does.
      const now = Date.now();
      await getDb()
        .db.insert(auditLog)
        .values(
          [70, 55, 30, 5].map((minutesAgo) => ({
            occurredAt: new Date(now - minutesAgo * MINUTE),
            actorUserId: user.id,
            actorLabel: user.username,
            action: 'subscriber.unmask',
            subscriberId: book[4] ?? 0,
          })),
        );
      const error = expectRateLimited(await unmask(user, book[4] ?? 0), 'subscriber.unmask', 2);
      expect(error.details.retryAfterSeconds).toBeGreaterThan(29 * 60);
      expect(error.details.retryAfterSeconds).toBeLessThanOrEqual(30 * 60);
      expect(error.message).toContain('Try again in 30 minutes.');
    });
  });

  describe('exports', () => {
    it('limits the subscriber CSV per user and day; the refusal is audited and sends no rows', async () => {
      const exportOnce = () =>
        t.injectAs(lead, { method: 'GET', url: '/api/subscribers/export?reason=monthly%20review' });
      const allowed = await exportOnce();
      expect(allowed.statusCode, allowed.body).toBe(200);
      expect(allowed.body.split('\n').filter(Boolean)).toHaveLength(1 + book.length);
      const refused = await exportOnce();
      const error = expectRateLimited(refused, 'subscriber.export', 1);
      expect(error.message).toContain('Too many subscriber exports: at most 1 per day.');
      expect(refused.headers['content-type']).toMatch(/application\/json/);
      expect(await auditCount('subscriber.export', 'rl-lead')).toBe(1);
      expect(await auditCount('rate.limited', 'rl-lead')).toBe(1);
    });

    it('limits bulk service-report jobs per user and day apart from the CSV', async () => {
      const bulk = (who: TestUser) =>
        t.injectAs(who, {
          method: 'POST',
          url: '/api/service-reports/bulk',
          payload: { quarter: '2026-Q3', lang: 'en', segment: { limit: 10 } },
        });
      const otherLead = await t.user('rl-lead-2', 'lead', 'rl-team');
      const started = await bulk(otherLead);
      expect(started.statusCode, started.body).toBe(202);
      const error = expectRateLimited(await bulk(otherLead), 'service_report.bulk', 1);
      expect(error.message).toContain('Too many bulk service-report jobs: at most 1 per day.');
      expect(await auditCount('service_report.bulk', 'rl-lead-2')).toBe(1);
      expect(await auditCount('rate.limited', 'rl-lead-2')).toBe(1);
      const jobs = await queryRows<{ n: number }>(
        getDb().engine,
        'SELECT count(*)::int AS n FROM report_jobs WHERE created_by = $1',
        [otherLead.id],
      );
      expect(jobs[0]?.n).toBe(1);
      // Let the one job finish before the database goes away.
      const jobUrl = `/api/service-reports/jobs/${started.json().id}`;
      for (let i = 0; i < 200; i++) {
        const status = (await t.injectAs(otherLead, { method: 'GET', url: jobUrl })).json().status;
        if (status === 'succeeded' || status === 'failed') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  });

  describe('SMS sent by hand', () => {
    const send = (who: TestUser, id: number) =>
      t.injectAs(who, {
        method: 'POST',
        url: `/api/subscribers/${id}/sms`,
        payload: { templateCode: 'birthday_care', purpose: 'care' },
      });
    const outboxRows = async () =>
      (await queryRows<{ n: number }>(getDb().engine, 'SELECT count(*)::int AS n FROM sms_outbox'))[0]?.n ??
      0;

    it('limits each sender per hour, counting a policy refusal too; 429 writes nothing', async () => {
      expect((await send(agent, book[0] ?? 0)).statusCode).toBe(201);
      expect((await send(agent, book[1] ?? 0)).statusCode).toBe(201);
      const noConsent = await insertSubscriber(getDb().db, (await insertPlan(getDb().db)).id, {
        marketingConsent: false,
      });
      await assignToBook(getDb().db, noConsent.id, agent.id);
      const marketing = await t.injectAs(agent, {
        method: 'POST',
        url: `/api/subscribers/${noConsent.id}/sms`,
        payload: {
          templateCode: 'business_revisit',
          purpose: 'marketing',
          variables: { date: '3月1日', business: '5G畅享套餐' },
        },
      });
      // Refused by the contact policy, yet written (as refused): it counts as a send.
      expect(marketing.statusCode, marketing.body).toBe(422);
      const before = await outboxRows();
      const error = expectRateLimited(await send(agent, book[2] ?? 0), 'sms.send', 3);
      expect(error.message).toContain('Too many SMS sent by hand: at most 3 per hour.');
      expect(await outboxRows()).toBe(before);
      expect(await auditCount('sms.send', 'rl-agent')).toBe(3);
      const [limited] = await queryRows<{ subscriber_id: number }>(
        getDb().engine,
        "SELECT subscriber_id::int AS subscriber_id FROM audit_log WHERE action = 'rate.limited' AND target = 'sms.send' AND actor_label = 'rl-agent'",
      );
      expect(limited?.subscriber_id).toBe(book[2]);
      expect((await send(otherAgent, book[5] ?? 0)).statusCode).toBe(201);
    });

    it('holds the limit when one sender fires many at once', async () => {
      const burst = await t.user('rl-agent-burst', 'agent', 'rl-team');
      const plan = await insertPlan(getDb().db);
      const ids: number[] = [];
      for (let i = 0; i < 8; i++) {
        const subscriber = await insertSubscriber(getDb().db, plan.id);
        await assignToBook(getDb().db, subscriber.id, burst.id);
        ids.push(subscriber.id);
      }
      const statuses = (await Promise.all(ids.map((id) => send(burst, id)))).map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
      expect(await auditCount('sms.send', 'rl-agent-burst')).toBe(3);
    });
  });

  it('declares the 429 in the OpenAPI document of every limited operation', async () => {
    const paths = (await t.inject({ method: 'GET', url: '/docs/json' })).json().paths as Record<
      string,
      Record<string, { responses: Record<string, unknown> }>
    >;
    for (const [path, method] of [
      ['/api/auth/sign-in', 'post'],
      ['/api/subscribers/{id}/unmask', 'post'],
      ['/api/subscribers/export', 'get'],
      ['/api/subscribers/{id}/sms', 'post'],
      ['/api/service-reports/bulk', 'post'],
    ] as const) {
      expect(paths[path]?.[method]?.responses, `${method} ${path}`).toHaveProperty('429');
    }
  });
});

// A database of its own: the test app's own sign-ins (from 127.0.0.1) stay well under these limits.
describeEachEngine('sign-in rate limits over HTTP', (getDb) => {
  let limited: TestApp;

  const auditCount = async (action: string, actorLabel: string) =>
    (
      await queryRows<{ n: number }>(
        getDb().engine,
        'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND actor_label = $2',
        [action, actorLabel],
      )
    )[0]?.n ?? 0;

  beforeAll(async () => {
    limited = await buildTestApp(getDb(), {
      VIPDESK_SIGN_IN_PER_USERNAME: '3',
      VIPDESK_SIGN_IN_PER_IP: '8',
      VIPDESK_SIGN_IN_WINDOW_MINUTES: '10',
      VIPDESK_SIGN_IN_MAX_FAILURES: '2',
    });
  });
  afterAll(async () => limited?.close());

  const signIn = (username: string, password: string, remoteAddress: string) =>
    limited.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username, password },
      remoteAddress,
    });
  const failedSignIns = async (username: string) =>
    (
      await queryRows<{ failed_sign_ins: number; locked_until: Date | null }>(
        getDb().engine,
        'SELECT failed_sign_ins, locked_until FROM users WHERE username = $1',
        [username],
      )
    )[0];

  it('limits attempts per username, known or not, with the same answer for both', async () => {
    await limited.user('rl-known', 'analyst');
    // Fresh addresses per username, so only the per-username limit is in play.
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push((await signIn('rl-known', TEST_PASSWORD, `10.1.0.${i + 1}`)).statusCode);
      unknown.push((await signIn('rl-nobody', TEST_PASSWORD, `10.2.0.${i + 1}`)).statusCode);
    }
    // test/support signed rl-known in once already: two more succeed, then the third is refused.
    expect(known).toEqual([200, 200, 429]);
    expect(unknown).toEqual([401, 401, 401]);
    const knownRefusal = expectRateLimited(
      await signIn('rl-known', TEST_PASSWORD, '10.1.0.9'),
      'auth.sign_in',
      3,
    );
    const unknownRefusal = expectRateLimited(
      await signIn('rl-nobody', TEST_PASSWORD, '10.2.0.9'),
      'auth.sign_in',
      3,
    );
    expect(knownRefusal.message).toContain(
      'Too many sign-in attempts for this username: at most 3 per 10 minutes.',
    );
    // Nothing in the refusal tells which of the two names exists.
    expect(unknownRefusal.message).toBe(knownRefusal.message);
    expect(unknownRefusal.details.limit).toBe(knownRefusal.details.limit);
    const refusals = await queryRows<{
      actor_label: string;
      actor_user_id: number | null;
      source_ip: string;
    }>(
      getDb().engine,
      "SELECT actor_label, actor_user_id, source_ip FROM audit_log WHERE action = 'rate.limited' AND target = 'auth.sign_in' AND actor_label IN ('rl-known', 'rl-nobody') ORDER BY id",
    );
    expect(refusals.map((r) => r.actor_label)).toEqual(['rl-known', 'rl-known', 'rl-nobody']);
    expect(refusals.every((r) => r.actor_user_id === null)).toBe(true);
    expect(refusals[1]?.source_ip).toBe('10.1.0.9');
    // A refused attempt never reached the password check.
    expect(await auditCount('auth.sign_in_failed', 'rl-nobody')).toBe(3);
  });

  it('limits attempts per source address across usernames; other addresses are unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await signIn(`rl-spray-${i}`, 'guess-password-2026', '10.3.0.1')).statusCode);
    }
    expect(statuses).toEqual(Array(8).fill(401));
    const error = expectRateLimited(
      await signIn('rl-spray-8', 'guess-password-2026', '10.3.0.1'),
      'auth.sign_in',
      8,
    );
    expect(error.message).toContain('Too many sign-in attempts from this address: at most 8 per 10 minutes.');
    const [refusal] = await queryRows<{ details: { by: string } }>(
      getDb().engine,
      "SELECT details FROM audit_log WHERE action = 'rate.limited' AND actor_label = 'rl-spray-8'",
    );
    expect(refusal?.details.by).toBe('address');
    expect((await signIn('rl-spray-8', 'guess-password-2026', '10.3.0.2')).statusCode).toBe(401);
  });

  it('stands apart from the lockout: locking still works below the limit, refusals do not lock', async () => {
    const user = await limited.user('rl-lockable', 'analyst');
    expect((await signIn(user.username, 'wrong-password-1', '10.4.0.1')).statusCode).toBe(401);
    expect((await signIn(user.username, 'wrong-password-2', '10.4.0.2')).statusCode).toBe(401);
    // Locked after two failures (the lockout's own setting), even though the limit is 3.
    expect((await failedSignIns(user.username))?.locked_until).not.toBeNull();
    expectRateLimited(await signIn(user.username, 'wrong-password-3', '10.4.0.3'), 'auth.sign_in', 3);
    expect(await auditCount('auth.sign_in_failed', user.username)).toBe(2);

    // Refused attempts do not count as wrong passwords: no lock from a flood the limit turned away.
    const fresh = await limited.user('rl-flooded', 'analyst');
    for (let i = 0; i < 2; i++) await signIn(fresh.username, TEST_PASSWORD, `10.5.0.${i + 1}`);
    for (let i = 0; i < 4; i++) {
      expect((await signIn(fresh.username, 'wrong-password', `10.5.1.${i + 1}`)).statusCode).toBe(429);
    }
    expect(await failedSignIns(fresh.username)).toEqual({ failed_sign_ins: 0, locked_until: null });
  });

  it('holds the per-username limit when attempts arrive at once', async () => {
    const statuses = (
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          signIn('rl-burst-name', 'guess-password-2026', `10.6.0.${i + 1}`),
        ),
      )
    ).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });
});
