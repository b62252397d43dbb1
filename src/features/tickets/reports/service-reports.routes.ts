import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor } from '#src/features/audit/audit.service';
import { actorOf } from '#src/features/auth/authenticate.hook';
import {
  currentServiceSettings,
  type ServiceSettingsInForce,
  saveServiceSettings,
} from '#src/features/service-settings/service-settings.service';
import type { HotSpotSettings } from '#src/features/tickets/hot-spots/find-hot-spots';
import { workOrdersRoutes } from '#src/features/tickets/work-orders/work-orders.routes';
import { errorResponseSchema } from '#src/server/error-schema';
import { getHotSpotCell } from './hot-spot-cell.service';
import { HOT_SPOT_SETTINGS } from './hot-spot-settings';
import { getHotSpots } from './hot-spots.service';
import {
  hotSpotCellQuerySchema,
  hotSpotCellSchema,
  hotSpotSettingsVersionSchema,
  hotSpotsQuerySchema,
  hotSpotsSchema,
  saveHotSpotSettingsBodySchema,
  slaReportQuerySchema,
  slaReportSchema,
} from './service-reports.schemas';
import { getSlaReport } from './sla-report.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };

const settingsView = (s: ServiceSettingsInForce<HotSpotSettings>) => ({
  version: s.version,
  document: s.document,
  createdAt: s.createdAt?.toISOString() ?? null,
});

/**
 * Service quality reports (issue 6 §3, §6): the SLA report, complaint hot spots with drill-down,
 * the hot-spot settings, and (registered from here) the work orders. Aggregates for admins, leads
 * and analysts (service.report): the drill-down lists a cell's tickets with masked names only.
 */
export const serviceReportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const handle = () => app.stores.handle;
  const context = () => ({ timeZone: app.config.timeZone, now: new Date() });

  app.get(
    '/service/sla-report',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['service'],
        summary:
          'On-time rate of the tickets opened in a period (business-zone days) by category, group or level, with Wilson 95% intervals against the 98% target',
        querystring: slaReportQuerySchema,
        response: { 200: slaReportSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => getSlaReport(handle().engine, request.query, context()),
  );

  app.get(
    '/service/hot-spots',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['service'],
        summary:
          "Complaint hot spots of the last N weeks: area × category × week against the area's own baseline, with any work order raised",
        querystring: hotSpotsQuerySchema,
        response: { 200: hotSpotsSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => getHotSpots(handle(), request.query, context()),
  );

  app.get(
    '/service/hot-spots/cell',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['service'],
        summary:
          "One cell: the area × category weekly series against its baseline, and the week's tickets (masked)",
        querystring: hotSpotCellQuerySchema,
        response: { 200: hotSpotCellSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => getHotSpotCell(handle(), request.query, context()),
  );

  app.get(
    '/service-settings/hot-spots',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['service'],
        summary: 'The hot-spot test settings in force (version 0 = built-in defaults)',
        response: { 200: hotSpotSettingsVersionSchema, ...denied },
      },
    },
    async () => settingsView(await currentServiceSettings(handle().db, HOT_SPOT_SETTINGS)),
  );

  app.put(
    '/service-settings/hot-spots',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['service'],
        summary:
          'Save the hot-spot test settings as the next version (400 names each bad field; 409 on a concurrent save)',
        body: saveHotSpotSettingsBodySchema,
        response: {
          200: hotSpotSettingsVersionSchema,
          400: errorResponseSchema,
          ...denied,
          409: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { document } = request.body;
      const note = request.body.note ?? null;
      const db = handle().db;
      const saved = await db.transaction(async (tx) => {
        const stored = await saveServiceSettings(tx, HOT_SPOT_SETTINGS, document, {
          note,
          createdBy: actor.userId,
        });
        await auditActor(tx, actor, {
          action: 'service_settings.hot_spots',
          target: `version ${stored.version}`,
          reason: note,
        });
        return stored;
      });
      return settingsView(saved);
    },
  );

  await app.register(workOrdersRoutes);
};
