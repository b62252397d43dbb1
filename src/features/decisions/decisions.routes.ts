import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const decisionsRoutes: FastifyPluginAsyncZod = async (_app) => {};
