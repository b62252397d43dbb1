import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '#src/lib/app-error';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { teamFilterOf, teamScopeOf } from '../targets/target-scope';
import {
  dailySummaryQuerySchema,
  dailySummarySchema,
  summaryFileParamsSchema,
  summaryFilesQuerySchema,
  summaryFilesSchema,
} from './daily-summary.schemas';
import { dailySummaryFor } from './daily-summary.service';
import { dailySummaryCsv } from './daily-summary-csv';
import { listSummaryFiles, summaryFilePath } from './daily-summary-files';

// Sent as text/csv; declared so, not as a JSON string.
const csvBody = { content: { 'text/csv': { schema: z.string().describe('CSV, UTF-8 with BOM') } } };

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

/** `attachment` with an ASCII name and, for the team's own name, the RFC 5987 UTF-8 form. */
function attachment(teamId: number, teamName: string, date: string): string {
  const utf8 = encodeURIComponent(`daily-summary-${teamName}-${date}.csv`);
  return `attachment; filename=daily-summary-${teamId}-${date}.csv; filename*=UTF-8''${utf8}`;
}

/**
 * The team lead's daily summary (yesterday's results, today's plan, targets) as a page and as a
 * CSV, and the CSVs the morning job wrote. Leads: their own team; admins and analysts: any team.
 */
export const dailySummaryRoutes: FastifyPluginAsyncZod = async (app) => {
  const clock = () => ({ timeZone: app.config.timeZone, now: new Date() });

  app.get(
    '/daily-summary',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['targets'],
        summary:
          "A team's daily summary: yesterday's results by agent, today's plan, targets and today's goals",
        querystring: dailySummaryQuerySchema,
        response: { 200: dailySummarySchema, ...errors },
      },
    },
    async (request) => dailySummaryFor(app.stores.handle, actorOf(request), request.query, clock()),
  );

  app.get(
    '/daily-summary.csv',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['targets'],
        summary: 'The daily summary as a CSV download (UTF-8 with BOM for Excel)',
        querystring: dailySummaryQuerySchema,
        response: { 200: csvBody, ...errors },
      },
    },
    async (request, reply) => {
      const summary = await dailySummaryFor(app.stores.handle, actorOf(request), request.query, clock());
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(summary.teamId, summary.teamName, summary.date))
        .send(dailySummaryCsv(summary, request.query.lang));
    },
  );

  app.get(
    '/daily-summary/files',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['targets'],
        summary: 'The summaries the morning job wrote, newest first (leads: their team)',
        querystring: summaryFilesQuerySchema,
        response: { 200: summaryFilesSchema, ...errors },
      },
    },
    async (request) => {
      const team = teamFilterOf(teamScopeOf(actorOf(request)), request.query.teamId);
      if (team === 'none') return { items: [] };
      return { items: await listSummaryFiles(app.config.dataDir, team) };
    },
  );

  app.get(
    '/daily-summary/files/:date/:file',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['targets'],
        summary: 'Download one written summary (leads: their team only)',
        params: summaryFileParamsSchema,
        response: { 200: csvBody, ...errors },
      },
    },
    async (request, reply) => {
      const teamId = Number(request.params.file.replace('.csv', ''));
      const scope = teamScopeOf(actorOf(request));
      if (scope.kind === 'none' || (scope.kind === 'team' && scope.teamId !== teamId)) {
        throw new AppError('FORBIDDEN', "A team lead reads only their own team's summaries");
      }
      let text: string;
      try {
        text = await readFile(summaryFilePath(app.config.dataDir, request.params.date, teamId), 'utf8');
      } catch {
        throw notFound('Daily summary file');
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename=daily-summary-${teamId}-${request.params.date}.csv`,
        )
        .send(text);
    },
  );
};
