import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIn } from '#src/lib/time';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { requireSubscriberInScope } from '../subscribers/subscriber-access';
import { subscriberIdParamsSchema } from '../subscribers/subscribers.schemas';
import { getReportJob, reportJobOutput, reportJobView, startBulkReportJob } from './report-jobs.service';
import { renderReportPdf } from './report-pdf';
import {
  bulkReportBodySchema,
  reportJobParamsSchema,
  reportJobSchema,
  reportQuerySchema,
  serviceReportSchema,
} from './service-report.schemas';
import { auditReportGenerated, buildServiceReport } from './service-report.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byId = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema, 409: errorResponseSchema };
// Sent as bytes (Fastify does not serialise a Buffer or stream); the schema only documents it,
// under its own media type so the document does not promise JSON.
const pdfBody = { content: { 'application/pdf': { schema: z.unknown().describe('A PDF document') } } };

/**
 * The quarterly one-to-one service report (DOMAIN.md §8): one subscriber's as JSON for the
 * printable page or as a PDF, and PDFs for a segment as a background job. Prefix /api.
 */
export const subscriberServiceReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const handle = () => app.stores.handle;
  const context = () => ({
    timeZone: app.config.timeZone,
    operator: app.config.operator,
    today: todayIn(app.config.timeZone),
    dataDir: app.config.dataDir,
  });

  app.get(
    '/subscribers/:id/service-report',
    {
      config: { permission: 'reports.generate' },
      schema: {
        tags: ['service-report', 'subscribers'],
        summary: "A subscriber's quarterly one-to-one service report, as the printable page draws it",
        params: subscriberIdParamsSchema,
        querystring: reportQuerySchema,
        response: { 200: serviceReportSchema, ...byId },
      },
    },
    async (request) => {
      const { id } = request.params;
      const actor = actorOf(request);
      await requireSubscriberInScope(handle().db, actor, id, 'service-report');
      const report = await buildServiceReport(handle(), context(), id, request.query);
      await auditReportGenerated(handle(), actor, id, {
        quarter: report.quarter.code,
        lang: report.lang,
        format: 'json',
      });
      return report;
    },
  );

  app.get(
    '/subscribers/:id/service-report.pdf',
    {
      config: { permission: 'reports.generate' },
      schema: {
        tags: ['service-report', 'subscribers'],
        summary: "A subscriber's quarterly one-to-one service report as a PDF (Noto Sans SC embedded)",
        params: subscriberIdParamsSchema,
        querystring: reportQuerySchema,
        response: { 200: pdfBody, ...byId },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const actor = actorOf(request);
      await requireSubscriberInScope(handle().db, actor, id, 'service-report');
      const report = await buildServiceReport(handle(), context(), id, request.query);
      const pdf = await renderReportPdf(report);
      await auditReportGenerated(handle(), actor, id, {
        quarter: report.quarter.code,
        lang: report.lang,
        format: 'pdf',
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="service-report-${id}-${report.quarter.code}.pdf"`)
        .send(pdf);
    },
  );

  app.post(
    '/service-reports/bulk',
    {
      config: { permission: 'reports.generate' },
      schema: {
        tags: ['service-report'],
        summary:
          'Service reports for a segment (admin, lead): one PDF, one subscriber per section; follow the job (limited per user and day: 429)',
        body: bulkReportBodySchema,
        response: {
          202: reportJobSchema,
          400: errorResponseSchema,
          ...denied,
          409: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const limit = { max: app.config.security.exportPerDay, windowMs: 86_400_000 };
      const started = await startBulkReportJob(handle(), context(), actorOf(request), request.body, limit);
      started.finished.catch((error: unknown) =>
        request.log.error({ err: error }, 'service report job failed'),
      );
      return reply.status(202).send(started.job);
    },
  );

  app.get(
    '/service-reports/jobs/:id',
    {
      config: { permission: 'reports.generate' },
      schema: {
        tags: ['service-report'],
        summary: 'A bulk report job: status and progress (its creator or an admin)',
        params: reportJobParamsSchema,
        response: { 200: reportJobSchema, 400: errorResponseSchema, ...denied, 404: errorResponseSchema },
      },
    },
    async (request) => reportJobView(await getReportJob(handle(), actorOf(request), request.params.id)),
  );

  app.get(
    '/service-reports/jobs/:id/file',
    {
      config: { permission: 'reports.generate' },
      schema: {
        tags: ['service-report'],
        summary: "A succeeded bulk job's PDF",
        params: reportJobParamsSchema,
        response: { 200: pdfBody, ...byId },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const path = await reportJobOutput(handle(), actorOf(request), id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="service-reports-job-${id}.pdf"`)
        .send(createReadStream(path));
    },
  );
};
