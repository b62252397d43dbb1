import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '#src/lib/app-error';
import { errorResponseSchema } from '#src/server/error-schema';
import { importParamsSchema, importQuerySchema, importReportSchema } from './ingest.schemas';
import { runImport } from './ingest.service';

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
          'Upload a CSV file (multipart field "file") and import it; nothing is written if any row is bad',
        consumes: ['multipart/form-data'],
        params: importParamsSchema,
        querystring: importQuerySchema,
        response: {
          200: importReportSchema,
          400: errorResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
          422: importReportSchema,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError('UNSUPPORTED_FILE', 'Send the CSV as multipart/form-data in a field named "file"');
      }
      const part = await request.file();
      if (part?.fieldname !== 'file') {
        throw new AppError('VALIDATION_FAILED', 'No file in the multipart field "file"');
      }
      // The upload is spooled to disk so importers stream it like any local file.
      const uploadDir = join(app.config.dataDir, 'uploads', String(request.id));
      await mkdir(uploadDir, { recursive: true });
      const filePath = join(uploadDir, `${request.params.kind}.csv`);
      try {
        await pipeline(part.file, createWriteStream(filePath));
        if (part.file.truncated)
          throw new AppError('VALIDATION_FAILED', 'The file is larger than the upload limit');
        const report = await runImport(
          { handle: app.stores.handle, usage: app.stores.usage, timeZone: app.config.timeZone },
          request.params.kind,
          filePath,
          { skipBad: request.query.skipBad, encoding: request.query.encoding },
        );
        request.log.info(
          {
            kind: report.kind,
            status: report.status,
            rowsLoaded: report.rowsLoaded,
            errorCount: report.errorCount,
          },
          'import finished',
        );
        return reply.status(report.status === 'committed' ? 200 : 422).send(report);
      } finally {
        await rm(uploadDir, { recursive: true, force: true });
      }
    },
  );
};
