import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const revisitsRoutes: FastifyPluginAsyncZod = async () => {};
