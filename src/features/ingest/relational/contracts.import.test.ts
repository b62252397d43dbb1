import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import { importContracts } from './contracts.import';
import { csv, csvDir, testContext } from './test-files';

const HEADER = 'contract_no,msisdn,kind,start_date,end_date,monthly_commitment_yuan,status';

type ContractState = {
  msisdn: string;
  contract_no: string;
  kind: string;
  end_date: string;
  monthly_commitment_fen: number;
  status: string;
};

describeEachEngine('importContracts', (getDb) => {
  const files = csvDir();
  afterAll(() => files.cleanup());
  beforeEach(async () => {
    await queryRows(getDb().engine, 'TRUNCATE plans, subscribers CASCADE');
    const plan = await insertPlan(getDb().db);
    await insertSubscriber(getDb().db, plan.id, { msisdn: '13800000001' });
    await insertSubscriber(getDb().db, plan.id, { msisdn: '13800000002' });
  });

  const run = (name: string, ...lines: string[]) =>
    importContracts(testContext(getDb()), files.write(name, csv(HEADER, ...lines)));
  const contracts = () =>
    queryRows<ContractState>(
      getDb().engine,
      `SELECT s.msisdn, c.contract_no, c.kind, c.end_date::text AS end_date, c.monthly_commitment_fen, c.status
       FROM contracts c JOIN subscribers s ON s.id = c.subscriber_id ORDER BY s.msisdn, c.contract_no`,
    );

  it('stores contracts against their subscribers and upserts on (msisdn, contract_no)', async () => {
    await run(
      'c1.csv',
      'HT-1,13800000001,handset,2024-04-01,2026-03-31,99.5,active',
      'HT-1,13800000002,broadband,2024-01-01,2025-12-31,,',
    );
    const report = await run('c2.csv', 'HT-1,13800000001,handset,2024-04-01,2027-03-31,99.5,active');
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 1 });
    expect(await contracts()).toEqual([
      {
        msisdn: '13800000001',
        contract_no: 'HT-1',
        kind: 'handset',
        end_date: '2027-03-31',
        monthly_commitment_fen: 9950,
        status: 'active',
      },
      {
        msisdn: '13800000002',
        contract_no: 'HT-1',
        kind: 'broadband',
        end_date: '2025-12-31',
        monthly_commitment_fen: 0,
        status: 'active',
      },
    ]);
  });

  it('reports every row whose MSISDN is not a stored subscriber and writes nothing', async () => {
    const report = await run(
      'unknown.csv',
      'HT-1,13800000001,handset,2024-04-01,2026-03-31,0,active',
      'HT-2,13999999999,handset,2024-04-01,2026-03-31,0,active',
      'HT-3,13999999998,handset,2024-04-01,2026-03-31,0,active',
    );
    expect(report).toMatchObject({ status: 'rejected', rowsRejected: 2 });
    expect(report.errors).toEqual([
      {
        line: 3,
        column: 'msisdn',
        value: '13999999999',
        reason: 'no subscriber has this MSISDN; import the subscriber first',
      },
      {
        line: 4,
        column: 'msisdn',
        value: '13999999998',
        reason: 'no subscriber has this MSISDN; import the subscriber first',
      },
    ]);
    expect(await contracts()).toEqual([]);
  });

  it('refuses an end_date before start_date, a malformed MSISDN and an unknown kind', async () => {
    const report = await run('bad.csv', 'HT-1,1380000000x,lease,2024-04-01,2024-03-31,0,active');
    expect(report.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
      [2, 'msisdn', 'is not an 11-digit mobile number starting 13–19'],
      [2, 'kind', 'is not one of handset, plan_commitment, broadband, prepay'],
      [2, 'end_date', 'is before start_date (2024-04-01)'],
    ]);
  });

  it('reports a repeated (msisdn, contract_no) pointing to its first line', async () => {
    const row = 'HT-1,13800000001,handset,2024-04-01,2026-03-31,0,active';
    const report = await run('dup.csv', row, 'HT-1,13800000002,handset,2024-04-01,2026-03-31,0,active', row);
    expect(report.errors).toEqual([
      {
        line: 4,
        column: null,
        value: '13800000001 / HT-1',
        reason: 'duplicate msisdn + contract_no in this file; its first row is on line 2',
      },
    ]);
  });

  it('with skipBad loads the known subscribers and writes rows refused after staging to the rejects file', async () => {
    const lines = [
      'HT-1,13800000001,handset,2024-04-01,2026-03-31,0,active',
      'HT-2,13999999999,handset,2024-04-01,2026-03-31,0,active',
      'HT-3,13800000002,lease,2024-04-01,2026-03-31,0,active',
      'HT-1,13800000001,handset,2024-04-01,2026-03-31,"1,5",active',
    ];
    const path = files.write('skip.csv', csv(HEADER, ...lines));
    const report = await importContracts(testContext(getDb()), path, { skipBad: true });
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 1, rowsRejected: 3 });
    expect((await contracts()).map((c) => c.contract_no)).toEqual(['HT-1']);
    // Refused while reading (line 4, line 5) come first, then those refused by the checks after staging.
    expect(readFileSync(`${path}.rejects.csv`, 'utf8')).toBe(
      csv(HEADER, lines[2] ?? '', lines[3] ?? '', lines[1] ?? ''),
    );
  });
});
