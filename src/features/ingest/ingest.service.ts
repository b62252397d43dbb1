import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  deleteKey,
  saveKeyResponse,
  setKeyImportRun,
} from '#src/features/idempotency/idempotency.repository';
import {
  holdKey,
  type KeyClaim,
  keyInProgress,
  type StoredResponse,
  storedResponseOf,
} from '#src/features/idempotency/idempotency.service';
import { AppError } from '#src/lib/app-error';
import type { ImportKind, ImportOptions, ImportReport, IngestContext } from './import-report';
import {
  failImportRun,
  findImportRunStatus,
  finishImportRun,
  insertImportRun,
} from './import-runs.repository';
import { IMPORTERS } from './importers';

/** A report with the `import_runs` row that records it. */
export type RecordedImport = ImportReport & { importId: number };

async function requireReadable(filePath: string): Promise<void> {
  try {
    await access(filePath);
  } catch {
    throw new AppError('VALIDATION_FAILED', `File not found or not readable: ${filePath}`);
  }
}

/**
 * Runs one import and records it in `import_runs` (what was loaded, when, with what result).
 * The run row is written outside the import's own transaction so a rejected import is recorded too.
 */
export async function runImport(
  ctx: IngestContext,
  kind: ImportKind,
  filePath: string,
  options: ImportOptions = {},
): Promise<RecordedImport> {
  await requireReadable(filePath);
  const { db } = ctx.handle;
  const runId = await insertImportRun(db, kind, basename(filePath));
  let report: ImportReport;
  try {
    report = await IMPORTERS[kind](ctx, filePath, options);
  } catch (error) {
    await failImportRun(db, runId);
    throw error;
  }
  await finishImportRun(db, runId, report);
  return { ...report, importId: runId };
}

export type ImportOnce =
  | { kind: 'replayed'; response: StoredResponse }
  /** `response`: the stored answer of a committed import; a rejected one is not remembered. */
  | { kind: 'ran'; report: RecordedImport; response: StoredResponse | undefined };

/**
 * An import under an Idempotency-Key. Its effect is not only in PostgreSQL (Parquet files, minutes
 * long), so it cannot commit with its key; instead the key is claimed with the run's row when the
 * import starts, and the answer stored with the run's end. For a request with a key already used:
 * - the import committed → its stored answer (the same importId), nothing imported again;
 * - the import still runs → 409 IDEMPOTENCY_KEY_IN_PROGRESS with its importId;
 * - the import was cut off (marked failed by the next start, failInterruptedImports) → it runs again
 *   under the same key: importing the same file twice leaves the same state;
 * - another file, kind or option under the key → 422 IDEMPOTENCY_KEY_REUSED.
 * A rejected or failed import forgets its key (like a failed write), so a corrected file may use it.
 */
export async function runImportOnce(
  ctx: IngestContext,
  kind: ImportKind,
  filePath: string,
  options: ImportOptions,
  once: { claim: KeyClaim; answer: (report: RecordedImport) => StoredResponse },
): Promise<ImportOnce> {
  await requireReadable(filePath);
  const { db } = ctx.handle;
  const { claim } = once;
  const start = await db.transaction(async (tx) => {
    const held = await holdKey(tx, claim, new Date());
    if (held.kind === 'stored') {
      const stored = storedResponseOf(held.row);
      if (stored) return { kind: 'replayed' as const, response: stored };
      const runId = held.row.importRunId;
      if (runId !== null && (await findImportRunStatus(tx, runId)) === 'running') {
        throw keyInProgress(claim, { importId: runId, status: 'running' });
      }
    }
    const keyId = held.kind === 'claimed' ? held.id : held.row.id;
    const runId = await insertImportRun(tx, kind, basename(filePath));
    await setKeyImportRun(tx, keyId, runId);
    return { kind: 'started' as const, keyId, runId };
  });
  if (start.kind === 'replayed') return start;

  let report: ImportReport;
  try {
    report = await IMPORTERS[kind](ctx, filePath, options);
  } catch (error) {
    await db.transaction(async (tx) => {
      await failImportRun(tx, start.runId);
      await deleteKey(tx, start.keyId);
    });
    throw error;
  }
  const recorded = { ...report, importId: start.runId };
  const response = recorded.status === 'committed' ? once.answer(recorded) : undefined;
  await db.transaction(async (tx) => {
    await finishImportRun(tx, start.runId, report);
    if (response) await saveKeyResponse(tx, start.keyId, response);
    else await deleteKey(tx, start.keyId);
  });
  return { kind: 'ran', report: recorded, response };
}
