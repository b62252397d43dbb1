import { afterAll, beforeEach, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import { importComplaints } from './complaints.import';
import { csv, csvDir, testContext } from './test-files';

const HEADER = 'complaint_no,msisdn,opened_at,category,status,sla_due_at,resolved_at,description';

type ComplaintState = {
  complaint_no: string;
  opened_at: string;
  status: string;
  resolved_at: string | null;
  description: string | null;
};

describeEachEngine('importComplaints', (getDb) => {
  const files = csvDir();
  afterAll(() => files.cleanup());
  beforeEach(async () => {
    await queryRows(getDb().engine, 'TRUNCATE plans, subscribers CASCADE');
    const plan = await insertPlan(getDb().db);
    await insertSubscriber(getDb().db, plan.id, { msisdn: '13800000001' });
  });

  const run = (name: string, ...lines: string[]) =>
    importComplaints(testContext(getDb()), files.write(name, csv(HEADER, ...lines)));
  const complaints = () =>
    queryRows<ComplaintState>(
      getDb().engine,
      `SELECT complaint_no, to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS opened_at, status,
              to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS resolved_at, description
       FROM complaints ORDER BY complaint_no`,
    );

  it('reads date-times without an offset in the business time zone and keeps those with one', async () => {
    const report = await run(
      'zones.csv',
      'TS-1,13800000001,2026-10-03 14:05,network_signal,resolved,,2026-10-04T10:30:00+08:00,"信号弱, 已处理"',
      'TS-2,13800000001,2026-10-03T06:05:00Z,billing_dispute,open,,,',
    );
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 2 });
    expect(await complaints()).toEqual([
      {
        complaint_no: 'TS-1',
        opened_at: '2026-10-03T06:05:00Z',
        status: 'resolved',
        resolved_at: '2026-10-04T02:30:00Z',
        description: '信号弱, 已处理',
      },
      {
        complaint_no: 'TS-2',
        opened_at: '2026-10-03T06:05:00Z',
        status: 'open',
        resolved_at: null,
        description: null,
      },
    ]);
  });

  it('refuses opened_at in the future, resolved_at before opened_at, and a resolved complaint without resolved_at', async () => {
    const report = await run(
      'times.csv',
      'TS-1,13800000001,2026-11-21T08:00:00+08:00,handset,open,,,',
      'TS-2,13800000001,2026-10-03 14:05,handset,resolved,,2026-10-02 09:00,',
      'TS-3,13800000001,2026-10-03 14:05,handset,closed,,,',
    );
    expect(report.status).toBe('rejected');
    expect(report.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
      [2, 'opened_at', 'is in the future'],
      [3, 'resolved_at', 'is before opened_at (2026-10-03 14:05)'],
      [4, 'resolved_at', 'is required when status is closed'],
    ]);
    expect(await complaints()).toEqual([]);
  });

  it('refuses an impossible date-time and an unknown MSISDN', async () => {
    const report = await run(
      'bad.csv',
      'TS-1,13800000001,2026-02-30 10:00,handset,open,,,',
      'TS-2,13900000000,2026-10-01 10:00,handset,open,,,',
    );
    expect(report.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [2, 'opened_at', '2026-02-30 10:00'],
      [3, 'msisdn', '13900000000'],
    ]);
  });

  it('leaves the same rows when the same file is imported twice', async () => {
    const line = 'TS-1,13800000001,2026-10-03 14:05,network_signal,open,2026-10-05 14:05,,描述';
    await run('once.csv', line);
    const before = await queryRows(getDb().engine, 'SELECT *, updated_at::text AS updated FROM complaints');
    const report = await run('once.csv', line);
    expect(report.status).toBe('committed');
    expect(await queryRows(getDb().engine, 'SELECT *, updated_at::text AS updated FROM complaints')).toEqual(
      before,
    );
  });
});
