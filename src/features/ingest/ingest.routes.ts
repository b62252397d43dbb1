import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyRefusal } from '#src/features/idempotency/idempotency.service';
import { idempotencyHeadersSchema } from '#src/features/idempotency/idempotency-key';
import {
  answerOf,
  claimOf,
  idempotencyKeyOf,
  sendRefusal,
  sendStored,
} from '#src/features/idempotency/idempotent-reply';
import { AppError } from '#src/lib/app-error';
import { errorResponseSchema } from '#src/server/error-schema';
import { sha256OfFile } from './file-digest';
import type { ImportKind, ImportOptions, IngestContext } from './import-report';
import { importParamsSchema, importQuerySchema, importReportSchema } from './ingest.schemas';
import { type RecordedImport, runImport, runImportOnce } from './ingest.service';

const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { files: 1, fileSize: MAX_UPLOAD_BYTES } });

  app.post(
    '/:kind',
    {
      config: { permission: 'imports.run' },
      schema: {
        tags: ['imports'],
        summary:
          'Upload a CSV file (multipart field "file") and import it; nothing is written if any row is bad. ' +
          'With an Idempotency-Key a repeat of a committed import gets its report (same importId) and imports nothing; ' +
          'while it runs, 409',
        consumes: ['multipart/form-data'],
        params: importParamsSchema,
        querystring: importQuerySchema,
        headers: idempotencyHeadersSchema,
        response: {
          200: importReportSchema,
          400: errorResponseSchema,
          409: errorResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
          // A rejected file (its report), or the Idempotency-Key named another request.
          422: z.union([importReportSchema, errorResponseSchema]),
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(
          'UNSUPPORTED_FILE',
          'Send the CSV as multipart/form-data in a field named "file"',
          {
            issues: [
              { path: 'body', message: 'must be multipart/form-data with the CSV in the field "file"' },
            ],
          },
        );
      }
      const part = await request.file();
      if (part?.fieldname !== 'file') {
        throw new AppError('VALIDATION_FAILED', 'No file in the multipart field "file"', {
          issues: [{ path: 'body.file', message: 'is required (the CSV file)' }],
        });
      }
      // The upload is spooled to disk so importers stream it like any local file.
      const uploadDir = join(app.config.dataDir, 'uploads', String(request.id));
      await mkdir(uploadDir, { recursive: true });
      const filePath = join(uploadDir, `${request.params.kind}.csv`);
      try {
        await pipeline(part.file, createWriteStream(filePath));
        if (part.file.truncated)
          throw new AppError('VALIDATION_FAILED', 'The file is larger than the upload limit', {
            issues: [{ path: 'body.file', message: 'is larger than the upload limit' }],
          });
        const ctx = { handle: app.stores.handle, usage: app.stores.usage, timeZone: app.config.timeZone };
        const options = { skipBad: request.query.skipBad, encoding: request.query.encoding };
        const key = idempotencyKeyOf(request);
        if (key !== undefined) {
          return await importOnce(request, reply, { ctx, kind: request.params.kind, filePath, options, key });
        }
        const report = await runImport(ctx, request.params.kind, filePath, options);
        logFinished(request, report);
        return reply.status(report.status === 'committed' ? 200 : 422).send(report);
      } finally {
        await rm(uploadDir, { recursive: true, force: true });
      }
    },
  );
};

function logFinished(request: FastifyRequest, report: RecordedImport): void {
  request.log.info(
    {
      importId: report.importId,
      kind: report.kind,
      status: report.status,
      rowsLoaded: report.rowsLoaded,
      errorCount: report.errorCount,
    },
    'import finished',
  );
}

/** The upload under an Idempotency-Key: "the same request" is the same kind, options and file bytes. */
async function importOnce(
  request: FastifyRequest,
  reply: FastifyReply,
  upload: { ctx: IngestContext; kind: ImportKind; filePath: string; options: ImportOptions; key: string },
): Promise<FastifyReply> {
  const claim = claimOf(request, upload.key, { body: { fileSha256: await sha256OfFile(upload.filePath) } });
  try {
    const once = await runImportOnce(upload.ctx, upload.kind, upload.filePath, upload.options, {
      claim,
      answer: (report) => answerOf(reply, 200, report),
    });
    if (once.kind === 'replayed') return sendStored(reply, once.response, true);
    logFinished(request, once.report);
    if (once.response) return sendStored(reply, once.response, false);
    return reply.status(422).send(once.report);
  } catch (error) {
    if (error instanceof IdempotencyRefusal) return sendRefusal(request, reply, error);
    throw error;
  }
}
