import { SUBSCRIBER_COLOCATION, type TablePlacement } from '#src/db/distribution';
import type { ForeignKeyInfo, ReferentialAction, SchemaSnapshot } from './schema-catalog';

/**
 * The rules Citus enforces when tables are distributed (create_distributed_table,
 * create_reference_table, ALTER TABLE on them), checked against a plan on a plain PostgreSQL
 * schema, so a change that would block the move to a cluster fails here first. Sources: Citus's
 * foreign-key checks (commands/foreign_constraint.c), its regression tests for local ↔ reference
 * keys, and its documented limits on uniqueness, triggers, sequences and shard moves.
 */
export type CitusRule =
  | 'unclassified'
  | 'stale plan entry'
  | 'distribution column'
  | 'primary key'
  | 'uniqueness'
  | 'foreign key'
  | 'sequence'
  | 'trigger';

export type Violation = { table: string; rule: CitusRule; detail: string };

export type CitusPlan = Readonly<Record<string, TablePlacement>>;

/** The subscriber group's distribution type (subscribers.id): co-located tables must match it. */
export const DISTRIBUTION_TYPE = 'bigint';

type Distributed = Extract<TablePlacement, { kind: 'distributed' }>;

const groupOf = (placement: Distributed) => placement.colocation ?? SUBSCRIBER_COLOCATION;

export function checkCitusRules(snapshot: SchemaSnapshot, plan: CitusPlan): Violation[] {
  const violations: Violation[] = [];
  const placementOf = (table: string) => (Object.hasOwn(plan, table) ? plan[table] : undefined);
  const known = new Set(snapshot.tables.map((t) => t.table));

  for (const { table } of snapshot.tables) {
    if (!placementOf(table)) {
      violations.push({ table, rule: 'unclassified', detail: 'not in CITUS_PLAN (src/db/distribution.ts)' });
    }
  }
  for (const table of Object.keys(plan)) {
    if (!known.has(table)) {
      violations.push({ table, rule: 'stale plan entry', detail: 'in CITUS_PLAN but not in the schema' });
    }
  }

  // Each co-location group's distribution type: the subscriber group's is fixed, another group
  // takes its first table's.
  const groupTypes = new Map<string, string>([[SUBSCRIBER_COLOCATION, DISTRIBUTION_TYPE]]);
  for (const { table } of snapshot.tables) {
    const placement = placementOf(table);
    if (placement?.kind === 'distributed') {
      violations.push(...checkDistributedTable(snapshot, table, placement, groupTypes));
    }
    if (placement && placement.kind !== 'local') {
      for (const trigger of snapshot.triggers.filter((t) => t.table === table)) {
        violations.push({
          table,
          rule: 'trigger',
          detail: `trigger ${trigger.name} on a ${placement.kind} table (Citus refuses it unless citus.enable_unsafe_triggers)`,
        });
      }
    }
  }

  for (const key of snapshot.foreignKeys) {
    const from = placementOf(key.table);
    const to = placementOf(key.referencedTable);
    if (!from || !to) continue; // reported as unclassified
    const problem = foreignKeyProblem(key, from, to);
    if (problem)
      violations.push({ table: key.table, rule: 'foreign key', detail: `${describe(key)}: ${problem}` });
  }
  return violations;
}

