import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { describeEachEngine } from '#test/support/database';
import { importComplaints } from './complaints.import';
import { importContracts } from './contracts.import';
import { importPlans } from './plans.import';
import { importSubscribers } from './subscribers.import';
import { csvDir, testContext } from './test-files';

const EXAMPLES = resolve('docs/examples');

// docs/examples must stay importable as the calendar moves on, so "today" is not pinned here.
describeEachEngine('docs/examples', (getDb) => {
  const files = csvDir();
  afterAll(() => files.cleanup());

  it('imports all four relational examples into an empty database without an error', async () => {
    const ctx = testContext(getDb(), undefined);
    const steps = [
      ['plans.csv', importPlans],
      ['subscribers.csv', importSubscribers],
      ['contracts.csv', importContracts],
      ['complaints.csv', importComplaints],
    ] as const;
    for (const [name, importer] of steps) {
      // A copy, so a failing run cannot leave .errors.csv files in docs/.
      const path = files.write(name, readFileSync(resolve(EXAMPLES, name)));
      const report = await importer(ctx, path);
      expect({ name, status: report.status, errors: report.errors }).toEqual({
        name,
        status: 'committed',
        errors: [],
      });
      expect(report.rowsLoaded).toBeGreaterThanOrEqual(5);
    }
    const counts = await queryRows<{ name: string; n: number }>(
      getDb().engine,
      `SELECT 'subscribers' AS name, count(*)::int AS n FROM subscribers
       UNION ALL SELECT 'history', count(*)::int FROM subscriber_status_history
       UNION ALL SELECT 'contracts', count(*)::int FROM contracts
       UNION ALL SELECT 'complaints', count(*)::int FROM complaints`,
    );
    expect(counts).toEqual([
      { name: 'subscribers', n: 5 },
      { name: 'history', n: 7 },
      { name: 'contracts', n: 6 },
      { name: 'complaints', n: 6 },
    ]);
  });
});
