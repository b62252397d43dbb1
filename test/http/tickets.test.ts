import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '#src/db/schema/audit';
import { complaints } from '#src/db/schema/service';
import { ticketEvents, tickets } from '#src/db/schema/tickets';
import { DEFAULT_BUSINESS_CALENDAR } from '#src/features/tickets/sla/business-calendar';
import { readSlaClock } from '#src/features/tickets/sla/sla-clock';
import { DEFAULT_SLA_MATRIX, slaTermsFor } from '#src/features/tickets/sla/sla-matrix';
import { startSlaSweep, sweepSlaClocks } from '#src/features/tickets/sla-sweep';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { openTestTicket } from '#test/support/ticket-factory';

type Detail = {
  id: number;
  ticketNo: string;
  subscriberId: number;
  subscriberName: string;
  msisdnMasked: string;
  category: string;
  title: string;
  description: string | null;
  status: string;
  groupId: number | null;
  groupName: string;
  assigneeUserId: number | null;
  openedAt: string;
  dueAt: string;
  slaState: string;
  escalationLevel: string;
  version: number;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  sla: { state: string; limitMinutes: number; pauses: { pausedAt: string; resumedAt: string | null }[] };
  events: { kind: string; actorName: string | null; details: Record<string, unknown> }[];
};
type Group = {
  id: number;
  name: string;
  members: { userId: number; capacity: number; openTickets: number }[];
};
type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };

const GULOU_GRID = '网格工程师（鼓楼区）';

