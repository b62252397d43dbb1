import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import { importSubscribers } from './subscribers.import';
import { csv, csvDir, SUBSCRIBERS_HEADER, subscriberLine, testContext } from './test-files';

type Period = { msisdn: string; valid_from: string; valid_to: string | null; status: string };

describeEachEngine('importSubscribers', (getDb) => {
  const files = csvDir();
  afterAll(() => files.cleanup());
  beforeEach(async () => {
    await queryRows(getDb().engine, 'TRUNCATE plans, subscribers CASCADE');
    await insertPlan(getDb().db, { code: 'P128' });
    await insertPlan(getDb().db, { code: 'P58', brand: 'mzone' });
  });

  const importFile = (name: string, ...lines: string[]) =>
    importSubscribers(testContext(getDb()), files.write(name, csv(SUBSCRIBERS_HEADER, ...lines)));

  /** Every stored column except the timestamps an import may touch, so "nothing changed" is checkable. */
  const snapshot = () =>
    queryRows<Record<string, unknown>>(
      getDb().engine,
      `SELECT s.id, s.msisdn, s.name, s.gender, s.birth_date::text, s.id_number, s.province, s.city, s.district,
              s.join_date::text, s.brand, p.code AS plan_code, s.status, s.status_since::text, s.is_group_customer,
              s.vip_level, s.contract_end::text, s.handset_model, s.marketing_consent, s.do_not_call,
              s.profiling_opt_out, s.scene_tags::text, s.created_at::text,
              (SELECT json_agg(json_build_array(h.valid_from::text, h.valid_to::text, h.status) ORDER BY h.valid_from)::text
                 FROM subscriber_status_history h WHERE h.subscriber_id = s.id) AS history
       FROM subscribers s JOIN plans p ON p.id = s.plan_id ORDER BY s.msisdn`,
    );

  const periods = () =>
    queryRows<Period>(
      getDb().engine,
      `SELECT s.msisdn, h.valid_from::text AS valid_from, h.valid_to::text AS valid_to, h.status
       FROM subscriber_status_history h JOIN subscribers s ON s.id = h.subscriber_id
       ORDER BY s.msisdn, h.valid_from`,
    );

  describe('first import', () => {
    it('stores every column, accepting the Chinese brand, gender and boolean spellings', async () => {
      const report = await importFile(
        'chinese.csv',
        subscriberLine('13800000001', {
          brand: '动感地带',
          plan_code: 'P58',
          gender: '男',
          marketing_consent: '是',
          do_not_call: '1',
          profiling_opt_out: 'YES',
          scene_tags: 'family;student;family',
          id_number: '32010219850615001x',
          handset_model: '"Huawei Mate X5, folding"',
        }),
      );
      expect(report).toMatchObject({
        status: 'committed',
        rowsRead: 1,
        rowsLoaded: 1,
        rowsRejected: 0,
        errorCount: 0,
      });
      const [row] = await snapshot();
      expect(row).toMatchObject({
        msisdn: '13800000001',
        brand: 'mzone',
        plan_code: 'P58',
        gender: 'M',
        id_number: '32010219850615001X',
        marketing_consent: true,
        do_not_call: true,
        profiling_opt_out: true,
        scene_tags: '{family,student}',
        handset_model: 'Huawei Mate X5, folding',
      });
    });

    it('opens one active period from join_date when the status is active', async () => {
      await importFile('active.csv', subscriberLine('13800000001', { join_date: '2015-03-01' }));
      expect(await periods()).toEqual([
        { msisdn: '13800000001', valid_from: '2015-03-01', valid_to: null, status: 'active' },
      ]);
    });

    it('records active until status_since, then the status, when the status is not active', async () => {
      await importFile(
        'churned.csv',
        subscriberLine('13800000001', { status: 'churned', status_since: '2026-09-30' }),
        subscriberLine('13800000002', {
          status: 'arrears_suspended',
          join_date: '2020-05-01',
          status_since: '2020-05-01',
        }),
      );
      expect(await periods()).toEqual([
        { msisdn: '13800000001', valid_from: '2015-03-01', valid_to: '2026-09-30', status: 'active' },
        { msisdn: '13800000001', valid_from: '2026-09-30', valid_to: null, status: 'churned' },
        { msisdn: '13800000002', valid_from: '2020-05-01', valid_to: null, status: 'arrears_suspended' },
      ]);
    });
  });

  describe('later imports', () => {
    it('closes the open period and opens a new one when the status changes', async () => {
      await importFile('v1.csv', subscriberLine('13800000001'));
      await importFile(
        'v2.csv',
        subscriberLine('13800000001', { status: 'arrears_suspended', status_since: '2026-10-05' }),
      );
      await importFile(
        'v3.csv',
        subscriberLine('13800000001', { status: 'arrears_suspended', status_since: '2026-10-05' }),
      );
      expect(await periods()).toEqual([
        { msisdn: '13800000001', valid_from: '2015-03-01', valid_to: '2026-10-05', status: 'active' },
        { msisdn: '13800000001', valid_from: '2026-10-05', valid_to: null, status: 'arrears_suspended' },
      ]);
    });

    it('leaves the history alone when the status is unchanged but other columns change', async () => {
      await importFile('v1.csv', subscriberLine('13800000001'));
      await importFile(
        'v2.csv',
        subscriberLine('13800000001', { city: '苏州市', status_since: '2016-01-01' }),
      );
      expect(await periods()).toEqual([
        { msisdn: '13800000001', valid_from: '2015-03-01', valid_to: null, status: 'active' },
      ]);
      expect((await snapshot())[0]).toMatchObject({ city: '苏州市' });
    });

    it('opens a period for a subscriber stored without history when its status changes', async () => {
      const plan = await insertPlan(getDb().db, { code: 'P9' });
      await insertSubscriber(getDb().db, plan.id, { msisdn: '13900000009', joinDate: '2010-01-01' });
      await importFile(
        'v2.csv',
        subscriberLine('13900000009', { status: 'churned', status_since: '2026-11-01' }),
      );
      expect(await periods()).toEqual([
        { msisdn: '13900000009', valid_from: '2026-11-01', valid_to: null, status: 'churned' },
      ]);
    });

    it('refuses a status change dated before the current status began', async () => {
      await importFile(
        'v1.csv',
        subscriberLine('13800000001', { status: 'churned', status_since: '2026-09-30' }),
      );
      const report = await importFile(
        'v2.csv',
        subscriberLine('13800000001', { status: 'active', status_since: '2026-01-01' }),
      );
      expect(report.status).toBe('rejected');
      expect(report.errors).toEqual([
        {
          line: 2,
          column: 'status_since',
          value: '2026-01-01',
          reason:
            'the status changes to active from churned, which began on 2026-09-30; the new status cannot start before that',
        },
      ]);
    });

    it('keeps stored values of optional columns the file leaves out', async () => {
      await importFile(
        'v1.csv',
        subscriberLine('13800000001', { profiling_opt_out: 'true', vip_level: 'gold' }),
      );
      const path = files.write(
        'partial.csv',
        csv(
          'msisdn,name,province,city,join_date,brand,plan_code,status,status_since',
          '13800000001,王芳芳,江苏省,南京市,2015-03-01,gotone,P128,active,2015-03-01',
          '13800000002,赵磊,江苏省,无锡市,2019-01-01,gotone,P128,active,2019-01-01',
        ),
      );
      expect((await importSubscribers(testContext(getDb()), path)).status).toBe('committed');
      const [kept, added] = await snapshot();
      expect(kept).toMatchObject({ name: '王芳芳', profiling_opt_out: true, vip_level: 'gold' });
      expect(added).toMatchObject({ msisdn: '13800000002', profiling_opt_out: false, vip_level: 'none' });
    });

    it('leaves the same state when the same file is imported twice', async () => {
      const lines = [
        subscriberLine('13800000001'),
        subscriberLine('13800000002', { status: 'churned', status_since: '2026-06-30', scene_tags: '' }),
      ];
      await importFile('same.csv', ...lines);
      const before = await snapshot();
      const again = await importFile('same.csv', ...lines);
      expect(again).toMatchObject({ status: 'committed', rowsLoaded: 2 });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('bad rows', () => {
    it('changes nothing when one row among good updates is bad', async () => {
      await importFile('good.csv', subscriberLine('13800000001'), subscriberLine('13800000002'));
      const before = await snapshot();
      const report = await importFile(
        'mixed.csv',
        subscriberLine('13800000001', { name: '新名字', status: 'churned', status_since: '2026-11-01' }),
        subscriberLine('13800000002', { birth_date: '2026-02-30' }),
        subscriberLine('13800000003'),
      );
      expect(report).toMatchObject({
        status: 'rejected',
        rowsRead: 3,
        rowsLoaded: 0,
        rowsRejected: 1,
        errorCount: 1,
      });
      expect(report.errors).toEqual([
        { line: 3, column: 'birth_date', value: '2026-02-30', reason: 'is not a real calendar date' },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('reports every duplicate MSISDN line, pointing to the first', async () => {
      const report = await importFile(
        'dup.csv',
        subscriberLine('13800000001'),
        subscriberLine('13800000002'),
        subscriberLine('13800000001', { name: '第二个' }),
        subscriberLine('13800000001', { name: '第三个' }),
      );
      expect(report.status).toBe('rejected');
      expect(report.errors.map((e) => [e.line, e.column, e.value, e.reason])).toEqual([
        [4, null, '13800000001', 'duplicate msisdn in this file; its first row is on line 2'],
        [5, null, '13800000001', 'duplicate msisdn in this file; its first row is on line 2'],
      ]);
    });

    it('names the line of a plan_code that was never imported', async () => {
      const report = await importFile(
        'plan.csv',
        subscriberLine('13800000001'),
        subscriberLine('13800000002', { plan_code: 'NOPE' }),
      );
      expect(report.errors).toEqual([
        {
          line: 3,
          column: 'plan_code',
          value: 'NOPE',
          reason: 'is not a plan that has been imported; import the plans file first',
        },
      ]);
    });

    it('with skipBad commits the good rows and writes the bad records to the rejects file', async () => {
      const path = files.write(
        'skip.csv',
        csv(
          SUBSCRIBERS_HEADER,
          subscriberLine('13800000001'),
          subscriberLine('1380000', { name: '"王, ""小"" 明"' }),
          subscriberLine('13800000002'),
          subscriberLine('13800000001', { name: '重复' }),
        ),
      );
      const rejectsPath = join(files.dir, 'skip-rejects.csv');
      const report = await importSubscribers(testContext(getDb()), path, { skipBad: true, rejectsPath });
      expect(report).toMatchObject({
        status: 'committed',
        rowsRead: 4,
        rowsLoaded: 2,
        rowsRejected: 2,
        rejectsFile: rejectsPath,
      });
      expect((await snapshot()).map((s) => s.msisdn)).toEqual(['13800000001', '13800000002']);
      expect(readFileSync(rejectsPath, 'utf8')).toBe(
        csv(
          SUBSCRIBERS_HEADER,
          subscriberLine('1380000', { name: '"王, ""小"" 明"' }),
          subscriberLine('13800000001', { name: '重复' }),
        ),
      );
    });
  });
});
