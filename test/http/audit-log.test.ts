import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { auditLog } from '#src/db/schema/audit';
import { todayIn } from '#src/lib/time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';

type AuditItem = {
  id: number;
  occurredAt: string;
  actorLabel: string;
  action: string;
  subscriberId: number | null;
  target: string | null;
  sourceIp: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
};
type AuditPage = { items: AuditItem[]; page: number; pageSize: number; total: number };

describeEachEngine('audit log', (getDb) => {
  let t: TestApp;
  let auditor: TestUser;
  let agent: TestUser;
  let subscriberId = 0;
  const datedIds: number[] = [];

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb());
    auditor = await t.user('audit-auditor', 'auditor');
    agent = await t.user('audit-agent', 'agent', 'Audit team');
    const plan = await insertPlan(db);
    const subscriber = await insertSubscriber(db, plan.id, { msisdn: '13812340000', name: '钱多' });
    subscriberId = subscriber.id;
    await assignToBook(db, subscriber.id, agent.id);

    // Real activity through the API...
    expect(
      (await t.injectAs(agent, { method: 'GET', url: `/api/subscribers/${subscriberId}/360` })).statusCode,
    ).toBe(200);
    const unmask = await t.injectAs(agent, {
      method: 'POST',
      url: `/api/subscribers/${subscriberId}/unmask`,
      payload: { reason: 'customer asked for a callback', fields: ['msisdn'] },
    });
    expect(unmask.statusCode).toBe(200);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'audit-agent', password: 'not-the-password' },
    });

    // ...and entries on known past days, for the date filters (inserting is what the log allows).
    for (const occurredAt of ['2026-01-05T10:00:00Z', '2026-01-10T10:00:00Z', '2026-01-20T23:30:00Z']) {
      const [row] = await db
        .insert(auditLog)
        .values({
          occurredAt: new Date(occurredAt),
          actorUserId: null,
          actorLabel: 'dated-import',
          action: 'user.create',
          target: `dated:${occurredAt}`,
        })
        .returning({ id: auditLog.id });
      if (row) datedIds.push(row.id);
    }
  });
  afterAll(async () => t?.close());

  const search = async (query: string, as: TestUser = auditor): Promise<AuditPage> => {
    const response = await t.injectAs(as, { method: 'GET', url: `/api/audit?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  const countRows = async () =>
    (await queryRows<{ n: number }>(getDb().engine, 'SELECT count(*)::int AS n FROM audit_log'))[0]?.n ?? 0;

  describe('append-only', () => {
    it.each([
      ['UPDATE', "UPDATE audit_log SET reason = 'x'"],
      [
        'UPDATE of one row',
        "UPDATE audit_log SET actor_label = 'someone else' WHERE id = (SELECT min(id) FROM audit_log)",
      ],
      ['DELETE', 'DELETE FROM audit_log'],
      ['DELETE of one row', 'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)'],
      ['TRUNCATE', 'TRUNCATE audit_log'],
      ['TRUNCATE ... CASCADE', 'TRUNCATE audit_log RESTART IDENTITY CASCADE'],
    ])('refuses %s and keeps every row', async (_name, statement) => {
      const before = await queryRows<{ id: number; reason: string | null; actor_label: string }>(
        getDb().engine,
        'SELECT id, reason, actor_label FROM audit_log ORDER BY id',
      );
      expect(before.length).toBeGreaterThan(5);
      await expect(queryRows(getDb().engine, statement)).rejects.toThrow(/append-only/);
      const after = await queryRows<{ id: number; reason: string | null; actor_label: string }>(
        getDb().engine,
        'SELECT id, reason, actor_label FROM audit_log ORDER BY id',
      );
      expect(after).toEqual(before);
      expect(after.some((row) => row.reason === 'x')).toBe(false);
    });

    it('refuses updates and deletes made through the ORM too', async () => {
      const { db } = getDb();
      const before = await countRows();
      const [first] = datedIds;
      if (first === undefined) throw new Error('no dated rows');
      await expect(
        db.update(auditLog).set({ reason: 'tampered' }).where(eq(auditLog.id, first)),
      ).rejects.toThrow();
      await expect(db.delete(auditLog).where(eq(auditLog.id, first))).rejects.toThrow();
      expect(await countRows()).toBe(before);
      const [row] = await db.select().from(auditLog).where(eq(auditLog.id, first));
      expect(row?.reason).toBeNull();
    });

    it('still accepts new entries after refusing changes', async () => {
      const before = await countRows();
      const response = await t.injectAs(agent, {
        method: 'GET',
        url: `/api/subscribers/${subscriberId}/360`,
      });
      expect(response.statusCode).toBe(200);
      expect(await countRows()).toBe(before + 1);
    });
  });

  describe('GET /api/audit', () => {
    it('lists everything newest first with the total', async () => {
      const page = await search('pageSize=200');
      expect(page.total).toBe(await countRows());
      expect(page.items).toHaveLength(page.total);
      const ids = page.items.map((i) => i.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(page).toMatchObject({ page: 1, pageSize: 200 });
      const actions = new Set(page.items.map((i) => i.action));
      for (const action of ['auth.sign_in', 'auth.sign_in_failed', 'subscriber.view', 'subscriber.unmask']) {
        expect(actions).toContain(action);
      }
    });

    it('pages without gaps or overlaps', async () => {
      const all = await search('pageSize=200');
      const pageSize = 3;
      const seen: number[] = [];
      for (let page = 1; page <= Math.ceil(all.total / pageSize); page++) {
        const result = await search(`pageSize=${pageSize}&page=${page}`);
        expect(result).toMatchObject({ page, pageSize, total: all.total });
        expect(result.items.length).toBeLessThanOrEqual(pageSize);
        seen.push(...result.items.map((i) => i.id));
      }
      expect(seen).toEqual(all.items.map((i) => i.id));
      const beyond = await search(`pageSize=${pageSize}&page=${Math.ceil(all.total / pageSize) + 1}`);
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(all.total);
    });

    it('filters by actor', async () => {
      const page = await search('actor=audit-agent&pageSize=200');
      expect(page.items.length).toBeGreaterThanOrEqual(4);
      expect(page.items.every((i) => i.actorLabel === 'audit-agent')).toBe(true);
      expect(page.total).toBe(page.items.length);
      expect(page.items.map((i) => i.action)).toEqual(
        expect.arrayContaining(['auth.sign_in_failed', 'subscriber.unmask']),
      );
      expect((await search('actor=nobody-like-this')).total).toBe(0);
    });

    it('filters by action', async () => {
      const page = await search('action=subscriber.unmask');
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({
        actorLabel: 'audit-agent',
        subscriberId,
        reason: 'customer asked for a callback',
        details: { fields: ['msisdn'] },
      });
      const failed = await search('action=auth.sign_in_failed');
      expect(failed.items.every((i) => i.action === 'auth.sign_in_failed')).toBe(true);
      expect(failed.items[0]?.details).toMatchObject({ why: 'wrong password' });
    });

    it('filters by subscriber, and combines filters', async () => {
      const page = await search(`subscriberId=${subscriberId}&pageSize=200`);
      expect(page.items.length).toBeGreaterThanOrEqual(3);
      expect(page.items.every((i) => i.subscriberId === subscriberId)).toBe(true);
      const views = await search(`subscriberId=${subscriberId}&action=subscriber.view&actor=audit-agent`);
      expect(views.items.every((i) => i.action === 'subscriber.view')).toBe(true);
      expect(views.total).toBe(page.items.filter((i) => i.action === 'subscriber.view').length);
      expect((await search(`subscriberId=${subscriberId}&actor=audit-auditor`)).total).toBe(0);
    });

    it('filters by day: from and to are inclusive days in the business time zone (Asia/Shanghai)', async () => {
      const targets = async (query: string) =>
        (await search(`${query}&actor=dated-import&pageSize=200`)).items.map((i) => i.target);
      // 2026-01-20T23:30Z is 07:30 on the 21st in Shanghai.
      expect(await targets('from=2026-01-21&to=2026-01-21')).toEqual(['dated:2026-01-20T23:30:00Z']);
      expect(await targets('from=2026-01-06&to=2026-01-21')).toEqual([
        'dated:2026-01-20T23:30:00Z',
        'dated:2026-01-10T10:00:00Z',
      ]);
      expect(await targets('from=2026-01-05&to=2026-01-05')).toEqual(['dated:2026-01-05T10:00:00Z']);
      expect(await targets('to=2026-01-09')).toEqual(['dated:2026-01-05T10:00:00Z']);
      expect(await targets('from=2026-01-22')).toEqual([]);
      expect(await targets('from=2026-01-01')).toHaveLength(3);
      // Everything from today on excludes the dated entries but includes the live ones.
      const today = todayIn('Asia/Shanghai');
      const live = await search(`from=${today}&pageSize=200`);
      expect(live.items.some((i) => i.actorLabel === 'dated-import')).toBe(false);
      expect(live.items.some((i) => i.action === 'subscriber.unmask')).toBe(true);
    });

    it('refuses malformed filters with their field', async () => {
      const issues = async (query: string) => {
        const response = await t.injectAs(auditor, { method: 'GET', url: `/api/audit?${query}` });
        expect(response.statusCode, query).toBe(400);
        return response.json().error.issues.map((i: { path: string }) => i.path);
      };
      expect(await issues('action=subscriber.delete')).toContain('querystring.action');
      expect(await issues('from=2026-13-01')).toContain('querystring.from');
      expect(await issues('from=2026-02-01&to=2026-01-01')).toContain('querystring.to');
      expect(await issues('pageSize=0')).toContain('querystring.pageSize');
      expect(await issues('subscriberId=abc')).toContain('querystring.subscriberId');
    });

    it('is for the audit.read permission only', async () => {
      expect((await search('pageSize=1', t.admin)).total).toBeGreaterThan(0);
      const refused = await t.injectAs(agent, { method: 'GET', url: '/api/audit' });
      expect(refused.statusCode).toBe(403);
      expect((await t.injectAs(null, { method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
    });
  });
});
