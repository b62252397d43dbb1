import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#src/db/client';
import { complaints } from '#src/db/schema/service';
import { tickets } from '#src/db/schema/tickets';
import { countComplaintsByCellWeek } from '#src/features/tickets/reports/hot-spot-counts.repository';
import { addWeeks, mondayOf } from '#src/features/tickets/reports/iso-week';
import { DEFAULT_SLA_MATRIX, slaTermsFor } from '#src/features/tickets/sla/sla-matrix';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;

/** The instant Shanghai's clock shows `clock` on `day`. */
function shanghai(day: string, clock = '10:00'): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = clock.split(':').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0), ZONE));
}

type HandMade = {
  subscriberId: number;
  category: string;
  openedAt: Date;
  status?: 'open' | 'waiting_customer' | 'closed';
  dueAt?: Date;
  resolvedAt?: Date | null;
  groupName?: string;
  vipLevel?: string;
  city?: string;
  district?: string;
  complaintNo?: string | null;
  title?: string;
};

/** A ticket row as the SLA report reads it, written directly so each case is exact. */
async function insertHandMadeTicket(db: Database, t: HandMade): Promise<number> {
  const closed = t.status === 'closed';
  const [row] = await db
    .insert(tickets)
    .values({
      subscriberId: t.subscriberId,
      source: 'import',
      complaintNo: t.complaintNo ?? null,
      category: t.category,
      title: t.title ?? '测试工单',
      vipLevel: t.vipLevel ?? 'gold',
      city: t.city ?? '南京市',
      district: t.district ?? '鼓楼区',
      status: t.status ?? 'open',
      groupName: t.groupName ?? '综合客服组',
      openedAt: t.openedAt,
      slaTerms: slaTermsFor(DEFAULT_SLA_MATRIX, 'gold', 'other'),
      dueAt: t.dueAt ?? new Date(t.openedAt.getTime() + 48 * HOUR),
      slaState: closed ? 'met' : 'on_track',
      resolvedAt: closed ? (t.resolvedAt ?? null) : null,
      closedAt: closed ? (t.resolvedAt ?? null) : null,
    })
    .returning({ id: tickets.id });
  if (!row) throw new Error('ticket insert returned nothing');
  return row.id;
}

type SlaRow = {
  key: string;
  name: { 'zh-CN': string; en: string };
  total: number;
  closed: number;
  closedOnTime: number;
  closedLate: number;
  openBreached: number;
  openOnTrack: number;
  decided: number;
  onTimeRate: number | null;
  interval: { low: number; high: number } | null;
  targetMet: boolean | null;
  clearlyBelowTarget: boolean;
  children?: SlaRow[];
};
type SlaReportBody = {
  from: string;
  to: string;
  by: string;
  target: number;
  rows: SlaRow[];
  overall: SlaRow;
};

// Hot-spot fixture: the week under test and three areas, one with a planted surge.
const WEEK = '2026-10-19';
const AREAS = {
  gulouNanjing: { city: '南京市', district: '鼓楼区' },
  xuanwu: { city: '南京市', district: '玄武区' },
  gulouXuzhou: { city: '徐州市', district: '鼓楼区' },
} as const;
type AreaName = keyof typeof AREAS;
/** How each complaint is recorded: a ticket, an imported complaint, or a complaint made a ticket. */
type Recorded = 'ticket' | 'complaint' | 'both';
type Complaint = { area: AreaName; category: string; openedAt: Date; recorded: Recorded };

/** Weekly counts for the 8 baseline weeks then the tested week, per cell. */
const PLAN: { area: AreaName; category: string; weekly: number[] }[] = [
  // The surge: about one a week, then twelve.
  { area: 'gulouNanjing', category: 'network_signal', weekly: [1, 0, 2, 1, 1, 0, 1, 2, 12] },
  { area: 'xuanwu', category: 'network_signal', weekly: [1, 1, 1, 1, 1, 1, 1, 1, 1] },
  // Same district name, another city: must stay apart from 南京市鼓楼区.
  { area: 'gulouXuzhou', category: 'network_signal', weekly: [2, 2, 2, 2, 2, 2, 2, 2, 3] },
  { area: 'gulouNanjing', category: 'billing_dispute', weekly: [0, 1, 0, 1, 0, 1, 0, 1, 1] },
  { area: 'xuanwu', category: 'handset', weekly: [1, 0, 0, 1, 0, 0, 1, 0, 2] },
];

