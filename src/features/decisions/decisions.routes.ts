import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor } from '#src/features/audit/audit.service';
import { actorOf } from '#src/features/auth/authenticate.hook';
import { errorResponseSchema } from '#src/server/error-schema';
import {
  decisionSettingsViewSchema,
  nextBestActionParamsSchema,
  nextBestActionQuerySchema,
  nextBestActionViewSchema,
  pSaveViewSchema,
  saveDecisionSettingsBodySchema,
} from './decisions.schemas';
import {
  currentDecisionSettings,
  type DecisionSettingsInForce,
  estimatePSave,
  saveDecisionSettings,
} from './decisions.service';
import { nextBestActionFor } from './next-best-action.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };

const view = (s: DecisionSettingsInForce) => ({
  version: s.version,
  createdAt: s.createdAt?.toISOString() ?? null,
  settings: s.settings,
});

/** Next-best-action: its versioned levers, the P(save) table, and one subscriber's ranked actions. Prefix /api. */
export const decisionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;

  app.get(
    '/decisions/settings',
    {
      config: { permission: 'decisions.manage' },
      schema: {
        tags: ['decisions'],
        summary: 'The next-best-action settings in force (version 0 = built-in defaults)',
        response: { 200: decisionSettingsViewSchema, ...denied },
      },
    },
    async () => view(await currentDecisionSettings(db())),
  );

  app.put(
    '/decisions/settings',
    {
      config: { permission: 'decisions.manage' },
      schema: {
        tags: ['decisions'],
        summary: 'Save a settings document as the next version (levers left out take their defaults)',
        body: saveDecisionSettingsBodySchema,
        response: {
          200: decisionSettingsViewSchema,
          400: errorResponseSchema,
          ...denied,
          409: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const saved = await saveDecisionSettings(db(), request.body.settings, {
        note: request.body.note ?? null,
        createdBy: actor.userId,
      });
      await auditActor(db(), actor, {
        action: 'decisions.settings',
        target: `version ${saved.version}`,
        reason: request.body.note ?? null,
      });
      return view(saved);
    },
  );

  app.get(
    '/decisions/p-save',
    {
      config: { permission: 'decisions.manage' },
      schema: {
        tags: ['decisions'],
        summary: 'P(save) per action and tier: prior, recorded outcomes and the re-estimate',
        response: { 200: pSaveViewSchema, ...denied },
      },
    },
    async () => {
      const { version, settings } = await currentDecisionSettings(db());
      const estimate = await estimatePSave(db(), settings);
      return {
        settingsVersion: version,
        runId: estimate.runId,
        priorStrength: settings.pSave.priorStrength,
        lookbackDays: settings.pSave.lookbackDays,
        rows: estimate.rows,
      };
    },
  );

  app.get(
    '/subscribers/:id/next-best-action',
    {
      config: { permission: 'subscribers.view' },
      schema: {
        tags: ['decisions'],
        summary: "A subscriber's actions ranked by expected value, with offers, budget and reasons",
        params: nextBestActionParamsSchema,
        querystring: nextBestActionQuerySchema,
        response: {
          200: nextBestActionViewSchema,
          400: errorResponseSchema,
          ...denied,
          404: errorResponseSchema,
        },
      },
    },
    async (request) =>
      nextBestActionFor(db(), actorOf(request), request.params.id, {
        locale: request.query.lang,
        timeZone: app.config.timeZone,
      }),
  );
};
