import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYuanToFen } from '#src/lib/money';
import { MSISDN_PATTERN } from '#src/lib/msisdn';
import { type DemoGeneration, generateDemo } from './generate-demo';

const config = { subscribers: 400, months: 4, seed: 42, asOfMonth: '2026-03' };
let root = '';
let first: DemoGeneration;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vipdesk-demo-'));
  first = await generateDemo(config, join(root, 'a'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function hashDir(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    hashes[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  }
  return hashes;
}

type Row = Record<string, string>;
async function readCsv(path: string): Promise<Row[]> {
  return parse(await readFile(path, 'utf8'), { columns: true });
}

/** Column names per kind as docs/data-formats.md tabulates them under "## <kind> — …". */
async function documentedColumns(): Promise<Map<string, string[]>> {
  const doc = await readFile(join(import.meta.dirname, '../../../docs/data-formats.md'), 'utf8');
  const columns = new Map<string, string[]>();
  for (const section of doc.split(/^## /m).slice(1)) {
    const kind = section.split(/\s/)[0] ?? '';
    const names = [...section.matchAll(/^\| ([a-z_]+) \|/gm)]
      .map((m) => m[1] ?? '')
      .filter((n) => n !== 'column');
    if (names.length > 0) columns.set(kind, names);
  }
  return columns;
}

describe('generateDemo', () => {
  it('writes byte-identical files when run twice with the same config', async () => {
    await generateDemo(config, join(root, 'b'));
    expect(await hashDir(join(root, 'b'))).toEqual(await hashDir(join(root, 'a')));
  });

  it('writes a different operator when the seed changes', async () => {
    await generateDemo({ ...config, seed: 43 }, join(root, 'c'));
    const a = await hashDir(join(root, 'a'));
    const c = await hashDir(join(root, 'c'));
    expect(c['subscribers.csv']).not.toBe(a['subscribers.csv']);
  });

  it('writes exactly the documented columns when writing each kind of file', async () => {
    const documented = await documentedColumns();
    const files: Record<string, string> = {
      plans: first.files.plans,
      subscribers: first.files.subscribers,
      contracts: first.files.contracts,
      complaints: first.files.complaints,
      bills: first.files.bills,
      usage: first.files.usage[0]?.path ?? '',
    };
    for (const [kind, path] of Object.entries(files)) {
      const header = (await readFile(path, 'utf8')).split('\n', 1)[0]?.split(',') ?? [];
      expect({ kind, header: [...header].sort() }).toEqual({
        kind,
        header: [...(documented.get(kind) ?? [])].sort(),
      });
    }
  });

  it('writes one usage file per window month and reports the rows it wrote', async () => {
    expect(first.files.usage.map((u) => u.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    let usageRows = 0;
    for (const { month, path } of first.files.usage) {
      const rows = await readCsv(path);
      usageRows += rows.length;
      for (const row of rows) expect(row.date?.slice(0, 7)).toBe(month);
    }
    expect(usageRows).toBe(first.rows.usage);
    expect((await readCsv(first.files.subscribers)).length).toBe(config.subscribers);
    expect((await readCsv(first.files.groundTruth)).length).toBe(first.rows.groundTruth);
  });

  it('keeps every value within the documented rules when the files are parsed back', async () => {
    const subscribers = await readCsv(first.files.subscribers);
    const msisdns = new Set(subscribers.map((s) => s.msisdn));
    expect(msisdns.size).toBe(subscribers.length);
    const planCodes = new Set((await readCsv(first.files.plans)).map((p) => p.plan_code));
    for (const s of subscribers) {
      expect(s.msisdn).toMatch(MSISDN_PATTERN);
      expect(planCodes.has(s.plan_code ?? '')).toBe(true);
      expect((s.status_since ?? '') >= (s.join_date ?? '')).toBe(true);
      expect((s.status_since ?? '') <= '2026-03-31').toBe(true);
    }
    for (const b of await readCsv(first.files.bills)) {
      expect(msisdns.has(b.msisdn)).toBe(true);
      const total = parseYuanToFen(b.total_yuan ?? '') ?? -1;
      expect(parseYuanToFen(b.overage_yuan ?? '')).toBeLessThanOrEqual(total);
    }
    for (const c of await readCsv(first.files.contracts))
      expect((c.end_date ?? '') >= (c.start_date ?? '')).toBe(true);
    for (const c of await readCsv(first.files.complaints)) {
      expect(c.opened_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+08:00$/);
      if (c.status !== 'open') expect((c.resolved_at ?? '') >= (c.opened_at ?? '')).toBe(true);
      expect((c.opened_at ?? '') < '2026-04-01').toBe(true);
    }
    for (const t of await readCsv(first.files.groundTruth)) {
      expect(msisdns.has(t.msisdn)).toBe(true);
      expect(t.churn_month).toMatch(/^(2025-12|2026-0[1-6])$/);
    }
  });
});

describe('generateDemo on a bad directory', () => {
  it('rejects instead of reporting success when a file cannot be written', async () => {
    const dir = join(root, 'blocked');
    // A directory where bills.csv should go: opening it for writing fails after generation starts.
    await mkdir(join(dir, 'bills.csv'), { recursive: true });
    await expect(generateDemo(config, dir)).rejects.toThrow(/EISDIR/);
  });
});
