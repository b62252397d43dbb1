import { expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { plans } from '#src/db/schema/plans';
import { describeEachEngine } from '#test/support/database';

describeEachEngine('migrated schema', (getDb, engine) => {
  it('has every table of the relational store', async () => {
    const rows = await queryRows<{ table_name: string }>(
      getDb().engine,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    const names = rows.map((r) => r.table_name);
    expect(names).toEqual(
      expect.arrayContaining([
        'subscribers',
        'plans',
        'contracts',
        'complaints',
        'service_contacts',
        'users',
        'audit_log',
      ]),
    );
  });

  it(`round-trips a row through Drizzle on ${engine}`, async () => {
    const { db } = getDb();
    await db.insert(plans).values({
      code: 'P58',
      name: '58元套餐',
      brand: 'gotone',
      monthlyFeeFen: 5800,
      includedMinutes: 200,
      includedDataMb: 10240,
      includedSms: 100,
      overageVoiceFenPerMinute: 15,
      overageDataFenPerMb: 3,
      overageSmsFen: 10,
    });
    const [row] = await db.select().from(plans);
    expect(row?.monthlyFeeFen).toBe(5800);
  });
});
