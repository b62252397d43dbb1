import type { Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Engine } from '#src/db/client';
import { type CopyFormat, copyCsvChunks } from '#src/db/copy';

/**
 * One connection inside one transaction, the same on both engines: everything an import does
 * (staging, COPY, checks, upsert) goes through it so a rollback undoes all of it.
 */
export type Session = {
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  copy(
    table: string,
    columns: readonly string[],
    chunks: AsyncIterable<string>,
    format?: CopyFormat,
  ): Promise<void>;
};

/** What the work inside a transaction decided: keep its writes or undo them, and what to hand back. */
export type TransactionOutcome<T> = { commit: boolean; result: T };

/**
 * Runs `work` in one transaction. PostgreSQL: one pooled client for BEGIN … COMMIT, so COPY and
 * the statements after it see the same temp tables. PGlite: its own exclusive transaction.
 * Any exception rolls back and propagates.
 */
export async function runInTransaction<T>(
  engine: Engine,
  work: (session: Session) => Promise<TransactionOutcome<T>>,
): Promise<T> {
  if (engine.kind === 'pglite') {
    return engine.client.transaction(async (tx) => {
      const outcome = await work(pgliteSession(tx));
      if (!outcome.commit) await tx.rollback();
      return outcome.result;
    });
  }
  const client = await engine.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const outcome = await work(postgresSession(client));
    await client.query(outcome.commit ? 'COMMIT' : 'ROLLBACK');
    return outcome.result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // A connection that cannot even roll back must not go back to the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

function pgliteSession(tx: Transaction): Session {
  return {
    query: async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
      (await tx.query<T>(sql, params)).rows,
    copy: (table, columns, chunks, format) =>
      copyCsvChunks({ kind: 'pglite', tx }, table, columns, chunks, format),
  };
}

function postgresSession(client: pg.PoolClient): Session {
  return {
    query: async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
      (await client.query<T>(sql, params)).rows,
    copy: (table, columns, chunks, format) =>
      copyCsvChunks({ kind: 'postgres', client }, table, columns, chunks, format),
  };
}
