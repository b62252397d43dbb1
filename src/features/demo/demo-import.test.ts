import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '#src/db/client';
import { demoChurnTruth } from '#src/db/schema/imports';
import { plans } from '#src/db/schema/plans';
import { subscribers } from '#src/db/schema/subscribers';
import type { ImportKind, ImportReport } from '#src/features/ingest/import-report';
import { describeEachEngine } from '#test/support/database';
import {
  type DemoContext,
  type DemoImporter,
  type DemoImporters,
  importDemo,
  loadGroundTruth,
} from './demo-import';

const options = { subscribers: 120, months: 4, seed: 9, asOfMonth: '2026-03' };
let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vipdesk-demo-import-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function report(kind: ImportKind, file: string, status: ImportReport['status'] = 'committed'): ImportReport {
  const errors =
    status === 'rejected'
      ? [{ line: 7, column: 'msisdn', value: '123', reason: 'is not a mobile number' }]
      : [];
  return {
    kind,
    file,
    status,
    rowsRead: 1,
    rowsLoaded: 1,
    rowsRejected: 0,
    errors,
    errorCount: errors.length,
    durationMs: 1,
  };
}

async function rows(path: string): Promise<Record<string, string>[]> {
  return parse(await readFile(path, 'utf8'), { columns: true });
}

/**
 * Stand-ins for the real importers: plans and subscribers are written straight through Drizzle
 * (the ground truth needs their ids); the others only record that they were called, and with what.
 */
function fakeImporters(
  db: () => Database,
  calls: string[],
  rejectKind?: ImportKind,
): DemoImporters<DemoContext> {
  const recordOnly =
    (kind: ImportKind): DemoImporter<DemoContext> =>
    async (_ctx, file) => {
      calls.push(basename(file));
      return report(kind, file, kind === rejectKind ? 'rejected' : 'committed');
    };
  return {
    plans: async (_ctx, file) => {
      calls.push(basename(file));
      const values = (await rows(file)).map((p) => ({
        code: p.plan_code ?? '',
        name: p.name ?? '',
        brand: p.brand ?? '',
        monthlyFeeFen: Math.round(Number(p.monthly_fee_yuan) * 100),
        includedMinutes: Number(p.included_minutes),
        includedDataMb: Number(p.included_data_mb),
        includedSms: Number(p.included_sms),
        overageVoiceFenPerMinute: Math.round(Number(p.overage_voice_yuan_per_minute) * 100),
        overageDataFenPerMb: Math.round(Number(p.overage_data_yuan_per_mb) * 100),
        overageSmsFen: Math.round(Number(p.overage_sms_yuan) * 100),
      }));
      await db().insert(plans).values(values).onConflictDoNothing();
      return report('plans', file);
    },
    subscribers: async (_ctx, file) => {
      calls.push(basename(file));
      const planIds = new Map((await db().select().from(plans)).map((p) => [p.code, p.id]));
      const values = (await rows(file)).map((s) => ({
        msisdn: s.msisdn ?? '',
        name: s.name ?? '',
        province: s.province ?? '',
        city: s.city ?? '',
        joinDate: s.join_date ?? '',
        brand: s.brand ?? '',
        planId: planIds.get(s.plan_code ?? '') ?? 0,
        status: s.status ?? '',
        statusSince: s.status_since ?? '',
      }));
      await db().insert(subscribers).values(values).onConflictDoNothing();
      return report('subscribers', file);
    },
    contracts: recordOnly('contracts'),
    complaints: recordOnly('complaints'),
    bills: recordOnly('bills'),
    usage: recordOnly('usage'),
  };
}

describeEachEngine('importDemo', (getDb) => {
  it('imports every kind in dependency order and then the ground truth when every file is accepted', async () => {
    const calls: string[] = [];
    const stages: string[] = [];
    const db = () => getDb().db;
    const summary = await importDemo(
      fakeImporters(db, calls),
      { handle: getDb() },
      {
        ...options,
        workDir: join(root, 'ok'),
        onStage: (stage) => stages.push(stage),
      },
    );
    expect(calls).toEqual([
      'plans.csv',
      'subscribers.csv',
      'contracts.csv',
      'complaints.csv',
      'bills.csv',
      'usage-2025-12.csv',
      'usage-2026-01.csv',
      'usage-2026-02.csv',
      'usage-2026-03.csv',
    ]);
    expect(stages.at(-1)).toBe('loading the churn ground truth');
    expect(summary.months).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    const truth = await db()
      .select({
        msisdn: subscribers.msisdn,
        churnMonth: demoChurnTruth.churnMonth,
        signals: demoChurnTruth.plantedSignals,
      })
      .from(demoChurnTruth)
      .innerJoin(subscribers, eq(subscribers.id, demoChurnTruth.subscriberId));
    expect(truth.length).toBe(summary.rows.groundTruth);
    expect(truth.length).toBeGreaterThan(0);
    const file = await rows(join(root, 'ok', 'ground-truth.csv'));
    const first = file[0];
    const stored = truth.find((t) => t.msisdn === first?.msisdn);
    expect(stored?.churnMonth).toBe(first?.churn_month);
    expect(stored?.signals.join(';')).toBe(first?.planted_signals);
  });

  it('leaves the same ground truth when it is loaded a second time', async () => {
    const db = getDb().db;
    const before = await db.select().from(demoChurnTruth);
    await loadGroundTruth(db, join(root, 'ok', 'ground-truth.csv'));
    const after = await db.select().from(demoChurnTruth);
    const bySubscriber = (a: { subscriberId: number }, b: { subscriberId: number }) =>
      a.subscriberId - b.subscriberId;
    expect(after.sort(bySubscriber)).toEqual(before.sort(bySubscriber));
  });

  it('stops with the first row errors when an importer rejects its file', async () => {
    const calls: string[] = [];
    const run = importDemo(
      fakeImporters(() => getDb().db, calls, 'contracts'),
      { handle: getDb() },
      {
        ...options,
        workDir: join(root, 'rejected'),
      },
    );
    await expect(run).rejects.toThrow(
      /contracts file was rejected.*line 7, column msisdn: '123' is not a mobile number/,
    );
    expect(calls).not.toContain('complaints.csv');
  });
});
