import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const serviceReportsRoutes: FastifyPluginAsyncZod = async () => {};
