import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectQuietly, createDuckDb } from '#src/usage/duckdb';
import { billsSpec } from './bills.import';
import { type FastPassResult, runFastPass } from './fast-pass';
import type { KindSpec } from './kind-spec';
import { SUBSCRIBER_MAP_TABLE } from './subscriber-map';
import { BILLS_HEADER, billLine, csv, TEST_TODAY, USAGE_HEADER, usageLine } from './test-files';
import { usageSpec } from './usage.import';

// The fast pass decides alone whether a file is committed without the error pass, so it must
// never call a bad file clean (and should call good files clean, or every import pays twice).
describe('runFastPass', () => {
  let dir: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let n = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vipdesk-fast-'));
    instance = await createDuckDb({ memoryLimit: '256MB', tempDirectory: join(dir, 'tmp'), threads: 2 });
  });
  beforeEach(async () => {
    connection?.closeSync();
    connection = await connectQuietly(instance);
    await connection.run(
      `CREATE TEMP TABLE ${SUBSCRIBER_MAP_TABLE} AS SELECT * FROM (VALUES (11, '13800000001'), (12, '13800000002')) AS t(id, msisdn)`,
    );
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  const pass = (spec: KindSpec, header: string, ...lines: string[]): Promise<FastPassResult> => {
    n += 1;
    const filePath = join(dir, `f${n}.csv`);
    writeFileSync(filePath, csv(header, ...lines));
    return runFastPass(connection, spec, {
      filePath,
      columns: header.split(','),
      newline: '\n',
      stagedFile: join(dir, `f${n}.parquet`),
    });
  };
  const usage = (...lines: string[]) => pass(usageSpec(TEST_TODAY), USAGE_HEADER, ...lines);

  it('calls a good file clean and lists its months', async () => {
    const result = await usage(
      usageLine('13800000001', '2026-09-30'),
      usageLine('13800000001', '2026-10-01'),
    );
    expect(result).toEqual({ clean: true, rows: 2, months: ['2026-09', '2026-10'] });
  });

  it.each([
    ['an unknown MSISDN', usageLine('13800000009', '2026-09-01')],
    ['an MSISDN in scientific notation', usageLine('1.38E+10', '2026-09-01')],
    ['a fractional count', usageLine('13800000001', '2026-09-01', { minutes: '2.5' })],
    ['a negative count', usageLine('13800000001', '2026-09-01', { calls_in: '-1' })],
    ['NaN data', usageLine('13800000001', '2026-09-01', { data_mb: 'nan' })],
    [
      'night data above all data',
      usageLine('13800000001', '2026-09-01', { data_mb: '1', night_data_mb: '2' }),
    ],
    ['a date after today', usageLine('13800000001', '2026-11-21')],
    ['an impossible date', usageLine('13800000001', '2026-02-30')],
    ['a date in another form', usageLine('13800000001', '20260901')],
    ['an empty cell', usageLine('13800000001', '2026-09-01', { calls_out: '' })],
    ['a missing field', '13800000001,2026-09-01,1'],
  ])('calls a file with %s not clean', async (_, bad) => {
    expect(await usage(usageLine('13800000002', '2026-09-01'), bad)).toMatchObject({ clean: false });
  });

  it('restores the optimizer settings it changes for the scan, also when the scan fails', async () => {
    const setting = async () =>
      (
        await connection.runAndReadAll("SELECT current_setting('disabled_optimizers') AS v")
      ).getRowObjectsJson();
    await connection.run("SET disabled_optimizers = 'late_materialization'");
    await usage(usageLine('13800000001', '2026-09-01'));
    expect(await setting()).toEqual([{ v: 'late_materialization' }]);
    expect(await usage('13800000001,2026-09-01\r,1,2,3,4,5,6,7,8')).toEqual({
      clean: false,
      reason: 'read failed',
    });
    expect(await setting()).toEqual([{ v: 'late_materialization' }]);
    await connection.run("SET disabled_optimizers = ''");
  });

  it('finds a duplicate (subscriber, date) far apart in the file', async () => {
    const lines = [];
    for (let day = 1; day <= 30; day += 1) {
      const date = `2026-09-${String(day).padStart(2, '0')}`;
      lines.push(usageLine('13800000001', date), usageLine('13800000002', date));
    }
    expect(await usage(...lines)).toMatchObject({ clean: true });
    expect(await usage(...lines, usageLine('13800000002', '2026-09-01'))).toMatchObject({ clean: false });
  });

  it('finds a duplicate (subscriber, month) in bills and a third decimal in yuan', async () => {
    const bills = (...lines: string[]) => pass(billsSpec(TEST_TODAY), BILLS_HEADER, ...lines);
    expect(await bills(billLine('13800000001', '2026-09'), billLine('13800000001', '2026-10'))).toMatchObject(
      {
        clean: true,
        months: ['2026-09', '2026-10'],
      },
    );
    expect(await bills(billLine('13800000001', '2026-09'), billLine('13800000001', '2026-09'))).toMatchObject(
      {
        clean: false,
      },
    );
    expect(await bills(billLine('13800000001', '2026-09', { sms_yuan: '1.005' }))).toMatchObject({
      clean: false,
    });
  });
});
