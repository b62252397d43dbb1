import { join } from 'node:path';
import { todayIn } from '#src/lib/time';
import type { UsageWriteSession } from '#src/usage/write-session';
import {
  type ImportOptions,
  type ImportReport,
  type IngestContext,
  type RowError,
  RowErrorCollector,
} from '../import-report';
import { foundErrors, goodRowsSql, rejectedLines, runErrorPass } from './error-pass';
import { monthsIn, runFastPass } from './fast-pass';
import { type FileHead, isRowError, matchHeader, readFileHead } from './header';
import { csvColumnNames, type KindSpec } from './kind-spec';
import { splitByMonth } from './parquet';
import { copyLines } from './rejects-file';
import { loadSubscriberMap } from './subscriber-map';

type Outcome = Omit<ImportReport, 'kind' | 'file' | 'durationMs'>;

/**
 * Imports a bills or usage file into the usage store. A good file is read once (fast pass) and
 * its months replaced atomically. A file with problems is read again line by line to report every
 * bad row; then either nothing is written, or with skipBad the good rows are committed and the bad
 * lines copied, as they were, to the rejects file.
 */
export async function runUsageImport(
  buildSpec: (today: string) => KindSpec,
  ctx: IngestContext,
  filePath: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const spec = buildSpec(businessToday(ctx));
  const collector = new RowErrorCollector(`${filePath}.errors.csv`);
  const outcome = await importFile(spec, ctx, filePath, options, collector);
  return { kind: spec.kind, file: filePath, ...outcome, durationMs: Math.round(performance.now() - started) };
}

async function importFile(
  spec: KindSpec,
  ctx: IngestContext,
  filePath: string,
  options: ImportOptions,
  collector: RowErrorCollector,
): Promise<Outcome> {
  const head = await readFileHead(filePath);
  if (isRowError(head)) return refuseFile([head], collector);
  const columns = matchHeader(head.header, csvColumnNames(spec));
  if (columns.some(isRowError)) return refuseFile(columns.filter(isRowError), collector);
  const names = columns.filter((c): c is string => typeof c === 'string');

  const progress = (rowsRead: number, fraction: number) =>
    options.onProgress?.({
      rowsRead,
      bytesRead: Math.round(head.totalBytes * fraction),
      totalBytes: head.totalBytes,
    });
  progress(0, 0);
  const session = await ctx.usage.beginWrite();
  try {
    await loadSubscriberMap(
      ctx.handle.engine,
      session.connection,
      join(session.stagingDir, 'subscribers.csv'),
    );
    const stagedFile = join(session.stagingDir, 'rows.parquet');
    const fast = await runFastPass(session.connection, spec, {
      filePath,
      columns: names,
      newline: head.newline,
      stagedFile,
      onProgress: (p) => progress(p.rowsProcessed, p.percentage / 100),
    });
    if (fast.clean) {
      await commit(session, spec, stagedFile, fast.months);
      progress(fast.rows, 1);
      return {
        status: 'committed',
        rowsRead: fast.rows,
        rowsLoaded: fast.rows,
        rowsRejected: 0,
        errors: [],
        errorCount: 0,
        months: fast.months,
      };
    }
    return await importWithErrors(spec, session, { filePath, names, head, stagedFile, options, collector });
  } finally {
    await session.close();
  }
}

async function importWithErrors(
  spec: KindSpec,
  session: UsageWriteSession,
  job: {
    filePath: string;
    names: string[];
    head: FileHead;
    stagedFile: string;
    options: ImportOptions;
    collector: RowErrorCollector;
  },
): Promise<Outcome> {
  const { connection } = session;
  const { filePath, head, options, collector } = job;
  const summary = await runErrorPass(connection, spec, {
    filePath,
    columns: job.names,
    newline: head.newline,
  });
  for await (const error of foundErrors(connection)) collector.add(error);
  const errorsFile = await collector.finish();
  const base = {
    rowsRead: summary.rowsRead,
    rowsRejected: summary.rowsRejected,
    errors: collector.sample,
    errorCount: collector.count,
    ...(errorsFile ? { errorsFile } : {}),
  };
  if (summary.errorCount > 0 && !options.skipBad) return { ...base, status: 'rejected', rowsLoaded: 0 };

  await connection.run(goodRowsSql(spec, job.stagedFile));
  const months = await monthsIn(connection, job.stagedFile);
  await commit(session, spec, job.stagedFile, months);
  let rejectsFile: string | undefined;
  if (summary.rowsRejected > 0) {
    rejectsFile = options.rejectsPath ?? `${filePath}.rejects.csv`;
    await copyLines(filePath, rejectsFile, head.newline, rejectedLines(connection));
  }
  return {
    ...base,
    status: 'committed',
    rowsLoaded: summary.rowsRead - summary.rowsRejected,
    months,
    ...(rejectsFile ? { rejectsFile } : {}),
  };
}

async function commit(
  session: UsageWriteSession,
  spec: KindSpec,
  stagedFile: string,
  months: readonly string[],
): Promise<void> {
  const files = await splitByMonth(session.connection, stagedFile, months, session.stagingDir);
  await session.commit(spec.dataset, files);
}

/** A file refused before any row is read (empty, unreadable header, wrong columns). */
async function refuseFile(errors: readonly RowError[], collector: RowErrorCollector): Promise<Outcome> {
  for (const error of errors) collector.add(error);
  const errorsFile = await collector.finish();
  return {
    status: 'rejected',
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    errors: collector.sample,
    errorCount: collector.count,
    ...(errorsFile ? { errorsFile } : {}),
  };
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** "Today" for range checks: the context's pinned date, else today in the business time zone. */
export function businessToday(
  ctx: Pick<IngestContext, 'today' | 'timeZone'>,
  now: Date = new Date(),
): string {
  const today = ctx.today ?? todayIn(ctx.timeZone, now);
  if (!DAY_PATTERN.test(today)) throw new Error(`today must be YYYY-MM-DD, got '${today}'`);
  return today;
}
