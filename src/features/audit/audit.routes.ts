import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { searchAuditEntries } from './audit.repository';
import { auditPageSchema, auditSearchQuerySchema } from './audit.schemas';

const DAY_MS = 86_400_000;

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
        from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
        to: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
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
