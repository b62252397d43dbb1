import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { eq } from 'drizzle-orm';
import { importRuns } from '#src/db/schema/imports';
import { AppError } from '#src/lib/app-error';
import type { ImportKind, ImportOptions, ImportReport, IngestContext } from './import-report';
import { IMPORTERS } from './importers';

/**
 * Runs one import and records it in `import_runs` (what was loaded, when, with what result).
 * The run row is written outside the import's own transaction so a rejected import is recorded too.
 */
export async function runImport(
  ctx: IngestContext,
  kind: ImportKind,
  filePath: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  try {
    await access(filePath);
  } catch {
    throw new AppError('VALIDATION_FAILED', `File not found or not readable: ${filePath}`);
  }
  const { db } = ctx.handle;
  const [run] = await db
    .insert(importRuns)
    .values({ kind, fileName: basename(filePath), status: 'running' })
    .returning({ id: importRuns.id });
  let report: ImportReport;
  try {
    report = await IMPORTERS[kind](ctx, filePath, options);
  } catch (error) {
    if (run)
      await db
        .update(importRuns)
        .set({ status: 'failed', finishedAt: new Date() })
        .where(eq(importRuns.id, run.id));
    throw error;
  }
  if (run) {
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
      .where(eq(importRuns.id, run.id));
  }
  return report;
}