function checkDistributedTable(
  snapshot: SchemaSnapshot,
  table: string,
  placement: Distributed,
  groupTypes: Map<string, string>,
): Violation[] {
  const { column } = placement;
  const group = groupOf(placement);
  const violations: Violation[] = [];
  const columns = snapshot.columns.filter((c) => c.table === table);
  const distribution = columns.find((c) => c.column === column);
  if (!distribution) {
    return [{ table, rule: 'distribution column', detail: `has no column ${column}` }];
  }
  if (!distribution.notNull) {
    violations.push({
      table,
      rule: 'distribution column',
      detail: `${column} is nullable (Citus cannot route a row whose distribution value is NULL)`,
    });
  }
  const groupType = groupTypes.get(group) ?? distribution.type;
  groupTypes.set(group, groupType);
  if (distribution.type !== groupType) {
    violations.push({
      table,
      rule: 'distribution column',
      detail: `${column} is ${distribution.type}, not ${groupType}: it could not be co-located in the ${group} group`,
    });
  }

  const uniques = snapshot.uniques.filter((u) => u.table === table);
  // Shard moves copy changes by logical replication, which needs a replica identity to carry
  // updates and deletes; the primary key is ours.
  if (!uniques.some((u) => u.kind === 'primary key')) {
    violations.push({
      table,
      rule: 'primary key',
      detail: 'has no primary key (shard moves need a replica identity)',
    });
  }
  for (const unique of uniques) {
    if (unique.columns.includes(column)) continue;
    const shown = unique.columns.map((c) => c ?? '<expression>').join(', ');
    violations.push({
      table,
      rule: 'uniqueness',
      detail: `${unique.kind} ${unique.name} (${shown}) does not include ${column}: Citus can only enforce it within a shard`,
    });
  }

  for (const sequenced of columns.filter((c) => c.generated !== null)) {
    if (sequenced.type === 'bigint') continue;
    violations.push({
      table,
      rule: 'sequence',
      detail: `${sequenced.column} is ${sequenced.type} from a sequence: Citus gives each node its own range of a bigint sequence only`,
    });
  }
  return violations;
}

const CHANGES_REFERENCING_ROWS: readonly ReferentialAction[] = ['cascade', 'set null', 'set default'];

function foreignKeyProblem(key: ForeignKeyInfo, from: TablePlacement, to: TablePlacement): string | null {
  switch (from.kind) {
    case 'distributed': {
      if (to.kind === 'local') return 'a distributed table cannot reference a coordinator-only (local) table';
      if (to.kind === 'distributed') {
        if (groupOf(from) !== groupOf(to)) {
          return `joins co-location groups ${groupOf(from)} and ${groupOf(to)}: keys between distributed tables stay within one group`;
        }
        const paired = key.columns.some(
          (column, i) => column === from.column && key.referencedColumns[i] === to.column,
        );
        if (!paired) {
          return `does not pair ${from.column} with ${key.referencedTable}.${to.column}: a key between distributed tables must include both distribution columns in the same position`;
        }
      }
      // Through the distribution column Citus refuses actions that would rewrite or null it.
      if (key.columns.includes(from.column)) {
        if (key.onDelete === 'set null' || key.onDelete === 'set default') {
          return `ON DELETE ${key.onDelete.toUpperCase()} on a key that includes the distribution column`;
        }
        if (CHANGES_REFERENCING_ROWS.includes(key.onUpdate)) {
          return `ON UPDATE ${key.onUpdate.toUpperCase()} on a key that includes the distribution column`;
        }
      }
      return null;
    }
    case 'reference':
      if (to.kind === 'distributed') return 'a reference table cannot reference a distributed table';
      // Citus refuses ON DELETE/UPDATE CASCADE from a reference to a local table; SET NULL and SET
      // DEFAULT are kept out too (untested there, and equally a write to every node).
      if (to.kind === 'local' && key.onDelete !== 'no action' && key.onDelete !== 'restrict') {
        return `ON DELETE ${key.onDelete.toUpperCase()} from a reference to a local table`;
      }
      if (to.kind === 'local' && key.onUpdate !== 'no action' && key.onUpdate !== 'restrict') {
        return `ON UPDATE ${key.onUpdate.toUpperCase()} from a reference to a local table`;
      }
      return null;
    case 'local':
      if (to.kind === 'distributed') return 'a local table cannot reference a distributed table';
      return null;
  }
}

function describe(key: ForeignKeyInfo): string {
  return `${key.name} (${key.columns.join(', ')}) → ${key.referencedTable} (${key.referencedColumns.join(', ')})`;
}

/** One line per violation, for test failure output and the report. */
export function formatViolation(violation: Violation): string {
  return `${violation.table}: [${violation.rule}] ${violation.detail}`;
}
