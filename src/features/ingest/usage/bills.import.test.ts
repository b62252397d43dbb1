import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '#test/support/database';
import type { RowError } from '../import-report';
import { importBills } from './bills.import';
import { BILLS_HEADER, billLine, csv, insertKnownSubscribers, openScratch, type Scratch } from './test-files';

const A = '13800000001';
const B = '13800000002';

describeEachEngine('importBills', (getDb) => {
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

  const run = (name: string, content: string, options = {}) =>
    importBills(scratch.context(getDb()), scratch.write(name, content), options);
  const errorsOf = (report: { errors: RowError[] }) =>
    report.errors.map((e) => [e.line, e.column, e.value, e.reason]);

  it('stores yuan as integer fen and the month as its first day when every row is good', async () => {
    const report = await run(
      'bills.csv',
      csv(
        BILLS_HEADER,
        billLine(A, '2026-09'),
        billLine(B, '2026-09', { total_yuan: '0.1', overage_yuan: '0.07' }),
      ),
    );

    expect(report).toMatchObject({ kind: 'bills', status: 'committed', rowsLoaded: 2, months: ['2026-09'] });
    expect(await scratch.usage.query('SELECT * FROM bills ORDER BY total_fen DESC')).toEqual([
      {
        subscriber_id: String(ids.get(A)),
        month: '2026-09-01',
        total_fen: '15850',
        voice_fen: '6000',
        data_fen: '8050',
        sms_fen: '300',
        value_added_fen: '1500',
        overage_fen: '1235',
        minutes: 420,
        data_mb: 20480.5,
        sms_count: 37,
      },
      expect.objectContaining({ subscriber_id: String(ids.get(B)), total_fen: '10', overage_fen: '7' }),
    ]);
  });

  it('reports more than two decimals, negative or huge money, overage above the total and fractional counts', async () => {
    const report = await run(
      'money.csv',
      csv(
        BILLS_HEADER,
        billLine(A, '2026-09', { voice_yuan: '60.005' }),
        billLine(B, '2026-09', { sms_yuan: '-1' }),
        billLine(A, '2026-08', { total_yuan: '10', overage_yuan: '10.01' }),
        billLine(B, '2026-08', { minutes: '12.5', data_yuan: '12元' }),
        billLine(B, '2026-07', { total_yuan: '1000000', sms_count: '1e7' }),
      ),
    );
    expect(report.status).toBe('rejected');
    expect(errorsOf(report)).toEqual([
      [2, 'voice_yuan', '60.005', 'more than two decimals'],
      [3, 'sms_yuan', '-1', 'negative'],
      [4, 'overage_yuan', '10.01', 'more than total_yuan (10)'],
      [5, 'data_yuan', '12元', 'not an amount in yuan (e.g. 58.50)'],
      [5, 'minutes', '12.5', 'not a whole number'],
      [6, 'total_yuan', '1000000', 'too large (more than 999999.99 yuan)'],
      [6, 'sms_count', '1e7', 'too large (more than 999999)'],
    ]);
  });

  it('reports months before 2000-01, after the current month and not in YYYY-MM form', async () => {
    const report = await run(
      'months.csv',
      csv(
        BILLS_HEADER,
        billLine(A, '1999-12'),
        billLine(A, '2026-12'),
        billLine(A, '2026-11'),
        billLine(B, '2026-13'),
        billLine(B, '2026/10'),
      ),
    );
    expect(errorsOf(report)).toEqual([
      [2, 'month', '1999-12', 'before 2000-01'],
      [3, 'month', '2026-12', 'after the current month (2026-11)'],
      [5, 'month', '2026-13', 'not a real month (01-12)'],
      [6, 'month', '2026/10', 'not a month in YYYY-MM form'],
    ]);
  });

  it('reports every line of a repeated (msisdn, month)', async () => {
    const report = await run(
      'dup.csv',
      csv(
        BILLS_HEADER,
        billLine(A, '2026-09'),
        billLine(A, '2026-09', { total_yuan: '200' }),
        billLine(B, '2026-09'),
      ),
    );
    expect(errorsOf(report)).toEqual([
      [2, null, `${A},2026-09`, 'duplicate: the same msisdn and month are on lines 2, 3'],
      [3, null, `${A},2026-09`, 'duplicate: the same msisdn and month are on lines 2, 3'],
    ]);
  });

  it('commits the good bills and copies the bad lines when skipBad is set', async () => {
    const bad = billLine('13812345678', '2026-09');
    const report = await run('skip.csv', csv(BILLS_HEADER, billLine(A, '2026-09'), bad), { skipBad: true });
    expect(report).toMatchObject({
      status: 'committed',
      rowsLoaded: 1,
      rowsRejected: 1,
      months: ['2026-09'],
    });
    expect(report.errors).toEqual([
      {
        line: 3,
        column: 'msisdn',
        value: '13812345678',
        reason: 'no subscriber with this MSISDN; import subscribers first',
      },
    ]);
    expect(readFileSync(report.rejectsFile ?? '', 'utf8')).toBe(csv(BILLS_HEADER, bad));
    expect(await scratch.usage.query('SELECT count(*) AS n FROM bills')).toEqual([{ n: '1' }]);
  });
});
