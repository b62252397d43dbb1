import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const scriptsRoutes: FastifyPluginAsyncZod = async (_app) => {};
