import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const planningRoutes: FastifyPluginAsyncZod = async (_app) => {};
