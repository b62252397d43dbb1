import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyManifest, MANIFEST_FILE, readManifest, withMonthsReplaced, writeManifest } from './manifest';

describe('withMonthsReplaced', () => {
  it('replaces only the given months and returns the files they listed before', () => {
    const before = withMonthsReplaced(emptyManifest(), 'usage', {
      '2026-08': ['usage/month=2026-08/a.parquet'],
      '2026-09': ['usage/month=2026-09/a.parquet'],
    }).manifest;

    const { manifest, superseded } = withMonthsReplaced(before, 'usage', {
      '2026-09': ['usage/month=2026-09/b.parquet'],
    });

    expect(manifest.datasets.usage).toEqual({
      '2026-08': ['usage/month=2026-08/a.parquet'],
      '2026-09': ['usage/month=2026-09/b.parquet'],
    });
    expect(superseded).toEqual(['usage/month=2026-09/a.parquet']);
    expect(manifest.datasets.bills).toEqual({});
    expect(before.datasets.usage['2026-09']).toEqual(['usage/month=2026-09/a.parquet']);
  });

  it('supersedes nothing when a month is replaced by the file it already lists', () => {
    const before = withMonthsReplaced(emptyManifest(), 'bills', { '2026-09': ['x.parquet'] }).manifest;
    expect(withMonthsReplaced(before, 'bills', { '2026-09': ['x.parquet'] }).superseded).toEqual([]);
  });
});

describe('readManifest and writeManifest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vipdesk-manifest-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads an empty manifest when the store has never been written', async () => {
    expect(await readManifest(dir)).toEqual(emptyManifest());
  });

  it('reads back what it wrote and leaves no temporary file behind', async () => {
    const { manifest } = withMonthsReplaced(emptyManifest(), 'bills', {
      '2026-10': ['bills/month=2026-10/i.parquet'],
    });
    await writeManifest(dir, manifest);
    expect(await readManifest(dir)).toEqual(manifest);
    expect(readdirSync(dir)).toEqual([MANIFEST_FILE]);
  });

  it('refuses a manifest whose month keys are not YYYY-MM', async () => {
    writeFileSync(
      join(dir, MANIFEST_FILE),
      JSON.stringify({ version: 1, datasets: { bills: { '2026-9': ['x'] }, usage: {} } }),
    );
    await expect(readManifest(dir)).rejects.toThrow(/YYYY-MM/);
  });
});
