import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATASET_COLUMNS } from './datasets';
import { sqlString } from './duckdb';
import { dataFilePath, STAGING_DIR } from './layout';
import { MANIFEST_FILE, readManifest } from './manifest';
import { UsageStore, type UsageStoreOptions } from './usage-store';
import { LOCK_FILE, UsageStoreBusyError } from './write-lock';
import type { UsageWriteSession } from './write-session';

class SimulatedCrash extends Error {}

/** A bills file for one month whose every subscriber_id is `marker`, written in the session. */
async function stageBills(session: UsageWriteSession, month: string, marker: number): Promise<string> {
  const path = join(session.stagingDir, `${month}-${marker}.parquet`);
  const columns = DATASET_COLUMNS.bills.map((c) => {
    if (c.name === 'subscriber_id') return `CAST(${marker} AS BIGINT) AS subscriber_id`;
    if (c.name === 'month') return `DATE ${sqlString(`${month}-01`)} AS month`;
    return `CAST(1 AS ${c.type}) AS ${c.name}`;
  });
  await session.connection.run(
    `COPY (SELECT ${columns.join(', ')} FROM range(3)) TO ${sqlString(path)} (FORMAT parquet)`,
  );
  return path;
}

async function commitBills(store: UsageStore, months: Record<string, number>): Promise<void> {
  const session = await store.beginWrite();
  try {
    const files = new Map<string, string>();
    for (const [month, marker] of Object.entries(months))
      files.set(month, await stageBills(session, month, marker));
    await session.commit('bills', files);
  } finally {
    await session.close();
  }
}

async function markersByMonth(store: UsageStore): Promise<Record<string, string[]>> {
  const rows = await store.query(
    "SELECT strftime(month, '%Y-%m') AS month, list(DISTINCT subscriber_id ORDER BY subscriber_id) AS ids FROM bills GROUP BY 1 ORDER BY 1",
  );
  const result: Record<string, string[]> = {};
  for (const row of rows) {
    if (typeof row.month === 'string' && Array.isArray(row.ids)) result[row.month] = row.ids.map(String);
  }
  return result;
}

function parquetFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.parquet'));
}

describe('UsageStore', () => {
  let dir: string;
  let usageDir: string;
  let store: UsageStore;
  const open = (extra: Partial<UsageStoreOptions> = {}) =>
    UsageStore.open({ usageDir, memoryLimit: '256MB', threads: 1, ...extra });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vipdesk-store-'));
    usageDir = join(dir, 'usage');
    store = await open();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists no months and reads an empty relation with the dataset columns when nothing is imported', async () => {
    await store.ping();
    expect(await store.listMonths('usage')).toEqual([]);
    expect(await store.currentFiles('bills')).toEqual([]);
    const columns = await store.query(
      "SELECT column_name FROM (DESCRIBE SELECT * FROM usage) ORDER BY column_name = 'subscriber_id' DESC, column_name",
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'subscriber_id',
      ...DATASET_COLUMNS.usage
        .map((c) => c.name)
        .filter((n) => n !== 'subscriber_id')
        .sort(),
    ]);
    expect(await store.query('SELECT count(*) AS n FROM usage')).toEqual([{ n: '0' }]);
  });

  it('makes committed months current under month=YYYY-MM and deletes the files they supersede', async () => {
    await commitBills(store, { '2026-08': 1, '2026-09': 2 });
    const firstFiles = await store.currentFiles('bills');
    await commitBills(store, { '2026-09': 3 });

    expect(await store.listMonths('bills')).toEqual(['2026-08', '2026-09']);
    expect(await markersByMonth(store)).toEqual({ '2026-08': ['1'], '2026-09': ['3'] });
    const files = await store.currentFiles('bills');
    expect(files).toHaveLength(2);
    expect(files[1]).toMatch(/\/bills\/month=2026-09\/[^/]+\.parquet$/);
    expect(existsSync(firstFiles[1] ?? '')).toBe(false);
    expect(parquetFilesUnder(usageDir)).toHaveLength(2);
  });

  it('keeps reading the old month and removes the new files on reopen when a writer dies before the swap', async () => {
    await commitBills(store, { '2026-09': 1 });
    await store.close();
    store = await open({
      beforeSwap: () => {
        throw new SimulatedCrash('killed between writing the new files and the manifest swap');
      },
    });

    await expect(commitBills(store, { '2026-09': 2 })).rejects.toBeInstanceOf(SimulatedCrash);
    // The new file is on disk but not listed: readers still see exactly the old data.
    expect(parquetFilesUnder(join(usageDir, 'bills'))).toHaveLength(2);
    expect(await markersByMonth(store)).toEqual({ '2026-09': ['1'] });

    store = await reopen(store, open);
    expect(await markersByMonth(store)).toEqual({ '2026-09': ['1'] });
    expect(parquetFilesUnder(join(usageDir, 'bills'))).toHaveLength(1);
  });

  it('removes unlisted data files, staging directories and half-written manifests when it opens', async () => {
    await commitBills(store, { '2026-09': 1 });
    const orphan = join(usageDir, dataFilePath('usage', '2026-10', 'crashed-import'));
    mkdirSync(join(usageDir, 'usage', 'month=2026-10'), { recursive: true });
    writeFileSync(orphan, 'partial parquet');
    mkdirSync(join(usageDir, STAGING_DIR, 'crashed-import'), { recursive: true });
    writeFileSync(join(usageDir, `${MANIFEST_FILE}.tmp-123-abc`), '{"version":');

    store = await reopen(store, open);

    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(join(usageDir, 'usage', 'month=2026-10'))).toBe(false);
    expect(readdirSync(join(usageDir, STAGING_DIR))).toEqual([]);
    expect(existsSync(join(usageDir, `${MANIFEST_FILE}.tmp-123-abc`))).toBe(false);
    expect(await markersByMonth(store)).toEqual({ '2026-09': ['1'] });
  });

  it('refuses to write while another live process holds the write lock', async () => {
    writeFileSync(join(usageDir, LOCK_FILE), JSON.stringify({ pid: process.ppid }));
    await expect(store.beginWrite()).rejects.toBeInstanceOf(UsageStoreBusyError);
  });

  it('takes over a write lock left by a process that no longer exists', async () => {
    writeFileSync(join(usageDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    await commitBills(store, { '2026-09': 7 });
    expect(await markersByMonth(store)).toEqual({ '2026-09': ['7'] });
    expect(existsSync(join(usageDir, LOCK_FILE))).toBe(false);
  });

  it('runs two writers of one process one after the other when they start together', async () => {
    await Promise.all([commitBills(store, { '2026-08': 1 }), commitBills(store, { '2026-09': 2 })]);
    expect(await markersByMonth(store)).toEqual({ '2026-08': ['1'], '2026-09': ['2'] });
    expect(Object.keys((await readManifest(usageDir)).datasets.bills)).toEqual(['2026-08', '2026-09']);
  });

  it('sees months committed through another store on the same directory', async () => {
    const other = await open();
    try {
      await commitBills(other, { '2026-07': 5 });
    } finally {
      await other.close();
    }
    expect(await store.listMonths('bills')).toEqual(['2026-07']);
    expect(await markersByMonth(store)).toEqual({ '2026-07': ['5'] });
  });
});

async function reopen(store: UsageStore, open: () => Promise<UsageStore>): Promise<UsageStore> {
  await store.close();
  return open();
}
