import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '#test/support/database';
import type { ImportProgress, RowError } from '../import-report';
import { businessToday } from './run-usage-import';
import {
  csv,
  insertKnownSubscribers,
  openScratch,
  type Scratch,
  USAGE_HEADER,
  usageLine,
} from './test-files';
import { importUsage } from './usage.import';

const A = '13800000001';
const B = '13800000002';

describeEachEngine('importUsage', (getDb) => {
  let ids = new Map<string, number>();
  let scratch: Scratch;
  beforeAll(async () => {
    ids = await insertKnownSubscribers(getDb());
  });
  beforeEach(async () => {
    scratch = await openScratch();
  });
  afterEach(async () => {
    await scratch.cleanup();
  });

  const run = (name: string, content: string | Buffer, options = {}) =>
    importUsage(scratch.context(getDb()), scratch.write(name, content), options);
  const stored = () =>
    scratch.usage.query(
      "SELECT subscriber_id, strftime(date, '%Y-%m-%d') AS date, calls_out FROM usage ORDER BY subscriber_id, date",
    );
  const id = (msisdn: string) => String(ids.get(msisdn));
  const errorsOf = (report: { errors: RowError[] }) =>
    report.errors.map((e) => [e.line, e.column, e.value, e.reason]);

  it('stores typed rows keyed by subscriber_id, without the MSISDN, when every row is good', async () => {
    const report = await run(
      'good.csv',
      csv(USAGE_HEADER, usageLine(A, '2026-09-01'), usageLine(B, '2026-09-02')),
    );

    expect(report).toMatchObject({
      kind: 'usage',
      status: 'committed',
      rowsRead: 2,
      rowsLoaded: 2,
      rowsRejected: 0,
      errorCount: 0,
      months: ['2026-09'],
    });
    const rows = await scratch.usage.query('SELECT * FROM usage ORDER BY date');
    expect(rows).toEqual([
      {
        subscriber_id: id(A),
        date: '2026-09-01',
        month: '2026-09-01',
        calls_out: 3,
        calls_in: 2,
        minutes: 15,
        distinct_contacts: 4,
        data_mb: 850.5,
        night_data_mb: 120.25,
        competitor_hotline_calls: 0,
        competitor_marketing_contacts: 1,
      },
      expect.objectContaining({ subscriber_id: id(B), date: '2026-09-02' }),
    ]);
  });

  it('reads columns in any order, quoted fields and CRLF line endings', async () => {
    const content = [
      'DATE,msisdn,calls_out,calls_in,minutes,distinct_contacts,data_mb,night_data_mb,competitor_hotline_calls,competitor_marketing_contacts',
      `"2026-09-03","${A}","9",1,2,3,4.5,1,0,0`,
      '',
    ].join('\r\n');
    const report = await run('crlf.csv', content);
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 1 });
    expect(await stored()).toEqual([{ subscriber_id: id(A), date: '2026-09-03', calls_out: 9 }]);
  });

  it('rejects the file, writes nothing and reports line, column, value and reason of every bad row', async () => {
    await run('before.csv', csv(USAGE_HEADER, usageLine(A, '2026-09-01')));
    const before = await stored();

    const report = await run(
      'bad.csv',
      csv(
        USAGE_HEADER,
        usageLine(A, '2026-09-02'),
        usageLine('13800000009', '2026-09-02', { calls_out: '-1' }),
        '',
        usageLine('1380000000', '2026-02-30', { calls_in: '1.5', minutes: 'abc' }),
        usageLine(B, '2026-09-05', { data_mb: '10', night_data_mb: '12.5' }),
      ),
    );

    expect(report).toMatchObject({
      status: 'rejected',
      rowsRead: 4,
      rowsLoaded: 0,
      rowsRejected: 3,
      errorCount: 7,
    });
    expect(errorsOf(report)).toEqual([
      [3, 'msisdn', '13800000009', 'no subscriber with this MSISDN; import subscribers first'],
      [3, 'calls_out', '-1', 'negative'],
      [5, 'msisdn', '1380000000', 'not an 11-digit mobile number (1, then 3-9, then 9 digits)'],
      [5, 'date', '2026-02-30', 'not a real calendar date'],
      [5, 'calls_in', '1.5', 'not a whole number'],
      [5, 'minutes', 'abc', 'not a number'],
      [6, 'night_data_mb', '12.5', 'more than data_mb (10)'],
    ]);
    expect(report.errorsFile).toBe(`${report.file}.errors.csv`);
    expect(readFileSync(report.errorsFile ?? '', 'utf8').split('\n')[1]).toBe(
      '3,msisdn,13800000009,no subscriber with this MSISDN; import subscribers first',
    );
    expect(await stored()).toEqual(before);
  });

  it('refuses a semicolon-delimited file naming the delimiter', async () => {
    const report = await run('semi.csv', csv(USAGE_HEADER.replaceAll(',', ';'), usageLine(A, '2026-09-01')));
    expect(report).toMatchObject({ status: 'rejected', rowsRead: 0 });
    expect(report.errors[0]?.reason).toMatch(/delimited by semicolons/);
  });

  it('refuses a tab-delimited file naming the delimiter', async () => {
    const report = await run('tab.csv', csv(USAGE_HEADER.replaceAll(',', '\t')));
    expect(report.errors[0]?.reason).toMatch(/delimited by tabs/);
  });

  it('refuses a header with a missing and an unknown column before reading any row', async () => {
    const header = USAGE_HEADER.replace('calls_in', 'calls_inn');
    const report = await run('header.csv', csv(header, usageLine(A, '2026-09-01')));
    expect(report).toMatchObject({ status: 'rejected', rowsRead: 0 });
    expect(errorsOf(report)).toEqual([
      [1, 'calls_inn', undefined, expect.stringMatching(/^unknown column 'calls_inn'/)],
      [1, 'calls_in', undefined, "missing required column 'calls_in'"],
    ]);
  });

  it('reports a line that is not valid UTF-8 with its line number', async () => {
    const content = Buffer.concat([
      Buffer.from(csv(USAGE_HEADER, usageLine(A, '2026-09-01'))),
      Buffer.from([0x31, 0x33, 0xff, 0x2c, 0x0a]),
      Buffer.from(csv(usageLine(B, '2026-09-01'))),
    ]);
    const report = await run('latin.csv', content);
    expect(report.status).toBe('rejected');
    expect(errorsOf(report)).toEqual([[3, null, undefined, 'not valid UTF-8; save the file as UTF-8 CSV']]);
  });

  it('reports a line with the wrong number of fields', async () => {
    const report = await run('fields.csv', csv(USAGE_HEADER, `${usageLine(A, '2026-09-01')},extra`));
    expect(errorsOf(report)).toEqual([
      [2, null, `${usageLine(A, '2026-09-01')},extra`, 'expected 10 comma-separated fields, found 11'],
    ]);
  });

  it('reports the broken line instead of failing when a line holds a stray carriage return', async () => {
    const report = await run('cr.csv', csv(USAGE_HEADER, usageLine(A, '2026-09-01').replace(',3,', ',\r3,')));
    expect(report.status).toBe('rejected');
    expect(errorsOf(report)).toEqual([
      [2, null, `${A},2026-09-01,`, 'expected 10 comma-separated fields, found 3'],
      [3, null, expect.stringMatching(/^3,2,/), 'expected 10 comma-separated fields, found 8'],
    ]);
  });

  it('reports dates before 2000-01-01, after today and not in YYYY-MM-DD form', async () => {
    const report = await run(
      'dates.csv',
      csv(
        USAGE_HEADER,
        usageLine(A, '1999-12-31'),
        usageLine(A, '2026-11-21'),
        usageLine(A, '2026-11-20'),
        usageLine(B, '20260901'),
        usageLine(B, ''),
      ),
    );
    expect(errorsOf(report)).toEqual([
      [2, 'date', '1999-12-31', 'before 2000-01-01'],
      [3, 'date', '2026-11-21', 'after today (2026-11-20)'],
      [5, 'date', '20260901', 'not a date in YYYY-MM-DD form'],
      [6, 'date', undefined, 'missing value'],
    ]);
  });

  it('reports infinite and negative data volumes', async () => {
    const report = await run(
      'mb.csv',
      csv(
        USAGE_HEADER,
        usageLine(A, '2026-09-01', { data_mb: 'inf' }),
        usageLine(B, '2026-09-01', { data_mb: '-3' }),
      ),
    );
    expect(errorsOf(report)).toEqual([
      [2, 'data_mb', 'inf', 'not a finite number'],
      [3, 'data_mb', '-3', 'negative'],
    ]);
  });

  it('reports every line of a repeated (msisdn, date)', async () => {
    const report = await run(
      'dup.csv',
      csv(
        USAGE_HEADER,
        usageLine(A, '2026-09-01'),
        usageLine(B, '2026-09-01'),
        usageLine(A, '2026-09-01', { calls_out: '5' }),
        usageLine(A, '2026-09-02'),
        usageLine(A, '2026-09-01'),
      ),
    );
    expect(report).toMatchObject({ status: 'rejected', rowsRejected: 3 });
    const reason = 'duplicate: the same msisdn and date are on lines 2, 4, 6';
    expect(errorsOf(report)).toEqual([
      [2, null, `${A},2026-09-01`, reason],
      [4, null, `${A},2026-09-01`, reason],
      [6, null, `${A},2026-09-01`, reason],
    ]);
  });

  it('commits the good rows and copies the bad lines as they were when skipBad is set', async () => {
    const bad = usageLine(B, '2026-09-01', { calls_out: '-2' });
    const report = await run(
      'skip.csv',
      csv(USAGE_HEADER, usageLine(A, '2026-09-01'), bad, usageLine(A, '2026-10-01')),
      {
        skipBad: true,
      },
    );

    expect(report).toMatchObject({
      status: 'committed',
      rowsRead: 3,
      rowsLoaded: 2,
      rowsRejected: 1,
      errorCount: 1,
      months: ['2026-09', '2026-10'],
    });
    expect(report.rejectsFile).toBe(`${report.file}.rejects.csv`);
    expect(readFileSync(report.rejectsFile ?? '', 'utf8')).toBe(csv(USAGE_HEADER, bad));
    expect(await stored()).toEqual([
      { subscriber_id: id(A), date: '2026-09-01', calls_out: 3 },
      { subscriber_id: id(A), date: '2026-10-01', calls_out: 3 },
    ]);
  });

  it('writes rejects where rejectsPath says when it is given', async () => {
    const rejectsPath = join(scratch.dir, 'elsewhere.csv');
    const report = await run('skip2.csv', csv(USAGE_HEADER, usageLine('19999999999', '2026-09-01')), {
      skipBad: true,
      rejectsPath,
    });
    expect(report).toMatchObject({
      status: 'committed',
      rowsLoaded: 0,
      rejectsFile: rejectsPath,
      months: [],
    });
    expect(existsSync(rejectsPath)).toBe(true);
  });

  it('leaves the same state when the same file is imported twice', async () => {
    const content = csv(USAGE_HEADER, usageLine(A, '2026-09-01'), usageLine(B, '2026-09-02'));
    await run('same.csv', content);
    const first = await stored();
    const report = await run('same.csv', content);

    expect(report).toMatchObject({ status: 'committed', months: ['2026-09'] });
    expect(await stored()).toEqual(first);
    expect(await scratch.usage.currentFiles('usage')).toHaveLength(1);
    expect(readdirSync(join(scratch.usage.usageDir, 'usage', 'month=2026-09'))).toHaveLength(1);
  });

  it('replaces only the months the file contains, each in its own partition', async () => {
    await run('two.csv', csv(USAGE_HEADER, usageLine(A, '2026-09-01'), usageLine(A, '2026-10-01')));
    expect(await scratch.usage.listMonths('usage')).toEqual(['2026-09', '2026-10']);

    const report = await run('oct.csv', csv(USAGE_HEADER, usageLine(B, '2026-10-15', { calls_out: '8' })));

    expect(report.months).toEqual(['2026-10']);
    expect(await stored()).toEqual([
      { subscriber_id: id(A), date: '2026-09-01', calls_out: 3 },
      { subscriber_id: id(B), date: '2026-10-15', calls_out: 8 },
    ]);
  });

  it('keeps the old month and removes the new file on reopen when the process dies before the swap', async () => {
    await run('old.csv', csv(USAGE_HEADER, usageLine(A, '2026-09-01')));
    const before = await stored();
    await scratch.reopen({
      beforeSwap: () => {
        throw new Error('simulated crash');
      },
    });

    await expect(run('new.csv', csv(USAGE_HEADER, usageLine(B, '2026-09-09')))).rejects.toThrow(
      'simulated crash',
    );
    const monthDir = join(scratch.usage.usageDir, 'usage', 'month=2026-09');
    expect(readdirSync(monthDir)).toHaveLength(2);
    expect(await stored()).toEqual(before);

    await scratch.reopen();
    expect(readdirSync(monthDir)).toHaveLength(1);
    expect(await stored()).toEqual(before);
  });

  it('reports progress ending with every row read', async () => {
    const seen: ImportProgress[] = [];
    await run('progress.csv', csv(USAGE_HEADER, usageLine(A, '2026-09-01'), usageLine(B, '2026-09-01')), {
      onProgress: (p: ImportProgress) => seen.push(p),
    });
    expect(seen.at(-1)).toEqual({
      rowsRead: 2,
      bytesRead: seen.at(-1)?.totalBytes,
      totalBytes: expect.any(Number),
    });
    expect(seen[0]).toMatchObject({ rowsRead: 0, bytesRead: 0 });
  });
});

it('takes today in the business time zone when no date is pinned', () => {
  // 2026-11-20 20:00 UTC is already 2026-11-21 in Shanghai.
  const now = new Date('2026-11-20T20:00:00Z');
  expect(businessToday({ timeZone: 'Asia/Shanghai' }, now)).toBe('2026-11-21');
  expect(businessToday({ timeZone: 'UTC' }, now)).toBe('2026-11-20');
  expect(businessToday({ timeZone: 'Asia/Shanghai', today: '2026-01-05' }, now)).toBe('2026-01-05');
});
