import { beforeAll, expect, it } from 'vitest';
import { CITUS_PLAN, KNOWN_CITUS_GAPS } from '#src/db/distribution';
import { describeEachEngine } from '#test/support/database';
import { checkCitusRules, formatViolation } from './citus-rules';
import { readSchemaSnapshot, type SchemaSnapshot } from './schema-catalog';

// The migrated schema, as PostgreSQL reports it, against the plan in src/db/distribution.ts: what
// would stop `create_distributed_table` / `create_reference_table` on the way to Citus
// (docs/scaling.md). Each failure line names the table, the rule and the constraint.
describeEachEngine('the migrated schema follows the Citus rules of the distribution plan', (getDb) => {
  let snapshot: SchemaSnapshot;
  beforeAll(async () => {
    snapshot = await readSchemaSnapshot(getDb().engine);
  });

  it('reads the schema it checks', () => {
    // Guards the catalog queries themselves: a check of nothing would pass anything.
    expect(snapshot.tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(['subscribers', 'call_tasks', 'users']),
    );
    expect(snapshot.tables.find((t) => t.table === 'subscriber_scores')?.partitioned).toBe(true);
    expect(snapshot.uniques).toContainEqual(
      expect.objectContaining({ table: 'call_tasks', kind: 'primary key', columns: ['subscriber_id', 'id'] }),
    );
    expect(snapshot.uniques).toContainEqual(
      expect.objectContaining({
        table: 'tickets',
        kind: 'unique index',
        columns: ['subscriber_id', 'complaint_no'],
      }),
    );
    expect(
      snapshot.foreignKeys.find((k) => k.table === 'tickets' && k.referencedTable === 'subscribers'),
    ).toMatchObject({
      columns: ['subscriber_id'],
      referencedColumns: ['id'],
      onDelete: 'cascade',
      onUpdate: 'no action',
    });
    expect(snapshot.triggers.map((t) => t.table)).toContain('audit_log');
    expect(snapshot.columns).toContainEqual(
      expect.objectContaining({
        table: 'subscribers',
        column: 'id',
        type: 'bigint',
        generated: 'by default',
      }),
    );
  });

  it('classifies every table, and every rule holds for its placement but the listed, planned gaps', () => {
    expect(checkCitusRules(snapshot, CITUS_PLAN).map(formatViolation)).toEqual(
      KNOWN_CITUS_GAPS.map((gap) => gap.violation),
    );
  });
});
