import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/config';
import type { Database } from '#src/db/client';
import { complaints } from '#src/db/schema/service';
import { tickets } from '#src/db/schema/tickets';
import { addWeeks } from '#src/features/tickets/reports/iso-week';
import { DEFAULT_SLA_MATRIX, slaTermsFor } from '#src/features/tickets/sla/sla-matrix';
import { addDays } from '#src/lib/months';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import { closeStores, openStores } from '#src/server/stores';
import { availableEngines, createPostgresDatabaseUrl } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import { runCli } from './run-cli';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
const WEEK = '2026-06-15';

function shanghai(day: string, hour: number): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hour), ZONE));
}

async function insertTicket(
  db: Database,
  t: {
    subscriberId: number;
    category: string;
    openedAt: Date;
    dueAt: Date;
    resolvedAt: Date | null;
    groupName: string;
  },
) {
  await db.insert(tickets).values({
    subscriberId: t.subscriberId,
    source: 'import',
    category: t.category,
    title: '测试',
    vipLevel: 'gold',
    status: t.resolvedAt ? 'closed' : 'open',
    groupName: t.groupName,
    openedAt: t.openedAt,
    slaTerms: slaTermsFor(DEFAULT_SLA_MATRIX, 'gold', 'other'),
    dueAt: t.dueAt,
    resolvedAt: t.resolvedAt,
    closedAt: t.resolvedAt,
  });
}

/**
 * Five tickets opened in the first week of May 2026 (three on time, one late, one open and past
 * due), and a planted surge of network complaints in the week of 15 June.
 */
async function seed(db: Database): Promise<void> {
  const plan = await insertPlan(db);
  const subscriber = (await insertSubscriber(db, plan.id, { city: '无锡市', district: '梁溪区' })).id;
  const opened = shanghai('2026-05-04', 10);
  const due = new Date(opened.getTime() + 24 * HOUR);
  const common = { subscriberId: subscriber, openedAt: opened, dueAt: due };
  await insertTicket(db, { ...common, category: 'handset', resolvedAt: opened, groupName: '终端专员' });
  await insertTicket(db, { ...common, category: 'handset.warranty', resolvedAt: due, groupName: '终端专员' });
  await insertTicket(db, { ...common, category: 'plan_change', resolvedAt: opened, groupName: '在线客服' });
  await insertTicket(db, {
    ...common,
    category: 'plan_change.cancel',
    resolvedAt: new Date(due.getTime() + HOUR),
    groupName: '在线客服',
  });
  await insertTicket(db, { ...common, category: 'handset', resolvedAt: null, groupName: '终端专员' });

  let n = 0;
  for (const [index, count] of [1, 0, 1, 1, 0, 1, 1, 0, 11].entries()) {
    for (let k = 0; k < count; k += 1) {
      n += 1;
      await db.insert(complaints).values({
        subscriberId: subscriber,
        complaintNo: `CLI-${n}`,
        openedAt: shanghai(addDays(addWeeks(WEEK, index - 8), k % 7), 11),
        category: 'network_signal',
        status: 'open',
      });
    }
  }
}

type Target = { name: string; env: Record<string, string>; drop(): Promise<void> };

async function targetFor(engine: string): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-sla-cli-'));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'pglite') return { name: engine, env: { VIPDESK_DATA_DIR: dataDir }, drop: removeDir };
  const database = await createPostgresDatabaseUrl();
  if (!database) throw new Error('PostgreSQL is not available');
  return {
    name: engine,
    env: { VIPDESK_DATA_DIR: dataDir, DATABASE_URL: database.url },
    drop: async () => {
      await database.drop();
      await removeDir();
    },
  };
}

for (const engine of availableEngines()) {
  describe(`vipdesk sla-report and hot-spots [${engine}]`, () => {
    let target: Target;

    beforeAll(async () => {
      target = await targetFor(engine);
      const stores = await openStores(loadConfig({ ...target.env, LOG_LEVEL: 'silent' }));
      try {
        await seed(stores.handle.db);
      } finally {
        await closeStores(stores);
      }
    });

    afterAll(async () => {
      await target?.drop();
    });

    const run = (args: string[]) => runCli(args, { ...target.env, LOG_LEVEL: 'silent' });
    const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');

    it('prints the on-time rate by category as a table, then the report as one JSON line', async () => {
      const result = await run(['sla-report', '--from', '2026-05-01', '--to', '2026-05-31']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('SLA report 2026-05-01 … 2026-05-31 (Asia/Shanghai)');
      expect(result.stdout).toMatch(/终端 Handset/);
      expect(result.stdout).toMatch(/└ 保修 Warranty/);
      const report = lastJson(result.stdout);
      expect(
        report.rows.map((r: { key: string; total: number; closedOnTime: number; openBreached: number }) => [
          r.key,
          r.total,
          r.closedOnTime,
          r.openBreached,
        ]),
      ).toEqual([
        ['plan_change', 2, 1, 0],
        ['handset', 3, 2, 1],
      ]);
      expect(report.overall).toMatchObject({
        total: 5,
        decided: 5,
        closedOnTime: 3,
        closedLate: 1,
        targetMet: false,
      });
      expect(report.overall.onTimeRate).toBeCloseTo(0.6, 12);
    });

    it('groups by service group on request and refuses a bad option with exit code 1', async () => {
      const byGroup = await run([
        'sla-report',
        '--from',
        '2026-05-01',
        '--to',
        '2026-05-31',
        '--by',
        'group',
      ]);
      expect(byGroup.code, byGroup.stderr).toBe(0);
      expect(lastJson(byGroup.stdout).rows.map((r: { key: string }) => r.key)).toEqual([
        '终端专员',
        '在线客服',
      ]);
      const bad = await run(['sla-report', '--by', 'city']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/--by must be one of category, group, level/);
      const backwards = await run(['sla-report', '--from', '2026-05-31', '--to', '2026-05-01']);
      expect(backwards.code).toBe(1);
      expect(backwards.stderr).toMatch(/--from must not be after --to/);
    });

    it('lists the planted hot spot, then the view as JSON', async () => {
      const result = await run(['hot-spots', '--weeks', '2', '--until', addDays(WEEK, 3)]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/2026-W25\s+11\s+0\.6/);
      expect(result.stdout).toContain('无锡市梁溪区 网络信号 → base_station_optimisation');
      const view = lastJson(result.stdout);
      expect(view.hotSpots).toHaveLength(1);
      expect(view.hotSpots[0]).toMatchObject({
        district: '梁溪区',
        category: 'network_signal',
        observed: 11,
      });
    });
  });
}
