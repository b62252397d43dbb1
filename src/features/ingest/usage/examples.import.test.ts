import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '#test/support/database';
import { importBills } from './bills.import';
import { insertKnownSubscribers, openScratch, type Scratch } from './test-files';
import { importUsage } from './usage.import';

describeEachEngine('docs/examples for the usage kinds', (getDb) => {
  let scratch: Scratch;
  beforeAll(async () => {
    await insertKnownSubscribers(getDb());
    scratch = await openScratch();
  });
  afterAll(async () => {
    await scratch.cleanup();
  });

  it('imports bills.csv without an error when its subscribers exist', async () => {
    const report = await importBills(scratch.context(getDb()), resolve('docs/examples/bills.csv'));
    expect(report).toMatchObject({
      status: 'committed',
      rowsLoaded: 7,
      errorCount: 0,
      months: ['2026-09', '2026-10'],
    });
  });

  it('imports usage.csv without an error when its subscribers exist', async () => {
    const report = await importUsage(scratch.context(getDb()), resolve('docs/examples/usage.csv'));
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 8, errorCount: 0, months: ['2026-10'] });
  });
});
