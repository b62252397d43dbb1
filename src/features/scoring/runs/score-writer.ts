import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Engine } from '#src/db/client';
import { copyCsvChunks } from '#src/db/copy';
import { runInTransaction, type Session } from '#src/db/transaction';
import { attachRunPartition, createRunPartition, loadRunPartition, partitionName } from './score-partition';
import type { ChunkSink } from './score-pool';
import { SCORE_COLUMNS } from './score-record';

/**
 * Where a run's scored rows go while the workers make them, and how the run is published: one
 * transaction that loads the rows into the run's own partition, indexes and attaches it, writes the
 * rollups and marks the run succeeded. Until it commits nobody sees any of it; a failure or a kill
 * leaves the previous run's scores as they were.
 */
export type ScoreWriter = {
  sink: ChunkSink;
  /**
   * Ends the load and publishes in the same transaction; `work` runs last, before the commit.
   * Resolves with the seconds spent finishing the partition (the rest of the load, its indexes).
   */
  publish(work: (session: Session) => Promise<void>): Promise<{ partitionSeconds: number }>;
  /** Throws away everything written (the run failed before publishing). */
  abort(): Promise<void>;
};

export async function openScoreWriter(engine: Engine, runId: number, workDir: string): Promise<ScoreWriter> {
  return engine.kind === 'postgres'
    ? streamingWriter(engine.pool, runId)
    : fileWriter(engine, runId, workDir);
}

/**
 * PostgreSQL: the transaction opens before scoring and the rows stream into the partition by COPY
 * as they are scored, so the database parses them while the workers score the next ones (it was a
 * third of the run at 1M when it waited for all of them, written to files and read back).
 */
async function streamingWriter(pool: pg.Pool, runId: number): Promise<ScoreWriter> {
  const client = await pool.connect();
  const session = clientSession(client);
  let copy: Writable | null = null;
  let copyError: Error | null = null;
  let done = false;
  const release = async (rollback: boolean) => {
    if (done) return;
    done = true;
    let broken: Error | undefined;
    if (rollback) {
      await client.query('ROLLBACK').catch((error: unknown) => {
        // A connection that cannot even roll back must not go back to the pool.
        broken = error instanceof Error ? error : new Error(String(error));
      });
    }
    client.release(broken);
  };
  try {
    await client.query('BEGIN');
    // Both index builds sort the whole run: in memory rather than in 64 MB runs spilled to disk.
    await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    // The rollups' join with the previous run and their group-bys, likewise.
    await client.query(`SET LOCAL work_mem = '256MB'`);
    await createRunPartition(session, runId);
    const columns = SCORE_COLUMNS.map((c) => `"${c}"`).join(', ');
    const stream: Writable = client.query(
      copyFrom(`COPY ${partitionName(runId)} (${columns}) FROM STDIN WITH (FORMAT text)`),
    );
    stream.on('error', (error: Error) => {
      copyError ??= error;
    });
    copy = stream;
  } catch (error) {
    await release(true);
    throw error;
  }
  const open = copy;
  return {
    async sink(bytes) {
      if (copyError) throw copyError;
      if (open.write(bytes)) return;
      await drained(open);
      if (copyError) throw copyError;
    },
    async publish(work) {
      try {
        const began = performance.now();
        open.end();
        await finished(open);
        await attachRunPartition(session, runId);
        const partitionSeconds = (performance.now() - began) / 1000;
        await work(session);
        await client.query('COMMIT');
        await release(false);
        return { partitionSeconds };
      } catch (error) {
        await release(true);
        throw error;
      }
    },
    async abort() {
      if (done) return;
      // CopyFail ends the COPY on the server; the transaction is then rolled back.
      if (!open.destroyed) {
        open.destroy(new Error('the scoring run failed'));
        await finished(open).catch(() => undefined);
      }
      await release(true);
    },
  };
}

/** Resolves on the stream's next 'drain' or 'error', whichever comes first, leaving no listener. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

function clientSession(client: pg.PoolClient): Session {
  return {
    query: async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
      (await client.query<T>(sql, params)).rows,
    copy: (table, columns, chunks, format) =>
      copyCsvChunks({ kind: 'postgres', client }, table, columns, chunks, format),
  };
}

/**
 * PGlite runs inside this process and a transaction there holds the whole database, so the rows
 * wait in a file and are loaded in one short transaction at the end, as before.
 */
async function fileWriter(engine: Engine, runId: number, workDir: string): Promise<ScoreWriter> {
  const path = join(workDir, 'scores.copy');
  const out = createWriteStream(path);
  return {
    async sink(bytes) {
      if (!out.write(bytes)) await once(out, 'drain');
    },
    async publish(work) {
      out.end();
      await finished(out);
      let partitionSeconds = 0;
      await runInTransaction(engine, async (session) => {
        const began = performance.now();
        await loadRunPartition(session, runId, [path]);
        partitionSeconds = (performance.now() - began) / 1000;
        await work(session);
        return { commit: true, result: undefined };
      });
      return { partitionSeconds };
    },
    async abort() {
      out.destroy();
      await finished(out).catch(() => undefined);
    },
  };
}
