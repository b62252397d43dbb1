import { runInTransaction } from '#src/db/transaction';
import { todayIn } from '#src/lib/time';
import { endOfDayUtc } from '#src/lib/zoned-time';
import { type ImportOptions, type ImportReport, RowErrorCollector, truncateValue } from '../import-report';
import { parseCsvBody } from './csv-body';
import { CsvByteSource } from './csv-source';
import { RejectedRow, type RowRules } from './field-reader';
import { FileRefusedError, refuseAt } from './file-refused';
import {
  checkHeader,
  detectForeignDelimiter,
  type FileColumn,
  type HeaderIndex,
  parseHeaderCells,
} from './header-check';
import { splitHeaderLine } from './header-line';
import type { RelationalContext, RelationalImportDefinition } from './import-definition';
import { copyRecordsAtLines, RejectsFile } from './rejects-file';
import { createStagingTables, deleteStagedErrorRows, readStagedErrors, StagingCsv } from './staging';

const PROGRESS_EVERY_ROWS = 50_000;
/** Staging CSV is handed to COPY in pieces of about this many characters. */
const FLUSH_CHARS = 256 * 1024;
const FIRST_ROW_LINE = 2;

type Counts = { rowsRead: number; rowsLoaded: number; rowsRejected: number };

/**
 * One relational import, all or nothing: stream the file through the CSV tokenizer, check each row,
 * COPY the good ones into a TEMP staging table, run the set-based checks, then upsert — all in
 * one transaction that is rolled back when any row is bad (unless skipBad).
 */
export async function runRelationalImport<Row>(
  definition: RelationalImportDefinition<Row>,
  ctx: RelationalContext,
  filePath: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const encoding = options.encoding ?? 'utf8';
  const errors = new RowErrorCollector(`${filePath}.errors.csv`);
  const rejects = options.skipBad
    ? new RejectsFile(options.rejectsPath ?? `${filePath}.rejects.csv`, encoding)
    : undefined;
  const counts: Counts = { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 };
  let committed = false;
  try {
    const source = await CsvByteSource.open(filePath, encoding);
    const { header, body } = await splitHeaderLine(source);
    const headerCells = parseHeaderCells(checkDelimiter(header));
    const index = indexHeader(headerCells, definition.columns);
    rejects?.setHeader(headerCells);
    const progress = () =>
      options.onProgress?.({
        rowsRead: counts.rowsRead,
        bytesRead: source.bytesRead,
        totalBytes: source.totalBytes,
      });

    const stagedRejectLines = await runInTransaction(ctx.handle.engine, async (session) => {
      await createStagingTables(session, definition.staging);
      const parseRow = await definition.rowParser(session, index, rowRules(ctx));
      const width = headerCells.length;
      const pending = new StagingCsv();
      let staged = 0;
      const onRecord = (cells: string[], line: number) => {
        counts.rowsRead += 1;
        if (counts.rowsRead % PROGRESS_EVERY_ROWS === 0) progress();
        const result = cells.length === width ? parseRow(cells, line) : columnCountError(line, cells, width);
        if (result instanceof RejectedRow) {
          for (const error of result.errors) errors.add(error);
          counts.rowsRejected += 1;
          rejects?.add(cells);
          return;
        }
        definition.writeStaging(pending, line, result);
        staged += 1;
      };
      async function* stagingChunks(): AsyncGenerator<string> {
        for await (const _ of parseCsvBody(body, FIRST_ROW_LINE, onRecord)) {
          if (pending.size >= FLUSH_CHARS) yield pending.take();
        }
        if (pending.size > 0) yield pending.take();
      }
      await session.copy(
        definition.staging.name,
        definition.staging.columns.map((c) => c.name),
        stagingChunks(),
      );
      progress();

      await definition.checkStaged(session);
      const badLines = await readStagedErrors(session, (error) => errors.add(error));
      counts.rowsRejected += badLines.length;
      if (errors.count > 0 && !options.skipBad) return { commit: false, result: [] };
      if (badLines.length > 0) await deleteStagedErrorRows(session, definition.staging.name);
      await definition.apply(session, new Set(index.keys()));
      counts.rowsLoaded = staged - badLines.length;
      committed = true;
      return { commit: true, result: badLines };
    });
    if (rejects) await copyRecordsAtLines(filePath, encoding, stagedRejectLines, rejects);
  } catch (error) {
    if (!(error instanceof FileRefusedError)) {
      await Promise.allSettled([errors.finish(), rejects?.discard()]);
      throw error;
    }
    for (const refusal of error.errors) errors.add(refusal);
    committed = false;
    counts.rowsLoaded = 0;
    await rejects?.discard();
  }

  const errorsFile = await errors.finish();
  const rejectsFile = committed ? await rejects?.finish() : undefined;
  return {
    kind: definition.kind,
    file: filePath,
    status: committed ? 'committed' : 'rejected',
    rowsRead: counts.rowsRead,
    rowsLoaded: counts.rowsLoaded,
    rowsRejected: counts.rowsRejected,
    errors: errors.sample,
    errorCount: errors.count,
    ...(errorsFile ? { errorsFile } : {}),
    ...(rejectsFile ? { rejectsFile } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}

/** "Today" and "now" of the business calendar; a pinned `ctx.today` pins both. */
export function rowRules(ctx: RelationalContext): RowRules {
  const today = ctx.today ?? todayIn(ctx.timeZone);
  const nowMs = ctx.today ? endOfDayUtc(ctx.today, ctx.timeZone) : Date.now();
  return { today, nowMs, timeZone: ctx.timeZone };
}

function checkDelimiter(header: string): string {
  if (header.trim() === '') throw refuseAt(1, 'the file is empty; expected a header row of column names');
  const foreign = detectForeignDelimiter(header);
  if (foreign) {
    throw refuseAt(
      1,
      `the header is separated by ${foreign}, not commas; save the file as comma-separated CSV`,
      truncateValue(header),
    );
  }
  return header;
}

function indexHeader(cells: readonly string[], columns: readonly FileColumn[]): HeaderIndex {
  const checked = checkHeader(cells, columns);
  if (Array.isArray(checked)) throw new FileRefusedError(checked);
  return checked;
}

function columnCountError(line: number, cells: readonly string[], width: number): RejectedRow {
  return new RejectedRow([
    {
      line,
      column: null,
      value: truncateValue(cells.join(',')),
      reason: `has ${cells.length} field(s) but the header has ${width} columns`,
    },
  ]);
}
