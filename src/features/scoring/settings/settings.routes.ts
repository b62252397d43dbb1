import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import {
  saveSettingsBodySchema,
  settingsVersionListSchema,
  settingsVersionParamsSchema,
  settingsViewSchema,
} from './settings.schemas';
import {
  currentSettings,
  listSettingsVersions,
  type SettingsInForce,
  saveSettings,
  settingsAtVersion,
} from './settings.service';

const view = (s: SettingsInForce) => ({
  version: s.version,
  createdAt: s.createdAt?.toISOString() ?? null,
  settings: s.settings,
});

/** The operator's versioned scoring settings (thresholds of every rule). Prefix /api/scoring. */
export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['scoring'],
        summary: 'The scoring settings in force (version 0 = built-in defaults)',
        response: { 200: settingsViewSchema },
      },
    },
    async () => view(await currentSettings(app.stores.handle.db)),
  );

  app.put(
    '/settings',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['scoring'],
        summary: 'Save a whole settings document as the next version; the next run uses it',
        body: saveSettingsBodySchema,
        response: { 200: settingsViewSchema, 400: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request) =>
      view(
        await saveSettings(app.stores.handle.db, request.body.settings, {
          note: request.body.note ?? null,
          createdBy: null,
        }),
      ),
  );

  app.get(
    '/settings/versions',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['scoring'],
        summary: 'Every saved settings version, newest first',
        response: { 200: settingsVersionListSchema },
      },
    },
    async () => ({
      items: (await listSettingsVersions(app.stores.handle.db)).map((v) => ({
        ...v,
        createdAt: v.createdAt.toISOString(),
      })),
    }),
  );

  app.get(
    '/settings/versions/:version',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['scoring'],
        summary: 'One settings version',
        params: settingsVersionParamsSchema,
        response: { 200: settingsViewSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => view(await settingsAtVersion(app.stores.handle.db, request.params.version)),
  );
};
