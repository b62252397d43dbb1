import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { contracts } from '#src/db/schema/contracts';
import { complaints, serviceContacts } from '#src/db/schema/service';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';

type ListItem = { id: number; msisdnMasked: string; name: string; ownerName: string | null; city: string };
type ListPage = { items: ListItem[]; total: number; totalCapped: boolean; page: number; pageSize: number };
type AuditItem = {
  id: number;
  actorLabel: string;
  action: string;
  subscriberId: number | null;
  target: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
};

const ID_NUMBER = '32010219850615001X';
const SHOWN_ID_NUMBER = '11010519900307123X';

const TAGS = {
  personality: 'owl',
  mood: 'rational',
  purchasePsychology: 'guided',
  communicationStyle: 'visual',
  consumptionHabit: 'practical',
  complaintPsychology: null,
};

describeEachEngine('subscriber 360 and scoped access over HTTP', (getDb) => {
  let t: TestApp;
  let lead1: TestUser;
  let agent1: TestUser;
  let agent2: TestUser;
  let agent3: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;
  // Subscriber ids by who owns them.
  const ids = { a1First: 0, a1Second: 0, a2: 0, a2Formula: 0, a3: 0, unassigned: 0 };
  const msisdn = {
    a1First: '13812345678',
    a1Second: '13800001111',
    a2: '13900002222',
    a2Formula: '13900005555',
    a3: '13700003333',
    unassigned: '13600004444',
  };

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb());
    lead1 = await t.user('lead1', 'lead', 'A');
    agent1 = await t.user('agent1', 'agent', 'A');
    agent2 = await t.user('agent2', 'agent', 'A');
    agent3 = await t.user('agent3', 'agent', 'B');
    analyst = await t.user('analyst1', 'analyst');
    auditor = await t.user('auditor1', 'auditor');

    const plan = await insertPlan(db, { code: 'GT128', name: '全球通128元', monthlyFeeFen: 12800 });
    const add = async (
      key: keyof typeof ids,
      owner: TestUser | null,
      extra: Parameters<typeof insertSubscriber>[2] = {},
    ) => {
      const row = await insertSubscriber(db, plan.id, { msisdn: msisdn[key], ...extra });
      ids[key] = row.id;
      if (owner) await assignToBook(db, row.id, owner.id);
    };
    await add('a1First', agent1, { name: '王芳', city: '南京市', idNumber: SHOWN_ID_NUMBER });
    await add('a1Second', agent1, { name: '王磊', city: '苏州市', status: 'arrears_suspended' });
    await add('a2', agent2, { name: '李强', city: '南京市' });
    await add('a2Formula', agent2, { name: '=SUM(1,2)', city: '无锡市' });
    await add('a3', agent3, { name: '王强', city: '南京市' });
    await add('unassigned', null, { name: '孙丽', city: '南京市' });
  });
  afterAll(async () => t?.close());

  const get = (user: TestUser, url: string) => t.injectAs(user, { method: 'GET', url });
  const list = async (user: TestUser, query = '') => {
    const response = await get(user, `/api/subscribers?pageSize=200${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ListPage;
  };
  const idsOf = (page: ListPage) => page.items.map((i) => i.id).sort((a, b) => a - b);
  const sorted = (...values: number[]) => [...values].sort((a, b) => a - b);

  async function auditRows(filter: Record<string, string | number>): Promise<AuditItem[]> {
    const query = new URLSearchParams({ pageSize: '200' });
    for (const [key, value] of Object.entries(filter)) query.set(key, String(value));
    const response = await get(auditor, `/api/audit?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  }

  function withoutRequestId(response: LightMyRequestResponse) {
    const { requestId, ...rest } = response.json().error;
    expect(typeof requestId).toBe('string');
    return rest;
  }

  describe('subscriber list scope', () => {
    it('shows an agent only their own book', async () => {
      const page = await list(agent1);
      expect(idsOf(page)).toEqual(sorted(ids.a1First, ids.a1Second));
      expect(page.total).toBe(2);
      expect(page.totalCapped).toBe(false);
      expect(page.items.every((i) => i.ownerName === 'agent1')).toBe(true);
      expect(idsOf(await list(agent3))).toEqual([ids.a3]);
    });

    it("shows a lead their team's books and no other team's", async () => {
      const page = await list(lead1);
      expect(idsOf(page)).toEqual(sorted(ids.a1First, ids.a1Second, ids.a2, ids.a2Formula));
      expect(page.total).toBe(4);
      expect(page.items.map((i) => i.id)).not.toContain(ids.a3);
    });

    it('shows admins and analysts everyone, masked', async () => {
      const everyone = sorted(...Object.values(ids));
      const asAdmin = await list(t.admin);
      expect(idsOf(asAdmin)).toEqual(everyone);
      const asAnalyst = await list(analyst);
      expect(idsOf(asAnalyst)).toEqual(everyone);
      for (const page of [asAdmin, asAnalyst]) {
        for (const item of page.items) expect(item.msisdnMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
      }
      const body = JSON.stringify(asAnalyst);
      for (const full of Object.values(msisdn)) expect(body).not.toContain(full);
    });

    it('refuses auditors', async () => {
      const response = await get(auditor, '/api/subscribers');
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    });

    it('searches by last digits, full MSISDN and name prefix, inside the scope only', async () => {
      expect(idsOf(await list(agent1, '&q=5678'))).toEqual([ids.a1First]);
      expect(idsOf(await list(agent1, '&q=2345678'))).toEqual([ids.a1First]);
      expect(idsOf(await list(agent1, `&q=${msisdn.a1First}`))).toEqual([ids.a1First]);
      expect(idsOf(await list(agent1, `&q=${encodeURIComponent('王')}`))).toEqual(
        sorted(ids.a1First, ids.a1Second),
      );
      expect(idsOf(await list(agent1, `&q=${encodeURIComponent('王芳')}`))).toEqual([ids.a1First]);
      // Another book's number or name finds nothing for the agent...
      expect((await list(agent1, `&q=${msisdn.a3}`)).total).toBe(0);
      expect((await list(agent1, '&q=3333')).total).toBe(0);
      expect((await list(agent1, `&q=${encodeURIComponent('李')}`)).total).toBe(0);
      // ...and the lead finds their team's '王' but not team B's 王强.
      expect(idsOf(await list(lead1, `&q=${encodeURIComponent('王')}`))).toEqual(
        sorted(ids.a1First, ids.a1Second),
      );
      expect(idsOf(await list(t.admin, `&q=${encodeURIComponent('王')}`))).toEqual(
        sorted(ids.a1First, ids.a1Second, ids.a3),
      );
      expect(idsOf(await list(t.admin, '&q=3333'))).toEqual([ids.a3]);
    });

    it('filters within the scope and reports an uncapped total', async () => {
      const nanjing = await list(lead1, `&city=${encodeURIComponent('南京市')}`);
      expect(idsOf(nanjing)).toEqual(sorted(ids.a1First, ids.a2));
      expect(nanjing.totalCapped).toBe(false);
      expect(idsOf(await list(agent1, '&status=arrears_suspended'))).toEqual([ids.a1Second]);
      expect((await list(agent3, `&city=${encodeURIComponent('苏州市')}`)).total).toBe(0);
      const paged = (await get(lead1, '/api/subscribers?pageSize=3&page=2')).json() as ListPage;
      expect(paged).toMatchObject({ page: 2, pageSize: 3, total: 4, totalCapped: false });
      expect(paged.items).toHaveLength(1);
    });

    it('offers the filter choices to every searching role', async () => {
      const filters = await get(agent1, '/api/subscribers/filters');
      expect(filters.statusCode).toBe(200);
      expect(filters.json().statuses).toContain('arrears_suspended');
      expect((await get(auditor, '/api/subscribers/filters')).statusCode).toBe(403);
    });
  });

  describe('GET /api/subscribers/:id/360', () => {
    const today = () => todayIn('Asia/Shanghai');

    beforeAll(async () => {
      const { db } = getDb();
      await db.insert(contracts).values([
        {
          subscriberId: ids.a1First,
          contractNo: 'C-LATER',
          kind: 'plan_commitment',
          startDate: '2025-01-01',
          endDate: addDays(today(), 40),
        },
        {
          subscriberId: ids.a1First,
          contractNo: 'C-NEAREST',
          kind: 'handset_subsidy',
          startDate: '2025-01-01',
          endDate: addDays(today(), 10),
        },
        {
          subscriberId: ids.a1First,
          contractNo: 'C-PAST',
          kind: 'handset_subsidy',
          startDate: '2024-01-01',
          endDate: addDays(today(), -3),
        },
        {
          subscriberId: ids.a1First,
          contractNo: 'C-CANCELLED',
          kind: 'handset_subsidy',
          startDate: '2025-01-01',
          endDate: addDays(today(), 2),
          status: 'cancelled',
        },
      ]);
      await db.insert(serviceContacts).values([
        {
          subscriberId: ids.a1First,
          occurredAt: new Date('2026-01-10T02:00:00Z'),
          channel: 'phone',
          direction: 'outbound',
          type: 'care',
          agentUserId: agent1.id,
          summary: `Called back on ${msisdn.a1First}, ID ${SHOWN_ID_NUMBER} checked`,
        },
        {
          subscriberId: ids.a1First,
          occurredAt: new Date('2026-02-10T02:00:00Z'),
          channel: 'sms',
          direction: 'inbound',
          type: 'inquiry',
          summary: null,
        },
      ]);
      await db.insert(complaints).values({
        subscriberId: ids.a1First,
        complaintNo: 'TS-0001',
        openedAt: new Date('2026-02-01T03:00:00Z'),
        category: 'billing',
        status: 'open',
      });
    });

    it("shows the owner agent their subscriber's 360, masked, with plan, contract countdown and history", async () => {
      const response = await get(agent1, `/api/subscribers/${ids.a1First}/360`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.profile).toMatchObject({
        id: ids.a1First,
        msisdnMasked: '138****5678',
        idNumberMasked: '110***********123X',
        name: '王芳',
        city: '南京市',
        status: 'active',
      });
      expect(body.profile.tenureMonths).toBeGreaterThan(12);
      expect(body.owner).toMatchObject({ userId: agent1.id, displayName: 'agent1', teamName: 'A' });
      expect(body.plan).toMatchObject({ code: 'GT128', name: '全球通128元', monthlyFeeFen: 12800 });
      expect(body.contract).toEqual({
        contractNo: 'C-NEAREST',
        kind: 'handset_subsidy',
        endDate: addDays(today(), 10),
        daysLeft: 10,
      });
      expect(body.score).toBeNull();
      expect(body.can).toEqual({ unmask: true, editTags: true });
      expect(body.tags).toMatchObject({ personality: null, updatedAt: null, updatedBy: null });

      expect(body.contacts).toHaveLength(2);
      expect(body.contacts.map((c: { type: string }) => c.type)).toEqual(['inquiry', 'care']);
      expect(body.contacts[1].agentName).toBe('agent1');
      expect(body.contacts[1].summary).toContain('138****5678');
      expect(body.tickets).toEqual([
        expect.objectContaining({
          complaintNo: 'TS-0001',
          category: 'billing',
          status: 'open',
          resolvedAt: null,
        }),
      ]);

      expect(response.body).not.toContain(msisdn.a1First);
      expect(response.body).not.toContain(SHOWN_ID_NUMBER);
      expect(response.body).not.toContain(ID_NUMBER);

      const views = await auditRows({
        action: 'subscriber.view',
        subscriberId: ids.a1First,
        actor: 'agent1',
      });
      expect(views.length).toBeGreaterThanOrEqual(1);
    });

    it('gives empty contacts and tickets and no contract when there are none', async () => {
      const response = await get(agent1, `/api/subscribers/${ids.a1Second}/360`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.contacts).toEqual([]);
      expect(body.tickets).toEqual([]);
      expect(body.contract).toBeNull();
      expect(body.profile.msisdnMasked).toBe('138****1111');
      expect(body.profile.idNumberMasked).toBe('320***********001X');
      expect(response.body).not.toContain(msisdn.a1Second);
      expect(response.body).not.toContain(ID_NUMBER);
    });

    it('lets the lead and the admin view and unmask but not edit tags', async () => {
      for (const user of [lead1, t.admin]) {
        const response = await get(user, `/api/subscribers/${ids.a1First}/360`);
        expect(response.statusCode, user.username).toBe(200);
        expect(response.json().can).toEqual({ unmask: true, editTags: false });
      }
      // The agent who owns another subscriber cannot edit this one's tags, and cannot even see it.
      expect((await get(agent2, `/api/subscribers/${ids.a2}/360`)).json().can.editTags).toBe(true);
    });

    it('refuses analysts and auditors with 403', async () => {
      for (const user of [analyst, auditor]) {
        const response = await get(user, `/api/subscribers/${ids.a1First}/360`);
        expect(response.statusCode, user.username).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    });

    it("answers another book's id exactly as a missing id, and audits the denial", async () => {
      const before = await auditRows({ action: 'access.denied', subscriberId: ids.a3 });
      const other = await get(agent1, `/api/subscribers/${ids.a3}/360`);
      const missing = await get(agent1, '/api/subscribers/987654321/360');
      expect(other.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(withoutRequestId(other)).toEqual(withoutRequestId(missing));
      expect(withoutRequestId(other).code).toBe('NOT_FOUND');
      expect(other.body).not.toContain(msisdn.a3);
      expect(other.body).not.toContain('王强');

      const after = await auditRows({ action: 'access.denied', subscriberId: ids.a3 });
      expect(after.length).toBe(before.length + 1);
      expect(after[0]).toMatchObject({ actorLabel: 'agent1', subscriberId: ids.a3, action: 'access.denied' });
      // A missing id is nobody's subscriber: nothing to deny.
      expect(await auditRows({ action: 'access.denied', subscriberId: 987654321 })).toEqual([]);

      const rows = await queryRows<{ n: number }>(
        getDb().engine,
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND subscriber_id = $1 AND actor_user_id = $2",
        [ids.a3, agent1.id],
      );
      expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
    });

    it('keeps a lead out of other teams and an agent out of a teammate’s book', async () => {
      expect((await get(lead1, `/api/subscribers/${ids.a3}/360`)).statusCode).toBe(404);
      expect((await get(agent2, `/api/subscribers/${ids.a1First}/360`)).statusCode).toBe(404);
      expect((await get(agent1, `/api/subscribers/${ids.unassigned}/360`)).statusCode).toBe(404);
      expect((await get(lead1, `/api/subscribers/${ids.a2}/360`)).statusCode).toBe(200);
      expect((await get(t.admin, `/api/subscribers/${ids.a3}/360`)).statusCode).toBe(200);
      // The older detail endpoint has the same scope.
      expect((await get(agent1, `/api/subscribers/${ids.a3}`)).statusCode).toBe(404);
      expect((await get(agent1, `/api/subscribers/${ids.a1First}`)).statusCode).toBe(200);
    });
  });

  describe('unmask', () => {
    const unmask = (user: TestUser, id: number, payload: Record<string, unknown>) =>
      t.injectAs(user, { method: 'POST', url: `/api/subscribers/${id}/unmask`, payload });

    it('requires a reason of at least 5 characters and at least one field', async () => {
      const short = await unmask(agent1, ids.a1First, { reason: 'abc', fields: ['msisdn'] });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.code).toBe('VALIDATION_FAILED');
      expect(short.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.reason');
      const blank = await unmask(agent1, ids.a1First, { reason: '       ', fields: ['msisdn'] });
      expect(blank.statusCode).toBe(400);
      const missing = await unmask(agent1, ids.a1First, { fields: ['msisdn'] });
      expect(missing.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.reason');
      const noFields = await unmask(agent1, ids.a1First, { reason: 'customer callback', fields: [] });
      expect(noFields.statusCode).toBe(400);
      expect(noFields.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.fields');
      for (const response of [short, blank, missing, noFields]) {
        expect(response.body).not.toContain(msisdn.a1First);
      }
    });

    it('reveals the full values for a reason and records it in the audit log first', async () => {
      const reason = 'Customer asked for a callback on another line';
      const response = await unmask(agent1, ids.a1First, { reason, fields: ['msisdn', 'idNumber'] });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.json();
      expect(body.msisdn).toBe(msisdn.a1First);
      expect(body.idNumber).toBe(SHOWN_ID_NUMBER);
      expect(typeof body.auditId).toBe('number');

      const only = await unmask(agent1, ids.a1First, { reason, fields: ['msisdn'] });
      expect(only.json().msisdn).toBe(msisdn.a1First);
      expect(only.json()).not.toHaveProperty('idNumber');

      const entries = await auditRows({ subscriberId: ids.a1First, action: 'subscriber.unmask' });
      const entry = entries.find((e) => e.id === body.auditId);
      expect(entry).toMatchObject({
        actorLabel: 'agent1',
        action: 'subscriber.unmask',
        subscriberId: ids.a1First,
        reason,
        details: { fields: ['msisdn', 'idNumber'] },
      });
      // The audit log names the subscriber by id, never by the revealed values.
      const audit = await get(auditor, `/api/audit?subscriberId=${ids.a1First}`);
      expect(audit.body).not.toContain(msisdn.a1First);
    });

    it("lets the lead unmask their team's subscribers but not another team's", async () => {
      const ok = await unmask(lead1, ids.a2, { reason: 'escalated complaint', fields: ['msisdn'] });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().msisdn).toBe(msisdn.a2);
      const other = await unmask(lead1, ids.a3, { reason: 'escalated complaint', fields: ['msisdn'] });
      expect(other.statusCode).toBe(404);
      expect(other.body).not.toContain(msisdn.a3);
      const denied = await auditRows({ action: 'access.denied', subscriberId: ids.a3, actor: 'lead1' });
      expect(denied.map((d) => d.target)).toContain('subscriber.unmask');
      expect(await auditRows({ action: 'subscriber.unmask', subscriberId: ids.a3 })).toEqual([]);
    });

    it('refuses roles without the unmask permission', async () => {
      for (const user of [analyst, auditor]) {
        const response = await unmask(user, ids.a1First, { reason: 'just curious', fields: ['msisdn'] });
        expect(response.statusCode).toBe(403);
        expect(response.body).not.toContain(msisdn.a1First);
      }
    });

    it('limits unmasking per user and hour, and audits the refusal', async () => {
      const limited = await buildTestApp(getDb(), {
        VIPDESK_UNMASK_PER_HOUR: '2',
        VIPDESK_EXPORT_PER_DAY: '1',
      });
      try {
        const agent = await limited.user('agent-limited', 'agent', 'L');
        const sub = await insertSubscriber(getDb().db, (await insertPlan(getDb().db)).id, {
          msisdn: '13500006666',
          name: '周杰',
        });
        await assignToBook(getDb().db, sub.id, agent.id);
        const call = () =>
          limited.injectAs(agent, {
            method: 'POST',
            url: `/api/subscribers/${sub.id}/unmask`,
            payload: { reason: 'callback requested', fields: ['msisdn'] },
          });
        expect((await call()).statusCode).toBe(200);
        expect((await call()).statusCode).toBe(200);
        const third = await call();
        expect(third.statusCode).toBe(429);
        expect(third.json().error.code).toBe('RATE_LIMITED');
        expect(third.body).not.toContain('13500006666');
        expect((await call()).statusCode).toBe(429);

        const limitedRows = await auditRows({ action: 'rate.limited', actor: 'agent-limited' });
        expect(limitedRows).toHaveLength(2);
        expect(limitedRows[0]).toMatchObject({ subscriberId: sub.id, target: 'subscriber.unmask' });
        expect(await auditRows({ action: 'subscriber.unmask', actor: 'agent-limited' })).toHaveLength(2);

        // Another user's allowance is their own.
        const other = await limited.user('agent-limited-2', 'agent', 'L');
        await assignToBook(getDb().db, sub.id, other.id);
        const theirs = await limited.injectAs(other, {
          method: 'POST',
          url: `/api/subscribers/${sub.id}/unmask`,
          payload: { reason: 'callback requested', fields: ['msisdn'] },
        });
        expect(theirs.statusCode).toBe(200);

        // Exports are limited per day the same way.
        const lead = await limited.user('lead-limited', 'lead', 'L');
        const exportOnce = () =>
          limited.injectAs(lead, { method: 'GET', url: '/api/subscribers/export?reason=monthly%20review' });
        expect((await exportOnce()).statusCode).toBe(200);
        const second = await exportOnce();
        expect(second.statusCode).toBe(429);
        expect(second.json().error.code).toBe('RATE_LIMITED');
        expect(await auditRows({ action: 'subscriber.export', actor: 'lead-limited' })).toHaveLength(1);
        expect(await auditRows({ action: 'rate.limited', actor: 'lead-limited' })).toHaveLength(1);
      } finally {
        await limited.close();
      }
    });

    it('holds the limit when one user sends many unmask requests at once', async () => {
      const limited = await buildTestApp(getDb(), { VIPDESK_UNMASK_PER_HOUR: '3' });
      try {
        const agent = await limited.user('agent-burst', 'agent', 'L');
        const sub = await insertSubscriber(getDb().db, (await insertPlan(getDb().db)).id, { name: '吴桐' });
        await assignToBook(getDb().db, sub.id, agent.id);
        const statuses = await Promise.all(
          Array.from({ length: 12 }, () =>
            limited.injectAs(agent, {
              method: 'POST',
              url: `/api/subscribers/${sub.id}/unmask`,
              payload: { reason: 'callback requested', fields: ['msisdn'] },
            }),
          ),
        );
        const codes = statuses.map((r) => r.statusCode).sort();
        expect(codes.filter((c) => c === 200)).toHaveLength(3);
        expect(codes.filter((c) => c === 429)).toHaveLength(9);
        expect(await auditRows({ action: 'subscriber.unmask', actor: 'agent-burst' })).toHaveLength(3);
      } finally {
        await limited.close();
      }
    });
  });

  describe('call tags', () => {
    const putTags = (user: TestUser, id: number, payload: Record<string, unknown>) =>
      t.injectAs(user, { method: 'PUT', url: `/api/subscribers/${id}/tags`, payload });

    it('lets the owning agent save tags, shown on the 360 with who saved them', async () => {
      const saved = await putTags(agent1, ids.a1First, TAGS);
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ ...TAGS, updatedBy: 'agent1' });
      expect(saved.json().updatedAt).not.toBeNull();

      const view = await get(lead1, `/api/subscribers/${ids.a1First}/360`);
      expect(view.json().tags).toMatchObject({ ...TAGS, updatedBy: 'agent1' });

      const changed = await putTags(agent1, ids.a1First, { ...TAGS, mood: 'angry', personality: null });
      expect(changed.json()).toMatchObject({ mood: 'angry', personality: null });
      expect((await get(agent1, `/api/subscribers/${ids.a1First}/360`)).json().tags.mood).toBe('angry');

      const audited = await auditRows({ action: 'subscriber.tags', subscriberId: ids.a1First });
      expect(audited.length).toBe(2);
      expect(audited[0]?.details).toMatchObject({ mood: 'angry' });
    });

    it('answers 404 to an agent outside the book and 403 to a lead, changing nothing', async () => {
      const before = (await get(agent2, `/api/subscribers/${ids.a2}/360`)).json().tags;
      const outsider = await putTags(agent1, ids.a2, TAGS);
      expect(outsider.statusCode).toBe(404);
      expect(outsider.json().error.code).toBe('NOT_FOUND');
      const lead = await putTags(lead1, ids.a2, TAGS);
      expect(lead.statusCode).toBe(403);
      expect(lead.json().error.code).toBe('FORBIDDEN');
      const admin = await putTags(t.admin, ids.a2, TAGS);
      expect(admin.statusCode).toBe(403);
      expect((await get(agent2, `/api/subscribers/${ids.a2}/360`)).json().tags).toEqual(before);
      expect(await auditRows({ action: 'subscriber.tags', subscriberId: ids.a2 })).toEqual([]);
    });

    it('refuses an unknown tag code or a missing field with its path', async () => {
      const bad = await putTags(agent1, ids.a1Second, { ...TAGS, personality: 'lion' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
      expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.personality');
      const { mood: _mood, ...withoutMood } = TAGS;
      const missing = await putTags(agent1, ids.a1Second, withoutMood);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.mood');
      expect((await get(agent1, `/api/subscribers/${ids.a1Second}/360`)).json().tags.updatedAt).toBeNull();
    });
  });

  describe('export', () => {
    const exportAs = (user: TestUser, query: string) =>
      t.injectAs(user, { method: 'GET', url: `/api/subscribers/export?${query}` });

    it("exports the lead's team with full numbers as CSV, audited with the row count", async () => {
      const reason = 'Quarterly retention review';
      const response = await exportAs(lead1, `reason=${encodeURIComponent(reason)}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/attachment/);
      const lines = response.body.split('\n').filter((line) => line.length > 0);
      const [header, ...data] = lines;
      expect(header).toBe('id,msisdn,name,id_number,city,district,vip_level,status,plan_code');
      expect(data).toHaveLength(4);
      for (const full of [msisdn.a1First, msisdn.a1Second, msisdn.a2, msisdn.a2Formula]) {
        expect(response.body).toContain(full);
      }
      expect(response.body).not.toContain(msisdn.a3);
      expect(response.body).not.toContain(msisdn.unassigned);
      expect(response.body).toContain(SHOWN_ID_NUMBER);
      // A name that looks like a formula is defused for spreadsheets.
      const formulaLine = data.find((line) => line.startsWith(`${ids.a2Formula},`));
      expect(formulaLine).toContain(`"'=SUM(1,2)"`);

      const entries = await auditRows({ action: 'subscriber.export', actor: 'lead1' });
      expect(entries).toHaveLength(1);
      expect(entries[0]?.reason).toBe(reason);
      expect(entries[0]?.details?.rows).toBe(data.length);
    });

    it('applies the list filters to the export', async () => {
      const response = await exportAs(
        lead1,
        `reason=${encodeURIComponent('Nanjing campaign')}&city=${encodeURIComponent('南京市')}`,
      );
      expect(response.statusCode).toBe(200);
      const data = response.body
        .split('\n')
        .slice(1)
        .filter((line) => line.length > 0);
      expect(data.map((line) => Number(line.split(',')[0])).sort((a, b) => a - b)).toEqual(
        sorted(ids.a1First, ids.a2),
      );
      const [latest] = await auditRows({ action: 'subscriber.export', actor: 'lead1' });
      expect(latest?.details?.rows).toBe(2);
      expect(latest?.details?.filters).toMatchObject({ city: '南京市' });
    });

    it('never records a searched number in the export audit', async () => {
      const response = await exportAs(lead1, `reason=${encodeURIComponent('callback list')}&q=${msisdn.a2}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(msisdn.a2);
      const [latest] = await auditRows({ action: 'subscriber.export', actor: 'lead1' });
      expect(latest?.details?.rows).toBe(1);
      expect(JSON.stringify(latest)).not.toContain(msisdn.a2);
    });

    it('refuses agents, analysts and auditors, and needs a reason', async () => {
      for (const user of [agent1, analyst, auditor]) {
        const response = await exportAs(user, 'reason=I%20want%20it');
        expect(response.statusCode, user.username).toBe(403);
        expect(response.body).not.toContain(msisdn.a1First);
      }
      const missing = await exportAs(lead1, '');
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.issues.map((i: { path: string }) => i.path)).toContain(
        'querystring.reason',
      );
      const short = await exportAs(lead1, 'reason=abc');
      expect(short.statusCode).toBe(400);
      expect(await auditRows({ action: 'subscriber.export', actor: 'agent1' })).toEqual([]);
    });
  });
});
