import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import {
  lintBodySchema,
  lintResultSchema,
  saveScriptBodySchema,
  scriptCodeParamsSchema,
  scriptDetailSchema,
  scriptLangQuerySchema,
  scriptListSchema,
} from './scripts.schemas';
import { getScript, lintDraft, listScripts, saveScript } from './scripts.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };

/** Call scripts: the catalogue, the editor's save (gated by the forbidden-phrase lint) and live lint. */
export const scriptsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;

  app.get(
    '/scripts',
    {
      config: { permission: 'catalogue.read' },
      schema: {
        tags: ['scripts'],
        summary: 'Every call script: scenario, titles, version; plus the placeholders and objection triggers',
        response: { 200: scriptListSchema, ...denied },
      },
    },
    async () => listScripts(db()),
  );

  app.post(
    '/scripts/lint',
    {
      config: { permission: 'catalogue.read' },
      schema: {
        tags: ['scripts'],
        summary:
          'Check a text (e.g. a call note) or a script draft for forbidden phrases and unknown placeholders',
        body: lintBodySchema,
        response: { 200: lintResultSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => lintDraft(request.body),
  );

  app.get(
    '/scripts/:code',
    {
      config: { permission: 'catalogue.read' },
      schema: {
        tags: ['scripts'],
        summary: 'One call script in the requested language, with every language for the editor',
        params: scriptCodeParamsSchema,
        querystring: scriptLangQuerySchema,
        response: { 200: scriptDetailSchema, 400: errorResponseSchema, ...denied, 404: errorResponseSchema },
      },
    },
    async (request) => getScript(db(), request.params.code, request.query.lang),
  );

  app.put(
    '/scripts/:code',
    {
      config: { permission: 'catalogue.manage' },
      schema: {
        tags: ['scripts'],
        summary:
          'Save a script as its next version (audited); refused with the findings while a forbidden phrase is in it',
        params: scriptCodeParamsSchema,
        querystring: scriptLangQuerySchema,
        body: saveScriptBodySchema,
        response: {
          200: scriptDetailSchema,
          400: errorResponseSchema,
          ...denied,
          404: errorResponseSchema,
          409: errorResponseSchema,
        },
      },
    },
    async (request) =>
      saveScript(db(), actorOf(request), request.params.code, request.body, request.query.lang),
  );
};
