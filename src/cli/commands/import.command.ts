import { resolve } from 'node:path';
import type { Command } from 'commander';
import { isInteractiveTerminal } from '#src/config/config';
import { importOnceFromCommandLine } from '#src/features/ingest/command-line-import';
import { describeRowError, IMPORT_KINDS, type ImportKind } from '#src/features/ingest/import-report';
import { runImport } from '#src/features/ingest/ingest.service';
import { configOrExit, ingestContext, withStores } from '../context';
import { createProgressLine } from '../progress';

const SHOWN_ERRORS = 50;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(`load a CSV file (kinds: ${IMPORT_KINDS.join(', ')}; columns in docs/data-formats.md)`)
    .argument('<kind>', 'what the file holds')
    .argument('<file>', 'path of the CSV file')
    .option('--skip-bad', 'commit the good rows and write the bad ones to a rejects file')
    .option('--rejects <path>', 'where --skip-bad writes bad rows (default <file>.rejects.csv)')
    .option('--encoding <encoding>', 'utf8 or gbk', 'utf8')
    .option(
      '--idempotency-key <key>',
      'run at most once per key (24 h): a repeat after a committed import prints its result and imports nothing',
    )
    .action(
      async (
        kind: string,
        file: string,
        opts: { skipBad?: boolean; rejects?: string; encoding: string; idempotencyKey?: string },
      ) => {
        const importKind = IMPORT_KINDS.find((k) => k === kind);
        if (!importKind)
          throw new Error(`unknown kind '${kind}'; expected one of ${IMPORT_KINDS.join(', ')}`);
        if (opts.encoding !== 'utf8' && opts.encoding !== 'gbk')
          throw new Error('--encoding must be utf8 or gbk');
        const config = configOrExit();
        const ok = await withStores(config, (stores) =>
          importAndPrint(importKind, resolve(file), {
            ctx: ingestContext(config, stores),
            skipBad: opts.skipBad ?? false,
            rejectsPath: opts.rejects ? resolve(opts.rejects) : undefined,
            encoding: opts.encoding === 'gbk' ? 'gbk' : 'utf8',
            idempotencyKey: opts.idempotencyKey,
          }),
        );
        if (!ok) process.exitCode = 1;
      },
    );
}

async function importAndPrint(
  kind: ImportKind,
  file: string,
  opts: {
    ctx: Parameters<typeof runImport>[0];
    skipBad: boolean;
    rejectsPath: string | undefined;
    encoding: 'utf8' | 'gbk';
    idempotencyKey: string | undefined;
  },
): Promise<boolean> {
  const progress = createProgressLine(kind, isInteractiveTerminal());
  const options = {
    skipBad: opts.skipBad,
    encoding: opts.encoding,
    onProgress: progress.update,
    ...(opts.rejectsPath ? { rejectsPath: opts.rejectsPath } : {}),
  };
  const once = opts.idempotencyKey
    ? await importOnceFromCommandLine(opts.ctx, kind, file, options, opts.idempotencyKey)
    : { replayed: false as const, report: await runImport(opts.ctx, kind, file, options) };
  progress.done();
  if (once.replayed) {
    console.log(
      `${kind}: already imported under this key as import #${once.report.importId} ` +
        `(${once.report.rowsLoaded} row(s)); nothing imported again`,
    );
    return true;
  }
  const { report } = once;
  const seconds = (report.durationMs / 1000).toFixed(1);
  if (report.status === 'rejected') {
    console.error(
      `${kind}: nothing imported — ${report.errorCount} bad row(s) in ${report.rowsRead} read (${seconds}s):`,
    );
    for (const error of report.errors.slice(0, SHOWN_ERRORS)) console.error(`  ${describeRowError(error)}`);
    if (report.errorCount > SHOWN_ERRORS) {
      console.error(
        `  … and ${report.errorCount - SHOWN_ERRORS} more${report.errorsFile ? ` (all in ${report.errorsFile})` : ''}`,
      );
    }
    console.error('Fix the file and import it again, or pass --skip-bad to load the good rows.');
    return false;
  }
  const months = report.months?.length ? `; months replaced: ${report.months.join(', ')}` : '';
  console.log(`${kind}: ${report.rowsLoaded} row(s) imported in ${seconds}s${months}`);
  if (report.rowsRejected > 0) {
    console.log(
      `${report.rowsRejected} bad row(s) skipped, written to ${report.rejectsFile ?? 'the rejects file'}`,
    );
  }
  return true;
}
