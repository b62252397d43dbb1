import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { to as copyTo } from 'pg-copy-streams';
import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { sqlString } from '#src/usage/duckdb';

/** The DuckDB temp table the importers join to turn an MSISDN into a subscriber_id. */
export const SUBSCRIBER_MAP_TABLE = 'subscriber_map';

// PGlite returns a COPY TO result as one in-memory blob; ranges of ids keep each blob small.
const PGLITE_ID_RANGE = 250_000;

/**
 * Exports (id, msisdn) of every subscriber from the relational store to a CSV file and loads it
 * into DuckDB. Goes through a file, not memory, so 1M+ subscribers cost a few tens of MB of disk
 * and almost no heap; DuckDB's postgres extension cannot be installed here.
 */
export async function loadSubscriberMap(
  engine: Engine,
  connection: DuckDBConnection,
  csvPath: string,
): Promise<void> {
  await exportSubscribers(engine, csvPath);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${SUBSCRIBER_MAP_TABLE} AS
     SELECT id, msisdn FROM read_csv(${sqlString(csvPath)}, header = false, auto_detect = false,
       delim = ',', quote = '"', columns = {'id': 'BIGINT', 'msisdn': 'VARCHAR'})`,
  );
}

async function exportSubscribers(engine: Engine, csvPath: string): Promise<void> {
  const select = 'SELECT id, msisdn FROM subscribers';
  if (engine.kind === 'postgres') {
    const client = await engine.pool.connect();
    try {
      const source = client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv)`));
      await pipeline(source, createWriteStream(csvPath));
    } finally {
      client.release();
    }
    return;
  }
  const [bounds] = await queryRows<{ lo: string | number | null; hi: string | number | null }>(
    engine,
    'SELECT min(id) AS lo, max(id) AS hi FROM subscribers',
  );
  const file = await open(csvPath, 'w');
  try {
    if (bounds?.lo === null || bounds?.lo === undefined || bounds.hi === null) return;
    const hi = Number(bounds.hi);
    for (let from = Number(bounds.lo); from <= hi; from += PGLITE_ID_RANGE) {
      // Integers computed here, never user input: safe to inline (COPY takes no parameters).
      const range = `WHERE id >= ${from} AND id < ${from + PGLITE_ID_RANGE}`;
      const result = await engine.client.query(`COPY (${select} ${range}) TO '/dev/blob' WITH (FORMAT csv)`);
      if (result.blob) await file.write(new Uint8Array(await result.blob.arrayBuffer()));
    }
  } finally {
    await file.close();
  }
}
