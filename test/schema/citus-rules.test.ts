import { describe, expect, it } from 'vitest';
import { type CitusPlan, checkCitusRules, formatViolation } from './citus-rules';
import type { ColumnInfo, ForeignKeyInfo, SchemaSnapshot, UniqueInfo } from './schema-catalog';

// A small schema that satisfies every rule; each test breaks one thing and expects that rule.
const PLAN: CitusPlan = {
  people: { kind: 'distributed', column: 'id' },
  calls: { kind: 'distributed', column: 'person_id' },
  catalogue: { kind: 'reference' },
  journal: { kind: 'local', why: 'append-only, coordinator only' },
};

function column(table: string, name: string, overrides: Partial<ColumnInfo> = {}): ColumnInfo {
  return { table, column: name, type: 'bigint', notNull: true, generated: null, ...overrides };
}

function primaryKey(table: string, columns: string[]): UniqueInfo {
  return { table, name: `${table}_pkey`, kind: 'primary key', columns };
}

function foreignKey(
  overrides: Partial<ForeignKeyInfo> & Pick<ForeignKeyInfo, 'table' | 'referencedTable'>,
): ForeignKeyInfo {
  return {
    name: `${overrides.table}_fk`,
    columns: ['person_id'],
    referencedColumns: ['id'],
    onDelete: 'no action',
    onUpdate: 'no action',
    ...overrides,
  };
}

function compatibleSchema(): SchemaSnapshot {
  return {
    tables: ['people', 'calls', 'catalogue', 'journal'].map((table) => ({ table, partitioned: false })),
    columns: [
      column('people', 'id', { generated: 'by default' }),
      column('people', 'catalogue_id', { type: 'integer' }),
      column('calls', 'person_id'),
      column('calls', 'id', { generated: 'by default' }),
      column('catalogue', 'id', { type: 'integer', generated: 'sequence' }),
      column('journal', 'id', { generated: 'always' }),
      column('journal', 'person_id', { notNull: false }),
    ],
    uniques: [
      primaryKey('people', ['id']),
      primaryKey('calls', ['person_id', 'id']),
      primaryKey('catalogue', ['id']),
      primaryKey('journal', ['id']),
    ],
    foreignKeys: [
      foreignKey({ table: 'calls', referencedTable: 'people', onDelete: 'cascade' }),
      foreignKey({
        table: 'people',
        referencedTable: 'catalogue',
        columns: ['catalogue_id'],
        onDelete: 'set null',
      }),
      foreignKey({ table: 'journal', referencedTable: 'catalogue', columns: ['id'], onDelete: 'cascade' }),
    ],
    triggers: [{ table: 'journal', name: 'journal_append_only' }],
  };
}

function violationsOf(schema: SchemaSnapshot, plan: CitusPlan = PLAN): string[] {
  return checkCitusRules(schema, plan).map(formatViolation);
}

