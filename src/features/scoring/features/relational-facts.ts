import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Engine } from '#src/db/client';
import { isCalendarDate } from '#src/lib/months';
import { sqlString, sqlStringList } from '#src/usage/duckdb';

/** The DuckDB temp table the feature query joins: one row per subscriber scored on asOf. */
export const RELATIONAL_FACTS_TABLE = 'relational_facts';

/** Columns of the export, in CSV order, with their DuckDB types. DATE columns travel as days since
 * 1970-01-01: PGlite's to_char doubled the export time, and numbers do not depend on DateStyle. */
const FACT_COLUMNS = [
  ['subscriber_id', 'BIGINT'],
  ['brand', 'VARCHAR'],
  ['plan_id', 'INTEGER'],
  ['plan_code', 'VARCHAR'],
  ['plan_monthly_fee_fen', 'INTEGER'],
  ['plan_included_minutes', 'INTEGER'],
  ['plan_included_data_mb', 'INTEGER'],
  ['city', 'VARCHAR'],
  ['district', 'VARCHAR'],
  ['vip_level', 'VARCHAR'],
  ['is_group_customer', 'BOOLEAN'],
  ['status', 'VARCHAR'],
  ['status_since', 'DATE'],
  ['join_date', 'DATE'],
  ['birth_date', 'DATE'],
  ['handset_model', 'VARCHAR'],
  ['scene_tags', 'VARCHAR'],
  ['contract_end', 'DATE'],
  ['complaints_90', 'INTEGER'],
  ['open_complaints', 'INTEGER'],
  ['overdue_complaints', 'INTEGER'],
  ['oldest_overdue_due_date', 'DATE'],
  ['last_complaint_resolved_date', 'DATE'],
  ['service_contacts_90', 'INTEGER'],
  ['consultations_180', 'INTEGER'],
  ['last_business_contact_date', 'DATE'],
  ['revisit_low_90', 'INTEGER'],
  ['last_revisit_score', 'INTEGER'],
] as const;

// PGlite returns a COPY TO result as one in-memory blob; ranges of ids keep each blob small.
const PGLITE_ID_RANGE = 250_000;

// An IANA name (Asia/Shanghai, UTC, Etc/GMT-8): checked so it can be inlined, as COPY takes no parameters.
const TIME_ZONE_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export type RelationalFactsOptions = {
  engine: Engine;
  connection: DuckDBConnection;
  /** The day the facts describe, YYYY-MM-DD. */
  asOf: string;
  /** Business zone: complaint and contact times become dates in it. */
  timeZone: string;
  /** A directory for the intermediate CSV file. */
  workDir: string;
};

/**
 * Exports one row per subscriber active or arrears-suspended on asOf (from the status history,
 * not today's status) with profile, plan, contract, complaint (imported and ticket), service-contact
 * and satisfaction-revisit facts as of asOf, and loads it into the DuckDB temp table
 * RELATIONAL_FACTS_TABLE. Aggregation happens in PostgreSQL so only one row per subscriber crosses
 * over, through a file rather than memory.
 * Returns the number of rows loaded.
 */
