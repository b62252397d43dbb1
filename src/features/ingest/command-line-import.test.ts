import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IdempotencyRefusal } from '#src/features/idempotency/idempotency.service';
import { UsageStore } from '#src/usage/usage-store';
import { describeEachEngine } from '#test/support/database';
import { importOnceFromCommandLine } from './command-line-import';
import type { IngestContext } from './import-report';
import { csv, csvDir, PLANS_HEADER, planLine } from './relational/test-files';

describeEachEngine('vipdesk import --idempotency-key', (getDb) => {
  const files = csvDir();
  let usage: UsageStore;
  const context = (): IngestContext => ({ handle: getDb(), usage, timeZone: 'Asia/Shanghai' });

  beforeAll(async () => {
    usage = await UsageStore.open({ usageDir: join(files.dir, 'usage'), memoryLimit: '256MB' });
  });
  afterAll(async () => {
    await usage?.close();
    files.cleanup();
  });

  it('imports once per key: a repeat of the same file replays its run, another file is refused', async () => {
    const first = files.write('a.csv', csv(PLANS_HEADER, planLine('CLI1')));
    const copy = files.write('copy-of-a.csv', csv(PLANS_HEADER, planLine('CLI1')));
    const ran = await importOnceFromCommandLine(context(), 'plans', first, {}, 'nightly-plans-0301');
    expect(ran).toMatchObject({ replayed: false, report: { status: 'committed', rowsLoaded: 1 } });
    // The same bytes from another path are the same request.
    const again = await importOnceFromCommandLine(context(), 'plans', copy, {}, 'nightly-plans-0301');
    expect(again).toMatchObject({
      replayed: true,
      report: { importId: ran.report.importId, status: 'committed', rowsLoaded: 1 },
    });
    const other = files.write('b.csv', csv(PLANS_HEADER, planLine('CLI2')));
    const refused = importOnceFromCommandLine(context(), 'plans', other, {}, 'nightly-plans-0301');
    await expect(refused).rejects.toBeInstanceOf(IdempotencyRefusal);
    await expect(refused).rejects.toThrow(/nightly-plans-0301/);
  });

  it('refuses a malformed key before reading anything', async () => {
    const file = files.write('c.csv', csv(PLANS_HEADER, planLine('CLI3')));
    await expect(importOnceFromCommandLine(context(), 'plans', file, {}, '')).rejects.toThrow(
      /--idempotency-key must not be empty/,
    );
  });
});