describeEachEngine('tickets over HTTP', (getDb) => {
  let t: TestApp;
  let lead: TestUser;
  let agentA: TestUser;
  let agentB: TestUser;
  let engineer1: TestUser;
  let engineer2: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;
  let gridGroupId = 0;
  let planId = 0;
  /** Gold, 南京市鼓楼区, in agent A's book. */
  let ownSubscriber = 0;
  /** In agent B's book. */
  let otherSubscriber = 0;

  const body = (response: LightMyRequestResponse) => response.json();
  const issuesOf = (response: LightMyRequestResponse) => (body(response) as ErrorBody).error.issues ?? [];

  async function createAs(
    user: TestUser,
    subscriberId: number,
    payload: object,
  ): Promise<LightMyRequestResponse> {
    return t.injectAs(user, { method: 'POST', url: `/api/subscribers/${subscriberId}/tickets`, payload });
  }

  async function detailAs(user: TestUser, id: number): Promise<LightMyRequestResponse> {
    return t.injectAs(user, { method: 'GET', url: `/api/tickets/${id}` });
  }

  beforeAll(async () => {
    const handle = getDb();
    t = await buildTestApp(handle);
    lead = await t.user('tk-lead', 'lead', 'Team A');
    agentA = await t.user('tk-agent-a', 'agent', 'Team A');
    agentB = await t.user('tk-agent-b', 'agent', 'Team B');
    engineer1 = await t.user('tk-engineer-1', 'agent', 'Grid');
    engineer2 = await t.user('tk-engineer-2', 'agent', 'Grid');
    analyst = await t.user('tk-analyst', 'analyst');
    auditor = await t.user('tk-auditor', 'auditor');
    planId = (await insertPlan(handle.db)).id;
    ownSubscriber = (await insertSubscriber(handle.db, planId, { name: '王小明', vipLevel: 'gold' })).id;
    otherSubscriber = (await insertSubscriber(handle.db, planId, { vipLevel: 'silver' })).id;
    await assignToBook(handle.db, ownSubscriber, agentA.id);
    await assignToBook(handle.db, otherSubscriber, agentB.id);

    const created = await t.injectAs(analyst, {
      method: 'POST',
      url: '/api/service-groups',
      payload: { name: GULOU_GRID },
    });
    expect(created.statusCode).toBe(201);
    gridGroupId = (body(created) as Group).id;
    const put = await t.injectAs(analyst, {
      method: 'PUT',
      url: `/api/service-groups/${gridGroupId}`,
      payload: {
        leadUserId: lead.id,
        managerUserId: t.admin.id,
        members: [
          { userId: engineer1.id, capacity: 5 },
          { userId: engineer2.id, capacity: 5 },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('opening', () => {
    it('dispatches a broadband fault to the district grid, assigns by load and starts the SLA clock', async () => {
      const response = await createAs(agentA, ownSubscriber, {
        category: 'broadband_fault.outage',
        title: '家里宽带断网',
        description: '客户说回拨 13912345678 联系',
      });
      expect(response.statusCode).toBe(201);
      const ticket = body(response) as Detail;
      expect(response.headers.etag).toBe('"1"');
      expect(ticket.ticketNo).toBe(`T${String(ticket.id).padStart(6, '0')}`);
      expect(ticket.groupName).toBe(GULOU_GRID);
      expect(ticket.groupId).toBe(gridGroupId);
      // Both engineers carry nothing: the tie goes to the lower user id.
      expect(ticket.assigneeUserId).toBe(Math.min(engineer1.id, engineer2.id));
      expect(ticket.subscriberName).toBe('王**');
      expect(ticket.description).toBe('客户说回拨 139****5678 联系');
      expect(ticket.events.map((e) => e.kind)).toEqual(['opened', 'dispatched', 'assigned']);

      const terms = slaTermsFor(DEFAULT_SLA_MATRIX, 'gold', 'broadband_fault');
      const clock = readSlaClock({
        openedAt: new Date(ticket.openedAt),
        terms,
        calendar: DEFAULT_BUSINESS_CALENDAR,
        now: new Date(),
      });
      expect(ticket.dueAt).toBe(clock.dueAt.toISOString());
      expect(ticket.sla.limitMinutes).toBe(terms.limitMinutes);
      expect(ticket.slaState).toBe('on_track');

      const [stored] = await getDb().db.select().from(tickets).where(eq(tickets.id, ticket.id));
      expect(stored?.dueAt.toISOString()).toBe(clock.dueAt.toISOString());
      expect(stored?.slaTerms).toEqual(terms);
      const audits = await getDb()
        .db.select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'ticket.open'), eq(auditLog.subscriberId, ownSubscriber)));
      expect(audits).toHaveLength(1);
    });

    it('assigns the next ticket to the member with the lower load', async () => {
      const first = await createAs(agentA, ownSubscriber, {
        category: 'broadband_fault.slow',
        title: '网速慢',
      });
      expect((body(first) as Detail).assigneeUserId).toBe(Math.max(engineer1.id, engineer2.id));
      const groups = body(await t.injectAs(agentA, { method: 'GET', url: '/api/service-groups' })) as Group[];
      const grid = groups.find((g) => g.id === gridGroupId);
      expect(grid?.members.map((m) => m.openTickets)).toEqual([1, 1]);
    });

    it('routes by category: plan change to online service, charges to the billing desk', async () => {
      const plan = body(
        await createAs(agentA, ownSubscriber, { category: 'plan_change.change', title: '改套餐' }),
      ) as Detail;
      expect(plan.groupName).toBe('在线客服');
      expect(plan.assigneeUserId).toBeNull();
      expect(plan.sla.limitMinutes).toBe(20);
      const bill = body(
        await createAs(agentA, ownSubscriber, { category: 'billing_dispute', title: '扣费' }),
      ) as Detail;
      expect(bill.groupName).toBe('计费核查组');
    });

    it('routes by district: a subscriber elsewhere goes to their own district grid, none to the default group', async () => {
      const xuanwu = (await insertSubscriber(getDb().db, planId, { district: '玄武区' })).id;
      const nowhere = (await insertSubscriber(getDb().db, planId, { district: null })).id;
      const a = body(
        await t.inject({
          method: 'POST',
          url: `/api/subscribers/${xuanwu}/tickets`,
          payload: { category: 'network_signal', title: '没信号' },
        }),
      );
      expect((a as Detail).groupName).toBe('网格工程师（玄武区）');
      const b = body(
        await t.inject({
          method: 'POST',
          url: `/api/subscribers/${nowhere}/tickets`,
          payload: { category: 'network_signal', title: '没信号' },
        }),
      );
      expect((b as Detail).groupName).toBe('综合客服组');
    });

    it('names the field of a bad category', async () => {
      const response = await createAs(agentA, ownSubscriber, { category: 'teleportation', title: 'x' });
      expect(response.statusCode).toBe(400);
      expect(issuesOf(response)[0]?.path).toBe('category');
      const missing = await createAs(agentA, ownSubscriber, { category: 'other' });
      expect(missing.statusCode).toBe(400);
      expect(issuesOf(missing)[0]?.path).toBe('body.title');
    });

    it('refuses a subscriber outside my scope (404) and roles that do not work tickets (403)', async () => {
      expect((await createAs(agentB, ownSubscriber, { category: 'other', title: 'x' })).statusCode).toBe(404);
      expect((await createAs(analyst, ownSubscriber, { category: 'other', title: 'x' })).statusCode).toBe(
        403,
      );
      expect((await createAs(auditor, ownSubscriber, { category: 'other', title: 'x' })).statusCode).toBe(
        403,
      );
      expect((await t.injectAs(null, { method: 'GET', url: '/api/tickets' })).statusCode).toBe(401);
    });
  });

  describe('reading within ticket scope', () => {
    let ticketId = 0;
    beforeAll(async () => {
      ticketId = (
        await openTestTicket(getDb().db, {
          subscriberId: ownSubscriber,
          category: 'broadband_fault.optical_modem',
        })
      ).id;
    });

    it('shows the ticket to its owner, their lead, the group and admins, and 404 to anyone else', async () => {
      for (const user of [agentA, lead, engineer1, engineer2, t.admin]) {
        const response = await detailAs(user, ticketId);
        expect(response.statusCode, user.username).toBe(200);
        expect(response.headers.etag).toBe('"1"');
      }
      expect((await detailAs(agentB, ticketId)).statusCode).toBe(404);
      expect((await detailAs(agentA, 999_999)).statusCode).toBe(404);
      expect((await detailAs(analyst, ticketId)).statusCode).toBe(403);
    });

    it('lists only what is in scope, filtered in SQL', async () => {
      const other = await openTestTicket(getDb().db, { subscriberId: otherSubscriber, category: 'other' });
      const list = async (user: TestUser, query = '') =>
        body(await t.injectAs(user, { method: 'GET', url: `/api/tickets?pageSize=100${query}` })) as {
          items: Detail[];
          total: number;
        };
      const mine = await list(agentA);
      expect(mine.items.every((i) => i.subscriberId === ownSubscriber)).toBe(true);
      expect(mine.total).toBe(mine.items.length);
      expect((await list(agentB)).items.map((i) => i.id)).toEqual([other.id]);
      const grid = await list(engineer1);
      expect(grid.items.length).toBeGreaterThan(0);
      expect(grid.items.every((i) => i.groupId === gridGroupId || i.assigneeUserId === engineer1.id)).toBe(
        true,
      );
      const assignedToMe = await list(engineer1, '&assignee=me&status=active');
      expect(assignedToMe.items.every((i) => i.assigneeUserId === engineer1.id)).toBe(true);
      const broadband = await list(t.admin, '&category=broadband_fault');
      expect(broadband.items.length).toBeGreaterThanOrEqual(3);
      expect(broadband.items.every((i) => i.category.startsWith('broadband_fault'))).toBe(true);
      const active = await list(t.admin, '&status=active');
      const dues = active.items.map((i) => i.dueAt);
      expect(dues).toEqual([...dues].sort());
      expect((await t.injectAs(analyst, { method: 'GET', url: '/api/tickets' })).statusCode).toBe(403);
    });

    it('answers the category tree', async () => {
      const response = await t.injectAs(agentA, { method: 'GET', url: '/api/tickets/categories' });
      const tree = body(response) as { code: string; name: { 'zh-CN': string }; children: unknown[] }[];
      expect(tree.find((c) => c.code === 'broadband_fault')?.name['zh-CN']).toBe('宽带故障');
      expect(tree.find((c) => c.code === 'broadband_fault')?.children).toHaveLength(3);
    });
  });

  describe('versioned writes and the timeline', () => {
    let ticket: Detail;
    beforeAll(async () => {
      const response = await createAs(agentA, ownSubscriber, { category: 'handset', title: '手机死机' });
      ticket = body(response) as Detail;
    });

    it('requires a version (428), refuses a stale one (412 via If-Match, 409 via body), accepts the current one', async () => {
      const url = `/api/tickets/${ticket.id}`;
      const none = await t.injectAs(agentA, { method: 'PATCH', url, payload: { title: '新标题' } });
      expect(none.statusCode).toBe(428);
      const ok = await t.injectAs(agentA, {
        method: 'PATCH',
        url,
        headers: { 'if-match': '"1"' },
        payload: { title: '手机反复死机' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      expect((body(ok) as Detail).title).toBe('手机反复死机');
      const staleHeader = await t.injectAs(agentA, {
        method: 'PATCH',
        url,
        headers: { 'if-match': 'W/"1"' },
        payload: { title: 'x' },
      });
      expect(staleHeader.statusCode).toBe(412);
      const staleBody = await t.injectAs(agentA, {
        method: 'PATCH',
        url,
        payload: { title: 'x', version: 1 },
      });
      expect(staleBody.statusCode).toBe(409);
      const badHeader = await t.injectAs(agentA, {
        method: 'PATCH',
        url,
        headers: { 'if-match': 'two' },
        payload: { title: 'x' },
      });
      expect(badHeader.statusCode).toBe(400);
      const badCategory = await t.injectAs(agentA, {
        method: 'PATCH',
        url,
        payload: { category: 'nope', version: 2 },
      });
      expect(badCategory.statusCode).toBe(400);
      expect(issuesOf(badCategory)[0]?.path).toBe('category');
      const [stored] = await getDb().db.select().from(tickets).where(eq(tickets.id, ticket.id));
      expect(stored?.title).toBe('手机反复死机');
      expect(stored?.version).toBe(2);
    });

    it('pauses, resumes, closes and reopens with a timeline and a clock that stops and goes on', async () => {
      const url = `/api/tickets/${ticket.id}`;
      const paused = await t.injectAs(agentA, {
        method: 'POST',
        url: `${url}/pause`,
        payload: { reason: '等客户提供发票', version: 2 },
      });
      expect(paused.statusCode).toBe(200);
      const p = body(paused) as Detail;
      expect(p.status).toBe('waiting_customer');
      expect(p.slaState).toBe('paused');
      expect(p.sla.pauses).toHaveLength(1);
      expect(p.sla.pauses[0]?.resumedAt).toBeNull();
      // Pausing twice makes no sense: 409 naming the status, nothing written.
      const again = await t.injectAs(agentA, {
        method: 'POST',
        url: `${url}/pause`,
        payload: { reason: 'x', version: 3 },
      });
      expect(again.statusCode).toBe(409);

      const resumeResponse = await t.injectAs(agentA, {
        method: 'POST',
        url: `${url}/resume`,
        headers: { 'if-match': '"3"' },
      });
      expect(resumeResponse.statusCode, resumeResponse.body).toBe(200);
      const resumed = body(resumeResponse) as Detail;
      expect(resumed.status).toBe('open');
      expect(resumed.sla.pauses[0]?.resumedAt).not.toBeNull();

      const noResolution = await t.injectAs(agentA, {
        method: 'POST',
        url: `${url}/close`,
        payload: { version: 4 },
      });
      expect(noResolution.statusCode).toBe(400);
      const closedResponse = await t.injectAs(agentA, {
        method: 'POST',
        url: `${url}/close`,
        payload: { resolution: '已更换主板', version: 4 },
      });
      expect(closedResponse.statusCode).toBe(200);
      const closed = body(closedResponse) as Detail;
      expect(closed.status).toBe('closed');
      expect(closed.closedAt).not.toBeNull();
      expect(closed.resolvedAt).toBe(closed.closedAt);
      expect(closed.slaState).toBe('met');
      expect(closed.resolution).toBe('已更换主板');

      const reopened = body(
        await t.injectAs(agentA, {
          method: 'POST',
          url: `${url}/reopen`,
          payload: { reason: '又死机了', version: 5 },
        }),
      ) as Detail;
      expect(reopened.status).toBe('open');
      expect(reopened.closedAt).toBeNull();
      expect(reopened.resolvedAt).toBeNull();
      expect(reopened.reopenCount).toBe(1);
      expect(reopened.version).toBe(6);
      expect(reopened.sla.pauses).toHaveLength(2);
      expect(reopened.sla.pauses[1]?.pausedAt).toBe(closed.closedAt);
      expect(reopened.events.map((e) => e.kind)).toEqual([
        'opened',
        'dispatched',
        'updated',
        'paused',
        'resumed',
        'closed',
        'reopened',
      ]);
      expect(reopened.events.find((e) => e.kind === 'paused')?.actorName).toBe('tk-agent-a');
    });

    it('adds masked notes without a version', async () => {
      const response = await t.injectAs(lead, {
        method: 'POST',
        url: `/api/tickets/${ticket.id}/notes`,
        payload: { text: '已致电 13812345678' },
      });
      expect(response.statusCode).toBe(201);
      expect((body(response) as { details: { text: string } }).details.text).toBe('已致电 138****5678');
      const detail = body(await detailAs(agentA, ticket.id)) as Detail;
      expect(detail.version).toBe(6);
      expect(detail.events.at(-1)?.kind).toBe('note');
      expect(
        (
          await t.injectAs(agentB, {
            method: 'POST',
            url: `/api/tickets/${ticket.id}/notes`,
            payload: { text: 'x' },
          })
        ).statusCode,
      ).toBe(404);
    });

    it('lets leads reassign (agents may not), by hand within the group or by load in a new one', async () => {
      const url = `/api/tickets/${ticket.id}/assign`;
      expect(
        (await t.injectAs(agentA, { method: 'POST', url, payload: { assigneeUserId: null, version: 6 } }))
          .statusCode,
      ).toBe(403);
      const outsider = await t.injectAs(lead, {
        method: 'POST',
        url,
        payload: { groupId: gridGroupId, assigneeUserId: agentB.id, version: 6 },
      });
      expect(outsider.statusCode, outsider.body).toBe(400);
      expect(issuesOf(outsider)[0]?.path).toBe('body.assigneeUserId');
      const byHand = await t.injectAs(lead, {
        method: 'POST',
        url,
        payload: { groupId: gridGroupId, assigneeUserId: engineer2.id, version: 6 },
      });
      expect(byHand.statusCode).toBe(200);
      const moved = body(byHand) as Detail;
      expect(moved.groupName).toBe(GULOU_GRID);
      expect(moved.assigneeUserId).toBe(engineer2.id);
      const unassigned = body(
        await t.injectAs(lead, { method: 'POST', url, payload: { assigneeUserId: null, version: 7 } }),
      ) as Detail;
      expect(unassigned.assigneeUserId).toBeNull();
      expect(unassigned.events.filter((e) => e.kind === 'assigned')).toHaveLength(2);
      // Another team's lead does not see the ticket: 404, not 403.
      const otherLead = await t.user('tk-lead-b', 'lead', 'Team B');
      expect(
        (await t.injectAs(otherLead, { method: 'POST', url, payload: { assigneeUserId: null, version: 8 } }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe('service groups and settings', () => {
    it('manages groups only with service.manage and names unknown users', async () => {
      const put = (user: TestUser, payload: object) =>
        t.injectAs(user, { method: 'PUT', url: `/api/service-groups/${gridGroupId}`, payload });
      expect((await put(lead, { leadUserId: null, managerUserId: null, members: [] })).statusCode).toBe(403);
      const bad = await put(analyst, {
        leadUserId: 999_999,
        managerUserId: null,
        members: [{ userId: engineer1.id }, { userId: 999_998 }],
      });
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad).map((i) => i.path)).toEqual(['body.leadUserId', 'body.members.1.userId']);
      expect((await put(analyst, { leadUserId: null, managerUserId: null, members: [] })).statusCode).toBe(
        200,
      );
      expect(
        (
          await t.injectAs(analyst, {
            method: 'PUT',
            url: '/api/service-groups/999999',
            payload: { leadUserId: null, managerUserId: null, members: [] },
          })
        ).statusCode,
      ).toBe(404);
      // Restore the group for the tests after.
      await put(analyst, {
        leadUserId: lead.id,
        managerUserId: t.admin.id,
        members: [
          { userId: engineer1.id, capacity: 5 },
          { userId: engineer2.id, capacity: 5 },
        ],
      });
    });

    it('reads and saves the routing table; new tickets follow it; bad documents name every path', async () => {
      const initial = await t.injectAs(analyst, { method: 'GET', url: '/api/service-settings/routing' });
      expect(initial.statusCode).toBe(200);
      expect((body(initial) as { version: number }).version).toBe(0);
      expect(
        (await t.injectAs(agentA, { method: 'GET', url: '/api/service-settings/routing' })).statusCode,
      ).toBe(403);
      expect(
        (
          await t.injectAs(lead, {
            method: 'PUT',
            url: '/api/service-settings/routing',
            payload: { document: { defaultGroup: 'x' } },
          })
        ).statusCode,
      ).toBe(403);

      const bad = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/service-settings/routing',
        payload: {
          document: {
            defaultGroup: '综合客服组',
            rules: [
              { category: 'nope', group: 'x' },
              { category: 'handset', district: '鼓楼区', group: 'y' },
            ],
          },
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad).map((i) => i.path)).toEqual([
        'body.document.rules.0.category',
        'body.document.rules.1.city',
      ]);

      const saved = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/service-settings/routing',
        payload: {
          document: {
            defaultGroup: '综合客服组',
            rules: [{ category: 'handset', city: '南京市', district: '鼓楼区', group: '鼓楼终端专员' }],
          },
          note: '鼓楼试点',
        },
      });
      expect(saved.statusCode).toBe(200);
      expect((body(saved) as { version: number }).version).toBe(1);
      const routed = body(
        await createAs(agentA, ownSubscriber, { category: 'handset', title: '屏幕坏了' }),
      ) as Detail;
      expect(routed.groupName).toBe('鼓楼终端专员');
      expect(routed.events.find((e) => e.kind === 'dispatched')?.details).toMatchObject({
        routingVersion: 1,
        ruleIndex: 0,
      });
      // Back to the built-in table (as version 2) for the tests after.
      const restored = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/service-settings/routing',
        payload: { document: body(initial).document },
      });
      expect((body(restored) as { version: number }).version).toBe(2);
    });

    it('reads and saves the SLA matrix; only tickets opened afterwards get the new terms', async () => {
      const before = body(
        await createAs(agentA, ownSubscriber, { category: 'value_added', title: '增值业务' }),
      ) as Detail;
      const get = await t.injectAs(lead, { method: 'GET', url: '/api/service-settings/sla' });
      expect(get.statusCode).toBe(200);
      const bad = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/service-settings/sla',
        payload: {
          document: { categories: { value_added: { limitMinutes: { gold: 100, platinum: 200 } } } },
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad)[0]?.path).toBe('body.document.categories.value_added.limitMinutes.platinum');
      const saved = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/service-settings/sla',
        payload: {
          document: {
            categories: { value_added: { limitMinutes: { gold: 100, platinum: 90, diamond: 60 } } },
          },
        },
      });
      expect(saved.statusCode).toBe(200);
      const after = body(
        await createAs(agentA, ownSubscriber, { category: 'value_added', title: '增值业务' }),
      ) as Detail;
      expect(after.sla.limitMinutes).toBe(100);
      expect((body(await detailAs(agentA, before.id)) as Detail).sla.limitMinutes).toBe(360);
    });
  });

  describe('the subscriber 360', () => {
    it("lists the subscriber's tickets, then imported complaints that no ticket carries on", async () => {
      const db = getDb().db;
      const subscriberId = (await insertSubscriber(db, planId)).id;
      await assignToBook(db, subscriberId, agentA.id);
      await db.insert(complaints).values([
        {
          subscriberId,
          complaintNo: 'TS-1',
          openedAt: new Date('2026-01-05T02:00:00Z'),
          category: 'billing',
          status: 'open',
        },
        {
          subscriberId,
          complaintNo: 'TS-2',
          openedAt: new Date('2026-01-06T02:00:00Z'),
          category: 'network',
          status: 'resolved',
        },
      ]);
      const imported = await openTestTicket(db, {
        subscriberId,
        category: 'billing_dispute',
        source: 'import',
        complaintNo: 'TS-1',
      });
      const own = await openTestTicket(db, { subscriberId, category: 'handset', title: '手机发烫' });
      const response = await t.injectAs(agentA, {
        method: 'GET',
        url: `/api/subscribers/${subscriberId}/360`,
      });
      expect(response.statusCode, response.body).toBe(200);
      const rows = (response.json() as { tickets: Record<string, unknown>[] }).tickets;
      expect(rows.map((r) => [r.id, r.ticketNo, r.complaintNo])).toEqual([
        [own.id, `T${String(own.id).padStart(6, '0')}`, null],
        [imported.id, `T${String(imported.id).padStart(6, '0')}`, 'TS-1'],
        [null, null, 'TS-2'],
      ]);
      expect(rows[0]).toMatchObject({
        category: 'handset',
        title: '手机发烫',
        status: 'open',
        slaState: 'on_track',
        resolvedAt: null,
      });
      expect(rows[0]?.slaDueAt).toBe(own.dueAt.toISOString());
      expect(rows[2]).toMatchObject({ status: 'resolved', slaState: null, title: null });
    });
  });

  describe('SLA sweep', () => {
    it('warns, breaches and escalates to the group lead then the manager, each once', async () => {
      const db = getDb().db;
      // A fixed time after every other ticket of this suite (opened at the real time): Monday 2030-01-07
      // 08:00 Beijing; a gold broadband fault has 16 h on the calendar clock.
      const openedAt = new Date('2030-01-07T00:00:00Z');
      const hours = (h: number) => new Date(openedAt.getTime() + h * 3_600_000);
      const subscriberId = (await insertSubscriber(db, planId, { vipLevel: 'gold' })).id;
      const opened = await openTestTicket(db, {
        subscriberId,
        category: 'broadband_fault.outage',
        now: openedAt,
      });
      expect(opened.groupName).toBe(GULOU_GRID);
      expect(opened.dueAt.toISOString()).toBe(hours(16).toISOString());

      const kinds = async () =>
        (
          await db
            .select({ kind: ticketEvents.kind, details: ticketEvents.details })
            .from(ticketEvents)
            .where(eq(ticketEvents.ticketId, opened.id))
            .orderBy(ticketEvents.id)
        ).filter((e) => ['warning', 'breached', 'escalated'].includes(e.kind));
      const stored = async () => (await db.select().from(tickets).where(eq(tickets.id, opened.id)))[0];

      await sweepSlaClocks(db, hours(12));
      expect((await kinds()).map((e) => e.kind)).toEqual([]);
      await sweepSlaClocks(db, hours(13));
      expect((await kinds()).map((e) => e.kind)).toEqual(['warning']);
      expect((await stored())?.slaState).toBe('warning');
      await sweepSlaClocks(db, hours(13.5));
      expect((await kinds()).map((e) => e.kind)).toEqual(['warning']);

      await sweepSlaClocks(db, hours(16.5));
      const afterBreach = await kinds();
      expect(afterBreach.map((e) => e.kind)).toEqual(['warning', 'breached', 'escalated']);
      expect(afterBreach[2]?.details).toEqual({ level: 'group_lead', toUserId: lead.id });
      const breachedRow = await stored();
      expect(breachedRow?.slaState).toBe('breached');
      expect(breachedRow?.breachedAt?.toISOString()).toBe(hours(16).toISOString());
      expect(breachedRow?.escalationLevel).toBe('group_lead');

      await sweepSlaClocks(db, hours(20.5));
      await sweepSlaClocks(db, hours(20.5));
      const all = await kinds();
      expect(all.map((e) => e.kind)).toEqual(['warning', 'breached', 'escalated', 'escalated']);
      expect(all[3]?.details).toEqual({ level: 'manager', toUserId: t.admin.id });
      expect((await stored())?.escalationLevel).toBe('manager');
      // The sweep does not bump the version: a person's open edit stays valid.
      expect((await stored())?.version).toBe(1);
    });

    it('sweeps at start and on demand through startSlaSweep, writing nothing twice', async () => {
      const handle = getDb();
      const openedAt = new Date('2030-01-09T00:00:00Z');
      const subscriberId = (await insertSubscriber(handle.db, planId, { vipLevel: 'gold' })).id;
      const opened = await openTestTicket(handle.db, {
        subscriberId,
        category: 'broadband_fault',
        now: openedAt,
      });
      const late = new Date(openedAt.getTime() + 17 * 3_600_000);
      const logged: string[] = [];
      const logger = {
        info: (_: object, m: string) => logged.push(m),
        error: (_: object, m: string) => logged.push(m),
      };
      const sweep = startSlaSweep({ handle, logger, intervalMs: 3_600_000, clock: () => late });
      const report = await sweep.sweepOnce();
      await sweep.stop();
      expect(report.events).toBe(0);
      expect(report.failed).toEqual([]);
      const [row] = await handle.db.select().from(tickets).where(eq(tickets.id, opened.id));
      expect(row?.slaState).toBe('breached');
      const events = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, opened.id));
      expect(events.filter((e) => e.kind === 'breached')).toHaveLength(1);
      expect(logged).toContain('SLA sweep');
    });

    it('does not double-write when two sweeps run at once', async () => {
      const db = getDb().db;
      const openedAt = new Date('2030-01-08T00:00:00Z');
      const subscriberId = (await insertSubscriber(db, planId, { vipLevel: 'gold' })).id;
      const opened = await openTestTicket(db, {
        subscriberId,
        category: 'broadband_fault.outage',
        now: openedAt,
      });
      const late = new Date(openedAt.getTime() + 30 * 3_600_000);
      await Promise.all([sweepSlaClocks(db, late), sweepSlaClocks(db, late), sweepSlaClocks(db, late)]);
      const events = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, opened.id));
      expect(events.filter((e) => e.kind === 'breached')).toHaveLength(1);
      expect(events.filter((e) => e.kind === 'escalated')).toHaveLength(2);
    });
  });
});
