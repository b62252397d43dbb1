import { eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { importRuns } from '#src/db/schema/imports';
import type { ImportKind, ImportReport } from './import-report';

/** A run starts as 'running'; it ends committed, rejected or failed (errored, or interrupted). */
export async function insertImportRun(db: Database, kind: ImportKind, fileName: string): Promise<number> {
  const [run] = await db
    .insert(importRuns)
    .values({ kind, fileName, status: 'running' })
    .returning({ id: importRuns.id });
  if (!run) throw new Error('import run insert returned nothing');
  return run.id;
}

export async function finishImportRun(db: Database, id: number, report: ImportReport): Promise<void> {
  await db
    .update(importRuns)
    .set({
      status: report.status,
      rowsRead: report.rowsRead,
      rowsLoaded: report.rowsLoaded,
      rowsRejected: report.rowsRejected,
      months: report.months ?? null,
      errorSample: report.errors.slice(0, 20),
      finishedAt: new Date(),
    })
    .where(eq(importRuns.id, id));
}

export async function failImportRun(db: Database, id: number): Promise<void> {
  await db.update(importRuns).set({ status: 'failed', finishedAt: new Date() }).where(eq(importRuns.id, id));
}

export async function findImportRunStatus(db: Database, id: number): Promise<string | undefined> {
  const [run] = await db.select({ status: importRuns.status }).from(importRuns).where(eq(importRuns.id, id));
  return run?.status;
}

/**
 * Runs still 'running' when the server starts were cut off by a kill or a crash. None is
 * half-applied: a relational import writes in one transaction, a usage import swaps its month files
 * in through the manifest (and the store removes a cut-off import's files when it opens). A run may
 * have committed just before the kill, and is marked failed all the same: running the same file
 * again leaves the same state, so an Idempotency-Key that started it may simply run it again.
 * Assumes no `vipdesk import` is running against the same database while the server starts (with
 * PGlite none can). The number marked.
 */
export async function failInterruptedImports(db: Database): Promise<number> {
  const rows = await db
    .update(importRuns)
    .set({ status: 'failed', finishedAt: new Date() })
    .where(eq(importRuns.status, 'running'))
    .returning({ id: importRuns.id });
  return rows.length;
}
