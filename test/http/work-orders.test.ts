import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '#src/db/schema/audit';
import { complaints } from '#src/db/schema/service';
import { addWeeks } from '#src/features/tickets/reports/iso-week';
import { addDays } from '#src/lib/months';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';

const ZONE = 'Asia/Shanghai';
const WEEK = '2026-09-14';
const SURGE = { city: '苏州市', district: '姑苏区', category: 'network_signal', weekStart: WEEK };
const QUIET = { ...SURGE, district: '吴中区' };

function shanghai(day: string, hour: number): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hour), ZONE));
}

type WorkOrderBody = {
  id: number;
  kind: string;
  team: string;
  area: string;
  status: string;
  resolution: string | null;
  closedAt: string | null;
  version: number;
  title: { 'zh-CN': string; en: string };
  evidence: { observed: number; expected: number; qValue: number; settingsVersion: number };
  tracking: {
    closedWeekStart: string | null;
    weeks: { weekStart: string; observed: number; phase: string }[];
    baselineMean: number | null;
  };
};

describeEachEngine('work orders over HTTP', (getDb) => {
  let t: TestApp;
  let lead: TestUser;
  let analyst: TestUser;
  let agent: TestUser;
  let orderId = 0;

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    lead = await t.user('wo-lead', 'lead', 'Team W');
    analyst = await t.user('wo-analyst', 'analyst');
    agent = await t.user('wo-agent', 'agent', 'Team W');
    const plan = await insertPlan(db);
    // Imported complaints: one a week in each district for eight weeks, then ten in 姑苏区 (the
    // surge) against one in 吴中区; and two after the surge in 姑苏区 to track.
    const weekly: [string, number[]][] = [
      [SURGE.district, [1, 1, 1, 1, 1, 1, 1, 1, 10, 2]],
      [QUIET.district, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]],
    ];
    let serial = 0;
    for (const [district, counts] of weekly) {
      const subscriber = await insertSubscriber(db, plan.id, { city: SURGE.city, district });
      for (const [index, count] of counts.entries()) {
        for (let k = 0; k < count; k += 1) {
          serial += 1;
          await db.insert(complaints).values({
            subscriberId: subscriber.id,
            complaintNo: `WO-${serial}`,
            openedAt: shanghai(addDays(addWeeks(WEEK, index - 8), k % 7), 10),
            category: 'network_signal',
            status: 'resolved',
            resolvedAt: shanghai(addDays(addWeeks(WEEK, index - 8), k % 7), 18),
          });
        }
      }
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  const create = (user: TestUser, payload: object) =>
    t.injectAs(user, { method: 'POST', url: '/api/work-orders', payload });

  it('refuses a cell that is not a hot spot, a week start that is not a Monday, and agents', async () => {
    const quiet = await create(analyst, QUIET);
    expect(quiet.statusCode).toBe(409);
    expect(quiet.json().error.message).toMatch(/not a hot spot/);
    const tuesday = await create(analyst, { ...SURGE, weekStart: addDays(WEEK, 1) });
    expect(tuesday.statusCode).toBe(400);
    expect(tuesday.json().error.issues[0].path).toBe('body.weekStart');
    expect((await create(agent, SURGE)).statusCode).toBe(403);
  });

  it('raises the order of a hot spot from the test run again, then refuses a second one', async () => {
    const response = await create(analyst, SURGE);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    const order = response.json<WorkOrderBody>();
    orderId = order.id;
    expect(order).toMatchObject({
      kind: 'base_station_optimisation',
      team: 'network',
      area: '苏州市姑苏区',
      status: 'open',
      version: 1,
      evidence: { observed: 10, expected: 1, settingsVersion: 0 },
    });
    expect(order.title['zh-CN']).toBe('苏州市姑苏区基站优化：2026-W38 网络信号投诉 10 件，基线每周 1.0 件');
    expect(order.evidence.qValue).toBeLessThan(0.05);

    const again = await create(lead, SURGE);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ workOrderId: orderId });

    const spots = await t.injectAs(lead, {
      method: 'GET',
      url: `/api/service/hot-spots?weeks=1&until=${WEEK}`,
    });
    expect(spots.json().hotSpots[0].existingWorkOrder).toEqual({ id: orderId, status: 'open' });
    const audit = await getDb().db.select().from(auditLog).where(eq(auditLog.action, 'work_order.create'));
    expect(audit.map((a) => a.target)).toEqual([`work order ${orderId}`]);
  });

  it("lists orders and shows one with its cell's weekly complaints around the hot spot", async () => {
    const list = await t.injectAs(lead, { method: 'GET', url: '/api/work-orders?status=open' });
    expect(list.json().items.map((o: { id: number }) => o.id)).toEqual([orderId]);
    const none = await t.injectAs(lead, { method: 'GET', url: '/api/work-orders?status=done' });
    expect(none.json().items).toEqual([]);

    const response = await t.injectAs(analyst, { method: 'GET', url: `/api/work-orders/${orderId}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    const { tracking } = response.json<WorkOrderBody>();
    expect(tracking.baselineMean).toBe(1);
    expect(tracking.weeks.slice(0, 10).map((w) => [w.observed, w.phase])).toEqual([
      ...Array.from({ length: 8 }, () => [1, 'baseline']),
      [10, 'hot_spot'],
      [2, 'in_work'],
    ]);
    expect((await t.injectAs(analyst, { method: 'GET', url: '/api/work-orders/999999' })).statusCode).toBe(
      404,
    );
  });

  it('moves through its statuses under optimistic concurrency: 428, 412, 409', async () => {
    const patch = (payload: object, headers: Record<string, string> = {}) =>
      t.injectAs(lead, { method: 'PATCH', url: `/api/work-orders/${orderId}`, payload, headers });

    const unversioned = await patch({ status: 'in_progress' });
    expect(unversioned.statusCode).toBe(428);

    const started = await patch({ status: 'in_progress' }, { 'if-match': '"1"' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.headers.etag).toBe('"2"');
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });

    const staleHeader = await patch({ status: 'done', resolution: '新增微站' }, { 'if-match': '"1"' });
    expect(staleHeader.statusCode).toBe(412);
    expect(staleHeader.json().error.details).toEqual({ currentVersion: 2 });
    const staleBody = await patch({ status: 'done', resolution: '新增微站', version: 1 });
    expect(staleBody.statusCode).toBe(409);

    const noResolution = await patch({ status: 'done', version: 2 });
    expect(noResolution.statusCode).toBe(400);
    expect(noResolution.json().error.issues[0].path).toBe('body.resolution');

    const done = await patch({ status: 'done', resolution: '姑苏区新增两处微站，覆盖恢复', version: 2 });
    expect(done.statusCode, done.body).toBe(200);
    const closed = done.json<WorkOrderBody>();
    expect(closed).toMatchObject({ status: 'done', version: 3, resolution: '姑苏区新增两处微站，覆盖恢复' });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.tracking.closedWeekStart).not.toBeNull();

    // done → open is not a move a work order makes (reopening goes back to in_progress).
    const backToOpen = await patch({ status: 'open' }, { 'if-match': '"3"' });
    expect(backToOpen.statusCode).toBe(409);
    const reopened = await patch({ status: 'in_progress' }, { 'if-match': 'W/"3"' });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', version: 4, closedAt: null });

    const moves = await getDb().db.select().from(auditLog).where(eq(auditLog.action, 'work_order.update'));
    expect(moves).toHaveLength(3);
    const forbidden = await t.injectAs(agent, {
      method: 'PATCH',
      url: `/api/work-orders/${orderId}`,
      payload: { status: 'done', resolution: 'x', version: 4 },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
