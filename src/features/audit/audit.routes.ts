import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addDays } from '#src/lib/months';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import { errorResponseSchema } from '#src/server/error-schema';
import { searchAuditEntries } from './audit.repository';
import { auditPageSchema, auditSearchQuerySchema } from './audit.schemas';

function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1), timeZone));
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Search the append-only audit log (newest first)',
        querystring: auditSearchQuerySchema,
        response: {
          200: auditPageSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, total } = await searchAuditEntries(app.stores.handle.db, {
        actor: q.actor,
        action: q.action,
        subscriberId: q.subscriberId,
        // Days are business days (Asia/Shanghai by default), as the people searching mean them.
        from: q.from ? dayStart(q.from, app.config.timeZone) : undefined,
        to: q.to ? dayStart(addDays(q.to, 1), app.config.timeZone) : undefined,
        page: q.page,
        pageSize: q.pageSize,
      });
      const items = rows.map((row) => ({
        ...row,
        details: (row.details as Record<string, unknown> | null) ?? null,
      }));
      return { items, page: q.page, pageSize: q.pageSize, total };
    },
  );
};
