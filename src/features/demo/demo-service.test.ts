import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { getHotSpots } from '#src/features/tickets/reports/hot-spots.service';
import { getSlaReport } from '#src/features/tickets/reports/sla-report.service';
import { UsageStore } from '#src/usage/usage-store';
import { describeEachEngine } from '#test/support/database';
import { demoTicketCategory, startDemoService } from './demo-service';
import { createDemoStaff } from './demo-staff';
import { loadDemo } from './load-demo';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-04-15T02:00:00Z');
const SERVICE_DESK = ['engineer1', 'service1', 'terminal1', 'billing1'];

describeEachEngine('demo service desk', (getDb) => {
  let root = '';
  let usage: UsageStore;
  let first: { groups: number; tickets: number; openTickets: number };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vipdesk-demo-service-'));
    usage = await UsageStore.open({ usageDir: join(root, 'usage'), memoryLimit: '1GB' });
    const handle = getDb();
    await loadDemo(
      { handle, usage, timeZone: ZONE, today: '2026-04-15' },
      { subscribers: 300, months: 4, seed: 5, asOfMonth: '2026-03', workDir: join(root, 'work') },
    );
    await createDemoStaff(handle.db, handle.engine);
    first = await startDemoService(handle, NOW);
  });

  afterAll(async () => {
    await usage?.close();
    await rm(root, { recursive: true, force: true });
  });

  const one = async <T>(sql: string, params: unknown[] = []) => {
    const [row] = await queryRows<T>(getDb().engine, sql, params);
    if (!row) throw new Error(`no row: ${sql}`);
    return row;
  };

  it('gives the service desk no subscriber books, and the phone managers every one', async () => {
    const desk = await one<{ n: number }>(
      `select count(*)::int as n from subscriber_books b join users u on u.id = b.agent_user_id
        where u.username = any($1::text[])`,
      [SERVICE_DESK],
    );
    expect(desk.n).toBe(0);
    const unbooked = await one<{ n: number }>(
      `select count(*)::int as n from subscribers s
        where not s.is_group_customer and not exists (select 1 from subscriber_books b where b.subscriber_id = s.id)`,
    );
    expect(unbooked.n).toBe(0);
  });

  it("creates the routing table's groups with the desk as members, lead1 as lead and admin as manager", async () => {
    const groups = await queryRows<{ name: string; lead: string; manager: string; members: string[] }>(
      getDb().engine,
      `select g.name, l.username as lead, m.username as manager,
              array_agg(u.username order by u.username) as members
         from service_groups g
         join users l on l.id = g.lead_user_id
         join users m on m.id = g.manager_user_id
         join service_group_members gm on gm.group_id = g.id
         join users u on u.id = gm.user_id
        group by g.name, l.username, m.username`,
    );
    const byName = new Map(groups.map((g) => [g.name, g]));
    expect(byName.get('在线客服')).toMatchObject({ lead: 'lead1', manager: 'admin', members: ['service1'] });
    expect(byName.get('终端专员')?.members).toEqual(['terminal1']);
    expect(byName.get('计费核查组')?.members).toEqual(['billing1']);
    expect(byName.get('综合客服组')?.members).toEqual(['billing1', 'service1']);
    const districts = await one<{ n: number }>(
      'select count(distinct district)::int as n from subscribers where district is not null',
    );
    const grid = groups.filter((g) => g.name.startsWith('网格工程师（'));
    expect(grid).toHaveLength(districts.n);
    expect(grid.every((g) => g.members.join() === 'engineer1')).toBe(true);
    expect(first.groups).toBe(groups.length);
  });

  it('turns every imported complaint into a ticket, closed ones with their history and SLA outcome', async () => {
    const complaints = await one<{ resolved: number; open: number }>(
      `select count(*) filter (where status <> 'open')::int as resolved,
              count(*) filter (where status = 'open')::int as open from complaints`,
    );
    const fromComplaints = await one<{ closed: number; active: number; unlinked: number }>(
      `select count(*) filter (where t.status = 'closed')::int as closed,
              count(*) filter (where t.status <> 'closed')::int as active,
              (select count(*)::int from complaints c where not exists (
                 select 1 from tickets x where x.subscriber_id = c.subscriber_id and x.complaint_no = c.complaint_no)) as unlinked
         from tickets t join complaints c on c.subscriber_id = t.subscriber_id and c.complaint_no = t.complaint_no`,
    );
    expect(fromComplaints).toEqual({ closed: complaints.resolved, active: complaints.open, unlinked: 0 });
    const all = await one<{ n: number; open: number }>(
      `select count(*)::int as n, count(*) filter (where status <> 'closed')::int as open from tickets`,
    );
    expect(first).toMatchObject({ tickets: all.n, openTickets: all.open });

    const closedRows = await one<{ bad: number; missed: number; events: number }>(
      `select count(*) filter (where resolved_at is null or closed_at <> resolved_at or group_id is null
                                  or sla_state not in ('met', 'missed')
                                  or (sla_state = 'missed') <> (resolved_at > due_at))::int as bad,
              count(*) filter (where sla_state = 'missed')::int as missed,
              (select count(*)::int from ticket_events e join tickets x on x.id = e.ticket_id
                where x.status = 'closed' and e.kind = 'closed') as events
         from tickets where status = 'closed'`,
    );
    expect(closedRows.bad).toBe(0);
    expect(closedRows.missed).toBeGreaterThan(0);
    expect(closedRows.events).toBe(complaints.resolved + (first.tickets - all.open - complaints.resolved));
  });

  it('leaves a realistic on-time rate below the 98% target, and open tickets already late', async () => {
    const report = await getSlaReport(
      getDb().engine,
      { from: '2025-12-01', to: '2026-04-15' },
      { timeZone: ZONE, now: NOW },
    );
    // Fixes keep the share of their golden time the operator's record shows: about nine in ten in
    // time. A 300-subscriber demo's still-open complaints (left open, and the planted hot spot's)
    // are all late by now and pull the rate down further.
    const { closed, closedOnTime, openBreached, onTimeRate } = report.overall;
    expect(closedOnTime / closed).toBeGreaterThan(0.85);
    expect(closedOnTime).toBeLessThan(closed);
    expect(openBreached).toBeGreaterThan(0);
    expect(onTimeRate).toBeLessThan(0.98);
    expect(report.rows.some((r) => (r.children?.length ?? 0) > 0)).toBe(true);
  });

  it('plants a network-signal hot spot last week in the busiest district', async () => {
    const busiest = await one<{ city: string; district: string }>(
      `select city, district from subscribers where district is not null and status = 'active'
        group by city, district order by count(*) desc, city, district limit 1`,
    );
    const view = await getHotSpots(getDb(), { weeks: 1, until: '2026-04-12' }, { timeZone: ZONE, now: NOW });
    expect(view.weekReports[0]?.weekStart).toBe('2026-04-06');
    expect(view.hotSpots.map((h) => [h.city, h.district, h.category, h.observed])).toEqual([
      [busiest.city, busiest.district, 'network_signal', 12],
    ]);
  });

  it('adds nothing when run again', async () => {
    const before = await one<{ tickets: number; events: number; groups: number }>(
      `select (select count(*)::int from tickets) as tickets, (select count(*)::int from ticket_events) as events,
              (select count(*)::int from service_groups) as groups`,
    );
    expect(await startDemoService(getDb(), new Date(NOW.getTime() + 86_400_000))).toEqual({
      groups: 0,
      tickets: 0,
      openTickets: 0,
    });
    const after = await one<{ tickets: number; events: number; groups: number }>(
      `select (select count(*)::int from tickets) as tickets, (select count(*)::int from ticket_events) as events,
              (select count(*)::int from service_groups) as groups`,
    );
    expect(after).toEqual(before);
  });

  it('reads a child category from the complaint wording, else the top level', () => {
    expect(demoTicketCategory('network_signal', '地下车库无信号')).toBe('network_signal.no_signal');
    expect(demoTicketCategory('billing_dispute', '被扣取未订购的增值业务费用')).toBe(
      'billing_dispute.unexpected_deduction',
    );
    expect(demoTicketCategory('plan_change', '携号转网资格查询结果有异议')).toBe('plan_change');
    expect(demoTicketCategory('weather', null)).toBe('other');
  });
});