function plannedComplaints(): Complaint[] {
  const out: Complaint[] = [];
  const codes: Record<string, string[]> = {
    network_signal: ['network_signal', 'network_signal.no_signal', 'network_signal.weak_coverage'],
    billing_dispute: ['billing_dispute.bill_amount', 'billing_dispute'],
    handset: ['handset.device_fault'],
  };
  const recordings: Recorded[] = ['ticket', 'complaint', 'both'];
  let n = 0;
  for (const cell of PLAN) {
    cell.weekly.forEach((count, index) => {
      const monday = addWeeks(WEEK, index - 8);
      for (let k = 0; k < count; k += 1) {
        n += 1;
        const variants = codes[cell.category] ?? [cell.category];
        out.push({
          area: cell.area,
          category: variants[n % variants.length] ?? cell.category,
          openedAt: shanghai(addDays(monday, k % 7), `${String(8 + (k % 12)).padStart(2, '0')}:15`),
          recorded: recordings[n % 3] ?? 'ticket',
        });
      }
    });
  }
  // On the week's edges in Shanghai (UTC puts both on the Sunday): 00:30 Monday is the tested
  // week, 23:30 the Sunday before is the week before.
  out.push({
    area: 'xuanwu',
    category: 'billing_dispute',
    openedAt: shanghai(WEEK, '00:30'),
    recorded: 'complaint',
  });
  out.push({
    area: 'xuanwu',
    category: 'billing_dispute',
    openedAt: shanghai(addDays(WEEK, -1), '23:30'),
    recorded: 'ticket',
  });
  return out;
}

