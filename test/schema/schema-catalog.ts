import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';

/** What the Citus rules need to know about a migrated database, read from pg_catalog. */
export type SchemaSnapshot = {
  tables: TableInfo[];
  columns: ColumnInfo[];
  /** Primary keys, unique and exclusion constraints, and unique indexes that back no constraint. */
  uniques: UniqueInfo[];
  foreignKeys: ForeignKeyInfo[];
  triggers: TriggerInfo[];
};

export type TableInfo = { table: string; partitioned: boolean };

export type ColumnInfo = {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
  /** 'always' | 'by default' for identity columns; 'sequence' for a nextval default (serial). */
  generated: 'always' | 'by default' | 'sequence' | null;
};

export type UniqueInfo = {
  table: string;
  name: string;
  kind: 'primary key' | 'unique' | 'exclusion' | 'unique index';
  /** Key columns in order; null for an expression. */
  columns: (string | null)[];
};

/** ON DELETE / ON UPDATE action, as pg_constraint spells it. */
export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export type ForeignKeyInfo = {
  table: string;
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
};

export type TriggerInfo = { table: string; name: string };

// Top-level tables of the public schema: partitions follow their parent (Citus distributes a
// partitioned table and its partitions together), and drizzle's own journal lives in `drizzle`.
const TABLES = `
  select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`;

// Column names of an attribute-number array, in key order (text[], which both drivers parse).
const names = (relid: string, attnums: string) => `
  array(select a.attname::text
          from unnest(${attnums}) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = ${relid} and a.attnum = k.attnum
         order by k.ord)`;

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

function action(code: string): ReferentialAction {
  const known = ACTIONS[code];
  if (!known) throw new Error(`unknown referential action code '${code}'`);
  return known;
}

/** Reads the live schema: the same catalog queries on PGlite and PostgreSQL. */
export async function readSchemaSnapshot(engine: Engine): Promise<SchemaSnapshot> {
  const tables = await queryRows<{ table: string; kind: string }>(
    engine,
    `select c.relname::text as table, c.relkind::text as kind from pg_class c where c.oid in (${TABLES})
      order by 1`,
  );
  const columns = await queryRows<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    identity: string;
    default: string | null;
  }>(
    engine,
    `select c.relname::text as table, a.attname::text as column, format_type(a.atttypid, a.atttypmod) as type,
            a.attnotnull as not_null, a.attidentity::text as identity, pg_get_expr(d.adbin, d.adrelid) as default
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid in (${TABLES}) and a.attnum > 0 and not a.attisdropped
      order by 1, a.attnum`,
  );
  const constraints = await queryRows<{ table: string; name: string; type: string; columns: string[] }>(
    engine,
    `select c.relname::text as table, con.conname::text as name, con.contype::text as type,
            ${names('con.conrelid', 'con.conkey')} as columns
       from pg_constraint con join pg_class c on c.oid = con.conrelid
      where con.conrelid in (${TABLES}) and con.contype in ('p', 'u', 'x')
      order by 1, 2`,
  );
  // Unique indexes made by CREATE UNIQUE INDEX (no constraint row); key columns only, 0 = expression.
  const indexes = await queryRows<{ table: string; name: string; columns: (string | null)[] }>(
    engine,
    `select c.relname::text as table, ic.relname::text as name,
            array(select case when k.attnum = 0 then null else a.attname::text end
                    from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                    left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                   where k.ord <= i.indnkeyatts
                   order by k.ord) as columns
       from pg_index i
       join pg_class c on c.oid = i.indrelid
       join pg_class ic on ic.oid = i.indexrelid
      where i.indrelid in (${TABLES}) and i.indisunique
        and not exists (select 1 from pg_constraint con
                         where con.conindid = i.indexrelid and con.conrelid = i.indrelid
                           and con.contype in ('p', 'u', 'x'))
      order by 1, 2`,
  );
  const foreignKeys = await queryRows<{
    table: string;
    name: string;
    columns: string[];
    referenced_table: string;
    referenced_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    engine,
    `select c.relname::text as table, con.conname::text as name, ${names('con.conrelid', 'con.conkey')} as columns,
            fc.relname::text as referenced_table, ${names('con.confrelid', 'con.confkey')} as referenced_columns,
            con.confdeltype::text as on_delete, con.confupdtype::text as on_update
       from pg_constraint con
       join pg_class c on c.oid = con.conrelid
       join pg_class fc on fc.oid = con.confrelid
      where con.conrelid in (${TABLES}) and con.contype = 'f'
      order by 1, 2`,
  );
  const triggers = await queryRows<{ table: string; name: string }>(
    engine,
    `select c.relname::text as table, t.tgname::text as name
       from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgrelid in (${TABLES}) and not t.tgisinternal
      order by 1, 2`,
  );
  return {
    tables: tables.map((t) => ({ table: t.table, partitioned: t.kind === 'p' })),
    columns: columns.map((c) => ({
      table: c.table,
      column: c.column,
      type: c.type,
      notNull: c.not_null,
      generated: generatedKind(c.identity, c.default),
    })),
    uniques: [
      ...constraints.map((c) => ({
        table: c.table,
        name: c.name,
        kind: uniqueKind(c.type),
        columns: c.columns,
      })),
      ...indexes.map(
        (i): UniqueInfo => ({ table: i.table, name: i.name, kind: 'unique index', columns: i.columns }),
      ),
    ],
    foreignKeys: foreignKeys.map((f) => ({
      table: f.table,
      name: f.name,
      columns: f.columns,
      referencedTable: f.referenced_table,
      referencedColumns: f.referenced_columns,
      onDelete: action(f.on_delete),
      onUpdate: action(f.on_update),
    })),
    triggers,
  };
}

function generatedKind(identity: string, defaultExpression: string | null): ColumnInfo['generated'] {
  if (identity === 'a') return 'always';
  if (identity === 'd') return 'by default';
  if (defaultExpression?.startsWith('nextval(')) return 'sequence';
  return null;
}

function uniqueKind(type: string): UniqueInfo['kind'] {
  if (type === 'p') return 'primary key';
  if (type === 'u') return 'unique';
  if (type === 'x') return 'exclusion';
  throw new Error(`not a uniqueness constraint type: '${type}'`);
}