export async function loadRelationalFacts(options: RelationalFactsOptions): Promise<number> {
  const { engine, connection, asOf, timeZone, workDir } = options;
  const csvPaths = exportFiles(engine, workDir, asOf);
  try {
    await exportFacts(engine, asOf, timeZone, csvPaths);
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${RELATIONAL_FACTS_TABLE} AS ${selectFromCsv(csvPaths)}`,
    );
  } finally {
    await removeAll(csvPaths);
  }
  return countRows(connection, RELATIONAL_FACTS_TABLE);
}

/**
 * As loadRelationalFacts, into a Parquet file at `parquetPath` instead of a DuckDB table: at 10M
 * subscribers the table alone took much of DuckDB's memory limit, a file takes none and a scoring
 * run reads it one slice of subscribers at a time. Returns the number of rows written.
 */
export async function writeRelationalFacts(
  options: RelationalFactsOptions,
  parquetPath: string,
): Promise<number> {
  const { engine, connection, asOf, timeZone, workDir } = options;
  const csvPaths = exportFiles(engine, workDir, asOf);
  try {
    await exportFacts(engine, asOf, timeZone, csvPaths);
    await connection.run(`COPY (${selectFromCsv(csvPaths)}) TO ${sqlString(parquetPath)} (FORMAT parquet)`);
  } finally {
    await removeAll(csvPaths);
  }
  return countRows(connection, `read_parquet(${sqlString(parquetPath)})`);
}

/**
 * PostgreSQL exports the facts in EXPORT_PARTS ranges of subscriber ids, each on its own connection
 * (one snapshot shared): one backend running the whole query alone took 56 s at 10M subscribers,
 * most of it with the second core idle once DuckDB's usage aggregates beside it were done; two
 * took 32 s. PGlite runs in this process, one query at a time: one file.
 */
const EXPORT_PARTS = 2;

/** The CSV files of an export, one per part. */
function exportFiles(engine: Engine, workDir: string, asOf: string): string[] {
  const parts = engine.kind === 'postgres' ? EXPORT_PARTS : 1;
  return Array.from({ length: parts }, (_, i) => join(workDir, `relational-facts-${asOf}-${i}.csv`));
}

async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true })));
}

/** The exported CSV files read with FACT_COLUMNS' types, day numbers turned back into dates. */
function selectFromCsv(csvPaths: readonly string[]): string {
  const columns = FACT_COLUMNS.map(([name, type]) => `'${name}': '${type === 'DATE' ? 'INTEGER' : type}'`);
  const select = FACT_COLUMNS.map(([name, type]) =>
    type === 'DATE' ? `CAST(DATE '1970-01-01' + ${name} AS DATE) AS ${name}` : name,
  );
  return `SELECT ${select.join(', ')}
       FROM read_csv(${sqlStringList(csvPaths)}, header = false, auto_detect = false, delim = ',', quote = '"',
         escape = '"', columns = {${columns.join(', ')}})`;
}

async function countRows(connection: DuckDBConnection, relation: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${relation}`);
  const count = reader.getRowsJS()[0]?.[0];
  return typeof count === 'number' ? count : 0;
}

// The export runs in one read-only transaction: one snapshot across the id ranges, and a planner
// setting that stays inside it. PGlite has no autovacuum, so its tables usually have no statistics
// and the planner, expecting one row everywhere, picks nested loops that ran 2x slower than hashes.
const BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
const PLANNER = 'SET LOCAL enable_nestloop = off';
// PostgreSQL only. The status history's DISTINCT ON sort and the hash joins over every subscriber
// fit in memory instead of spilling in 4 MB runs; and no parallel workers: each one re-sorted the
// whole status history for its own copy of the hash, three times the work for a little less wall
// time, while DuckDB is busy on the same cores with the usage aggregates anyway.
const EXPORT_SETTINGS = ["SET LOCAL work_mem = '256MB'", 'SET LOCAL max_parallel_workers_per_gather = 0'];

async function exportFacts(
  engine: Engine,
  asOf: string,
  timeZone: string,
  csvPaths: readonly string[],
): Promise<void> {
  if (engine.kind === 'postgres') {
    await exportFromPostgres(engine.pool, asOf, timeZone, csvPaths);
    return;
  }
  const [csvPath] = csvPaths;
  if (csvPath === undefined) throw new Error('an export without a file');
  const file = await open(csvPath, 'w');
  try {
    await engine.client.transaction(async (tx) => {
      await tx.query(PLANNER);
      const [bounds] = (await tx.query<IdBounds>(ID_BOUNDS)).rows;
      if (bounds?.lo === null || bounds?.lo === undefined || bounds.hi === null) return;
      const hi = Number(bounds.hi);
      for (let from = Number(bounds.lo); from <= hi; from += PGLITE_ID_RANGE) {
        const sql = relationalFactsSql(asOf, timeZone, { from, to: from + PGLITE_ID_RANGE });
        const result = await tx.query(`COPY (${sql}) TO '/dev/blob' WITH (FORMAT csv)`);
        if (result.blob) await file.write(new Uint8Array(await result.blob.arrayBuffer()));
      }
    });
  } finally {
    await file.close();
  }
}

const ID_BOUNDS = 'SELECT min(id) AS lo, max(id) AS hi FROM subscribers';

/**
 * One connection per file, each exporting its range of ids in a read-only transaction; the first
 * exports its snapshot and the others adopt it before any of them reads, so the parts together are
 * one consistent picture, as a single query's would be.
 */