describeEachEngine('service reports over HTTP', (getDb) => {
  let t: TestApp;
  let lead: TestUser;
  let analyst: TestUser;
  let agent: TestUser;
  const subscribersByArea = new Map<AreaName, number[]>();
  const fullNames: string[] = [];
  const planted = plannedComplaints();

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    lead = await t.user('rep-lead', 'lead', 'Team R');
    analyst = await t.user('rep-analyst', 'analyst');
    agent = await t.user('rep-agent', 'agent', 'Team R');
    const plan = await insertPlan(db);
    for (const [name, area] of Object.entries(AREAS)) {
      const ids: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const s = await insertSubscriber(db, plan.id, { ...area, vipLevel: 'gold' });
        ids.push(s.id);
        fullNames.push(s.name);
      }
      subscribersByArea.set(name as AreaName, ids);
    }
    let serial = 0;
    for (const c of planted) {
      serial += 1;
      const ids = subscribersByArea.get(c.area) ?? [];
      const subscriberId = ids[serial % ids.length] ?? 0;
      const complaintNo = `TS-HS-${serial}`;
      if (c.recorded !== 'ticket') {
        await db.insert(complaints).values({
          subscriberId,
          complaintNo,
          openedAt: c.openedAt,
          category: c.category.split('.')[0] ?? c.category,
          status: 'open',
          description: `投诉 ${serial}，回电 13912345678`,
        });
      }
      if (c.recorded !== 'complaint') {
        await insertHandMadeTicket(db, {
          subscriberId,
          category: c.category,
          openedAt: c.openedAt,
          status: 'closed',
          resolvedAt: new Date(c.openedAt.getTime() + HOUR),
          complaintNo: c.recorded === 'both' ? complaintNo : null,
          ...AREAS[c.area],
        });
      }
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('SLA report', () => {
    // March 2026 in Shanghai; every ticket's area is irrelevant here.
    const FROM = '2026-03-02';
    const TO = '2026-03-08';

    beforeAll(async () => {
      const { db } = getDb();
      const plan = await insertPlan(db);
      const gold = (await insertSubscriber(db, plan.id, { vipLevel: 'gold' })).id;
      const diamond = (await insertSubscriber(db, plan.id, { vipLevel: 'diamond' })).id;
      const now = Date.now();
      const opened = shanghai('2026-03-03', '09:00');
      const due = new Date(opened.getTime() + 24 * HOUR);
      const cases: HandMade[] = [
        // network_signal: on time (child), late (another child), open and breached (top level).
        {
          subscriberId: gold,
          category: 'network_signal.no_signal',
          openedAt: opened,
          dueAt: due,
          status: 'closed',
          resolvedAt: new Date(due.getTime() - HOUR),
          groupName: '网格工程师（鼓楼区）',
        },
        {
          subscriberId: gold,
          category: 'network_signal.weak_coverage',
          openedAt: opened,
          dueAt: due,
          status: 'closed',
          resolvedAt: new Date(due.getTime() + HOUR),
          groupName: '网格工程师（鼓楼区）',
        },
        {
          subscriberId: diamond,
          vipLevel: 'diamond',
          category: 'network_signal',
          openedAt: opened,
          dueAt: new Date(now - HOUR),
          status: 'waiting_customer',
          groupName: '网格工程师（玄武区）',
        },
        // billing_dispute: open and not yet due, closed exactly at the due instant (on time), and
        // one opened at 23:30 on the period's last day in Shanghai (15:30 UTC, still inside).
        {
          subscriberId: gold,
          category: 'billing_dispute',
          openedAt: opened,
          dueAt: new Date(now + 10 * 24 * HOUR),
          groupName: '计费核查组',
        },
        {
          subscriberId: diamond,
          vipLevel: 'diamond',
          category: 'billing_dispute.bill_amount',
          openedAt: opened,
          dueAt: due,
          status: 'closed',
          resolvedAt: due,
          groupName: '计费核查组',
        },
        {
          subscriberId: gold,
          category: 'billing_dispute',
          openedAt: shanghai(TO, '23:30'),
          dueAt: shanghai('2026-03-10', '12:00'),
          status: 'closed',
          resolvedAt: shanghai('2026-03-09', '12:00'),
          groupName: '计费核查组',
        },
        // Outside the period in Shanghai, though inside it in UTC (and the other way round).
        {
          subscriberId: gold,
          category: 'billing_dispute',
          openedAt: shanghai('2026-03-09', '00:10'),
          status: 'closed',
          resolvedAt: shanghai('2026-03-09', '08:00'),
        },
        {
          subscriberId: gold,
          category: 'billing_dispute',
          openedAt: shanghai('2026-03-01', '23:50'),
          status: 'closed',
          resolvedAt: shanghai('2026-03-05', '08:00'),
        },
      ];
      for (const c of cases) await insertHandMadeTicket(db, c);
    });

    const report = async (by: string, user: TestUser | null = analyst) => {
      const response = await t.injectAs(user, {
        method: 'GET',
        url: `/api/service/sla-report?from=${FROM}&to=${TO}&by=${by}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<SlaReportBody>();
    };

    it('counts on time, late, open-breached and on track per top-level category, children under it', async () => {
      const body = await report('category');
      expect(body.target).toBe(0.98);
      expect(body.rows.map((r) => r.key)).toEqual(['network_signal', 'billing_dispute']);
      const [network, billing] = body.rows;
      expect(network).toMatchObject({
        name: { 'zh-CN': '网络信号', en: 'Network signal' },
        total: 3,
        closed: 2,
        closedOnTime: 1,
        closedLate: 1,
        openBreached: 1,
        openOnTrack: 0,
        decided: 3,
        targetMet: false,
      });
      expect(network?.onTimeRate).toBeCloseTo(1 / 3, 12);
      expect(network?.children?.map((c) => [c.key, c.closedOnTime, c.closedLate])).toEqual([
        ['network_signal.weak_coverage', 0, 1],
        ['network_signal.no_signal', 1, 0],
      ]);
      expect(billing).toMatchObject({
        total: 3,
        closed: 2,
        closedOnTime: 2,
        closedLate: 0,
        openBreached: 0,
        openOnTrack: 1,
        decided: 2,
        onTimeRate: 1,
        targetMet: true,
        clearlyBelowTarget: false,
      });
      expect(body.overall).toMatchObject({ total: 6, decided: 5, closedOnTime: 3 });
      expect(body.overall.onTimeRate).toBeCloseTo(0.6, 12);
    });

    it('gives Wilson 95% intervals (published values for 1/3, 3/5 and 2/2)', async () => {
      const body = await report('category');
      const [network, billing] = body.rows;
      expect(network?.interval?.low).toBeCloseTo(0.0615, 4);
      expect(network?.interval?.high).toBeCloseTo(0.7923, 4);
      expect(network?.clearlyBelowTarget).toBe(true);
      expect(body.overall.interval?.low).toBeCloseTo(0.2307, 4);
      expect(body.overall.interval?.high).toBeCloseTo(0.8824, 4);
      expect(billing?.interval?.low).toBeCloseTo(0.3424, 4);
      expect(billing?.interval?.high).toBe(1);
    });

    it('groups by service group and by level, highest level first', async () => {
      const byGroup = await report('group', lead);
      expect(byGroup.rows.map((r) => [r.key, r.total, r.decided, r.closedOnTime])).toEqual([
        ['计费核查组', 3, 2, 2],
        ['网格工程师（鼓楼区）', 2, 2, 1],
        ['网格工程师（玄武区）', 1, 1, 0],
      ]);
      const byLevel = await report('level');
      expect(byLevel.rows.map((r) => [r.key, r.name.en, r.total, r.closedOnTime, r.openBreached])).toEqual([
        ['diamond', 'Diamond', 2, 1, 1],
        ['gold', 'Gold', 4, 2, 0],
      ]);
      expect(byLevel.overall.total).toBe(6);
    });

    it('refuses a period that ends before it starts, an unknown grouping, and agents', async () => {
      const backwards = await t.injectAs(analyst, {
        method: 'GET',
        url: `/api/service/sla-report?from=${TO}&to=${FROM}`,
      });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.issues).toEqual([
        { path: 'querystring.from', message: 'must not be after to' },
      ]);
      const unknown = await t.injectAs(analyst, { method: 'GET', url: '/api/service/sla-report?by=city' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.issues[0].path).toBe('querystring.by');
      const forAgent = await t.injectAs(agent, { method: 'GET', url: '/api/service/sla-report' });
      expect(forAgent.statusCode).toBe(403);
    });

    it('defaults to the last 30 days in the business time zone', async () => {
      const response = await t.injectAs(analyst, { method: 'GET', url: '/api/service/sla-report' });
      const today = todayIn(ZONE);
      expect(response.json()).toMatchObject({ to: today, from: addDays(today, -29), by: 'category' });
    });
  });

  describe('hot spots', () => {
    it('counts tickets and imported complaints by area × category × Shanghai week, each once', async () => {
      const counts = await countComplaintsByCellWeek(getDb().engine, {
        start: shanghai(addWeeks(WEEK, -8), '00:00'),
        end: shanghai(addWeeks(WEEK, 1), '00:00'),
        timeZone: ZONE,
      });
      const direct = new Map<string, number>();
      for (const c of planted) {
        const key = [
          AREAS[c.area].city,
          AREAS[c.area].district,
          c.category.split('.')[0],
          mondayOf(todayIn(ZONE, c.openedAt)),
        ].join('|');
        direct.set(key, (direct.get(key) ?? 0) + 1);
      }
      const fromSql = new Map(
        counts.map((r) => [[r.city, r.district, r.category, r.weekStart].join('|'), r.count]),
      );
      expect(Object.fromEntries(fromSql)).toEqual(Object.fromEntries(direct));
      expect(fromSql.get(`南京市|鼓楼区|network_signal|${WEEK}`)).toBe(12);
      expect(fromSql.get(`南京市|玄武区|billing_dispute|${WEEK}`)).toBe(1);
      expect(fromSql.get(`南京市|玄武区|billing_dispute|${addWeeks(WEEK, -1)}`)).toBe(1);
    });

    it('finds the planted surge and nothing else, with the test settings in force', async () => {
      const response = await t.injectAs(lead, {
        method: 'GET',
        url: `/api/service/hot-spots?weeks=2&until=${addDays(WEEK, 6)}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.settingsVersion).toBe(0);
      expect(body.weekReports.map((w: { weekStart: string }) => w.weekStart)).toEqual([
        addWeeks(WEEK, -1),
        WEEK,
      ]);
      expect(body.weekReports[1]).toMatchObject({ week: '2026-W43', hotSpots: 1 });
      expect(body.hotSpots).toHaveLength(1);
      expect(body.hotSpots[0]).toMatchObject({
        city: '南京市',
        district: '鼓楼区',
        area: '南京市鼓楼区',
        category: 'network_signal',
        weekStart: WEEK,
        observed: 12,
        expected: 1,
        rank: 1,
        workOrder: { kind: 'base_station_optimisation', team: 'network' },
        existingWorkOrder: null,
      });
      expect(body.hotSpots[0].workOrder.title['zh-CN']).toContain('南京市鼓楼区基站优化：2026-W43');
    });

    it('drills into a cell: weekly series against the baseline and the week’s items, names masked', async () => {
      const response = await t.injectAs(analyst, {
        method: 'GET',
        url: `/api/service/hot-spots/cell?city=${encodeURIComponent('南京市')}&district=${encodeURIComponent('鼓楼区')}&category=network_signal&weekStart=${WEEK}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      const point = body.series.find((p: { weekStart: string }) => p.weekStart === WEEK);
      expect(point).toMatchObject({ observed: 12, expected: 1 });
      expect(body.series[0].weekStart).toBe(addWeeks(WEEK, -8));
      expect(body.hotSpot).toMatchObject({ observed: 12, rank: 1 });
      expect(body.items).toHaveLength(12);
      const sources = body.items.map((i: { source: string }) => i.source);
      expect(sources).toContain('ticket');
      expect(sources).toContain('complaint');
      for (const item of body.items) {
        expect(item.subscriberName).toMatch(/^张\*+$/);
        if (item.source === 'ticket') expect(item.ticketNo).toMatch(/^T\d{6}$/);
      }
      for (const name of fullNames) expect(response.body).not.toContain(`"${name}"`);
      expect(response.body).not.toContain('13912345678');
    });

    it('refuses a week start that is not a Monday and a category outside the tree', async () => {
      const response = await t.injectAs(analyst, {
        method: 'GET',
        url: `/api/service/hot-spots/cell?city=a&district=b&category=weather&weekStart=${addDays(WEEK, 1)}`,
      });
      expect(response.statusCode).toBe(400);
      const paths = response.json().error.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['querystring.category', 'querystring.weekStart']));
    });

    it('saves the hot-spot settings as versions, naming bad fields, for service.manage only', async () => {
      const initial = await t.injectAs(lead, { method: 'GET', url: '/api/service-settings/hot-spots' });
      expect(initial.json()).toMatchObject({
        version: 0,
        document: { q: 0.05, minCount: 5 },
        createdAt: null,
      });
      const bad = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/service-settings/hot-spots',
        payload: { document: { minRatio: 'x', q: 2 } },
      });
      expect(bad.statusCode).toBe(400);
      const paths = bad.json().error.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['body.document.minRatio', 'body.document.q']));
      const byLead = await t.injectAs(lead, {
        method: 'PUT',
        url: '/api/service-settings/hot-spots',
        payload: { document: { minCount: 50 } },
      });
      expect(byLead.statusCode).toBe(403);

      const strict = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/service-settings/hot-spots',
        payload: { document: { minCount: 50 }, note: 'only big surges' },
      });
      expect(strict.statusCode, strict.body).toBe(200);
      expect(strict.json()).toMatchObject({ version: 1, document: { minCount: 50, q: 0.05 } });
      const none = await t.injectAs(lead, {
        method: 'GET',
        url: `/api/service/hot-spots?weeks=1&until=${WEEK}`,
      });
      expect(none.json()).toMatchObject({ settingsVersion: 1, hotSpots: [] });

      const restored = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/service-settings/hot-spots',
        payload: { document: {} },
      });
      expect(restored.json()).toMatchObject({ version: 2, document: { minCount: 5 } });
    });
  });
});
