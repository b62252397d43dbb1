import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contracts } from '#src/db/schema/contracts';
import { demoChurnTruth } from '#src/db/schema/imports';
import { plans } from '#src/db/schema/plans';
import { complaints } from '#src/db/schema/service';
import { subscriberStatusHistory, subscribers } from '#src/db/schema/subscribers';
import type { IngestContext } from '#src/features/ingest/import-report';
import { UsageStore } from '#src/usage/usage-store';
import { describeEachEngine } from '#test/support/database';
import { type DemoSummary, loadDemo } from './load-demo';

const OPTIONS = { subscribers: 300, months: 4, seed: 5, asOfMonth: '2026-03' };

describeEachEngine('loadDemo', (getDb) => {
  let root = '';
  let usage: UsageStore;
  let ctx: IngestContext;
  let summary: DemoSummary;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vipdesk-load-demo-'));
    usage = await UsageStore.open({ usageDir: join(root, 'usage'), memoryLimit: '1GB' });
    ctx = { handle: getDb(), usage, timeZone: 'Asia/Shanghai', today: '2026-04-15' };
    summary = await loadDemo(ctx, { ...OPTIONS, workDir: join(root, 'work') });
  });

  afterAll(async () => {
    await usage?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function countOf(table: typeof plans | typeof subscribers | typeof contracts | typeof complaints) {
    const [row] = await getDb().db.select({ n: count() }).from(table);
    return row?.n ?? 0;
  }

  it('loads every relational kind and the ground truth when the demo is generated and imported', async () => {
    expect(await countOf(plans)).toBe(summary.rows.plans);
    expect(await countOf(subscribers)).toBe(OPTIONS.subscribers);
    expect(await countOf(contracts)).toBe(summary.rows.contracts);
    expect(await countOf(complaints)).toBe(summary.rows.complaints);
    const byStatus = await getDb()
      .db.select({ status: subscribers.status, n: count() })
      .from(subscribers)
      .groupBy(subscribers.status);
    const expected = Object.entries(summary.statuses).filter(([, n]) => n > 0);
    expect(byStatus.map((row) => [row.status, row.n]).sort()).toEqual(expected.sort());
    const [truth] = await getDb().db.select({ n: count() }).from(demoChurnTruth);
    expect(truth?.n).toBe(summary.rows.groundTruth);
    expect(summary.rows.groundTruth).toBeGreaterThan(0);
  });

  it('fills the usage store with every bill and daily row, month by month', async () => {
    expect(await usage.listMonths('usage')).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(await usage.listMonths('bills')).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    const [usageRows] = await usage.query('SELECT count(*) AS n, sum(minutes) AS minutes FROM usage');
    const [billRows] = await usage.query('SELECT count(*) AS n, sum(minutes) AS minutes FROM bills');
    expect(Number(usageRows?.n)).toBe(summary.rows.usage);
    expect(Number(billRows?.n)).toBe(summary.rows.bills);
    // Bills price exactly the minutes of the daily rows.
    expect(Number(billRows?.minutes)).toBe(Number(usageRows?.minutes));
  });

  it('opens a churned status period for every churned subscriber when the demo is loaded', async () => {
    const [open] = await getDb()
      .db.select({ n: count() })
      .from(subscriberStatusHistory)
      .where(and(eq(subscriberStatusHistory.status, 'churned'), isNull(subscriberStatusHistory.validTo)));
    expect(open?.n).toBe(summary.statuses.churned);
  });
});