async function exportFromPostgres(
  pool: pg.Pool,
  asOf: string,
  timeZone: string,
  csvPaths: readonly string[],
): Promise<void> {
  const clients: pg.PoolClient[] = [];
  const broken = new Map<pg.PoolClient, Error>();
  try {
    for (const _ of csvPaths) clients.push(await pool.connect());
    const [leader, ...followers] = clients;
    if (!leader) throw new Error('an export without a file');
    await leader.query(BEGIN);
    const snapshot = (await leader.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id;
    for (const follower of followers) {
      await follower.query(BEGIN);
      await follower.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    }
    const [bounds] = (await leader.query<IdBounds>(ID_BOUNDS)).rows;
    const ranges = idRanges(bounds, clients.length);
    await Promise.all(
      clients.map(async (client, i) => {
        await client.query(PLANNER);
        for (const setting of EXPORT_SETTINGS) await client.query(setting);
        const sql = relationalFactsSql(asOf, timeZone, ranges[i]);
        await pipeline(
          client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`)),
          createWriteStream(csvPaths[i] ?? ''),
        );
      }),
    );
    for (const client of clients) await client.query('COMMIT');
  } catch (error) {
    for (const client of clients) {
      // A connection that cannot even roll back must not go back to the pool.
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken.set(client, rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
      });
    }
    throw error;
  } finally {
    for (const client of clients) client.release(broken.get(client));
  }
}

/**
 * `parts` ranges of ids covering [lo, hi], split at even steps (ids are a sequence, so about as many
 * subscribers each). With no subscribers, or one part, no range: the whole table.
 */
export function idRanges(bounds: IdBounds | undefined, parts: number): (IdRange | undefined)[] {
  if (parts <= 1 || bounds?.lo === null || bounds?.lo === undefined || bounds.hi === null)
    return Array.from({ length: parts }, (_, i) => (i === 0 ? undefined : { from: 0, to: 0 }));
  const lo = Number(bounds.lo);
  const end = Number(bounds.hi) + 1;
  const step = Math.ceil((end - lo) / parts);
  return Array.from({ length: parts }, (_, i) => ({
    from: lo + i * step,
    to: i === parts - 1 ? end : Math.min(end, lo + (i + 1) * step),
  }));
}

export type IdBounds = { lo: string | number | null; hi: string | number | null };

/** Subscriber ids from `from` (inclusive) to `to` (exclusive). */
export type IdRange = { from: number; to: number };

/**
 * The PostgreSQL query behind the export (PostgreSQL 15 and PGlite): one row per subscriber in
 * FACT_COLUMNS order, dates as day numbers. A day ends at
 * the next midnight in the business zone; `asOf` and the zone are checked, then inlined.
 */
export function relationalFactsSql(asOf: string, timeZone: string, range?: IdRange): string {
  if (!isCalendarDate(asOf)) throw new Error(`as-of must be a date YYYY-MM-DD, got '${asOf}'`);
  if (!TIME_ZONE_PATTERN.test(timeZone)) throw new Error(`not a time zone name: '${timeZone}'`);
  const day = `DATE '${asOf}'`;
  const zone = `'${timeZone}'`;
  // The first instant of a day `n` days after asOf, in the business zone.
  const instant = (n: number) =>
    `((${day} ${n < 0 ? '-' : '+'} ${Math.abs(n)})::timestamp AT TIME ZONE ${zone})`;
  const dayEnd = instant(1);
  const dayNumber = (date: string) => `(${date}) - DATE '1970-01-01'`;
  const localDay = (column: string) => dayNumber(`(${column} AT TIME ZONE ${zone})::date`);
  const ids = (column: string) =>
    range ? ` AND ${column} >= ${range.from} AND ${column} < ${range.to}` : '';
  const isOpen = `(resolved_at IS NULL OR resolved_at >= ${dayEnd})`;
  const overdue = `${isOpen} AND sla_due_at < ${dayEnd}`;
  // Our tickets: open on asOf unless closed by then (a reopened ticket has no closed_at); overdue
  // once breached, or past due while its clock runs (a paused clock's due time is not a breach).
  const ticketOpen = `(status <> 'closed' OR closed_at >= ${dayEnd})`;
  const ticketOverdue = `${ticketOpen} AND (breached_at < ${dayEnd} OR (status = 'open' AND due_at < ${dayEnd}))`;
  return `SELECT s.id, s.brand, s.plan_id, p.code, p.monthly_fee_fen, p.included_minutes, p.included_data_mb,
  s.city, s.district, s.vip_level, s.is_group_customer, h.status, ${dayNumber('h.valid_from')},
  ${dayNumber('s.join_date')}, ${dayNumber('s.birth_date')}, s.handset_model, array_to_string(s.scene_tags, ';'),
  ${dayNumber(`LEAST(c.nearest_end, CASE WHEN s.contract_end >= ${day} THEN s.contract_end END)`)},
  coalesce(cp.complaints_90, 0) + coalesce(tk.complaints_90, 0),
  coalesce(cp.open_complaints, 0) + coalesce(tk.open_complaints, 0),
  coalesce(cp.overdue_complaints, 0) + coalesce(tk.overdue_complaints, 0),
  ${localDay('LEAST(cp.oldest_overdue_due_at, tk.oldest_overdue_due_at)')}, ${localDay('cp.last_resolved_at')},
  coalesce(sc.contacts_90, 0), coalesce(sc.consultations_180, 0), ${localDay('sc.last_business_at')},
  coalesce(rv.revisit_low_90, 0), rv.last_revisit_score
FROM subscribers s
JOIN plans p ON p.id = s.plan_id
JOIN (
  SELECT DISTINCT ON (subscriber_id) subscriber_id, status, valid_from, valid_to
  FROM subscriber_status_history
  WHERE valid_from <= ${day}${ids('subscriber_id')}
  ORDER BY subscriber_id, valid_from DESC
) h ON h.subscriber_id = s.id
LEFT JOIN (
  SELECT subscriber_id, min(end_date) AS nearest_end
  FROM contracts
  WHERE start_date <= ${day} AND end_date >= ${day} AND status <> 'cancelled'${ids('subscriber_id')}
  GROUP BY subscriber_id
) c ON c.subscriber_id = s.id
LEFT JOIN (
  SELECT subscriber_id,
    count(*) FILTER (WHERE opened_at >= ${instant(-89)}) AS complaints_90,
    count(*) FILTER (WHERE ${isOpen}) AS open_complaints,
    count(*) FILTER (WHERE ${overdue}) AS overdue_complaints,
    min(sla_due_at) FILTER (WHERE ${overdue}) AS oldest_overdue_due_at,
    max(resolved_at) FILTER (WHERE resolved_at < ${dayEnd}) AS last_resolved_at
  FROM complaints
  WHERE opened_at < ${dayEnd}${ids('subscriber_id')}
  GROUP BY subscriber_id
) cp ON cp.subscriber_id = s.id
-- Tickets raised here count as complaints too; one mirroring an imported complaint (complaint_no
-- set) is already counted above.
LEFT JOIN (
  SELECT subscriber_id,
    count(*) FILTER (WHERE opened_at >= ${instant(-89)}) AS complaints_90,
    count(*) FILTER (WHERE ${ticketOpen}) AS open_complaints,
    count(*) FILTER (WHERE ${ticketOverdue}) AS overdue_complaints,
    min(due_at) FILTER (WHERE ${ticketOverdue}) AS oldest_overdue_due_at
  FROM tickets
  WHERE complaint_no IS NULL AND opened_at < ${dayEnd}${ids('subscriber_id')}
  GROUP BY subscriber_id
) tk ON tk.subscriber_id = s.id
-- Satisfaction revisits after a ticket: unhappy answers (1–2 of 5) and the latest score.
LEFT JOIN (
  SELECT subscriber_id,
    count(*) FILTER (WHERE score <= 2 AND answered_at >= ${instant(-89)}) AS revisit_low_90,
    (array_agg(score ORDER BY answered_at DESC, id DESC))[1] AS last_revisit_score
  FROM satisfaction_revisits
  WHERE status = 'answered' AND answered_at < ${dayEnd}${ids('subscriber_id')}
  GROUP BY subscriber_id
) rv ON rv.subscriber_id = s.id
LEFT JOIN (
  SELECT subscriber_id,
    count(*) FILTER (WHERE occurred_at >= ${instant(-89)}) AS contacts_90,
    count(*) FILTER (WHERE type = 'consultation' AND occurred_at >= ${instant(-179)}) AS consultations_180,
    max(occurred_at) FILTER (WHERE type = 'business') AS last_business_at
  FROM service_contacts
  WHERE occurred_at < ${dayEnd}${ids('subscriber_id')}
  GROUP BY subscriber_id
) sc ON sc.subscriber_id = s.id
WHERE s.join_date <= ${day}
  AND h.status IN ('active', 'arrears_suspended')
  AND (h.valid_to IS NULL OR h.valid_to > ${day})${ids('s.id')}`;
}
