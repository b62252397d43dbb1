import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemo } from '#src/features/demo/load-demo';
import { sqlStringList } from '#src/usage/duckdb';
import { UsageStore } from '#src/usage/usage-store';
import { describeEachEngine } from '#test/support/database';
import { type MaterializedFeatures, materializeFeatures } from './feature-slices';

const DEMO = { subscribers: 600, months: 6, seed: 5, asOfMonth: '2026-03' };
const AS_OF = '2026-03-31';
const PERCENTILES = { generalValue: 0.8, highValue: 0.95, influence: 0.9 };

describeEachEngine('materializeFeatures in slices', (getDb) => {
  let root = '';
  let usage: UsageStore;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vipdesk-slices-'));
    usage = await UsageStore.open({ usageDir: join(root, 'usage'), memoryLimit: '1GB' });
    await loadDemo(
      { handle: getDb(), usage, timeZone: 'Asia/Shanghai', today: '2026-04-15' },
      { ...DEMO, workDir: join(root, 'demo') },
    );
  }, 240_000);

  afterAll(async () => {
    await usage?.close();
    await rm(root, { recursive: true, force: true });
  });

  const materialize = async (name: string, sliceSubscribers?: number) => {
    const workDir = join(root, name);
    await mkdir(workDir, { recursive: true });
    return materializeFeatures(
      { engine: getDb().engine, usage, asOf: AS_OF, workDir, percentiles: PERCENTILES },
      sliceSubscribers,
    );
  };

  /** Every row of the files, in subscriber order, as JSON text (one string per row). */
  const rowsOf = (features: MaterializedFeatures) =>
    usage.withConnection(async (connection) => {
      const reader = await connection.runAndReadAll(
        `SELECT * FROM read_parquet(${sqlStringList(features.files.map((f) => f.path))}) ORDER BY subscriber_id`,
      );
      return reader.getRowObjectsJson().map((row) => JSON.stringify(row));
    });

  it('gives the same rows and population in slices as in one piece, each subscriber once', async () => {
    const whole = await materialize('whole');
    const sliced = await materialize('sliced', 100);

    expect(whole.files).toHaveLength(1);
    expect(sliced.files.length).toBeGreaterThanOrEqual(5);
    expect(sliced.files.reduce((sum, file) => sum + file.rows, 0)).toBe(whole.subscribers);
    expect(sliced.population).toEqual(whole.population);

    const wholeRows = await rowsOf(whole);
    const slicedRows = await rowsOf(sliced);
    expect(wholeRows.length).toBeGreaterThan(DEMO.subscribers * 0.8);
    expect(slicedRows).toEqual(wholeRows);
    // No slice is much larger than asked for: the point of slicing is a bounded query.
    for (const file of sliced.files) expect(file.rows).toBeLessThanOrEqual(110);
  }, 120_000);
});
