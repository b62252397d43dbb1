import { afterAll, beforeEach, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { describeEachEngine } from '#test/support/database';
import { importPlans } from './plans.import';
import { csv, csvDir, PLANS_HEADER, planLine, testContext } from './test-files';

type PlanState = {
  code: string;
  name: string;
  monthly_fee_fen: number;
  overage_sms_fen: number;
  is_active: boolean;
};

describeEachEngine('importPlans', (getDb) => {
  const files = csvDir();
  afterAll(() => files.cleanup());
  beforeEach(async () => {
    await queryRows(getDb().engine, 'TRUNCATE plans CASCADE');
  });

  const plans = () =>
    queryRows<PlanState>(
      getDb().engine,
      'SELECT code, name, monthly_fee_fen, overage_sms_fen, is_active FROM plans ORDER BY code',
    );

  it('stores yuan as integer fen and defaults is_active to true when the column is absent', async () => {
    const path = files.write(
      'plans-min.csv',
      csv(
        'plan_code,name,brand,monthly_fee_yuan,included_minutes,included_data_mb,included_sms,overage_voice_yuan_per_minute,overage_data_yuan_per_mb,overage_sms_yuan',
        'P58,动感地带58元,动感地带,58.5,200,20480,50,0.15,0.05,0.1',
      ),
    );
    const report = await importPlans(testContext(getDb()), path);
    expect(report).toMatchObject({ status: 'committed', rowsRead: 1, rowsLoaded: 1, errorCount: 0 });
    expect(await plans()).toEqual([
      { code: 'P58', name: '动感地带58元', monthly_fee_fen: 5850, overage_sms_fen: 10, is_active: true },
    ]);
  });

  it('updates a plan already stored when its code is imported again', async () => {
    await importPlans(testContext(getDb()), files.write('p1.csv', csv(PLANS_HEADER, planLine('P128'))));
    const report = await importPlans(
      testContext(getDb()),
      files.write(
        'p2.csv',
        csv(PLANS_HEADER, planLine('P128', { monthly_fee_yuan: '138', is_active: '否' })),
      ),
    );
    expect(report.status).toBe('committed');
    expect(await plans()).toMatchObject([{ code: 'P128', monthly_fee_fen: 13800, is_active: false }]);
  });

  it('rejects the whole file and reports every duplicate plan_code line when a code repeats', async () => {
    const path = files.write(
      'dup.csv',
      csv(PLANS_HEADER, planLine('P1'), planLine('P2'), planLine('P1'), planLine('P1', { name: 'x' })),
    );
    const report = await importPlans(testContext(getDb()), path);
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      {
        line: 4,
        column: null,
        value: 'P1',
        reason: 'duplicate plan_code in this file; its first row is on line 2',
      },
      {
        line: 5,
        column: null,
        value: 'P1',
        reason: 'duplicate plan_code in this file; its first row is on line 2',
      },
    ]);
    expect(await plans()).toEqual([]);
  });

  it('refuses negative money and more than two decimals with the line and column', async () => {
    const path = files.write(
      'money.csv',
      csv(
        PLANS_HEADER,
        planLine('P1', { monthly_fee_yuan: '-5' }),
        planLine('P2', { overage_sms_yuan: '0.105' }),
      ),
    );
    const report = await importPlans(testContext(getDb()), path);
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      { line: 2, column: 'monthly_fee_yuan', value: '-5', reason: 'is negative; amounts must be 0 or more' },
      {
        line: 3,
        column: 'overage_sms_yuan',
        value: '0.105',
        reason: 'has more than 2 decimals; amounts are yuan to the fen (e.g. 58.50)',
      },
    ]);
  });
});
