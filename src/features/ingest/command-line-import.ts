import { idempotencyKeySchema } from '#src/features/idempotency/idempotency-key';
import { requestHash } from '#src/features/idempotency/request-hash';
import { sha256OfFile } from './file-digest';
import type { ImportKind, ImportOptions, IngestContext } from './import-report';
import { importReportSchema } from './ingest.schemas';
import { type RecordedImport, runImportOnce } from './ingest.service';

/** The command line's keys have no user; they share one namespace, apart from every user's. */
const ROUTE = 'vipdesk import';

export type CommandLineImport =
  | { replayed: false; report: RecordedImport }
  /** The committed import a key named before (its report as the API shows it). */
  | { replayed: true; report: ReturnType<typeof importReportSchema.parse> };

/**
 * `vipdesk import --idempotency-key K`: the same rules as the upload endpoint (runImportOnce).
 * "The same request" is the same kind, options and file bytes, wherever the file lies.
 */
export async function importOnceFromCommandLine(
  ctx: IngestContext,
  kind: ImportKind,
  filePath: string,
  options: ImportOptions,
  key: string,
): Promise<CommandLineImport> {
  const checked = idempotencyKeySchema.safeParse(key);
  if (!checked.success) {
    throw new Error(`--idempotency-key ${checked.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const identity = {
    route: ROUTE,
    params: { kind },
    query: { skipBad: options.skipBad ?? false, encoding: options.encoding ?? 'utf8' },
    body: { fileSha256: await sha256OfFile(filePath) },
  };
  const once = await runImportOnce(ctx, kind, filePath, options, {
    claim: { userId: null, key, route: ROUTE, requestHash: requestHash(identity) },
    answer: (report) => ({
      status: 200,
      body: JSON.stringify(importReportSchema.parse(report)),
      headers: {},
    }),
  });
  if (once.kind === 'ran') return { replayed: false, report: once.report };
  return { replayed: true, report: importReportSchema.parse(JSON.parse(once.response.body)) };
}
