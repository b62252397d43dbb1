// Test helpers for the usage importers (imported by *.test.ts only).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '#src/db/client';
import { UsageStore, type UsageStoreOptions } from '#src/usage/usage-store';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import type { IngestContext } from '../import-report';

/** The date tests pin as "today" so range rules do not move with the calendar. */
export const TEST_TODAY = '2026-11-20';

/** MSISDNs with subscribers (those of docs/examples/subscribers.csv). */
export const KNOWN_MSISDNS = ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005'];

/** Inserts a plan and one subscriber per known MSISDN; returns MSISDN → subscriber id. */
export async function insertKnownSubscribers(handle: DbHandle): Promise<Map<string, number>> {
  const plan = await insertPlan(handle.db);
  const ids = new Map<string, number>();
  for (const msisdn of KNOWN_MSISDNS) {
    const row = await insertSubscriber(handle.db, plan.id, { msisdn });
    ids.set(msisdn, row.id);
  }
  return ids;
}

/** A scratch directory with a usage store in it and a place for CSV fixtures. */
export type Scratch = {
  dir: string;
  usage: UsageStore;
  write(name: string, content: string | Buffer): string;
  context(handle: DbHandle): IngestContext;
  reopen(options?: Partial<UsageStoreOptions>): Promise<UsageStore>;
  cleanup(): Promise<void>;
};

export async function openScratch(options: Partial<UsageStoreOptions> = {}): Promise<Scratch> {
  const dir = mkdtempSync(join(tmpdir(), 'vipdesk-usage-'));
  const usageDir = join(dir, 'usage');
  const open = (extra: Partial<UsageStoreOptions>) =>
    UsageStore.open({ usageDir, memoryLimit: '512MB', threads: 2, ...extra });
  const scratch: Scratch = {
    dir,
    usage: await open(options),
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    context(handle) {
      return { handle, usage: scratch.usage, timeZone: 'Asia/Shanghai', today: TEST_TODAY };
    },
    async reopen(extra = {}) {
      await scratch.usage.close();
      scratch.usage = await open(extra);
      return scratch.usage;
    },
    async cleanup() {
      await scratch.usage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return scratch;
}

export function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export const USAGE_HEADER =
  'msisdn,date,calls_out,calls_in,minutes,distinct_contacts,data_mb,night_data_mb,competitor_hotline_calls,competitor_marketing_contacts';

const USAGE_DEFAULTS: Record<string, string> = {
  calls_out: '3',
  calls_in: '2',
  minutes: '15',
  distinct_contacts: '4',
  data_mb: '850.5',
  night_data_mb: '120.25',
  competitor_hotline_calls: '0',
  competitor_marketing_contacts: '1',
};

/** A valid usage line in USAGE_HEADER order; override what the test is about. */
export function usageLine(msisdn: string, date: string, overrides: Record<string, string> = {}): string {
  const values = { ...USAGE_DEFAULTS, ...overrides };
  return [
    msisdn,
    date,
    ...USAGE_HEADER.split(',')
      .slice(2)
      .map((c) => values[c] ?? ''),
  ].join(',');
}

export const BILLS_HEADER =
  'msisdn,month,total_yuan,voice_yuan,data_yuan,sms_yuan,value_added_yuan,overage_yuan,minutes,data_mb,sms_count';

const BILL_DEFAULTS: Record<string, string> = {
  total_yuan: '158.50',
  voice_yuan: '60',
  data_yuan: '80.5',
  sms_yuan: '3',
  value_added_yuan: '15',
  overage_yuan: '12.35',
  minutes: '420',
  data_mb: '20480.5',
  sms_count: '37',
};

/** A valid bill line in BILLS_HEADER order; override what the test is about. */
export function billLine(msisdn: string, month: string, overrides: Record<string, string> = {}): string {
  const values = { ...BILL_DEFAULTS, ...overrides };
  return [
    msisdn,
    month,
    ...BILLS_HEADER.split(',')
      .slice(2)
      .map((c) => values[c] ?? ''),
  ].join(',');
}