describe('checkCitusRules', () => {
  it('finds nothing in a schema that follows every rule', () => {
    expect(violationsOf(compatibleSchema())).toEqual([]);
  });

  it('reports a table the plan does not classify, and a plan entry with no table', () => {
    const schema = compatibleSchema();
    schema.tables.push({ table: 'newcomer', partitioned: false });
    expect(violationsOf(schema, { ...PLAN, gone: { kind: 'reference' } })).toEqual([
      'newcomer: [unclassified] not in CITUS_PLAN (src/db/distribution.ts)',
      'gone: [stale plan entry] in CITUS_PLAN but not in the schema',
    ]);
  });

  it('reports a distributed table without its distribution column', () => {
    const schema = compatibleSchema();
    schema.columns = schema.columns.filter((c) => !(c.table === 'calls' && c.column === 'person_id'));
    expect(violationsOf(schema)).toContain('calls: [distribution column] has no column person_id');
  });

  it('reports a nullable or non-bigint distribution column', () => {
    const schema = compatibleSchema();
    schema.columns = schema.columns.map((c) =>
      c.table === 'calls' && c.column === 'person_id' ? { ...c, notNull: false, type: 'integer' } : c,
    );
    const found = violationsOf(schema);
    expect(found).toEqual([
      'calls: [distribution column] person_id is nullable (Citus cannot route a row whose distribution value is NULL)',
      'calls: [distribution column] person_id is integer, not bigint: it could not be co-located in the subscriber group',
    ]);
  });

  it('lets a table form its own co-location group, and keeps keys from crossing groups', () => {
    const schema = compatibleSchema();
    schema.tables.push({ table: 'numbers', partitioned: false });
    schema.columns.push(column('numbers', 'phone', { type: 'text' }), column('numbers', 'person_id'));
    schema.uniques.push(primaryKey('numbers', ['phone']));
    const plan: CitusPlan = {
      ...PLAN,
      numbers: { kind: 'distributed', column: 'phone', colocation: 'phone' },
    };
    expect(violationsOf(schema, plan)).toEqual([]);
    schema.foreignKeys.push(
      foreignKey({ table: 'numbers', referencedTable: 'people', name: 'numbers_person_fk' }),
    );
    expect(violationsOf(schema, plan)).toEqual([
      'numbers: [foreign key] numbers_person_fk (person_id) → people (id): joins co-location groups phone and subscriber: keys between distributed tables stay within one group',
    ]);
  });

  it('reports a primary key, unique constraint or unique index without the distribution column', () => {
    const schema = compatibleSchema();
    schema.uniques = [
      ...schema.uniques.filter((u) => u.table !== 'calls'),
      primaryKey('calls', ['id']),
      { table: 'people', name: 'people_phone_key', kind: 'unique', columns: ['phone'] },
      { table: 'calls', name: 'calls_lower_idx', kind: 'unique index', columns: [null, 'person_id'] },
      { table: 'calls', name: 'calls_ref_idx', kind: 'unique index', columns: [null] },
    ];
    expect(violationsOf(schema)).toEqual([
      'people: [uniqueness] unique people_phone_key (phone) does not include id: Citus can only enforce it within a shard',
      'calls: [uniqueness] primary key calls_pkey (id) does not include person_id: Citus can only enforce it within a shard',
      'calls: [uniqueness] unique index calls_ref_idx (<expression>) does not include person_id: Citus can only enforce it within a shard',
    ]);
  });

  it('reports a distributed table without a primary key', () => {
    const schema = compatibleSchema();
    schema.uniques = schema.uniques.filter((u) => u.table !== 'calls');
    expect(violationsOf(schema)).toEqual([
      'calls: [primary key] has no primary key (shard moves need a replica identity)',
    ]);
  });

  it('reports a key between distributed tables that does not pair their distribution columns', () => {
    const schema = compatibleSchema();
    schema.columns.push(column('calls', 'caller_id'));
    schema.foreignKeys[0] = foreignKey({ table: 'calls', referencedTable: 'people', columns: ['caller_id'] });
    expect(violationsOf(schema)).toEqual([
      'calls: [foreign key] calls_fk (caller_id) → people (id): does not pair person_id with people.id: a key between distributed tables must include both distribution columns in the same position',
    ]);
  });

  it('reports referential actions that would rewrite the distribution column', () => {
    const schema = compatibleSchema();
    schema.foreignKeys[0] = foreignKey({ table: 'calls', referencedTable: 'people', onDelete: 'set null' });
    expect(violationsOf(schema)).toEqual([
      'calls: [foreign key] calls_fk (person_id) → people (id): ON DELETE SET NULL on a key that includes the distribution column',
    ]);
    schema.foreignKeys[0] = foreignKey({ table: 'calls', referencedTable: 'people', onUpdate: 'cascade' });
    expect(violationsOf(schema)).toEqual([
      'calls: [foreign key] calls_fk (person_id) → people (id): ON UPDATE CASCADE on a key that includes the distribution column',
    ]);
  });

  it('reports keys from reference or local tables into distributed ones, and from distributed into local', () => {
    const schema = compatibleSchema();
    schema.foreignKeys.push(
      foreignKey({ table: 'catalogue', referencedTable: 'people', columns: ['id'] }),
      foreignKey({ table: 'journal', referencedTable: 'people', name: 'journal_person_fk' }),
      foreignKey({
        table: 'calls',
        referencedTable: 'journal',
        name: 'calls_journal_fk',
        referencedColumns: ['id'],
      }),
    );
    expect(violationsOf(schema)).toEqual([
      'catalogue: [foreign key] catalogue_fk (id) → people (id): a reference table cannot reference a distributed table',
      'journal: [foreign key] journal_person_fk (person_id) → people (id): a local table cannot reference a distributed table',
      'calls: [foreign key] calls_journal_fk (person_id) → journal (id): a distributed table cannot reference a coordinator-only (local) table',
    ]);
  });

  it('reports a cascading key from a reference table to a local one', () => {
    const schema = compatibleSchema();
    schema.foreignKeys.push(
      foreignKey({ table: 'catalogue', referencedTable: 'journal', columns: ['id'], onDelete: 'cascade' }),
    );
    expect(violationsOf(schema)).toEqual([
      'catalogue: [foreign key] catalogue_fk (id) → journal (id): ON DELETE CASCADE from a reference to a local table',
    ]);
  });

  it('reports a sequence narrower than bigint on a distributed table only', () => {
    const schema = compatibleSchema();
    schema.columns = schema.columns.map((c) =>
      c.table === 'calls' && c.column === 'id' ? { ...c, type: 'integer', generated: 'sequence' } : c,
    );
    expect(violationsOf(schema)).toEqual([
      'calls: [sequence] id is integer from a sequence: Citus gives each node its own range of a bigint sequence only',
    ]);
  });

  it('reports triggers on distributed and reference tables, not on local ones', () => {
    const schema = compatibleSchema();
    schema.triggers.push(
      { table: 'catalogue', name: 'catalogue_touch' },
      { table: 'calls', name: 'calls_touch' },
    );
    expect(violationsOf(schema)).toEqual([
      'calls: [trigger] trigger calls_touch on a distributed table (Citus refuses it unless citus.enable_unsafe_triggers)',
      'catalogue: [trigger] trigger catalogue_touch on a reference table (Citus refuses it unless citus.enable_unsafe_triggers)',
    ]);
  });
});
